import { spawn, type ChildProcess } from 'node:child_process';
import { isLoopback } from '../../scripts/lib/http-syntax';
import { deliver, signRequest, startReceiver, type Receiver } from '../../scripts/lib/delivery';
import { CLI, REPO_ROOT } from '../helpers/cli';

const SECRET = 'cli-Sup3r-secret';

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];

function runReceive(args: string[]): Run {
  const child = spawn(process.execPath, [CLI, 'receive', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function listeningPort(run: Run): Promise<number> {
  return waitFor('the Listening line', () => {
    const match = /^Listening on http:\/\/127\.0\.0\.1:(\d+)$/m.exec(run.stdout());
    return match ? Number(match[1]) : undefined;
  });
}

let blocker: Receiver | undefined;

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await blocker?.close();
  blocker = undefined;
});

describe('receive command', () => {
  it('verifies, shows and orders requests, masks the secret, and stops cleanly on SIGINT', async () => {
    const run = runReceive(['--port', '0', '--secret', SECRET, '--contract', 'discord']);
    const port = await listeningPort(run);
    const url = `http://127.0.0.1:${port}/hook?token=${SECRET}`;
    const later = JSON.stringify({ content: 'later', embeds: [{ title: 'b', timestamp: '2024-05-02T00:00:00.000Z' }] });
    const earlier = JSON.stringify({ content: 'earlier', embeds: [{ title: 'a', timestamp: '2024-05-01T00:00:00.000Z' }] });
    const request = (body: string) => ({ method: 'POST', url, headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'X-Api-Key', value: SECRET }], body });

    expect((await deliver(signRequest(request(later), SECRET))).attempts.map((a) => a.status)).toEqual([204]);
    expect((await deliver(signRequest(request(earlier), SECRET))).attempts.map((a) => a.status)).toEqual([204]);
    expect((await deliver(request(earlier), { retries: 0 })).attempts.map((a) => a.status)).toEqual([401]);
    expect((await deliver(signRequest(request('{"content":""}'), 'wrong'), { retries: 0 })).attempts.map((a) => a.status)).toEqual([401]);
    expect((await deliver(signRequest(request('{"embeds":[{"color":"red"}]}'), SECRET), { retries: 0 })).attempts.map((a) => a.status)).toEqual([400]);
    await waitFor('five blocks', () => (/^#5 /m.test(run.stdout()) ? true : undefined));

    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    const out = run.stdout();
    expect(out).toMatch(/^#1 .* POST \/hook\?token=\*\*\*\* {2}204 accepted$/m);
    expect(out).toMatch(/^#3 .* 401 missing signature \(X-LD-Signature header\)$/m);
    expect(out).toMatch(/^#4 .* 401 signature mismatch: not the HMAC-SHA256 of the body with --secret \(the sender signs with another secret, or the body changed on the way\)$/m);
    expect(out).toMatch(/^#5 .* 400 contract: 1 problem$/m);
    expect(out).toContain('    - embeds[0].color must be a whole number');
    expect(out).toMatch(/^ {2}X-LD-Signature: \*\*\*\*$/m);
    expect(out).toMatch(/^ {2}X-Api-Key: \*\*\*\*$/m);
    expect(out).toContain('  {\n    "content": "later",');
    expect(out).toContain('by event date (reordered): #2 2024-05-01T00:00:00.000Z, #1 2024-05-02T00:00:00.000Z');
    expect(out).toMatch(/Stopped after 5 requests: 2 accepted, 3 refused\.\n$/);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(encodeURIComponent(SECRET));
    expect(run.stderr()).toBe('');
  });

  it('masks credential headers it has no secret for, keeping the scheme, and shows the others', async () => {
    const run = runReceive(['--port', '0']);
    const port = await listeningPort(run);
    const headers = [
      { name: 'Authorization', value: 'Bearer tok-0f-the-partner' },
      { name: 'X-API-Key', value: 'k3y-0f-the-partner' },
      { name: 'X-Auth-Token', value: 't0ken-0f-the-partner' },
      { name: 'Cookie', value: 'session=c00kie-0f-the-partner' },
      { name: 'X-Request-Id', value: 'req-42' },
    ];
    const sent = await deliver({ method: 'POST', url: `http://127.0.0.1:${port}/`, headers, body: '{}' });
    expect(sent.delivered).toBe(true);
    await waitFor('one block', () => (/^#1 /m.test(run.stdout()) ? true : undefined));
    run.child.kill('SIGINT');
    await run.exited;
    const out = run.stdout();
    expect(out).toMatch(/^ {2}Authorization: Bearer \*\*\*\*$/m);
    expect(out).toMatch(/^ {2}X-API-Key: \*\*\*\*$/m);
    expect(out).toMatch(/^ {2}X-Auth-Token: \*\*\*\*$/m);
    expect(out).toMatch(/^ {2}Cookie: \*\*\*\*$/m);
    expect(out).toMatch(/^ {2}X-Request-Id: req-42$/m);
    expect(out).not.toContain('0f-the-partner');
  });

  it('prints its own words unmasked, even when a short secret appears in them, and masks it in what came', async () => {
    const run = runReceive(['--port', '0', '--secret', 'e']);
    const port = await listeningPort(run);
    const body = '{"note": "e", "word": "accepted"}';
    const sent = await deliver(signRequest({ method: 'POST', url: `http://127.0.0.1:${port}/hook?k=e`, headers: [{ name: 'X-e', value: '1' }], body }, 'e'));
    expect(sent.delivered).toBe(true);
    await waitFor('one block', () => (/^#1 /m.test(run.stdout()) ? true : undefined));
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    const out = run.stdout();
    expect(out).toMatch(/^#1 .* POST \/hook\?k=\*\*\*\* {2}204 accepted$/m);
    expect(out).toContain('"note": "****"');
    expect(out).toMatch(/^ {2}X-\*\*\*\*: 1$/m);
    expect(out).toContain('"word": "accepted"');
    expect(out).toContain('Stopped after 1 request: 1 accepted, 0 refused.');
    expect(out).toContain('requests must be signed in X-LD-Signature (401 otherwise)');
  });

  it('masks every --mask value wherever a request brings it', async () => {
    const run = runReceive(['--port', '0', '--mask', 'w3bh00k-t0ken', '--mask', 'ops-room']);
    const port = await listeningPort(run);
    const body = '{"content": "to ops-room", "token": "w3bh00k-t0ken"}';
    const headers = [{ name: 'X-Room', value: 'ops-room' }];
    expect((await deliver({ method: 'POST', url: `http://127.0.0.1:${port}/api/webhooks/1/w3bh00k-t0ken`, headers, body })).delivered).toBe(true);
    await waitFor('one block', () => (/^#1 /m.test(run.stdout()) ? true : undefined));
    run.child.kill('SIGINT');
    await run.exited;
    const out = run.stdout();
    expect(out).toMatch(/^#1 .* POST \/api\/webhooks\/1\/\*\*\*\* {2}204 accepted$/m);
    expect(out).toMatch(/^ {2}X-Room: \*\*\*\*$/m);
    expect(out).toContain('"content": "to ****"');
    expect(out).not.toMatch(/w3bh00k|ops-room/);
  });

  it('takes only loopback addresses, however written, and localhost for loopback: a name can resolve to anything', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1', '0x7f000001', '2130706433', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) expect([host, isLoopback(host)]).toEqual([host, true]);
    for (const host of ['0.0.0.0', '::', '192.168.1.2', '127.lan', '127.0.0.1.nip.io', 'vm']) expect([host, isLoopback(host)]).toEqual([host, false]);
  });

  it('says when it listens beyond this machine, and only then', async () => {
    const local = runReceive(['--port', '0']);
    await listeningPort(local);
    expect(local.stdout()).not.toContain('open to your network');
    const open = runReceive(['--port', '0', '--host', '0.0.0.0']);
    await waitFor('the Listening line', () => (/^Listening on /m.test(open.stdout()) ? true : undefined));
    expect(open.stdout()).toContain('  open to your network: anyone who can reach this machine can send requests here (--host 127.0.0.1 keeps it local)\n');
    // Loopback however written: a number, hexadecimal, IPv6 in a url's brackets.
    const others = [['--host', '0x7f000001'], ['--host', '[::1]']].map((host) => runReceive(['--port', '0', ...host]));
    for (const other of others) {
      await waitFor('the Listening line', () => (/^Listening on /m.test(other.stdout()) ? true : undefined));
      expect(other.stdout()).not.toContain('open to your network');
    }
    expect(others[1].stdout()).toMatch(/^Listening on http:\/\/\[::1\]:\d+\n/m);
    for (const run of [local, open, ...others]) run.child.kill('SIGTERM');
    await Promise.all([local, open, ...others].map((run) => run.exited));
  });

  it('stops with exit 0 on SIGTERM too, and honours --fail-first and --max-body', async () => {
    const run = runReceive(['--port', '0', '--fail-first', '1', '--max-body', '10']);
    const port = await listeningPort(run);
    const url = `http://127.0.0.1:${port}/`;
    const first = await deliver({ method: 'POST', url, headers: [], body: '{"n":1}' });
    expect(first.attempts.map((a) => a.status)).toEqual([500, 204]);
    const big = await deliver({ method: 'POST', url, headers: [], body: 'x'.repeat(11) }, { retries: 0 });
    expect(big.attempts.map((a) => a.status)).toEqual([413]);
    await waitFor('three blocks', () => (/^#3 /m.test(run.stdout()) ? true : undefined));
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toMatch(/^#1 .* 500 failing on purpose \(1 of 1\)$/m);
    expect(run.stdout()).toMatch(/^#3 .* 413 body over 10 bytes$/m);
  });

  it('refuses bad options with one line on stderr and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--port', 'abc'], /--port takes a whole number from 0 to 65535, got "abc"/],
      [['--port', '70000'], /--port takes a whole number from 0 to 65535/],
      [['--contract', 'slack'], /Allowed choices are discord/],
      [['--max-body', '0'], /--max-body takes a whole number from 1 to 16777216, got "0"/],
      [['--max-body', '16777217'], /--max-body takes a whole number from 1 to 16777216/],
      [['--fail-first', '9007199254740992'], /--fail-first takes a whole number from 0 to 1000000, got "9007199254740992"/],
      [['--secret', ''], /--secret must not be empty/],
      // Node would listen on every address, open to the network.
      [['--host', '', '--port', '0'], /--host must not be empty/],
      [['--header', 'Bad Header'], /--header takes an HTTP header name/],
      [['--mask', ''], /--mask must not be empty/],
    ];
    // In parallel: each process pays Node's start-up.
    const runs = cases.map(([args]) => runReceive(args));
    const results = await Promise.all(runs.map(async (run) => ({ code: (await run.exited).code, stderr: run.stderr(), stdout: run.stdout() })));
    results.forEach((result, i) => {
      const [args, message] = cases[i]!;
      expect({ args, code: result.code, lines: result.stderr.trim().split('\n').length, stdout: result.stdout }).toEqual({ args, code: 2, lines: 1, stdout: '' });
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  });

  it('says so in one line, exit 1, when the port is taken', async () => {
    blocker = await startReceiver();
    const run = runReceive(['--port', String(blocker.port)]);
    expect((await run.exited).code).toBe(1);
    expect(run.stderr()).toBe(`ld-hook-kit: port ${blocker.port} is already in use; choose another with --port (0 takes any free port)\n`);
  });
});
