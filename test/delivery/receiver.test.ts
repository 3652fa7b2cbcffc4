import * as http from 'node:http';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { CONTRACTS, deliver, signBody, startReceiver, type Receiver, type ReceiverOptions } from '../../scripts/lib/delivery';
import { KEPT_BODIES } from '../../scripts/lib/delivery/receiver';
import { rawRequest } from './servers';

const SECRET = 'rcv-s3cret';
let receiver: Receiver | undefined;

async function start(options: ReceiverOptions = {}): Promise<Receiver> {
  receiver = await startReceiver(options);
  return receiver;
}

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const json = { 'Content-Type': 'application/json' };

/** Posts with a declared Content-Length, as fetch and LaunchDarkly do. */
function post(body: string, headers: Record<string, string> = json, path = '/hook') {
  return rawRequest(`${receiver!.url}${path}`, { headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }, chunks: [body] });
}

describe('startReceiver', () => {
  it('listens on a free loopback port and accepts a JSON body with 204', async () => {
    const r = await start();
    expect(r.url).toBe(`http://127.0.0.1:${r.port}`);
    expect(r.port).toBeGreaterThan(0);
    const answer = await post('{"a":1}');
    expect(answer.status).toBe(204);
    expect(r.received()).toEqual([
      expect.objectContaining({ seq: 1, method: 'POST', path: '/hook', body: { a: 1 }, status: 204, reason: 'accepted', bytes: 7, problems: [] }),
    ]);
    expect(r.received()[0]!.headers).toContainEqual({ name: 'Content-Type', value: 'application/json' });
  });

  it('reports a port already in use as a rejected start', async () => {
    const r = await start();
    await expect(startReceiver({ port: r.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  describe('with a secret', () => {
    const body = '{"kind":"flag","date":1}';

    it('answers 401 to a missing signature, before parsing (even malformed JSON)', async () => {
      const r = await start({ secret: SECRET });
      expect((await post(body)).status).toBe(401);
      const malformed = await post('{not json');
      expect(malformed.status).toBe(401);
      expect(r.requests().map((q) => q.reason)).toEqual(['missing signature (X-LD-Signature header)', 'missing signature (X-LD-Signature header)']);
      expect(r.received()).toEqual([]);
    });

    it('answers 401 to a wrong or garbage signature and 204 to the right one', async () => {
      const r = await start({ secret: SECRET });
      expect((await post(body, { ...json, 'X-LD-Signature': signBody(body, 'other') })).status).toBe(401);
      expect((await post(body, { ...json, 'X-LD-Signature': 'zz' })).status).toBe(401);
      expect((await post(body, { ...json, 'X-LD-Signature': signBody(body + ' ', SECRET) })).status).toBe(401);
      expect((await post(body, { ...json, 'x-ld-signature': signBody(body, SECRET) })).status).toBe(204);
      const mismatch = 'signature mismatch: not the HMAC-SHA256 of the body with --secret (the sender signs with another secret, or the body changed on the way)';
      const garbage = 'signature mismatch: the X-LD-Signature value is not 64 hex digits, the form LaunchDarkly sends an HMAC-SHA256 in (no prefix such as sha256=, no base64)';
      expect(r.requests().map((q) => [q.status, q.reason])).toEqual([
        [401, mismatch],
        [401, garbage],
        [401, mismatch],
        [204, 'accepted'],
      ]);
    });

    it('says a request holds the signature header twice, rather than that its value is malformed, and refuses it even when both are right', async () => {
      const r = await start({ secret: SECRET });
      const signature = signBody(body, SECRET);
      const answer = await new Promise<string>((resolve) => {
        let got = '';
        const socket = net.connect(r.port, '127.0.0.1', () =>
          socket.write(`POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-LD-Signature: ${signature}\r\nx-ld-signature: ${signature}\r\nContent-Length: ${body.length}\r\n\r\n${body}`),
        );
        socket.on('data', (chunk) => (got += chunk));
        socket.on('close', () => resolve(got));
      });
      expect(answer).toMatch(/^HTTP\/1\.1 401 /);
      expect(r.requests().map((q) => q.reason)).toEqual(['signature mismatch: 2 X-LD-Signature headers, where LaunchDarkly sends one']);
    });

    it('says a signature in another form is one, rather than blame the secret or the body', async () => {
      const r = await start({ secret: SECRET });
      const prefixed = await post(body, { ...json, 'X-LD-Signature': `sha256=${signBody(body, SECRET)}` });
      expect([prefixed.status, prefixed.text]).toEqual([401, '{"message":"signature mismatch"}']);
      expect(r.requests()[0]!.reason).toMatch(/^signature mismatch: the X-LD-Signature value is not 64 hex digits, /);
    });

    it('names the header a request signs in when it is not the one checked, and the --header that reads it', async () => {
      const r = await start({ secret: SECRET });
      const answer = await post(body, { ...json, 'X-Acme-Signature': signBody(body, SECRET) });
      expect(answer.status).toBe(401);
      expect(answer.text).toBe('{"message":"missing signature"}');
      expect(r.requests()[0]!.reason).toBe('missing signature (X-LD-Signature header); it has X-Acme-Signature: receive --header X-Acme-Signature checks that one');
      // A headerName may be any name: a value of a signature's form tells it too.
      await post(body, { ...json, 'X-Acme-Check': signBody(body, SECRET), 'X-Request-Id': 'req-1' });
      expect(r.requests()[1]!.reason).toBe('missing signature (X-LD-Signature header); it has X-Acme-Check: receive --header X-Acme-Check checks that one');
    });

    it('masks the signature and the secret everywhere it records', async () => {
      const r = await start({ secret: SECRET, secrets: ['tok-123'] });
      const signed = `{"note":"${SECRET} tok-123","tok-123":true}`;
      // A copy of the signature in a header whose name does not say so (a manifest's headerName may be any name).
      const check = { 'X-Acme-Check': `sha256=${signBody(signed, SECRET)}` };
      await post(signed, { ...json, 'X-LD-Signature': signBody(signed, SECRET), Authorization: `Bearer ${SECRET}`, 'X-Token': 'tok-123', ...check }, `/hook/tok-123?k=${SECRET}`);
      await post(signed, { ...json, 'X-LD-Signature': 'bad' });
      const [accepted, rejected] = r.requests();
      expect(accepted!.status).toBe(204);
      expect(accepted!.path).toBe('/hook/****?k=****');
      expect(accepted!.headers).toEqual(
        expect.arrayContaining([
          { name: 'X-LD-Signature', value: '****' },
          { name: 'Authorization', value: 'Bearer ****' },
          { name: 'X-Token', value: '****' },
          { name: 'X-Acme-Check', value: '****' },
        ]),
      );
      // Keys too: a body may name things by a secret.
      expect(accepted!.body).toEqual({ note: '**** ****', '****': true });
      const recorded = JSON.stringify(r.requests());
      expect(recorded).not.toContain(SECRET);
      expect(recorded).not.toContain('tok-123');
      expect(recorded).not.toContain(signBody(signed, SECRET));
      expect(rejected!.headers).toContainEqual({ name: 'X-LD-Signature', value: '****' });
    });
  });

  it('masks a secret in the path written with its unreserved characters percent-encoded', async () => {
    const r = await start({ secrets: ['tok-123456'] });
    await post('{}', json, '/hook/%74ok-%31%323456?k=1');
    expect(r.requests()[0]!.path).toBe('/hook/****?k=1');
  });

  it('records credential headers masked, no secret given, so no one reading the record sees them', async () => {
    const r = await start();
    await post('{}', { ...json, Authorization: 'Bearer abc123', 'X-Api-Key': 'k-456', 'X-Who': 'ops' });
    expect(r.requests()[0]!.headers).toEqual(
      expect.arrayContaining([
        { name: 'Authorization', value: 'Bearer ****' },
        { name: 'X-Api-Key', value: '****' },
        { name: 'X-Who', value: 'ops' },
      ]),
    );
    expect(JSON.stringify(r.requests())).not.toMatch(/abc123|k-456/);
  });

  it('reads header values as the UTF-8 bytes senders write, so non-ASCII secrets are masked too', async () => {
    const r = await start({ secrets: ['pässwörd'] });
    const sent = await deliver({
      method: 'POST',
      url: `${r.url}/hook`,
      headers: [...Object.entries(json).map(([name, value]) => ({ name, value })), { name: 'X-Token', value: 'pässwörd' }, { name: 'X-Who', value: 'Zoë 🎟' }],
      body: '{}',
    });
    expect(sent.delivered).toBe(true);
    expect(r.received()[0]!.headers).toEqual(expect.arrayContaining([{ name: 'X-Token', value: '****' }, { name: 'X-Who', value: 'Zoë 🎟' }]));
    // Bytes that are not UTF-8 (Latin-1 from another sender) are kept as Node read them, and still masked.
    // The body goes as a Buffer: with a string body, Node's client would write the headers as UTF-8 too.
    const latin1 = await rawRequest(`${r.url}/hook`, { headers: { ...json, 'Content-Length': '2', 'X-Token': 'pässwörd', 'X-Who': 'café' }, chunks: [Buffer.from('{}')] });
    expect(latin1.status).toBe(204);
    expect(r.received()[1]!.headers).toEqual(expect.arrayContaining([{ name: 'X-Token', value: '****' }, { name: 'X-Who', value: 'café' }]));
  });

  describe('body size', () => {
    it('answers 413 to a declared length over the limit without reading the body', async () => {
      const r = await start({ maxBodyBytes: 1024 });
      const answer = await post('x'.repeat(2000), { 'Content-Type': 'text/plain' });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.text)).toEqual({ message: 'request body larger than 1024 bytes' });
      expect(r.requests()[0]).toMatchObject({ status: 413, reason: 'body over 1024 bytes', body: undefined, bytes: 0 });
    });

    it('answers 413 to a chunked body once it passes the limit', async () => {
      const r = await start({ maxBodyBytes: 1024 });
      // No Content-Length: Node's client sends it chunked, so the limit is only found while reading.
      const answer = await rawRequest(`${r.url}/`, { headers: { 'Content-Type': 'text/plain' }, chunks: ['a'.repeat(600), 'b'.repeat(600), 'c'.repeat(600)] });
      expect(answer.status).toBe(413);
      expect(r.requests()[0]!.bytes).toBeGreaterThan(1024);
      expect(r.requests()[0]!.bytes).toBeLessThan(1800);
    });

    it('accepts a body of exactly the limit', async () => {
      await start({ maxBodyBytes: 16 });
      expect((await post('a'.repeat(16), { 'Content-Type': 'text/plain' })).status).toBe(204);
    });

    it('counts a chunked body to the byte: the limit passes, one byte more is 413', async () => {
      const r = await start({ maxBodyBytes: 16 });
      const text = { 'Content-Type': 'text/plain' };
      expect((await rawRequest(`${r.url}/`, { headers: text, chunks: ['a'.repeat(8), 'b'.repeat(8)] })).status).toBe(204);
      expect((await rawRequest(`${r.url}/`, { headers: text, chunks: ['a'.repeat(16), 'b'] })).status).toBe(413);
      expect(r.requests().map((q) => [q.status, q.bytes])).toEqual([
        [204, 16],
        [413, 17],
      ]);
    });

    it('asks the client to close the connection after a 413, so the rest of the body is not read', async () => {
      await start({ maxBodyBytes: 16 });
      const answer = await post('x'.repeat(100), { 'Content-Type': 'text/plain' });
      expect(answer.status).toBe(413);
      expect(answer.headers.connection).toBe('close');
    });
  });

  describe('parsing', () => {
    it('answers 400 with a JSON error to malformed JSON, declared or recognisable', async () => {
      const r = await start();
      const declared = await post('{"a":', json);
      expect(declared.status).toBe(400);
      expect(declared.headers['content-type']).toBe('application/json');
      expect(JSON.parse(declared.text).message).toMatch(/^malformed JSON at line 1, column 6: /);
      expect((await post('{"a":', {})).status).toBe(400);
      expect((await post('', { 'Content-Type': 'application/vnd.api+json; charset=utf-8' })).status).toBe(400);
      expect(r.requests().map((q) => q.body)).toEqual(['{"a":', '{"a":', '']);
    });

    it('answers 400 to JSON nested too deeply to handle, and keeps serving', async () => {
      const r = await start();
      const deep = await post('['.repeat(3000) + ']'.repeat(3000), json);
      expect(deep.status).toBe(400);
      expect(JSON.parse(deep.text).message).toMatch(/nests more than 200 levels deep/);
      expect((await post('{"ok": true}', json)).status).toBe(204);
      expect(r.requests()).toHaveLength(2);
    });

    it('reads text/json as declared JSON, and a media type that only starts like JSON as text', async () => {
      const r = await start();
      expect((await post('{"a":', { 'Content-Type': 'text/json' })).status).toBe(400);
      expect((await post('{"a":', { 'Content-Type': 'application/jsonlines' })).status).toBe(204);
      expect(r.requests().map((q) => [q.status, q.body])).toEqual([
        [400, '{"a":'],
        [204, '{"a":'],
      ]);
    });

    it('reads a JSON body that starts with a byte order mark', async () => {
      const r = await start();
      expect((await post('\uFEFF{"a": 1}', json)).status).toBe(204);
      expect(r.requests()[0]!.body).toEqual({ a: 1 });
    });

    it('accepts text under a text content type, parsing it when it is JSON after all', async () => {
      const r = await start();
      expect((await post('hello *world*', { 'Content-Type': 'text/plain' })).status).toBe(204);
      expect((await post('{broken', { 'Content-Type': 'text/plain' })).status).toBe(204);
      expect((await post('{"date":5}', { 'Content-Type': 'text/plain' })).status).toBe(204);
      expect(r.requests().map((q) => q.body)).toEqual(['hello *world*', '{broken', { date: 5 }]);
    });
  });

  it('fails the first N requests with 500, then accepts; a sender retrying once gets through', async () => {
    const r = await start({ failFirst: 2 });
    expect((await post('{"n":1}')).status).toBe(500);
    expect((await post('{"n":2}')).status).toBe(500);
    expect((await post('{"n":3}')).status).toBe(204);
    expect(r.requests().map((q) => q.reason)).toEqual(['failing on purpose (1 of 2)', 'failing on purpose (2 of 2)', 'accepted']);
    expect(r.received().map((q) => q.body)).toEqual([{ n: 3 }]);
    await r.close();

    const once = await start({ failFirst: 1 });
    const result = await deliver({ method: 'POST', url: once.url, headers: [], body: '{"n":1}' });
    expect(result.attempts.map((a) => a.status)).toEqual([500, 204]);
    expect(result.delivered).toBe(true);
  });

  it('records the parsed body of a request failed on purpose', async () => {
    const r = await start({ failFirst: 1 });
    expect((await post('{"n":1}')).status).toBe(500);
    expect(r.requests()[0]).toMatchObject({ status: 500, body: { n: 1 } });
  });

  it('masks secrets inside arrays, parse errors and contract problems', async () => {
    // A contract whose problem quotes the body, as a real one may.
    const quoting = {
      method: 'POST',
      mediaType: 'application/json',
      body: (body: unknown) => [`unexpected body ${JSON.stringify(body)}`],
      rejected: (problems: string[]) => ({ refused: problems.length }),
    };
    const r = await start({ secrets: ['tok-123456'], contract: quoting });
    // The 400 answer is the contract's own.
    expect(JSON.parse((await post(JSON.stringify({ embeds: [{ title: 'tok-123456' }], tags: ['tok-123456', ['tok-123456']] }))).text)).toEqual({ refused: 1 });
    await post('{"tok-123456": tok-123456', json);
    const [contract, malformed] = r.requests();
    expect(contract!.status).toBe(400);
    expect(contract!.body).toEqual({ embeds: [{ title: '****' }], tags: ['****', ['****']] });
    expect(contract!.problems).toEqual([expect.stringMatching(/^unexpected body .*\*\*\*\*/)]);
    expect(malformed!.status).toBe(400);
    expect(malformed!.reason).toMatch(/^malformed JSON at line 1, column \d+: /);
    expect(JSON.stringify(r.requests())).not.toContain('tok-123456');
  });

  it('masks a secret a JSON body holds as a number (one past 2^53, or written 1.50, too) or a literal', async () => {
    const r = await start({ secrets: ['987654321', '123456789012345678901', '1.50', 'true'] });
    await post('{"id": 987654321, "snowflake": 123456789012345678901, "count": 98765432, "ids": [987654321], "price": 1.50, "flag": true, "off": false}');
    expect(r.received()[0]!.body).toEqual({ id: '****', snowflake: '****', count: 98765432, ids: ['****'], price: '****', flag: '****', off: false });
  });

  it('numbers requests as they arrive, however many are in flight at once', async () => {
    const r = await start();
    // Each sends its headers, then its body once all three have arrived: none is answered before the others start.
    const bodies = ['{"n":0}', '{"n":1}', '{"n":2}'];
    const requests = bodies.map((body, n) => {
      const req = http.request(`${r.url}/r${n}`, { method: 'POST', headers: { ...json, 'Content-Length': String(body.length) } });
      req.flushHeaders();
      return { req, answered: new Promise<void>((resolve, reject) => req.on('response', (res) => res.resume().on('end', resolve)).on('error', reject)) };
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The last to arrive is the first answered.
    for (const n of [2, 1, 0]) {
      requests[n].req.end(bodies[n]);
      await requests[n].answered;
    }
    expect(r.requests().map((request) => request.seq)).toEqual([3, 2, 1]);
    // Undated events are listed in the order they came.
    expect(r.received().map((request) => request.seq)).toEqual([1, 2, 3]);
  });

  it('keeps the bodies of the latest requests only, after showing each: one left running does not hold every body for ever', async () => {
    const shown: unknown[] = [];
    const r = await start({ onRequest: (request) => shown.push(request.body) });
    for (let n = 0; n < KEPT_BODIES + 2; n++) await post(`{"n":${n}}`);
    expect(shown).toHaveLength(KEPT_BODIES + 2);
    expect(shown[0]).toEqual({ n: 0 });
    const all = r.requests();
    expect(all).toHaveLength(KEPT_BODIES + 2);
    expect(all.slice(0, 2).map((request) => [request.body, request.bodyLetGo, request.bytes])).toEqual([
      [undefined, true, 7],
      [undefined, true, 7],
    ]);
    expect(all[2]).toMatchObject({ body: { n: 2 } });
    expect(all[2].bodyLetGo).toBeUndefined();
    expect(r.received()).toHaveLength(KEPT_BODIES + 2);
  });

  it('does not count badly signed requests towards failFirst', async () => {
    const r = await start({ secret: SECRET, failFirst: 1 });
    const body = '{}';
    expect((await post(body)).status).toBe(401);
    expect((await post(body, { ...json, 'X-LD-Signature': signBody(body, SECRET) })).status).toBe(500);
    expect((await post(body, { ...json, 'X-LD-Signature': signBody(body, SECRET) })).status).toBe(204);
    expect(r.requests()).toHaveLength(3);
  });

  describe('with the Discord contract', () => {
    it('answers 400 naming the offending fields, like Discord', async () => {
      const r = await start({ contract: CONTRACTS.discord });
      const body = { content: '', embeds: [{ title: 't', color: 'red', fields: [{ name: 'n', value: 'v'.repeat(1500) }] }] };
      const answer = await post(JSON.stringify(body));
      expect(answer.status).toBe(400);
      const error = JSON.parse(answer.text) as { message: string; code: number; errors: string[] };
      expect(error).toMatchObject({ message: 'Invalid Form Body', code: 50035 });
      expect(error.errors).toEqual(
        expect.arrayContaining(['embeds[0].color must be a whole number', 'embeds[0].fields[0].value must be at most 1024 characters (it has 1500)']),
      );
      expect(r.requests()[0]!.problems).toEqual(error.errors);
      expect(r.received()).toEqual([]);
    });

    it('answers 204 to a valid message and rejects a body that is not a JSON object', async () => {
      const r = await start({ contract: CONTRACTS.discord });
      expect((await post(JSON.stringify({ content: 'flag changed', allowed_mentions: { parse: [] } }))).status).toBe(204);
      const text = await post('"hi"');
      expect(text.status).toBe(400);
      expect(JSON.parse(text.text).errors).toEqual(['body must be a JSON object']);
      expect(r.received()).toHaveLength(1);
    });

    it('answers ?wait=true with 200 and the created message, as Discord does', async () => {
      const r = await start({ contract: CONTRACTS.discord });
      const message = { content: 'flag changed', embeds: [{ title: 'Berth allocation v2' }], username: 'LaunchDarkly' };
      const waited = await post(JSON.stringify(message), json, '/hook?thread_id=7&wait=true');
      expect(waited.status).toBe(200);
      expect(JSON.parse(waited.text)).toEqual({ id: '1', type: 0, content: 'flag changed', embeds: [{ title: 'Berth allocation v2' }] });
      // An embed-only message has empty content; without wait (or with wait=false) the answer is 204 and empty.
      const embedOnly = await post(JSON.stringify({ embeds: [{ title: 't' }] }), json, '/hook?wait=true');
      expect(JSON.parse(embedOnly.text)).toMatchObject({ id: '2', content: '' });
      for (const path of ['/hook', '/hook?wait=false']) {
        const plain = await post(JSON.stringify(message), json, path);
        expect(plain.status).toBe(204);
        expect(plain.text).toBe('');
      }
      expect(r.received().map((request) => request.status)).toEqual([200, 200, 204, 204]);
    });

    it('takes only what executing a Discord webhook is: a POST of application/json', async () => {
      const r = await start({ contract: CONTRACTS.discord });
      const message = JSON.stringify({ content: 'flag changed' });
      const length = { 'Content-Length': String(Buffer.byteLength(message)) };
      const put = await rawRequest(`${r.url}/hook`, { method: 'PUT', headers: { ...json, ...length }, chunks: [message] });
      expect(put.status).toBe(405);
      expect(r.requests()[0]!.reason).toBe('contract: takes POST, not PUT');
      expect((await post(message, { 'Content-Type': 'text/plain' })).status).toBe(400);
      expect(r.requests()[1]!.reason).toBe('contract: reads the body as application/json, not text/plain');
      expect((await post(message, { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(204);
      expect(r.received()).toHaveLength(1);
      // Media types are case-insensitive; a body without one is named as such.
      expect((await post(message, { 'Content-Type': 'Application/JSON' })).status).toBe(204);
      expect((await post(message, {})).status).toBe(400);
      expect(r.requests()[4]!.reason).toBe('contract: reads the body as application/json, not a body without a Content-Type');
    });

    it('answers a wrong method or media type as such whatever the body, which is read only after them', async () => {
      const r = await start({ contract: CONTRACTS.discord });
      // The manifest's headers go with every method: a GET declares JSON it does not send.
      expect((await rawRequest(`${r.url}/hook`, { method: 'GET', headers: json })).status).toBe(405);
      expect((await rawRequest(`${r.url}/hook`, { method: 'PUT', headers: json, chunks: ['{"content": '] })).status).toBe(405);
      expect((await post('{"content": ', {})).status).toBe(400);
      expect(r.requests().map((request) => [request.status, request.reason, request.body])).toEqual([
        [405, 'contract: takes POST, not GET', ''],
        [405, 'contract: takes POST, not PUT', '{"content": '],
        [400, 'contract: reads the body as application/json, not a body without a Content-Type', '{"content": '],
      ]);
    });

    it('answers 500 rather than crashing when a contract throws', async () => {
      await start({
        contract: {
          method: 'POST',
          mediaType: 'application/json',
          body: () => {
            throw new Error('boom');
          },
          rejected: () => ({}),
        },
      });
      expect((await post('{}')).status).toBe(500);
      expect((await post('{}')).status).toBe(500);
    });
  });

  it('answers 500 and keeps serving when what it does with an accepted body throws', async () => {
    const r = await start({
      contract: {
        method: 'POST',
        mediaType: 'application/json',
        body: () => [],
        rejected: () => ({}),
        accepted: () => {
          throw new Error('no reply today');
        },
      },
    });
    expect((await post('{}')).status).toBe(500);
    expect(r.requests()[0]).toMatchObject({ status: 500, reason: 'receiver failed: no reply today' });
    expect((await post('{}')).status).toBe(500);
  });

  it('never takes a body over 16 MiB, whatever limit it is given: a body is shown as one string', async () => {
    const r = await start({ maxBodyBytes: Number.MAX_SAFE_INTEGER });
    // A declared length over the cap is refused unread.
    const answer = await rawRequest(`${r.url}/hook`, { headers: { ...json, 'Content-Length': String(16 * 1024 * 1024 + 1) }, chunks: [] }).catch(() => undefined);
    expect(r.requests()[0]).toMatchObject({ status: 413, reason: `body over ${16 * 1024 * 1024} bytes` });
    expect(answer?.status ?? 413).toBe(413);
  });

  it('orders accepted events by their date whatever the arrival order; undated ones last', async () => {
    const r = await start();
    const bodies = [
      { id: 'd3', date: 3000 },
      { id: 'undated-1' },
      { id: 'm1', timestamp: { milliseconds: 1000 } },
      { id: 'iso5', timestamp: '1970-01-01T00:00:05.000Z' },
      { id: 'n2', timestamp: 2000 },
      { id: 'discord4', embeds: [{ title: 't', timestamp: '1970-01-01T00:00:04Z' }] },
      { id: 'undated-2', timestamp: 'not a date' },
      { id: 'd0', date: 0 },
    ];
    for (const body of bodies) expect((await post(JSON.stringify(body))).status).toBe(204);
    await post('{"id":"rejected","date":-1', json);
    const ordered = r.received();
    expect(ordered.map((q) => (q.body as { id: string }).id)).toEqual(['d0', 'm1', 'n2', 'd3', 'discord4', 'iso5', 'undated-1', 'undated-2']);
    expect(ordered.map((q) => q.date)).toEqual([0, 1000, 2000, 3000, 4000, 5000, undefined, undefined]);
    expect(r.requests().map((q) => q.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('answers 408 to a body that stalls, and keeps serving', async () => {
    const r = await start({ requestTimeoutMs: 200 });
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${r.url}/`, { method: 'POST', headers: { 'Content-Length': '100' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('only ten b');
    });
    expect(status).toBe(408);
    expect(r.requests()[0]).toMatchObject({ status: 408, reason: 'body not complete after 200 ms' });
    expect((await post('{}')).status).toBe(204);
  });

  it('survives a client that disconnects mid-body, garbage on the socket and a throwing observer', async () => {
    const r = await start({
      onRequest: () => {
        throw new Error('observer bug');
      },
    });
    await new Promise<void>((resolve) => {
      const socket = net.connect(r.port, '127.0.0.1', () => {
        socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\npartial');
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
      socket.on('error', () => undefined);
    });
    const answered = await new Promise<string>((resolve) => {
      let got = '';
      const socket = net.connect(r.port, '127.0.0.1', () => socket.write('\u0000\u0001 NOT HTTP AT ALL\r\n\r\n'));
      socket.on('data', (chunk) => (got += chunk));
      socket.on('close', () => resolve(got));
      socket.on('error', () => resolve(got));
    });
    expect((await post('{"still":"alive"}')).status).toBe(204);
    // What is no HTTP is answered 400 and shown, not dropped unseen; the client that left mid-body (#1) needs no answer.
    expect(answered).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(r.requests().map((q) => [q.seq, q.status, q.reason, q.body, q.bytes])).toEqual([
      [2, 400, 'not an HTTP request it can read: Invalid method encountered (HPE_INVALID_METHOD)', '\u0000\u0001 NOT HTTP AT ALL\r\n\r\n', 22],
      [3, 204, 'accepted', { still: 'alive' }, 17],
    ]);
  });

  it('says a client speaks TLS to it, an https:// url for its http:// one, rather than show the handshake as an unreadable request', async () => {
    const r = await start();
    await new Promise<void>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port: r.port, rejectUnauthorized: false });
      socket.on('error', () => resolve());
      socket.on('close', () => resolve());
    });
    expect(r.requests().map((q) => [q.status, q.reason, q.body])).toEqual([
      [400, 'a TLS handshake, not an HTTP request: the sender uses an https:// url, and this receiver speaks plain http (send to http://)', undefined],
    ]);
  });

  it('closes promptly with a request still hanging, and close() can be called twice', async () => {
    const r = await start();
    const socket = net.connect(r.port, '127.0.0.1', () => socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n'));
    socket.on('error', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A close that waited for the hanging request would never return: the test's timeout fails it.
    await Promise.all([r.close(), r.close()]);
    socket.destroy();
  });
});
