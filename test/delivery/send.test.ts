import { deliver, describeNetworkError, signRequest, startReceiver, verifySignature, whyUnsendable, type DeliveryAttempt, type Receiver } from '../../scripts/lib/delivery';
import type { HttpRequest } from '../../scripts/lib/render/http-request';
import { closedPort, closeTestServers, testServer } from './servers';

const BODY = '{"kind":"flag","date":1472243938774,"note":"café ✓"}';

function request(url: string, overrides: Partial<HttpRequest> = {}): HttpRequest {
  return { method: 'POST', url, headers: [{ name: 'Content-Type', value: 'application/json' }], body: BODY, ...overrides };
}

let receiver: Receiver | undefined;

afterEach(async () => {
  await closeTestServers();
  await receiver?.close();
  receiver = undefined;
});

describe('deliver', () => {
  it('sends the exact body bytes with the method, URL and headers, and adds no content type', async () => {
    const server = await testServer((res) => res.writeHead(204).end());
    const result = await deliver({ method: 'PUT', url: `${server.url}?a=1&b=%20`, headers: [{ name: 'X-Custom', value: 'v1' }], body: BODY });
    expect(result.delivered).toBe(true);
    expect(server.hits).toHaveLength(1);
    const hit = server.hits[0]!;
    expect(hit.method).toBe('PUT');
    expect(hit.url).toBe('/hook?a=1&b=%20');
    expect(hit.headers['x-custom']).toBe('v1');
    expect(hit.headers['content-type']).toBeUndefined();
    expect(hit.body.equals(Buffer.from(BODY, 'utf8'))).toBe(true);
  });

  it('counts a 300 as not delivered and retries it: only 2xx is success', async () => {
    const server = await testServer((res) => res.writeHead(300).end());
    const result = await deliver(request(server.url));
    expect(result.delivered).toBe(false);
    expect(result.attempts.map((attempt) => attempt.status)).toEqual([300, 300]);
  });

  it('never retries after a 2xx', async () => {
    const server = await testServer((res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1"}'));
    const seen: [DeliveryAttempt, number][] = [];
    const result = await deliver(request(server.url), { onAttempt: (attempt, number) => seen.push([attempt, number]) });
    expect(result).toEqual({ delivered: true, attempts: [{ status: 200, error: null, ms: expect.any(Number), bodyExcerpt: '{"id":"1"}' }] });
    expect(server.hits).toHaveLength(1);
    expect(seen.map(([, number]) => number)).toEqual([1]);
  });

  it('retries once after a 500, and is delivered when the retry gets 204', async () => {
    const server = await testServer((res, hit) => (hit === 1 ? res.writeHead(500).end('try later') : res.writeHead(204).end()));
    const seen: number[] = [];
    const result = await deliver(request(server.url), { onAttempt: (_attempt, number) => seen.push(number) });
    expect(result.delivered).toBe(true);
    expect(result.attempts.map((a) => [a.status, a.error, a.bodyExcerpt])).toEqual([
      [500, null, 'try later'],
      [204, null, ''],
    ]);
    expect(seen).toEqual([1, 2]);
    // The retry is the same request: same bytes.
    expect(server.hits[1]!.body.equals(server.hits[0]!.body)).toBe(true);
  });

  it('gives up after the one retry when both attempts fail', async () => {
    const server = await testServer((res) => res.writeHead(500).end());
    const result = await deliver(request(server.url));
    expect(result.delivered).toBe(false);
    expect(result.attempts.map((a) => a.status)).toEqual([500, 500]);
    expect(server.hits).toHaveLength(2);
  });

  it('treats a redirect as an answer, not somewhere to go', async () => {
    const target = await testServer((res) => res.writeHead(204).end());
    const server = await testServer((res) => res.writeHead(302, { location: target.url }).end());
    const result = await deliver(request(server.url));
    expect(result.attempts.map((a) => a.status)).toEqual([302, 302]);
    expect(result.delivered).toBe(false);
    expect(target.hits).toHaveLength(0);
  });

  it('reports a refused connection in plain words, twice, without throwing', async () => {
    const port = await closedPort();
    const result = await deliver(request(`http://127.0.0.1:${port}/hook`));
    expect(result.delivered).toBe(false);
    expect(result.attempts.map((a) => [a.status, a.error])).toEqual([
      [null, 'connection refused'],
      [null, 'connection refused'],
    ]);
    expect(result.attempts[0]).toEqual({ status: null, error: 'connection refused', ms: expect.any(Number), bodyExcerpt: '' });
  });

  it('says that fetch refuses a port browsers block, which a local receiver may listen on', async () => {
    // fetch refuses 6000 before connecting: nothing needs to listen there.
    const result = await deliver(request('http://127.0.0.1:6000/hook'));
    expect(result.delivered).toBe(false);
    expect(result.attempts[0].error).toMatch(/^port refused by fetch, which send uses, as browsers refuse it \(.*run the local receiver on another port/);
  });

  it('times out a server that never answers, per attempt', async () => {
    const server = await testServer(() => undefined);
    const result = await deliver(request(server.url), { timeoutMs: 300 });
    expect(result.delivered).toBe(false);
    expect(result.attempts.map((a) => a.error)).toEqual(['timed out after 300 ms', 'timed out after 300 ms']);
    for (const attempt of result.attempts) expect(attempt.ms).toBeGreaterThanOrEqual(250);
    expect(server.hits).toHaveLength(2);
  });

  it('reports a connection closed without an answer', async () => {
    const server = await testServer((res) => res.socket?.destroy());
    const result = await deliver(request(server.url), { timeoutMs: 2000 });
    expect(result.delivered).toBe(false);
    expect(result.attempts).toHaveLength(2);
    for (const attempt of result.attempts) {
      expect(attempt.status).toBeNull();
      expect(attempt.error).toMatch(/^connection (closed|reset)/);
    }
  });

  it('says that fetch cannot read past an answer of 100 Continue, rather than that the server answered nothing', async () => {
    const server = await testServer((res) => {
      res.writeContinue();
      res.writeHead(204).end();
    });
    const result = await deliver(request(server.url), { retries: 0 });
    expect(result.attempts.map((a) => [a.status, a.error])).toEqual([
      [null, "the server answered 100 Continue before its answer, which fetch, which send uses, cannot read past (LaunchDarkly's client reads on to the answer: ld-hook-kit curl shows it)"],
    ]);
  });

  it("says an answer's headers are too large to read, in plain words", async () => {
    const server = await testServer((res) => res.writeHead(200, { 'X-Big': 'a'.repeat(20_000) }).end());
    const result = await deliver(request(server.url), { retries: 0 });
    expect(result.attempts.map((a) => [a.status, a.error])).toEqual([[null, "the answer's headers are larger than fetch, which send uses, reads (16 KiB)"]]);
  });

  it('honours retries: 0, and keeps only an excerpt of a long answer', async () => {
    const server = await testServer((res) => res.writeHead(503).end('x'.repeat(100_000)));
    const result = await deliver(request(server.url), { retries: 0 });
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]!.bodyExcerpt).toBe('x'.repeat(500) + '…');
  });

  it('masks a secret the answer echoes before cutting the excerpt, so that the cut leaves none of it', async () => {
    const secret = 'tok-0123456789-abcdefghij';
    // The secret starts 20 characters before the excerpt's end: cut first, its first 20 would show.
    const server = await testServer((res) => res.writeHead(400).end(`${'p'.repeat(480)}${secret} and more`));
    const mask = (text: string) => text.replaceAll(secret, '****');
    const result = await deliver(request(server.url), { retries: 0, maskExcerpt: mask });
    expect(result.attempts.map((a) => a.bodyExcerpt)).toEqual([`${'p'.repeat(480)}**** and more`]);
  });

  it('keeps an answer of exactly the excerpt length whole, with no ellipsis', async () => {
    const server = await testServer((res) => res.writeHead(400).end('z'.repeat(500)));
    const result = await deliver(request(server.url), { retries: 0 });
    expect(result.attempts.map((a) => a.bodyExcerpt)).toEqual(['z'.repeat(500)]);
  });

  it('keeps a whole excerpt of an answer that comes in small pieces', async () => {
    const server = await testServer(async (res) => {
      res.writeHead(400);
      for (let piece = 0; piece < 10; piece++) {
        await new Promise<void>((resolve) => res.write('p'.repeat(100), () => resolve()));
        await new Promise((resolve) => setImmediate(resolve));
      }
      res.end();
    });
    const result = await deliver(request(server.url), { retries: 0 });
    expect(result.attempts.map((a) => a.bodyExcerpt)).toEqual(['p'.repeat(500) + '…']);
  });

  it('lets go of an answer whose body never ends once the excerpt is read, rather than at the timeout', async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    const server = await testServer((res) => {
      res.on('close', () => closed());
      res.writeHead(200);
      res.write('y'.repeat(10_000));
    });
    // A timeout far beyond the test's own: only letting go of the connection ends this test.
    const result = await deliver(request(server.url), { retries: 0, timeoutMs: 600_000 });
    expect(result.delivered).toBe(true);
    await connectionClosed;
    expect(server.hits).toHaveLength(1);
  });

  it('lets go of an answer whose body stalls, with what came of it, rather than waiting for the timeout', async () => {
    const server = await testServer((res, hit) => {
      res.writeHead(hit === 1 ? 200 : 503);
      res.write('partial');
    });
    // A timeout far beyond the test's own: only giving up on the body ends this test.
    const ok = await deliver(request(server.url), { retries: 0, timeoutMs: 600_000 });
    expect(ok).toEqual({ delivered: true, attempts: [{ status: 200, error: null, ms: expect.any(Number), bodyExcerpt: 'partial…' }] });
    const failed = await deliver(request(server.url), { retries: 0, timeoutMs: 600_000 });
    expect(failed.attempts.map((a) => [a.status, a.bodyExcerpt])).toEqual([[503, 'partial…']]);
  });

  it('counts the status of an answer whose body is cut short, without an excerpt', async () => {
    const server = await testServer((res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('partial', () => res.socket?.destroy());
    });
    const result = await deliver(request(server.url), { retries: 0 });
    expect(result).toEqual({ delivered: true, attempts: [{ status: 200, error: null, ms: expect.any(Number), bodyExcerpt: '' }] });
  });

  it("reports each attempt's time as part of the time the call took", async () => {
    const server = await testServer((res) => res.writeHead(500).end());
    const before = performance.now();
    const result = await deliver(request(server.url));
    const took = performance.now() - before;
    for (const attempt of result.attempts) {
      expect(attempt.ms).toBeGreaterThanOrEqual(0);
      expect(attempt.ms).toBeLessThanOrEqual(Math.ceil(took));
    }
  });

  it('keeps the excerpt of an answer whose body never ends, without waiting for the rest', async () => {
    const server = await testServer((res) => {
      res.writeHead(200);
      res.write('y'.repeat(10_000));
    });
    const result = await deliver(request(server.url), { retries: 0, timeoutMs: 5000 });
    expect(result.delivered).toBe(true);
    expect(result.attempts.map((a) => [a.status, a.error, a.bodyExcerpt])).toEqual([[200, null, 'y'.repeat(500) + '…']]);
  });

  it('makes one attempt when retries is negative', async () => {
    const server = await testServer((res) => res.writeHead(500).end());
    const result = await deliver(request(server.url), { retries: -2 });
    expect(result.attempts.map((a) => a.status)).toEqual([500]);
    expect(server.hits).toHaveLength(1);
  });

  it('refuses a method that is not an HTTP token', async () => {
    expect(await deliver(request('http://127.0.0.1:1/', { method: 'PO ST' }))).toEqual({
      delivered: false,
      attempts: [],
      refused: 'invalid request: "PO ST" is not an HTTP method',
    });
    expect(whyUnsendable(request('http://127.0.0.1:1/', { method: 'PATCH' }))).toBeUndefined();
  });

  it('refuses a request that cannot be sent, once and without throwing', async () => {
    const bad = await deliver(request('not a url'));
    expect(bad).toEqual({ delivered: false, attempts: [], refused: 'invalid request: the URL is not absolute' });
    const header = await deliver(request('http://127.0.0.1:1/', { headers: [{ name: 'Bad Name', value: 'x' }] }));
    expect(header).toEqual({ delivered: false, attempts: [], refused: 'invalid request: "Bad Name" is not an HTTP header name' });
    const control = await deliver(request('http://127.0.0.1:1/', { headers: [{ name: 'X-A', value: 'a\nb' }] }));
    expect(control.refused).toBe('invalid request: the value of header X-A holds a line break or another control character, which HTTP forbids');
    const scheme = await deliver(request('ftp://127.0.0.1/'));
    expect(scheme.refused).toBe("invalid request: the URL's scheme is not http or https");
    expect(whyUnsendable(request('ftp://127.0.0.1/'))).toBe(scheme.refused);
    expect(whyUnsendable(request('http://127.0.0.1/'))).toBeUndefined();
    expect(whyUnsendable(request('https://127.0.0.1/'))).toBeUndefined();
    // The URL parser would quietly send `?c=ab`; Go's refuses the URL.
    expect(whyUnsendable(request('http://127.0.0.1/x?c=a\nb'))).toBe('invalid request: the URL holds a line break or another control character, which HTTP forbids');
    expect(whyUnsendable(request('http://127.0.0.1/x?c=a\tb'))).toBe('invalid request: the URL holds a line break or another control character, which HTTP forbids');
  });

  it('refuses a GET or HEAD with a body rather than send it without (LaunchDarkly sends the body), and sends one without', async () => {
    let requests = 0;
    const server = await testServer((res) => {
      requests++;
      res.writeHead(204).end();
    });
    for (const method of ['GET', 'head']) {
      const result = await deliver(request(server.url, { method }));
      expect(result.refused).toBe(`fetch, which send uses, cannot send a body with ${method.toUpperCase()}; LaunchDarkly sends the rendered template as the body (curl can: ld-hook-kit curl)`);
    }
    expect(requests).toBe(0);
    expect(await deliver(request(server.url, { method: 'GET', body: '' }))).toMatchObject({ delivered: true });
    expect(requests).toBe(1);
  });

  it('sends a user name and password in the URL as Basic authorization, as Go\'s HTTP client does, unless the request has its own', async () => {
    const server = await testServer((res) => res.writeHead(204).end());
    const withPassword = server.url.replace('http://', 'http://h%C3%A9:s3cret%3Apw@');
    expect(whyUnsendable(request(withPassword))).toBeUndefined();
    expect(await deliver(request(withPassword))).toMatchObject({ delivered: true });
    expect(server.hits[0]!.headers.authorization).toBe(`Basic ${Buffer.from('hé:s3cret:pw', 'utf8').toString('base64')}`);
    expect(server.hits[0]!.url).toBe('/hook');
    await deliver(request(server.url.replace('http://', 'http://hook@')));
    expect(server.hits[1]!.headers.authorization).toBe(`Basic ${Buffer.from('hook:').toString('base64')}`);
    await deliver(request(withPassword, { headers: [{ name: 'Authorization', value: 'Bearer own' }] }));
    expect(server.hits[2]!.headers.authorization).toBe('Bearer own');
    // An empty one is none, to Go's client too.
    await deliver(request(withPassword, { headers: [{ name: 'Authorization', value: '' }] }));
    expect(server.hits[3]!.headers.authorization).toBe(`Basic ${Buffer.from('hé:s3cret:pw', 'utf8').toString('base64')}`);
    // What Go's URL parser refuses in a user name or password (a space, a quote), LaunchDarkly could not send.
    for (const userinfo of ['hook:p ss', 'hook:"pw"', 'h\u00e9:pw', 'al\\ice:pw']) {
      expect(whyUnsendable(request(server.url.replace('http://', `http://${userinfo}@`)))).toMatch(/^invalid request: the user name or password in the URL holds a character a URL does not allow there/);
    }
    // Written otherwise than scheme://user:password@host, or with a backslash before the path, Go reads another URL than fetch.
    for (const url of ['http:u:p@127.0.0.1/c', 'http:///u:p@127.0.0.1/d', 'http:\\\\u:p@127.0.0.1/b']) {
      expect([url, whyUnsendable(request(url))]).toEqual([url, expect.stringMatching(/not written as scheme:\/\/user:password@host/)]);
    }
    for (const url of ['http://u:p@127.0.0.1:80\\k', 'http://host\\x/y']) {
      expect([url, whyUnsendable(request(url))]).toEqual([url, expect.stringMatching(/holds a backslash before its path/)]);
    }
    // An escape of a byte that is no UTF-8 goes as that byte, as Go reads it.
    await deliver(request(server.url.replace('http://', 'http://hook:p%FFw@')));
    expect(Buffer.from(server.hits[4]!.headers.authorization!.slice(6), 'base64')).toEqual(Buffer.from([...Buffer.from('hook:p'), 0xff, 0x77]));
    // A % that starts no escape: refused before any attempt, never quoting the URL.
    const refused = await deliver(request(server.url.replace('http://', 'http://hook:50%off@')));
    expect(refused).toEqual({ delivered: false, attempts: [], refused: 'invalid request: the user name or password in the URL holds a % that starts no escape' });
    expect(server.hits).toHaveLength(5);
  });

  it('names every reason a request cannot be sent, in the order of the request, not only the first', () => {
    expect(whyUnsendable(request('http://example.com/a\nb', { headers: [{ name: 'Host', value: 'x' }] }))).toBe(
      'invalid request: the URL holds a line break or another control character, which HTTP forbids; ' +
        "invalid request: Host is a header HTTP clients write themselves, which LaunchDarkly's may drop, override or refuse (validate's header-client-managed rule)",
    );
    const problems = whyUnsendable(request('http://example.com/hook', { method: 'GET', headers: [{ name: 'Host', value: 'x' }, { name: 'X-Ok', value: 'fine' }, { name: 'X-Bad', value: 'a\nb' }] }));
    expect(problems).toBe(
      "invalid request: Host is a header HTTP clients write themselves, which LaunchDarkly's may drop, override or refuse (validate's header-client-managed rule); " +
        'invalid request: the value of header X-Bad holds a line break or another control character, which HTTP forbids; ' +
        'fetch, which send uses, cannot send a body with GET; LaunchDarkly sends the rendered template as the body (curl can: ld-hook-kit curl)',
    );
  });

  it('refuses, before any attempt, a header HTTP clients write themselves or a control character, never quoting the value', async () => {
    let requests = 0;
    const server = await testServer((res) => {
      requests++;
      res.writeHead(204).end();
    });
    for (const name of ['Transfer-Encoding', 'content-length', 'Expect', 'Connection', 'Host', 'Upgrade']) {
      const result = await deliver(request(server.url, { headers: [{ name, value: '5' }] }));
      expect(result).toEqual({
        delivered: false,
        attempts: [],
        refused: `invalid request: ${name} is a header HTTP clients write themselves, which LaunchDarkly's may drop, override or refuse (validate's header-client-managed rule)`,
      });
    }
    const control = await deliver(request(server.url, { headers: [{ name: 'X-Token', value: 'se\u0001cret' }] }));
    expect(control.refused).toBe('invalid request: the value of header X-Token holds a line break or another control character, which HTTP forbids');
    expect(requests).toBe(0);
  });

  it('sends a header value beyond ASCII as its UTF-8 bytes, as Go does', async () => {
    const server = await testServer((res) => res.writeHead(204).end());
    const result = await deliver(request(server.url, { headers: [{ name: 'X-Note', value: 'Zoë pays 5 € 🎟' }] }));
    expect(result.delivered).toBe(true);
    // Node's server reads header bytes as Latin-1: turn them back into bytes to see what went out.
    expect(Buffer.from(server.hits[0].headers['x-note'] as string, 'latin1')).toEqual(Buffer.from('Zoë pays 5 € 🎟', 'utf8'));
  });
});

