import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { startReceiver, type Receiver } from '../../scripts/lib/delivery';
import { loadSamples } from '../../scripts/lib/samples/load';
import { createFixtureRoot, validFiles, validManifest } from '../helpers/fixture-root';
import { CLI, expectCleanError, REPO_ROOT, runCliAsync } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const SECRET = 'pigeon-signing-secret-42';
const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
let receiver: Receiver | undefined;

async function receiverWith(options: { failFirst?: number } = {}): Promise<Receiver> {
  receiver = await startReceiver({ secret: SECRET, signatureHeader: 'X-Pigeon-Signature', ...options });
  return receiver;
}

let bare: http.Server | undefined;

/**
 * A server that keeps each request's path and headers as they arrived, credentials included (the
 * receiver masks those): what was really sent.
 */
async function bareEndpoint(): Promise<{ url: string; got: { path: string; headers: http.IncomingHttpHeaders }[] }> {
  const got: { path: string; headers: http.IncomingHttpHeaders }[] = [];
  bare = http.createServer((req, res) => {
    got.push({ path: req.url ?? '', headers: req.headers });
    req.resume().on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => bare!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(bare.address() as AddressInfo).port}`, got };
}

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
  await new Promise((resolve) => (bare ? bare.close(resolve) : resolve(undefined)));
  bare = undefined;
});

/** A usage error: one clean line on stderr, exit 2. */
function expectUsageError(result: Awaited<ReturnType<typeof runCliAsync>>, stderr: string): void {
  expectCleanError(result);
  expect(result.status).toBe(2);
  expect(result.stderr).toBe(stderr);
}

describe('ld-hook-kit send', () => {
  it('delivers a signed request that the receiver verifies, and never prints the secret', async () => {
    const target = await receiverWith();
    const result = await runCliAsync(['send', 'pigeon', '--root', root, '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--to', target.url]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/attempt: 204/);
    expect(result.stdout).toContain('delivered');
    expect(result.stdout + result.stderr).not.toContain(SECRET);
    expect(target.received()).toHaveLength(1);
    expect(target.received()[0].status).toBe(204);
  });

  it('sends the real secret but prints the request with it masked, in every form the templates give it', async () => {
    const awkward = 'c2Vj=c+d/e"f&g';
    const manifest = validManifest();
    (manifest.capabilities as any).auditLogEventsHook.endpoint.headers.push(
      { name: 'Authorization', value: 'Bearer {{signingSecret}}' },
      { name: 'X-Basic', value: '{{basicAuthHeaderValue channel signingSecret}}' },
    );
    const secretive = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    receiver = await startReceiver({ secret: awkward, signatureHeader: 'X-Pigeon-Signature' });
    const result = await runCliAsync(['send', 'pigeon', '--root', secretive, '--var', 'channel=ops', '--var', `signingSecret=${awkward}`, '--to', receiver.url, '--format', 'json']);
    expect(result.status).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.request.headers).toContainEqual({ name: 'Authorization', value: 'Bearer ****' });
    expect(result.stdout).not.toContain('c2Vj');
    expect(result.stdout).not.toContain(Buffer.from(`ops:${awkward}`).toString('base64'));
    // The receiver checked the signature over the real body and got the real header values.
    const got = receiver.received()[0];
    expect(got.status).toBe(204);
    expect(printed.request.headers).toContainEqual(expect.objectContaining({ name: 'X-Pigeon-Signature' }));
  });

  it('sends a body that is not JSON as LaunchDarkly would, saying where it breaks, in text and JSON, the secret never quoted', async () => {
    const files = { ...validFiles(), 'templates/flag.json.hbs': '{"text": "{{{title.plainText}}}", "key": "{{{formVariables.signingSecret}}}"}\n' };
    const quoting = createFixtureRoot({ pigeon: { manifest: validManifest(), files } });
    const secret = 'sec"ret-with-a-quote';
    receiver = await startReceiver({ secret, signatureHeader: 'X-Pigeon-Signature' });
    const args = ['send', 'pigeon', '--root', quoting, '--var', 'channel=ops', '--var', `signingSecret=${secret}`, '--to', receiver.url];
    const note = 'the body sent is not valid JSON; the template wrote it at integrations/pigeon/templates/flag.json.hbs:1:43';
    const text = await runCliAsync(args);
    expect(text.stdout).toContain(`  ${note}\n`);
    const json = await runCliAsync([...args, '--format', 'json']);
    expect(JSON.parse(json.stdout).bodyProblem).toBe(note);
    expect(text.stdout + text.stderr + json.stdout + json.stderr).not.toContain('ret-with');
    // Sent all the same, and refused by the receiver, as the endpoint would refuse it.
    expect(text.stdout).toMatch(/attempt: 400 .*malformed JSON/);
  });

  it('escapes the control characters of the event file\'s path and of the template path it names where the body breaks', async () => {
    const template = 'templates/\u001b]0;TITLE\u0007flag.json.hbs';
    const manifest = validManifest();
    (manifest.capabilities as any).auditLogEventsHook.templates.flag = template;
    const files = { ...validFiles(), [template]: 'text: {{{title.plainText}}}\n' };
    const crafted = createFixtureRoot({ pigeon: { manifest, files } });
    const eventFile = path.join(tempDir('send'), 'event\u001b[2J.json');
    fs.copyFileSync(path.join(REPO_ROOT, 'sample-context/flag/update-rules.json'), eventFile);
    const target = await receiverWith();
    const result = await runCliAsync(['send', 'pigeon', '--root', crafted, '--context', eventFile, '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--to', target.url]);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(result.stdout).toContain(`${eventFile.replace('\u001b', '\\u001b')}  POST ${target.url}`);
    expect(result.stdout).toContain('the template wrote it at integrations/pigeon/templates/\\u001b]0;TITLE\\u0007flag.json.hbs:1:1\n');
  });

  it('takes values from LD_HOOK_KIT_VAR_<KEY> and retries once after a 500', async () => {
    const target = await receiverWith({ failFirst: 1 });
    const result = await runCliAsync(['send', 'pigeon', '--root', root, '--to', target.url, '--format', 'json'], {
      env: { LD_HOOK_KIT_VAR_CHANNEL: 'ops', LD_HOOK_KIT_VAR_SIGNINGSECRET: SECRET },
    });
    expect(result.status).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document.delivered).toBe(true);
    expect(document.attempts.map((a: { status: number }) => a.status)).toEqual([500, 204]);
    expect(document.request.url).toBe(target.url);
    expect(result.stdout).not.toContain(SECRET);
  });

  it('exits 1 when a wrong secret makes the receiver refuse both attempts', async () => {
    const target = await receiverWith();
    const result = await runCliAsync(['send', 'pigeon', '--root', root, '--var', 'channel=ops', '--var', 'signingSecret=wrong', '--to', target.url]);
    expect(result.status).toBe(1);
    expect(result.stdout.match(/attempt: 401/g)).toHaveLength(2);
    expect(result.stdout).toContain('not delivered');
    expect(target.received()).toHaveLength(0);
  });

  it('refuses to send unsigned when the signing key names no string form variable, as LaunchDarkly would not accept the integration; preview says so', async () => {
    const target = await receiverWith();
    for (const [key, expected] of [
      ['nope', 'no form variable ("nope")'],
      ['channel', 'the boolean form variable channel, not a string one'],
    ] as const) {
      const manifest = validManifest() as any;
      manifest.capabilities.auditLogEventsHook.endpoint.hmacSignature.hmacSecretFormVariableKey = key;
      if (key === 'channel') manifest.formVariables.find((variable: any) => variable.key === 'channel').type = 'boolean';
      const unsigned = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
      const sent = await runCliAsync(['send', 'pigeon', '--root', unsigned, '--var', 'channel=true', '--var', `signingSecret=${SECRET}`, '--to', target.url]);
      expectCleanError(sent);
      expect([key, sent.status]).toEqual([key, 1]);
      expect(sent.stderr).toContain(`nothing sent: hmacSignature.hmacSecretFormVariableKey names ${expected}, so the request would go unsigned`);
      const preview = await runCliAsync(['preview', 'pigeon', '--root', unsigned, '--var', 'channel=true']);
      expect(preview.stdout).toContain(`send refuses this request: hmacSignature.hmacSecretFormVariableKey names ${expected}`);
    }
    expect(target.requests()).toHaveLength(0);
  });

  it('refuses to send while a required form variable has no value, and sends nothing', async () => {
    const target = await receiverWith();
    const result = await runCliAsync(['send', 'pigeon', '--root', root, '--var', 'channel=ops', '--to', target.url]);
    expectCleanError(result);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/nothing sent: required form variable signingSecret has no value/);
    expect(target.requests()).toHaveLength(0);
    // Given empty is no value either: LaunchDarkly's form would not save it.
    const empty = await runCliAsync(['send', 'pigeon', '--root', root, '--var', 'channel=', '--var', `signingSecret=${SECRET}`, '--to', target.url]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/nothing sent: required form variable channel has no value \(.*\); channel was given empty, which LaunchDarkly's form does not save for a required field\n$/);
    expect(target.requests()).toHaveLength(0);
  });

  it('refuses a request for every reason it cannot be sent, which preview lists the same, in the same words', async () => {
    const manifest = validManifest() as any;
    manifest.capabilities.auditLogEventsHook.endpoint.method = 'GET';
    manifest.capabilities.auditLogEventsHook.endpoint.headers.push({ name: 'Host', value: 'example.com' });
    const broken = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const args = ['pigeon', '--root', broken, '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`];
    const reasons =
      "invalid request: Host is a header HTTP clients write themselves, which LaunchDarkly's may drop, override or refuse (validate's header-client-managed rule); " +
      'fetch, which send uses, cannot send a body with GET; LaunchDarkly sends the rendered template as the body (curl can: ld-hook-kit curl)';
    const sent = await runCliAsync(['send', ...args]);
    expectCleanError(sent);
    expect([sent.status, sent.stderr]).toEqual([1, `ld-hook-kit: nothing sent: ${reasons} (sample flag/update-rules)\n`]);
    const previewed = await runCliAsync(['preview', ...args, '--format', 'json']);
    expect(JSON.parse(previewed.stdout).unsendable).toBe(reasons);
  });

  it('sends the url\'s user name and password as Basic authorization, also to --to, and masks them where the endpoint echoes them', async () => {
    let authorization: string | undefined;
    bare = http.createServer((req, res) => {
      authorization = req.headers.authorization;
      req.resume().on('end', () => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`you sent ${authorization}`));
    });
    await new Promise<void>((resolve) => bare!.listen(0, '127.0.0.1', resolve));
    const port = (bare.address() as AddressInfo).port;
    const manifest = validManifest() as any;
    manifest.capabilities.auditLogEventsHook.endpoint.url = `http://{{{channel}}}:{{{signingSecret}}}@127.0.0.1:${port}/hook`;
    const credentialed = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const basic = `Basic ${Buffer.from('ops:p@ss-word-1').toString('base64')}`;
    for (const to of [[], ['--to', `http://127.0.0.1:${port}/elsewhere`]]) {
      const result = await runCliAsync(['send', 'pigeon', '--root', credentialed, '--var', 'channel=ops', '--var', 'signingSecret=p%40ss-word-1', ...to]);
      expect(authorization).toBe(basic);
      expect(result.stdout).toContain('you sent Basic ****');
      expect(result.stdout + result.stderr).not.toContain(basic.slice(6));
    }
    // A password whose escape is no UTF-8 goes as that byte, and the credential it makes is masked all the same.
    const raw = await runCliAsync(['send', 'pigeon', '--root', credentialed, '--var', 'channel=ops', '--var', 'signingSecret=p%ffword']);
    expect(authorization).toBe(`Basic ${Buffer.from([...Buffer.from('ops:p'), 0xff, ...Buffer.from('word')]).toString('base64')}`);
    expect(raw.stdout).toContain('you sent Basic ****');
    expect(raw.stdout).not.toContain(authorization!.slice(6));
    // What Go's URL parser refuses there is refused, also when --to replaces the url.
    for (const to of [[], ['--to', `http://127.0.0.1:${port}/elsewhere`]]) {
      const refused = await runCliAsync(['send', 'pigeon', '--root', credentialed, '--var', 'channel=o ps', '--var', 'signingSecret=pw', ...to]);
      expect([refused.status, refused.stderr]).toEqual([1, expect.stringContaining('the user name or password in the URL holds a character a URL does not allow there')]);
    }
  });

  it('masks the signature it computed where the endpoint echoes it back, as it masks the header itself', async () => {
    let signature = '';
    bare = http.createServer((req, res) => {
      signature = String(req.headers['x-pigeon-signature']);
      req.resume().on('end', () => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`bad signature ${signature}`));
    });
    await new Promise<void>((resolve) => bare!.listen(0, '127.0.0.1', resolve));
    const to = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    for (const format of ['text', 'json']) {
      const result = await runCliAsync(['send', 'pigeon', '--root', root, '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--to', to, '--format', format]);
      expect(result.status).toBe(1);
      expect(signature).toMatch(/^[0-9a-f]{64}$/);
      // JSON gives no response body; text shows it, masked.
      if (format === 'text') expect(result.stdout).toContain('bad signature ****');
      expect(result.stdout + result.stderr).not.toContain(signature);
    }
  });

  it('masks a secret the endpoint echoes where the excerpt of its answer ends, leaving none of it', async () => {
    const manifest = validManifest();
    (manifest.capabilities as any).auditLogEventsHook.endpoint.headers.push({ name: 'Authorization', value: 'Bearer {{signingSecret}}' });
    const echoing = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    bare = http.createServer((req, res) => {
      req.resume().on('end', () => res.writeHead(400, { 'Content-Type': 'text/plain' }).end(`${'p'.repeat(480)}${req.headers.authorization} and more`));
    });
    await new Promise<void>((resolve) => bare!.listen(0, '127.0.0.1', resolve));
    const to = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    const result = await runCliAsync(['send', 'pigeon', '--root', echoing, '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--to', to]);
    expect(result.stdout).toContain(`${'p'.repeat(480)}Bearer **** and more`);
    expect(result.stdout).not.toContain(SECRET.slice(0, 8));
  });

  it('masks a secret that --to holds, as a local stand-in for a url carrying a token does, in text, JSON and a refused --to', async () => {
    const target = await bareEndpoint();
    const args = ['send', 'pigeon', '--root', root, '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`];
    const text = await runCliAsync([...args, '--to', `${target.url}/hooks/${SECRET}`]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`POST ${target.url}/hooks/****`);
    const json = await runCliAsync([...args, '--to', `${target.url}/hooks/${SECRET}`, '--format', 'json']);
    expect(JSON.parse(json.stdout).request.url).toBe(`${target.url}/hooks/****`);
    // What went out holds the secret itself.
    expect(target.got.map((request) => request.path)).toEqual([`/hooks/${SECRET}`, `/hooks/${SECRET}`]);
    const refused = await runCliAsync([...args, '--to', `http://127.0.0.1:99999/hooks/${SECRET}`]);
    expectUsageError(refused, 'ld-hook-kit: --to must be an absolute http(s) URL, got "http://127.0.0.1:99999/hooks/****"\n');
    for (const result of [text, json, refused]) expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it('says so, with exit 1, when its JSON report cannot be written, though the request was delivered', async () => {
    const target = await receiverWith();
    // /dev/full refuses every write, as a full disk does; the report is written after the request went out.
    const full = fs.openSync('/dev/full', 'w');
    const args = [CLI, 'send', 'pigeon', '--root', root, '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--to', target.url, '--format', 'json'];
    const child = spawn(process.execPath, args, { stdio: ['ignore', full, 'pipe'] });
    fs.closeSync(full);
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const status = await new Promise((resolve) => child.on('close', resolve));
    expect(target.received()).toHaveLength(1);
    expect(stderr).toBe('ld-hook-kit: cannot write the output: no space left on device (ENOSPC)\n');
    expect(status).toBe(1);
  });

  it('sends the OAuth values LD_HOOK_KIT_OAUTH_* give, masked in what it prints, and nothing without them', async () => {
    const manifest = validManifest({ requiresOAuth: true, oauthIntegrationKey: 'pigeon' });
    const hook = (manifest.capabilities as any).auditLogEventsHook;
    hook.endpoint.url = '{{oauth.baseURI}}/hooks/{{channel}}';
    hook.endpoint.headers.push({ name: 'Authorization', value: 'Bearer {{oauth.accessToken}}' });
    const oauthRoot = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const target = await bareEndpoint();
    const args = ['send', 'pigeon', '--root', oauthRoot, '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`];
    const refused = await runCliAsync(args, { env: { LD_HOOK_KIT_OAUTH_BASE_URI: target.url } });
    expectCleanError(refused);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('nothing sent: the request reads oauth.accessToken, which LaunchDarkly takes from the OAuth connection; set LD_HOOK_KIT_OAUTH_ACCESS_TOKEN');
    expect(target.got).toHaveLength(0);
    const token = 'oauth-t0ken-for-pigeon';
    const sent = await runCliAsync([...args, '--format', 'json'], { env: { LD_HOOK_KIT_OAUTH_BASE_URI: target.url, LD_HOOK_KIT_OAUTH_ACCESS_TOKEN: token } });
    expect(sent.status).toBe(0);
    expect(sent.stdout).not.toContain(token);
    expect(JSON.parse(sent.stdout).request.headers).toContainEqual({ name: 'Authorization', value: 'Bearer ****' });
    const [got] = target.got;
    expect(got.path).toBe('/hooks/ops');
    expect(got.headers.authorization).toBe(`Bearer ${token}`);
    // --to replaces the url, so the base URI it would have read is not needed.
    const redirected = await runCliAsync([...args, '--to', `${target.url}/elsewhere`], { env: { LD_HOOK_KIT_OAUTH_ACCESS_TOKEN: token } });
    expect(redirected.stderr).toBe('');
    expect(redirected.status).toBe(0);
    expect(target.got[1].path).toBe('/elsewhere');
  });

  it("moves the event's timestamp to now, as the framework's preview does, unless --keep-timestamp", async () => {
    const files = { ...validFiles(), 'templates/flag.json.hbs': '{"at": "{{timestamp.rfc3339}}", "ms": {{timestamp.milliseconds}} }' };
    const dated = createFixtureRoot({ pigeon: { manifest: validManifest(), files } });
    const target = await receiverWith();
    const args = ['send', 'pigeon', '--root', dated, '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--to', target.url, '--format', 'json'];
    const before = Date.now();
    const first = await runCliAsync(args);
    expect(first.stderr).toBe('');
    const moved = JSON.parse(JSON.parse(first.stdout).request.body);
    expect(moved.ms).toBeGreaterThanOrEqual(before - 1000);
    expect(moved.ms).toBeLessThanOrEqual(Date.now());
    expect(moved.at).toBe(new Date(moved.ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    const kept = JSON.parse(JSON.parse((await runCliAsync([...args, '--keep-timestamp'])).stdout).request.body);
    const sample = loadSamples().find((s) => s.ref === 'flag/update-rules')!.event;
    expect(kept.ms).toBe((sample.timestamp as { milliseconds: number }).milliseconds);
  });

  it('with --context all sends, in order, only the samples the default policy delivers', async () => {
    const target = await receiverWith();
    const result = await runCliAsync(['send', 'pigeon', '--root', root, '--context', 'all', '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--to', target.url, '--format', 'json']);
    expect(result.status).toBe(0);
    const documents = JSON.parse(result.stdout);
    // The fixture's policy allows production flag changes only.
    const productionFlags = loadSamples().filter((s) => s.kind === 'flag' && (s.event as any).project.environment.key === 'production');
    // In the samples' own order, one request after another; then those held back, not sent, with the reason.
    const sentDocuments = documents.filter((d: { notSent?: string }) => d.notSent === undefined);
    expect(sentDocuments.map((d: { context: string }) => d.context)).toEqual(productionFlags.map((s) => s.ref));
    const heldBack = documents.filter((d: { notSent?: string }) => d.notSent !== undefined);
    expect(heldBack).toHaveLength(loadSamples().length - productionFlags.length);
    expect(heldBack[0]).toEqual({ context: expect.any(String), delivered: false, attempts: [], notSent: expect.stringMatching(/^no statement allows /) });
    expect(documents.indexOf(heldBack[0])).toBe(productionFlags.length);
    expect(target.requests().map((request) => request.seq)).toEqual(productionFlags.map((_s, index) => index + 1));
    expect(target.received()).toHaveLength(productionFlags.length);
    // --ignore-policy sends every sample that has a request.
    const every = await runCliAsync(['send', 'pigeon', '--root', root, '--context', 'all', '--ignore-policy', '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--to', target.url, '--format', 'json']);
    expect(every.status).toBe(0);
    expect(JSON.parse(every.stdout).map((d: { context: string }) => d.context)).toEqual(loadSamples().map((s) => s.ref));
  });

  it('with --context all, names each sample the default policy holds back, with the reason, in text', async () => {
    const target = await receiverWith();
    const result = await runCliAsync(['send', 'pigeon', '--root', root, '--context', 'all', '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--to', target.url]);
    expect(result.status).toBe(0);
    const held = loadSamples().filter((s) => !(s.kind === 'flag' && (s.event as any).project.environment.key === 'production'));
    for (const sample of held) {
      expect(result.stdout).toMatch(new RegExp(`^${sample.ref}  not sent, the default policy does not deliver it \\(.+\\)$`, 'm'));
    }
    const sent = loadSamples().length - held.length;
    expect(result.stdout).toContain(`${sent} of ${sent} requests delivered; ${held.length} samples the default policy does not deliver not sent\n`);
    // --ignore-policy holds none back.
    const every = await runCliAsync(['send', 'pigeon', '--root', root, '--context', 'all', '--ignore-policy', '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--to', target.url]);
    expect(every.stdout).not.toContain('not sent');
  });

  it('with --context all, names the samples held back also when the policy lets a single one through', async () => {
    const manifest = validManifest() as any;
    manifest.capabilities.auditLogEventsHook.defaultPolicy = [{ effect: 'allow', resources: ['proj/*:env/production:flag/*'], actions: ['updateRules'] }];
    const narrow = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const target = await receiverWith();
    const result = await runCliAsync(['send', 'pigeon', '--root', narrow, '--context', 'all', '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--to', target.url]);
    expect(result.status).toBe(0);
    const held = loadSamples().filter((s) => s.ref !== 'flag/update-rules');
    for (const sample of held) expect(result.stdout).toMatch(new RegExp(`^${sample.ref}  not sent, the default policy does not deliver it \\(.+\\)$`, 'm'));
    expect(result.stdout).toContain(`1 of 1 request delivered; ${held.length} samples the default policy does not deliver not sent\n`);
  });

  it('sends nothing when a template fails, saying so once and naming the samples it failed for', async () => {
    const files = { ...validFiles(), 'templates/flag.json.hbs': '{"text": "{{{title.plainText}}}", "who": "{{{nobody.name}}}"}' };
    const broken = createFixtureRoot({ pigeon: { manifest: validManifest(), files } });
    const target = await receiverWith();
    const result = await runCliAsync(['send', 'pigeon', '--root', broken, '--context', 'all', '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--to', target.url]);
    expectCleanError(result);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^ld-hook-kit: nothing sent: .*templates\/flag\.json\.hbs:1:\d+: .* \(samples flag\/[a-z-]+, flag\//);
    expect(lines).toHaveLength(1);
    expect(target.received()).toHaveLength(0);
  });

  it('sends nothing for a template path ending with a slash, saying so at its place in the manifest, as validate does', async () => {
    const manifest = validManifest() as any;
    manifest.capabilities.auditLogEventsHook.templates.flag = 'templates/flag.json.hbs/';
    const slashed = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const target = await receiverWith();
    const result = await runCliAsync(['send', 'pigeon', '--root', slashed, '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--to', target.url]);
    expectCleanError(result);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^ld-hook-kit: nothing sent: integrations\/pigeon\/manifest\.json:\d+:\d+: templates\.flag names "templates\/flag\.json\.hbs\/", which ends with a slash, so it names a folder, not a template file \(sample flag\/update-rules\)\n$/,
    );
    expect(target.received()).toHaveLength(0);
  });

  it('reports a refused connection as a failed delivery after one retry', async () => {
    const target = await receiverWith();
    const url = target.url;
    await target.close();
    receiver = undefined;
    const result = await runCliAsync(['send', 'pigeon', '--root', root, '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--to', url, '--timeout', '2000']);
    expect(result.status).toBe(1);
    expect(result.stdout.match(/connection refused/g)).toHaveLength(2);
  });

  it.each([
    [['send', 'pigeon', '--root', root, '--to', 'not a url'], /--to must be an absolute http\(s\) URL/],
    [['send', 'pigeon', '--root', root, '--timeout', 'soon'], /--timeout takes a whole number/],
    // A zero timeout would abort every attempt before it starts.
    [['send', 'pigeon', '--root', root, '--timeout', '0'], /--timeout takes a whole number from 1 to 2147483647, got "0"/],
    [['send', 'pigeon', '--root', root, '--timeout', '007'], /--timeout takes a whole number from 1 to 2147483647, got "007"/],
    // Node's timers fire at once beyond 2^31-1 ms.
    [['send', 'pigeon', '--root', root, '--timeout', '2147483648'], /--timeout takes a whole number from 1 to 2147483647, got "2147483648"/],
    [['send', 'pigeon', '--root', root, '--to', 'http://user:pass@127.0.0.1:9/'], /--to must not carry a user name or password/],
    // URL() would read both as host `x`, which the user never wrote as one.
    [['send', 'pigeon', '--root', root, '--to', 'http:///x'], /--to must name its host right after the scheme \(http:\/\/host\/\.\.\.\), got "http:\/\/\/x"/],
    [['send', 'pigeon', '--root', root, '--to', 'http:x'], /--to must name its host right after the scheme/],
    [['send', 'pigeon', '--root', root, '--to', 'http://127.0.0.1:9/a\tb'], /--to holds a line break or another control character, which HTTP forbids: "http:\/\/127\.0\.0\.1:9\/a\\tb"/],
    [['send', 'pigeon', '--root', root, '--context', ''], /--context needs a sample ref/],
    // An unset shell variable (`--to "$RECEIVER"`) must not send to the integration's real endpoint.
    [['send', 'pigeon', '--root', root, '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--timeout', '2000', '--to', ''], /--to must be an absolute http\(s\) URL, got ""/],
  ])('rejects bad options with exit 2: %j', async (args, message) => {
    const result = await runCliAsync(args);
    expectCleanError(result);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('with --context all, is not stopped by a template that only events the policy drops would reach', async () => {
    const target = await receiverWith();
    const brokenDefault = createFixtureRoot({
      pigeon: { manifest: validManifest(), files: { ...validFiles(), 'templates/default.json.hbs': '{"text": "{{{nobody.name}}}"}' } },
    });
    const result = await runCliAsync(['send', 'pigeon', '--root', brokenDefault, '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--context', 'all', '--to', target.url]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const delivered = target.received().length;
    expect(delivered).toBeGreaterThan(0);
    expect(result.stdout).toContain(`${delivered} of ${delivered} requests delivered`);
  });

  it('with --template validation, delivers what "validate connection" sends, whatever the policy says', async () => {
    const manifest = validManifest();
    // The policy delivers nothing: the validation request goes out all the same.
    (manifest.capabilities as any).auditLogEventsHook.defaultPolicy = [{ effect: 'deny', resources: ['proj/*'], actions: ['*'] }];
    const strict = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const target = await receiverWith();
    const result = await runCliAsync(['send', 'pigeon', '--root', strict, '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--template', 'validation', '--to', target.url]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(target.received().map((request) => request.body)).toEqual([{ text: 'Connected to LaunchDarkly' }]);
  });

  it('refuses --template naming a template the integration lacks, as a usage error, and sends nothing', async () => {
    const target = await receiverWith();
    const result = await runCliAsync(['send', 'pigeon', '--root', root, '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--template', 'member', '--to', target.url]);
    expectUsageError(result, 'ld-hook-kit: pigeon has no member template (it has: flag, default, validation)\n');
    expect(target.requests()).toHaveLength(0);
  });

  it('refuses an enum value outside its allowedValues, from --var or the environment, as a usage error, and sends nothing', async () => {
    const target = await receiverWith();
    const given = ['send', 'pigeon', '--root', root, '--var', 'channel=ops', '--var', `signingSecret=${SECRET}`, '--to', target.url];
    for (const [args, env] of [
      [[...given, '--var', 'region=evil.example/x?'], {}],
      [given, { LD_HOOK_KIT_VAR_REGION: 'evil.example/x?' }],
    ] as const) {
      const result = await runCliAsync([...args], { env });
      expectUsageError(result, 'ld-hook-kit: form variable region is an enum: give one of its allowedValues ("eu", "us"), not "evil.example/x?"\n');
    }
    expect(target.requests()).toHaveLength(0);
  });

  it('notes on stderr an environment variable two keys share, which gives nothing, never printing its value', async () => {
    const target = await receiverWith();
    const manifest = validManifest() as any;
    manifest.formVariables.push({ key: 'SigningSecret', name: 'Other', type: 'string', description: 'A key differing only in case.', isOptional: true });
    const twins = createFixtureRoot({ twins: { manifest, files: validFiles() } });
    const result = await runCliAsync(['send', 'twins', '--root', twins, '--var', 'channel=ops', '--to', target.url], {
      env: { LD_HOOK_KIT_VAR_SIGNINGSECRET: SECRET },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'ld-hook-kit: note: LD_HOOK_KIT_VAR_SIGNINGSECRET is ambiguous here (signingSecret, SigningSecret): ' +
        'use LD_HOOK_KIT_VAR_SIGNINGSECRET_1 for signingSecret or LD_HOOK_KIT_VAR_SIGNINGSECRET_2 for SigningSecret\n',
    );
    expect(result.stderr).toContain('required form variable signingSecret has no value');
    expect(result.stdout + result.stderr).not.toContain(SECRET);
    expect(target.requests()).toHaveLength(0);
  });

  describe('when there is nothing to send, says why and exits 1 (nothing was delivered)', () => {
    function rootWith(edit: (hook: any, manifest: Record<string, unknown>) => void): string {
      const manifest = validManifest();
      edit((manifest.capabilities as any)?.auditLogEventsHook, manifest);
      return createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    }
    const values = ['--var', 'channel=ops', '--var', `signingSecret=${SECRET}`];

    it('for an event no template serves', async () => {
      const target = await receiverWith();
      const noDefault = rootWith((hook) => delete hook.templates.default);
      const result = await runCliAsync(['send', 'pigeon', '--root', noDefault, ...values, '--context', 'project/create', '--ignore-policy', '--to', target.url]);
      expectCleanError(result);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^ld-hook-kit: nothing sent: pigeon has no project or default template: LaunchDarkly sends nothing for this event$/m);
      expect(target.received()).toHaveLength(0);
    });

    it('for --context all when the default policy delivers none of the samples', async () => {
      const target = await receiverWith();
      const deaf = rootWith((hook) => (hook.defaultPolicy = [{ effect: 'allow', resources: ['proj/nowhere:env/nothing:flag/none'], actions: ['*'] }]));
      const result = await runCliAsync(['send', 'pigeon', '--root', deaf, ...values, '--context', 'all', '--to', target.url]);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/nothing sent: the default policy delivers none of the \d+ samples/);
      expect(result.stderr).toContain(`(\`ld-hook-kit validate pigeon --root ${deaf}\` explains, under policy-delivers-nothing)`);
      expect(target.received()).toHaveLength(0);
    });

    it('for a request that cannot go out as written, before the first of them goes out, the value never shown', async () => {
      const target = await receiverWith();
      const managed = rootWith((hook) => hook.endpoint.headers.push({ name: 'Transfer-Encoding', value: 'chunked' }));
      const result = await runCliAsync(['send', 'pigeon', '--root', managed, ...values, '--context', 'all', '--to', target.url]);
      expectCleanError(result);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^ld-hook-kit: nothing sent: invalid request: Transfer-Encoding is a header HTTP clients write themselves, .* \(samples flag\/[a-z-]+, /);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(target.requests()).toHaveLength(0);
      // A control character in a secret: the reason names the header, and no part of the value.
      const token = rootWith((hook) => hook.endpoint.headers.push({ name: 'X-Token', value: '{{signingSecret}}' }));
      const odd = runCliAsync(['send', 'pigeon', '--root', token, '--var', 'channel=ops', '--var', 'signingSecret=wren\u0001€', '--to', target.url]);
      const refused = await odd;
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('nothing sent: invalid request: the value of header X-Token holds a line break or another control character');
      expect(refused.stderr).not.toMatch(/wren|€|U\+/);
      expect(target.requests()).toHaveLength(0);
    });

    it('for an event the default policy does not deliver, unless --ignore-policy', async () => {
      const target = await receiverWith();
      const result = await runCliAsync(['send', 'pigeon', '--root', root, ...values, '--context', 'project/create', '--to', target.url]);
      expectCleanError(result);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        /^ld-hook-kit: nothing sent: the default policy does not deliver project\/create \(.+\), so LaunchDarkly would not send it; --ignore-policy sends it anyway\n$/,
      );
      expect(target.requests()).toHaveLength(0);
      const anyway = await runCliAsync(['send', 'pigeon', '--root', root, ...values, '--context', 'project/create', '--ignore-policy', '--to', target.url]);
      expect(anyway.status).toBe(0);
      expect(target.requests()).toHaveLength(1);
    });

    it('for a default policy with a statement that does not parse, which LaunchDarkly would not accept', async () => {
      const target = await receiverWith();
      const broken = rootWith((hook) => hook.defaultPolicy.push({ effect: 'deny', resources: ['proj/* '], actions: ['*'] }));
      for (const context of ['all', 'flag/update-rules']) {
        const result = await runCliAsync(['send', 'pigeon', '--root', broken, ...values, '--context', context, '--to', target.url]);
        expectCleanError(result);
        expect(result.status).toBe(1);
        expect(result.stderr).toBe(
          'ld-hook-kit: nothing sent: the default policy is invalid, so LaunchDarkly would not accept it: defaultPolicy statement 2: ' +
            'resource specifier "proj/* " contains whitespace; a resource specifier has none (validate\'s policy-syntax)\n',
        );
      }
      expect(target.requests()).toHaveLength(0);
    });

    it('for an integration without auditLogEventsHook', async () => {
      const target = await receiverWith();
      const hookless = rootWith((_hook, manifest) => {
        delete manifest.capabilities;
        manifest.otherCapabilities = ['webhooks'];
      });
      const result = await runCliAsync(['send', 'pigeon', '--root', hookless, ...values, '--to', target.url]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('nothing sent: pigeon has no auditLogEventsHook capability');
    });
  });
});