describe('signRequest', () => {
  it('adds the signature header to a copy, replacing one of the same name in any case', () => {
    const original = request('http://127.0.0.1/', { headers: [{ name: 'x-ld-signature', value: 'stale' }, { name: 'A', value: 'b' }] });
    const signed = signRequest(original, 'hook-secret');
    expect(original.headers).toHaveLength(2);
    expect(signed.headers.filter((h) => h.name.toLowerCase() === 'x-ld-signature')).toHaveLength(1);
    const header = signed.headers.find((h) => h.name === 'X-LD-Signature')!;
    expect(verifySignature(Buffer.from(BODY), 'hook-secret', header.value)).toBe(true);
    expect(signRequest(original, 's', 'X-Hook-Sig').headers.map((h) => h.name)).toEqual(['x-ld-signature', 'A', 'X-Hook-Sig']);
  });

  it('agrees with the receiver end to end over HTTP, non-ASCII body included', async () => {
    receiver = await startReceiver({ secret: 'hook-secret' });
    const good = await deliver(signRequest(request(`${receiver.url}/hook`), 'hook-secret'));
    expect(good.attempts.map((a) => a.status)).toEqual([204]);
    const wrong = await deliver(signRequest(request(`${receiver.url}/hook`), 'other-secret'), { retries: 0 });
    expect(wrong.attempts.map((a) => a.status)).toEqual([401]);
    expect(receiver.received().map((r) => r.body)).toEqual([JSON.parse(BODY)]);
  });

  it('agrees with a custom header name', async () => {
    receiver = await startReceiver({ secret: 's', signatureHeader: 'X-Hook-Signature' });
    const result = await deliver(signRequest(request(receiver.url), 's', 'X-Hook-Signature'));
    expect(result.delivered).toBe(true);
  });
});

describe('describeNetworkError', () => {
  // Shaped like what Node's fetch throws: TypeError("fetch failed") with the system error as cause.
  const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });
  const systemError = (code: string, message: string) => Object.assign(new Error(message), { code });

  it.each([
    ['ENOTFOUND', 'host not found'],
    ['EAI_AGAIN', 'host name lookup failed (temporary DNS failure)'],
    ['ECONNRESET', 'connection reset by the server'],
    ['EHOSTUNREACH', 'host unreachable'],
    ['CERT_HAS_EXPIRED', 'TLS certificate has expired'],
    ['ECONNREFUSED', 'connection refused'],
    ['EPIPE', 'connection closed by the server while sending'],
    ['UND_ERR_SOCKET', 'connection closed by the server before answering'],
    ['UND_ERR_CLOSED', 'connection closed by the server before answering'],
    ['ENETUNREACH', 'network unreachable'],
    ['ETIMEDOUT', 'connection timed out'],
    ['UND_ERR_CONNECT_TIMEOUT', 'connection timed out'],
    ['EPROTO', 'TLS handshake failed'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'TLS handshake failed (is the server plain http?)'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'TLS certificate is self-signed'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'TLS certificate chain is self-signed'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'TLS certificate cannot be verified'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'TLS certificate does not match the host name'],
    ['HPE_INVALID_CONSTANT', 'the server did not answer with valid HTTP'],
    ['UND_ERR_HEADERS_OVERFLOW', "the answer's headers are larger than fetch, which send uses, reads (16 KiB)"],
  ])('says %s in plain words', (code, words) => {
    expect(describeNetworkError(fetchFailed(systemError(code, `${code} somewhere`)), 10000)).toBe(words);
  });

  it('finds the code inside an AggregateError (several addresses tried)', () => {
    const aggregate = new AggregateError([systemError('ECONNREFUSED', 'connect ECONNREFUSED ::1:80'), systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:80')]);
    expect(describeNetworkError(fetchFailed(aggregate), 10000)).toBe('connection refused');
  });

  it('looks past members of an AggregateError that have no code', () => {
    const aggregate = new AggregateError([new Error('first, no code'), systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:80')]);
    expect(describeNetworkError(fetchFailed(aggregate), 1)).toBe('connection refused');
  });

  it('names the timeout, and falls back to the innermost message with its code', () => {
    expect(describeNetworkError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 10000)).toBe('timed out after 10000 ms');
    expect(describeNetworkError(fetchFailed(systemError('EWEIRD', 'something odd')), 1)).toBe('something odd (EWEIRD)');
    expect(describeNetworkError(new Error('plain'), 1)).toBe('plain');
  });

  it('counts an abort as the timeout, and does not repeat a code the message already names', () => {
    expect(describeNetworkError(new DOMException('This operation was aborted', 'AbortError'), 2500)).toBe('timed out after 2500 ms');
    expect(describeNetworkError(fetchFailed(systemError('EWEIRD', 'connect EWEIRD 127.0.0.1:80')), 1)).toBe('connect EWEIRD 127.0.0.1:80');
  });

  it('keeps the message of an outer error when the innermost one has none', () => {
    expect(describeNetworkError(fetchFailed(systemError('EWEIRD', '')), 1)).toBe('fetch failed (EWEIRD)');
  });

  it('ignores a numeric code, such as a DOMException has, and words whatever was thrown, null included', () => {
    expect(describeNetworkError(new DOMException('bad data', 'DataCloneError'), 1)).toBe('bad data');
    expect(describeNetworkError('socket hang up', 1)).toBe('socket hang up');
    expect(describeNetworkError(new Error('plain', { cause: null }), 1)).toBe('plain');
    expect(describeNetworkError(null, 1)).toBe('null');
  });

  it('stops on an error that is its own cause or its own member', () => {
    const looped = new Error('looped');
    (looped as { cause?: unknown }).cause = looped;
    expect(describeNetworkError(looped, 1)).toBe('looped');
    const aggregate = new AggregateError([], 'all failed');
    (aggregate as { errors: unknown[] }).errors.push(aggregate);
    expect(describeNetworkError(aggregate, 1)).toBe('all failed');
  });
});
