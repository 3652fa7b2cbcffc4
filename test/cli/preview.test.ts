import * as http from 'node:http';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createFixtureRoot, validFiles, validManifest } from '../helpers/fixture-root';
import { expectCleanError, REPO_ROOT, runCli, runCliAsync } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';
import { loadSamples } from '../../scripts/lib/samples/load';

/** The valid manifest with its endpoint headers written as an object, as a real old manifest had them. */
function headersObjectManifest(): Record<string, unknown> {
  const manifest = validManifest({ overview: 'An overview that breaks no rendering, though it has no period' });
  (manifest.capabilities as any).auditLogEventsHook.endpoint.headers = { 'Content-Type': 'application/json' };
  return manifest;
}

function standardPayloadManifest(): Record<string, unknown> {
  const manifest = validManifest();
  const hook = (manifest.capabilities as any).auditLogEventsHook;
  hook.useStandardWebhookPayload = true;
  hook.templates = {};
  return manifest;
}

/** The valid manifest with its secret written through every helper and escaping a template has. */
function secretEverywhereManifest(): Record<string, unknown> {
  const manifest = validManifest();
  const endpoint = (manifest.capabilities as any).auditLogEventsHook.endpoint;
  endpoint.url = 'https://us.api.pigeon-post.example/hooks/{{pathEncode signingSecret}}?k={{queryEncode signingSecret}}';
  endpoint.headers.push(
    { name: 'Authorization', value: 'Bearer {{signingSecret}}' },
    { name: 'X-Basic', value: '{{basicAuthHeaderValue channel signingSecret}}' },
  );
  return manifest;
}

const SECRET_EVERYWHERE_FILES = {
  ...validFiles(),
  'templates/flag.json.hbs': '{"raw": "{{{formVariables.signingSecret}}}", "escaped": "{{formVariables.signingSecret}}", "channel": "{{{formVariables.channel}}}"}',
};

/** The valid manifest without an endpoint, as an integration with a custom delivery method has (cloudtrail). */
function noEndpointManifest(): Record<string, unknown> {
  const manifest = validManifest();
  delete (manifest.capabilities as any).auditLogEventsHook.endpoint;
  return manifest;
}

function chunkedManifest(): Record<string, unknown> {
  const manifest = validManifest() as any;
  manifest.capabilities.auditLogEventsHook.endpoint.headers.push({ name: 'Transfer-Encoding', value: 'chunked' });
  return manifest;
}

/** A secret that every encoding, escaping and base64 changes. */
const AWKWARD_SECRET = 'c2Vj=c+d/e"f&g\\h';

const root = createFixtureRoot({
  pigeon: { manifest: validManifest(), files: validFiles() },
  secretive: { manifest: secretEverywhereManifest(), files: SECRET_EVERYWHERE_FILES },
  standard: { manifest: standardPayloadManifest(), files: { 'assets/images/square.svg': '<svg/>', 'assets/images/horizontal.svg': '<svg/>' } },
  nohook: { manifest: validManifest({ capabilities: undefined, otherCapabilities: ['webhooks'] }), files: validFiles() },
  noendpoint: { manifest: noEndpointManifest(), files: validFiles() },
  oldheaders: { manifest: headersObjectManifest(), files: validFiles() },
  longoverview: { manifest: validManifest({ overview: `${'An overview far too long for the listing. '.repeat(4)}` }), files: validFiles() },
});

/** curl's refusal of a signingSecret given that a template changes: exit 1, nothing on stdout, one line naming send. */
/** `root` is the --root the run was given: the send command suggested carries it, to run as printed. */
function expectChangedValueRefused(result: ReturnType<typeof runCli>, name: string, root: string): void {
  expectCleanError(result);
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe(
    `ld-hook-kit: no curl command for ${name}: the template transforms the value given for signingSecret (an encoding helper or HTML escaping), ` +
      `which the command would send unchanged; \`ld-hook-kit send ${name} --root ${root}\` sends what LaunchDarkly would\n`,
  );
}

describe('ld-hook-kit preview', () => {
  it('says when Discord would refuse the flagship\'s message, in text, JSON and the pull request block, and not when it would take it', () => {
    const refusal = 'Discord would refuse this message (400): embeds[0].description must be at most 4096 characters (it has 4681)';
    const text = runCli(['preview', 'discord', '--context', 'flag/update-targets']);
    expect(text.status).toBe(0);
    expect(text.stdout.split('\n').slice(0, 3)).toEqual(['discord · sample flag/update-targets', expect.stringMatching(/^delivered: yes/), refusal]);
    expect(JSON.parse(runCli(['preview', 'discord', '--context', 'flag/update-targets', '--format', 'json']).stdout).destinationProblem).toBe(refusal);
    // Markdown escapes its brackets, so that they make no link.
    expect(runCli(['preview', 'discord', '--context', 'flag/update-targets', '--format', 'markdown']).stdout).toContain(`\n${refusal.replace(/[[\]]/g, '\\$&')}\n`);
    const fits = runCli(['preview', 'discord', '--format', 'json']);
    expect(JSON.parse(fits.stdout)).not.toHaveProperty('destinationProblem');
  });

  it('shows the flagship Discord request for a flag targeting change by default', () => {
    const result = runCli(['preview']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('discord · sample flag/update-rules');
    expect(result.stdout).toMatch(/^POST https:\/\/discord\.com\/api\/webhooks\//m);
    expect(result.stdout).toMatch(/^Content-Type: application\/json$/m);
  });

  it('prints URL, method, headers and the pretty body, with placeholders for unset variables', () => {
    const result = runCli(['preview', 'pigeon', '--root', root]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('POST https://us.api.pigeon-post.example/hooks/$CHANNEL');
    expect(result.stdout).toMatch(/^X-Pigeon-Signature: [0-9a-f]{64}$/m);
    expect(result.stdout).toContain('"channel": "$CHANNEL"');
  });

  it('says where a JSON template\'s body stops being JSON, in text, JSON, markdown and curl, and still previews it', () => {
    const files = { ...validFiles(), 'templates/flag.json.hbs': '{\n  "text": "{{{title.plainText}}}",\n}\n' };
    const brokenRoot = createFixtureRoot({ broken: { manifest: validManifest(), files } });
    const note: string = JSON.parse(runCli(['preview', 'broken', '--root', brokenRoot, '--format', 'json']).stdout).bodyProblem;
    // The comma after the title, the title's length into the body's line 2; the template wrote it at 2:34.
    expect(note).toMatch(/^the body is not valid JSON at line 2, column \d+: trailing comma before `\}`; the template wrote it at integrations\/broken\/templates\/flag\.json\.hbs:2:34$/);
    const text = runCli(['preview', 'broken', '--root', brokenRoot]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(note);
    expect(runCli(['preview', 'broken', '--root', brokenRoot, '--format', 'markdown']).stdout).toContain('The body is not valid JSON at line 2');
    // A curl command prints the body quoted for the shell: no column of it is given. Its comments hold no backquote.
    expect(runCli(['curl', 'broken', '--root', brokenRoot]).stdout).toContain(`# flag/update-rules: ${note.replace(/ at line 2, column \d+/, '').replace(/`/g, '')}\n`);
    expect(JSON.parse(runCli(['preview', 'pigeon', '--root', root, '--format', 'json']).stdout)).not.toHaveProperty('bodyProblem');
  });

  it('says when send would refuse the request, in text, JSON and curl, and still previews it', () => {
    const refusal = 'send refuses this request: invalid request: Transfer-Encoding is a header HTTP clients write themselves';
    expect(runCli(['preview', 'pigeon', '--root', root]).stdout).not.toContain('send refuses');
    const chunkedRoot = createFixtureRoot({ chunked: { manifest: chunkedManifest(), files: validFiles() } });
    const chunked = runCli(['preview', 'chunked', '--root', chunkedRoot]);
    expect(chunked.status).toBe(0);
    expect(chunked.stdout).toContain(refusal);
    expect(chunked.stdout).toMatch(/^Transfer-Encoding: chunked$/m);
    const json = JSON.parse(runCli(['preview', 'chunked', '--root', chunkedRoot, '--format', 'json']).stdout);
    expect(json.unsendable).toMatch(/^invalid request: Transfer-Encoding is a header HTTP clients write themselves/);
    expect(JSON.parse(runCli(['preview', 'pigeon', '--root', root, '--format', 'json']).stdout)).not.toHaveProperty('unsendable');
    expect(runCli(['curl', 'chunked', '--root', chunkedRoot]).stdout).toMatch(new RegExp(`^# flag/update-rules: ${refusal}`, 'm'));
  });

  it('--format json gives one document, an array with --context all', () => {
    const one = JSON.parse(runCli(['preview', 'pigeon', '--root', root, '--format', 'json']).stdout);
    expect(one).toMatchObject({ integration: 'pigeon', context: 'flag/update-rules', request: { method: 'POST' } });
    expect(one.request.headers).toContainEqual({ name: 'Content-Type', value: 'application/json' });
    expect(typeof one.request.body).toBe('string');
    const all = JSON.parse(runCli(['preview', 'pigeon', '--root', root, '--format', 'json', '--context', 'all']).stdout);
    expect(Array.isArray(all)).toBe(true);
    expect(all.length).toBeGreaterThan(10);
  });

  it('masks secret values given with --var everywhere', () => {
    const secret = 'hunter2-very-secret';
    for (const format of ['text', 'json']) {
      const result = runCli(['preview', 'pigeon', '--root', root, '--var', `signingSecret=${secret}`, '--var', 'channel=ops', '--format', format]);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('ops');
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
  });

  it('masks a secret in every form a template gives it: encoded, HTML-escaped, JSON-escaped, in base64', () => {
    for (const format of ['text', 'json', 'markdown']) {
      const result = runCli(['preview', 'secretive', '--root', root, '--var', `signingSecret=${AWKWARD_SECRET}`, '--var', 'channel=ops', '--format', format]);
      expect(result.status).toBe(0);
      const out = result.stdout + result.stderr;
      const forms = [AWKWARD_SECRET, encodeURI(AWKWARD_SECRET), encodeURIComponent(AWKWARD_SECRET), 'c2Vj&#x3D;c', JSON.stringify(AWKWARD_SECRET).slice(1, -1)];
      for (const form of forms) expect([format, form, out.includes(form)]).toEqual([format, form, false]);
      expect(out).not.toContain(Buffer.from(`ops:${AWKWARD_SECRET}`).toString('base64'));
      expect(out).toContain('****');
    }
    // Nor does the base64 of the mask show, which would look like a credential to copy.
    const text = runCli(['preview', 'secretive', '--root', root, '--var', `signingSecret=${AWKWARD_SECRET}`, '--var', 'channel=ops']).stdout;
    expect(text).toContain('X-Basic: Basic ****\n');
    expect(text).not.toContain(Buffer.from('ops:****').toString('base64'));
  });

  it('masks where the secret was put, not every match of its text: a one-letter secret leaves the rest alone', () => {
    const result = runCli(['preview', 'secretive', '--root', root, '--var', 'signingSecret=a', '--var', 'channel=ops']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('secretive · sample flag/update-rules');
    expect(result.stdout).toContain('Authorization: Bearer ****');
    expect(result.stdout).toContain('"raw": "****"');
  });

  it('reads form values from LD_HOOK_KIT_VAR_<KEY>, as send does, and masks secrets from there too', () => {
    const result = runCli(['preview', 'secretive', '--root', root], { env: { LD_HOOK_KIT_VAR_CHANNEL: 'from-env', LD_HOOK_KIT_VAR_SIGNINGSECRET: 'env-secret-value' } });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('"channel": "from-env"');
    expect(result.stdout).not.toContain('env-secret-value');
  });

  it('previews the only integration of a root without a name, and asks for one where there are several', () => {
    const single = createFixtureRoot({ lone: { manifest: validManifest(), files: validFiles() } });
    const one = runCli(['preview', '--root', single]);
    expect(one.status).toBe(0);
    expect(one.stdout).toContain('lone · sample flag/update-rules');
    for (const command of ['preview', 'curl']) {
      const many = runCli([command, '--root', root]);
      expectCleanError(many);
      expect(many.status).toBe(2);
      expect(many.stderr).toMatch(new RegExp(`name the integration to ${command}: .*integrations has 7 \\(longoverview, noendpoint, nohook, oldheaders, pigeon, \\.\\.\\.\\)`));
    }
  });

  it('says a root with no integration has none to preview, and how to make one, rather than "has 0 (none)"', () => {
    const empty = createFixtureRoot({});
    for (const command of ['preview', 'curl']) {
      const result = runCli([command, '--root', empty]);
      expectCleanError(result);
      expect([result.status, result.stdout, result.stderr]).toEqual([2, '', `ld-hook-kit: ${empty}/integrations holds no integration to ${command}: make one with ld-hook-kit new <name> --root ${empty}\n`]);
    }
  });

  it('refuses --curl with --format json or markdown, which it would otherwise ignore, and prints nothing; text, the default, goes', () => {
    for (const format of ['json', 'markdown']) {
      const result = runCli(['preview', 'discord', '--curl', '--format', format]);
      expectCleanError(result);
      expect([result.status, result.stdout, result.stderr]).toEqual([2, '', `ld-hook-kit: --curl prints a shell script, not --format ${format}\n`]);
    }
    expect(runCli(['preview', 'discord', '--curl']).stdout).toMatch(/ \| curl --silent /);
    expect(runCli(['preview', 'discord', '--curl', '--format', 'text']).stdout).toMatch(/ \| curl --silent /);
  });

  it('documents --var in each command\'s help without a made-up default', () => {
    for (const command of ['preview', 'curl', 'send']) {
      const help = runCli([command, '--help']).stdout;
      expect(help).toContain('--var <key=value>');
      expect(help).not.toContain('(default: [])');
    }
  });

  it('says in its help what a variable without a value shows, as it does: its defaultValue, else the placeholder', () => {
    const help = runCli(['preview', '--help']).stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`without one, a variable takes its defaultValue, or else shows the framework's placeholder ($KEY; true for a boolean; ["$KEY"] for a multiselect)`);
    const shown = JSON.parse(runCli(['preview', 'discord', '--format', 'json']).stdout);
    // username has a defaultValue; webhookId has none.
    expect(JSON.parse(shown.request.body).username).toBe('LaunchDarkly');
    expect(shown.request.url).toContain('/%24WEBHOOKID/');
  });

  it('refuses --template naming one the integration lacks, saying which it has', () => {
    for (const command of [['preview'], ['preview', '--format', 'json'], ['curl']]) {
      const result = runCli([...command, 'discord', '--template', 'member']);
      expectCleanError(result);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe('ld-hook-kit: discord has no member template (it has: flag, default, validation)\n');
    }
  });

  it('says LaunchDarkly sends nothing for an event no template serves', () => {
    const manifest = validManifest();
    (manifest.capabilities as any).auditLogEventsHook.templates = { flag: 'templates/flag.json.hbs' };
    const flagOnly = createFixtureRoot({ flags: { manifest, files: validFiles() } });
    const result = runCli(['preview', 'flags', '--root', flagOnly, '--context', 'member/invite']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('flags has no member or default template: LaunchDarkly sends nothing for this event');
  });

  it('escapes the control characters a crafted manifest or a value given writes, so they neither act on the terminal nor fake a header line', () => {
    const manifest = validManifest();
    const hook = (manifest.capabilities as any).auditLogEventsHook;
    hook.templates.flag = 'templates/\u0000\u001b]0;TITLE\u0007\u001b[31mRED.json';
    hook.endpoint.headers.push({ name: 'X-Channel', value: '{{channel}}' });
    const crafted = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const missing = runCli(['preview', 'pigeon', '--root', crafted]);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain('templates/\\u0000\\u001b]0;TITLE\\u0007\\u001b[31mRED.json');
    // The channel holds the secret, control character and all: masked before it is escaped, it shows as the mask alone.
    const secret = 's3\u001bcret-value';
    const args = ['--var', `channel=c\r\nX-Fake: 1\u001b[2J${secret}`, '--var', `signingSecret=${secret}`];
    const rendered = runCli(['preview', 'pigeon', '--root', crafted, '--context', 'project/create', ...args]);
    expect(rendered.status).toBe(0);
    for (const output of [missing.stdout, rendered.stdout]) expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(rendered.stdout).toContain('\nPOST https://us.api.pigeon-post.example/hooks/c\\u000d\\u000aX-Fake: 1\\u001b[2J****\n');
    expect(rendered.stdout).toContain('\nX-Channel: c\\u000d\\u000aX-Fake: 1\\u001b[2J****\n');
    expect(rendered.stdout).not.toMatch(/^X-Fake/m);
    expect(rendered.stdout).not.toContain('cret');
  });

  it('stops quietly when the reader of its output goes away (| head)', () => {
    const cli = require.resolve('../../dist/scripts/cli.js');
    const result = require('node:child_process').spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" preview --context all | head -c 1`], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toHaveLength(1);
  });

  it('says whether the default policy delivers the event, and which statement decided', () => {
    const text = runCli(['preview', 'pigeon', '--root', root]);
    expect(text.stdout).toContain('delivered: yes (statement 1 allows every action on proj/*:env/production:flag/*)');
    const project = JSON.parse(runCli(['preview', 'pigeon', '--root', root, '--context', 'project/create', '--format', 'json']).stdout);
    expect(project).toMatchObject({ delivered: false, decidedBy: null });
    const flag = JSON.parse(runCli(['preview', 'pigeon', '--root', root, '--format', 'json']).stdout);
    expect(flag).toMatchObject({ delivered: true, decidedBy: 0 });
    expect(flag).not.toHaveProperty('policyError');
  });

  it('masks a secret\'s default from the manifest as it masks a given value, in every format', () => {
    const manifest = validManifest();
    const variables = manifest.formVariables as any[];
    Object.assign(variables.find((variable) => variable.key === 'signingSecret'), { isOptional: true, defaultValue: 'SUPERSECRET123' });
    (manifest.capabilities as any).auditLogEventsHook.endpoint.headers.push({ name: 'Authorization', value: 'Bearer {{{signingSecret}}}' });
    const defaulted = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    for (const format of ['text', 'json', 'markdown']) {
      const result = runCli(['preview', 'pigeon', '--root', defaulted, '--format', format]);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('Bearer ****');
      expect(result.stdout + result.stderr).not.toContain('SUPERSECRET123');
      // signingSecret also keys the signature: one made with the default is masked too.
      expect(result.stdout).toMatch(/X-Pigeon-Signature(: |",\s+"value": ")\*\*\*\*/);
    }
  });

  it('masks a signature that a real secret made, in every format, and shows the one the placeholder makes', () => {
    const secret = 'hunter2';
    for (const format of ['text', 'json', 'markdown']) {
      const result = runCli(['preview', 'pigeon', '--root', root, '--format', format], { env: { LD_HOOK_KIT_VAR_SIGNINGSECRET: secret } });
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/X-Pigeon-Signature(: |",\s+"value": ")\*\*\*\*/);
    }
    const json = JSON.parse(runCli(['preview', 'pigeon', '--root', root, '--format', 'json']).stdout);
    const placeholderSignature = createHmac('sha256', '$SIGNINGSECRET').update(json.request.body).digest('hex');
    expect(json.request.headers).toContainEqual({ name: 'X-Pigeon-Signature', value: placeholderSignature });
  });

  it('says when the default policy has a statement that does not parse, since LaunchDarkly would not accept it', () => {
    const manifest = validManifest();
    (manifest.capabilities as any).auditLogEventsHook.defaultPolicy.push({ effect: 'deny', resources: ['proj/* '], actions: ['*'] });
    const broken = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const problem = 'defaultPolicy statement 2: resource specifier "proj/* " contains whitespace; a resource specifier has none';
    const text = runCli(['preview', 'pigeon', '--root', broken]);
    expect(text.stdout).toContain(`delivered: yes (statement 1 allows every action on proj/*:env/production:flag/*); but the default policy is invalid, so LaunchDarkly would not accept it: ${problem}\n`);
    const json = JSON.parse(runCli(['preview', 'pigeon', '--root', broken, '--format', 'json']).stdout);
    expect(json).toMatchObject({ delivered: true, policyError: problem });
  });

  it('with --context all lists delivered events first and counts them', () => {
    const all = JSON.parse(runCli(['preview', 'pigeon', '--root', root, '--context', 'all', '--format', 'json']).stdout);
    const delivered = all.map((item: { delivered: boolean }) => item.delivered);
    const firstRefused = delivered.indexOf(false);
    expect(firstRefused).toBeGreaterThan(0);
    expect(delivered.slice(firstRefused)).not.toContain(true);
    const text = runCli(['preview', 'pigeon', '--root', root, '--context', 'all']).stdout;
    expect(text).toContain(`The default policy delivers ${firstRefused} of ${all.length} sample events.`);
  });

  it('--format markdown prints the pull request block: the request and the policy table', () => {
    const markdown = runCli(['preview', 'pigeon', '--root', root, '--format', 'markdown']).stdout;
    expect(markdown).toMatch(/^### Request preview: pigeon/);
    expect(markdown).toContain('Sample event: `flag/update-rules`');
    expect(markdown).toContain('```http\nPOST https://us.api.pigeon-post.example/hooks/$CHANNEL');
    expect(markdown).toMatch(/Delivers \d+ of \d+ sample events:/);
    expect(markdown).toContain('| `flag/update-rules` | yes | statement 1 allows');
    expect(markdown).toContain('| `project/create` | no |');
    // The event asked for, a file of one's own included; an unknown ref is refused, not replaced.
    const eventFile = path.join(tempDir('markdown'), 'mine.json');
    const mine = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'sample-context/flag/update-rules.json'), 'utf8'));
    fs.writeFileSync(eventFile, JSON.stringify({ ...mine, title: { ...mine.title, plainText: 'My own event' } }));
    const own = runCli(['preview', 'pigeon', '--root', root, '--format', 'markdown', '--context', eventFile]);
    expect(own.status).toBe(0);
    expect(own.stdout).toContain(`Sample event: \`${eventFile}\``);
    expect(own.stdout).toContain('My own event');
    const unknown = runCli(['preview', 'pigeon', '--root', root, '--format', 'markdown', '--context', 'flag/no-such-event']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^ld-hook-kit: unknown sample flag\/no-such-event/);
  });

  it('--template renders the named template instead of the one the event picks', () => {
    const result = runCli(['preview', 'pigeon', '--root', root, '--template', 'validation', '--format', 'json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(JSON.parse(result.stdout).request.body)).toEqual({ text: 'Connected to LaunchDarkly' });
  });

  it('previews the standard webhook payload when the integration asks for it', () => {
    const result = runCli(['preview', 'standard', '--root', root, '--format', 'json']);
    expect(result.status).toBe(0);
    const payload = JSON.parse(JSON.parse(result.stdout).request.body);
    expect(payload).toMatchObject({
      kind: 'flag',
      accesses: [{ action: 'updateRules', resource: expect.stringMatching(/^proj\/[^:]+:env\/production(;[^:]*)?:flag\//) }],
    });
    expect(typeof payload.date).toBe('number');
    expect(typeof payload.title).toBe('string');
  });

  it("moves the event's timestamp to now, as send and the framework's preview do, in preview and curl alike, unless --keep-timestamp", () => {
    const files = { ...validFiles(), 'templates/flag.json.hbs': '{"at": "{{timestamp.rfc3339}}", "ms": {{timestamp.milliseconds}} }' };
    const dated = createFixtureRoot({ pigeon: { manifest: validManifest(), files } });
    const sampleMs = (loadSamples().find((s) => s.ref === 'flag/update-rules')!.event.timestamp as { milliseconds: number }).milliseconds;
    const before = Date.now();
    const previewed = (...extra: string[]) =>
      JSON.parse(JSON.parse(runCli(['preview', 'pigeon', '--root', dated, '--var', 'channel=ops', '--format', 'json', ...extra]).stdout).request.body);
    const moved = previewed();
    expect(moved.ms).toBeGreaterThanOrEqual(before - 1000);
    expect(moved.ms).toBeLessThanOrEqual(Date.now());
    expect(moved.at).toBe(new Date(moved.ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    expect(previewed('--keep-timestamp').ms).toBe(sampleMs);
    const curled = (...extra: string[]) => runCli(['curl', 'pigeon', '--root', dated, '--var', 'channel=ops', ...extra]).stdout;
    expect(curled()).not.toContain(`"ms": ${sampleMs}`);
    expect(curled('--keep-timestamp')).toContain(`"ms": ${sampleMs}`);
  });

  it('takes a standard webhook payload of your own as the event: routed by its accesses, and sent as it is', () => {
    const sent = JSON.parse(JSON.parse(runCli(['preview', 'standard', '--root', root, '--format', 'json']).stdout).request.body);
    const dir = tempDir('payload');
    const inProduction = path.join(dir, 'production.json');
    fs.writeFileSync(inProduction, JSON.stringify(sent));
    const result = runCli(['preview', 'standard', '--root', root, '--context', inProduction, '--format', 'json', '--keep-timestamp']);
    expect(result.status).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(JSON.parse(answer.request.body)).toEqual(sent);
    // Without --keep-timestamp its date is moved to now, as send moves it.
    const moved = JSON.parse(JSON.parse(runCli(['preview', 'standard', '--root', root, '--context', inProduction, '--format', 'json']).stdout).request.body);
    expect(moved).toEqual({ ...sent, date: expect.any(Number) });
    expect(Math.abs(moved.date - Date.now())).toBeLessThan(60_000);
    expect(answer.delivered).toBe(true);
    expect(result.stderr).toBe(
      `ld-hook-kit: note: ${inProduction} is a standard webhook payload (it has \`accesses\` and a \`date\`): it is routed by its accesses and ` +
        'is the body as it is with useStandardWebhookPayload, but templates receive a template context (the shape of sample-context/), not this\n',
    );
    // Its accesses decide, not what its other fields say.
    const inStaging = path.join(dir, 'staging.json');
    const staging = { ...sent, accesses: [{ action: 'updateRules', resource: 'proj/harbour:env/staging:flag/berth' }] };
    fs.writeFileSync(inStaging, JSON.stringify(staging));
    const routed = JSON.parse(runCli(['preview', 'standard', '--root', root, '--context', inStaging, '--format', 'json']).stdout);
    expect(routed.delivered).toBe(false);
  });

  it('says so and exits 1 for an integration without auditLogEventsHook, as send does', () => {
    for (const command of [['preview'], ['preview', '--format', 'markdown'], ['curl']]) {
      const result = runCli([...command, 'nohook', '--root', root]);
      expectCleanError(result);
      expect([command, result.status]).toEqual([command, 1]);
      expect(result.stderr).toBe('ld-hook-kit: nohook has no auditLogEventsHook capability: it sends no change-history events\n');
    }
  });

  it('refuses a template path ending with a slash at its place in the manifest, as validate does, in preview and curl', () => {
    const manifest = validManifest() as any;
    manifest.capabilities.auditLogEventsHook.templates.flag = 'templates/flag.json.hbs/';
    const slashed = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    // curl writes it as a comment after the sample's name.
    const problem = /^(# flag\/update-rules: )?integrations\/pigeon\/manifest\.json:\d+:\d+: templates\.flag names "templates\/flag\.json\.hbs\/", which ends with a slash, so it names a folder, not a template file$/m;
    for (const command of ['preview', 'curl']) {
      const result = runCli([command, 'pigeon', '--root', slashed]);
      expectCleanError(result);
      expect([command, result.status]).toEqual([command, 1]);
      expect(result.stdout).toMatch(problem);
    }
  });

  it('answers with one JSON document on stdout for an integration without auditLogEventsHook, with --format json, and exits 1', () => {
    const result = runCli(['preview', 'nohook', '--root', root, '--format', 'json']);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({ integration: 'nohook', request: null, problem: expect.stringMatching(/no auditLogEventsHook capability/) });
  });

  it('says so and exits 1 for an integration without an endpoint, in every format, as send does', () => {
    const problem = 'noendpoint has no endpoint in its auditLogEventsHook capability';
    const text = runCli(['preview', 'noendpoint', '--root', root]);
    expect([text.status, text.stderr]).toEqual([1, '']);
    expect(text.stdout).toContain(problem);
    const json = runCli(['preview', 'noendpoint', '--root', root, '--format', 'json']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ integration: 'noendpoint', context: 'flag/update-rules', request: null, problem, delivered: true });
    const all = runCli(['preview', 'noendpoint', '--root', root, '--context', 'all', '--format', 'json']);
    expect(all.status).toBe(1);
    expect(JSON.parse(all.stdout).every((document: { problem: string }) => document.problem === problem)).toBe(true);
    const markdown = runCli(['preview', 'noendpoint', '--root', root, '--format', 'markdown']);
    expect(markdown.status).toBe(1);
    expect(markdown.stdout).toContain(`No request: ${problem}`);
    const curl = runCli(['curl', 'noendpoint', '--root', root]);
    expect(curl.status).toBe(1);
    expect(curl.stdout).toContain(problem);
  });

  it('exits 0 for an event the default policy does not deliver, which is an answer, in every format', () => {
    for (const command of [['preview'], ['preview', '--format', 'json'], ['preview', '--format', 'markdown'], ['curl']]) {
      const result = runCli([...command, 'pigeon', '--root', root, '--context', 'project/create', '--var', 'channel=ops']);
      expect([command, result.status, result.stderr]).toEqual([command, 0, '']);
    }
    expect(runCli(['preview', 'pigeon', '--root', root, '--context', 'project/create']).stdout).toContain('delivered: no');
  });

  /** The valid manifest with a multiselect `envs` of these options and more keys of its own. */
  function withEnvs(options: { label: string; value: string }[], more: Record<string, unknown>): Record<string, unknown> {
    const manifest = validManifest() as any;
    manifest.formVariables.push({ key: 'envs', name: 'Environments', type: 'multiselect', description: 'Which environments.', multiselectOptions: options, ...more });
    return manifest;
  }

  it('gives a multiselect variable to the template as the list of values chosen, its default options when none is given', () => {
    const manifest = withEnvs([{ label: 'Production', value: 'prod' }, { label: 'Staging', value: 'staging' }], { isOptional: true, multiselectDefaultOptions: ['prod'] });
    const files = { ...validFiles(), 'templates/flag.json.hbs': '{"envs": [{{#each formVariables.envs}}"{{{this}}}"{{#unless @last}}, {{/unless}}{{/each}}]}\n' };
    const multi = createFixtureRoot({ multi: { manifest, files } });
    const body = (...args: string[]) => JSON.parse(JSON.parse(runCli(['preview', 'multi', '--root', multi, '--format', 'json', ...args]).stdout).request.body);
    expect(body()).toEqual({ envs: ['prod'] });
    expect(body('--var', 'envs=prod,staging')).toEqual({ envs: ['prod', 'staging'] });
    expect(runCli(['preview', '--help']).stdout.replace(/\s+/g, ' ')).toContain('a multiselect takes a,b or a JSON array');
    const refused = runCli(['preview', 'multi', '--root', multi, '--var', 'envs=dev']);
    expect([refused.status, refused.stderr]).toEqual([2, 'ld-hook-kit: form variable envs is a multiselect: choose among the values of its multiselectOptions ("prod", "staging"), not "dev"\n']);
  });

  it('masks each value chosen of a secret multiselect, and curl, which would have to print them, refuses', () => {
    const manifest = withEnvs([{ label: 'A', value: 'alphaSECRET1' }, { label: 'B', value: 'betaSECRET22' }], { isSecret: true });
    const files = { ...validFiles(), 'templates/flag.json.hbs': '{"envs": "{{#each formVariables.envs}}{{{this}}};{{/each}}"}\n' };
    const secretMulti = createFixtureRoot({ multi: { manifest, files } });
    const given = ['--var', 'envs=alphaSECRET1,betaSECRET22'];
    const preview = runCli(['preview', 'multi', '--root', secretMulti, ...given]);
    expect(preview.status).toBe(0);
    expect(preview.stdout).toContain('"envs": "****;****;"');
    expect(preview.stdout + preview.stderr).not.toMatch(/SECRET/);
    const curl = runCli(['curl', 'multi', '--root', secretMulti, ...given]);
    expectCleanError(curl);
    expect([curl.status, curl.stdout]).toEqual([1, '']);
    expect(curl.stderr).toBe(
      'ld-hook-kit: no curl command for multi: envs is a secret multiselect, a list the command cannot read from the environment; ' +
        `\`ld-hook-kit send multi --root ${secretMulti}\` sends what LaunchDarkly would\n`,
    );
  });

  it('refuses a curl command whose request holds a secret where the template does not print it: the command would show it', () => {
    const files = { ...validFiles(), 'templates/flag.json.hbs': '{"comment": "{{{comment}}}"}\n' };
    const commented = createFixtureRoot({ commented: { manifest: validManifest(), files } });
    const event = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'sample-context/flag/update-rules.json'), 'utf8'));
    const eventFile = path.join(tempDir('secret-in-event'), 'rotated.json');
    fs.writeFileSync(eventFile, JSON.stringify({ ...event, comment: 'rotated to abcdefghsecret' }));
    const args = ['commented', '--root', commented, '--context', eventFile, '--var', 'signingSecret=abcdefghsecret'];
    expect(runCli(['preview', ...args]).stdout).toContain('"comment": "rotated to ****"');
    const curl = runCli(['curl', ...args]);
    expectCleanError(curl);
    expect([curl.status, curl.stdout]).toEqual([1, '']);
    expect(curl.stderr).toContain(
      'no curl command for commented: the request holds the value given for signingSecret where the template does not print it (in the event\'s text, say), and the command would show it;',
    );
    expect(curl.stderr).not.toContain('abcdefghsecret');
    // Inside a word, where masking spares a short secret, the command would show it all the same.
    fs.writeFileSync(eventFile, JSON.stringify({ ...event, comment: 'the key is s3cr3t7x now' }));
    const inWord = runCli(['curl', 'commented', '--root', commented, '--context', eventFile, '--var', 'signingSecret=s3cr3t7']);
    expect([inWord.status, inWord.stdout]).toEqual([1, '']);
    // Escaped on its way into the body (a quote as \\"), it would show all the same.
    const escaped = 'ab"cd\\efgh';
    fs.writeFileSync(eventFile, JSON.stringify({ ...event, comment: `rotated to ${escaped}` }));
    const refused = runCli(['curl', 'commented', '--root', commented, '--context', eventFile, '--var', `signingSecret=${escaped}`]);
    expect([refused.status, refused.stdout]).toEqual([1, '']);
    expect(refused.stderr).toContain('the request holds the value given for signingSecret where the template does not print it');
  });

  it('lists its exit codes in the help of preview and curl', () => {
    for (const command of ['preview', 'curl']) {
      expect(runCli([command, '--help']).stdout.replace(/\s+/g, ' ')).toContain(
        'Exit codes: 0 rendered, also for an event the policy does not deliver or no template serves; 1 a template that does not render, ' +
          'an integration with no request to render (no auditLogEventsHook, no endpoint), or bad input; 2 usage error.',
      );
    }
  });

  it('refuses a manifest whose hook capability breaks the schema, at the place, and sends nothing', () => {
    for (const command of ['preview', 'curl', 'send']) {
      const result = runCli([command, 'oldheaders', '--root', root, '--var', 'signingSecret=s3cret']);
      expectCleanError(result);
      expect([command, result.status]).toEqual([command, 1]);
      expect(result.stderr).toMatch(
        /^ld-hook-kit: integrations\/oldheaders\/manifest\.json:\d+:\d+: `capabilities\.auditLogEventsHook\.endpoint\.headers` must be an array, but it is an object; no request can be rendered from this manifest \(`ld-hook-kit validate oldheaders --root \S+` lists every problem\)\n$/,
      );
      // The command suggested runs as printed: with the --root given, and none from the root itself.
      expect(result.stderr).toContain(`\`ld-hook-kit validate oldheaders --root ${root}\``);
      expect(runCli([command, 'oldheaders', '--var', 'signingSecret=s3cret'], { cwd: root }).stderr).toContain('(`ld-hook-kit validate oldheaders` lists every problem)');
      expect(result.stdout).toBe('');
    }
  });

  it('still previews a manifest whose schema problems are elsewhere (validate reports those)', () => {
    const result = runCli(['preview', 'longoverview', '--root', root]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^POST https:\/\//m);
  });

  it.each([
    [['preview', 'pigeon', '--root', root, '--context', 'flag/nope'], /unknown sample flag\/nope/],
    [['preview', 'pigeon', '--root', root, '--context', 'flag/update-rule'], /unknown sample flag\/update-rule: .*did you mean flag\/update-rules/],
    [['preview', 'pigeon', '--root', root, '--var', 'chanel=1'], /unknown form variable chanel; did you mean channel\?/],
    [['preview', 'pigeon', '--root', root, '--var', 'c2VjcmV0LXRva2Vu=='], /^ld-hook-kit: unknown form variable a key not shown \(/],
    [['preview', 'pigeon', '--root', root, '--var', 'novalue'], /key=value/],
    [['preview', 'pigeon', '--root', root, '--context', '/no/such/event.json'], /^ld-hook-kit: \/no\/such\/event\.json: no such file\n$/],
    [['preview', 'pigeon', '--root', root, '--context', 'flag/toggle-off.json'], /give its ref without \.json: --context flag\/toggle-off/],
    [['curl', 'pigeon', '--root', root, '--context', 'flag/nope'], /unknown sample flag\/nope/],
    [['send', 'pigeon', '--root', root, '--context', '/no/such/event.json'], /\/no\/such\/event\.json: no such file/],
  ])('refuses bad input with one clear line, as a usage error (exit 2): %j', (args, message) => {
    const result = runCli(args);
    expectCleanError(result);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('refuses an enum value outside its allowedValues, from --var or the environment, as it refuses a bad boolean (exit 2)', () => {
    const message = 'ld-hook-kit: form variable region is an enum: give one of its allowedValues ("eu", "us"), not "https://evil.example"\n';
    for (const command of ['preview', 'curl']) {
      const fromVar = runCli([command, 'pigeon', '--root', root, '--var', 'region=https://evil.example']);
      expectCleanError(fromVar);
      expect([command, fromVar.status, fromVar.stdout, fromVar.stderr]).toEqual([command, 2, '', message]);
      const fromEnv = runCli([command, 'pigeon', '--root', root], { env: { LD_HOOK_KIT_VAR_REGION: 'https://evil.example' } });
      expect([command, fromEnv.status, fromEnv.stdout, fromEnv.stderr]).toEqual([command, 2, '', message]);
    }
    const allowed = runCli(['preview', 'pigeon', '--root', root, '--var', 'region=eu']);
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toContain('POST https://eu.api.pigeon-post.example/hooks/$CHANNEL');
  });

  it('notes on stderr an environment variable two keys share, which gives nothing, never printing its value', () => {
    const manifest = validManifest() as any;
    manifest.formVariables.push({ key: 'Channel', name: 'Other channel', type: 'string', description: 'A key differing only in case.', isOptional: true });
    const twins = createFixtureRoot({ twins: { manifest, files: validFiles() } });
    const note =
      'ld-hook-kit: note: LD_HOOK_KIT_VAR_CHANNEL is ambiguous here (channel, Channel): use LD_HOOK_KIT_VAR_CHANNEL_1 for channel or LD_HOOK_KIT_VAR_CHANNEL_2 for Channel\n';
    // The shared name gave channel nothing: curl says the command would send its placeholder.
    const unset =
      'ld-hook-kit: note: required form variable channel has no value (--var channel=... or LD_HOOK_KIT_VAR_CHANNEL_1): ' +
      'the command sends its placeholder, where LaunchDarkly and send would send nothing\n';
    for (const command of [['preview'], ['preview', '--format', 'json'], ['curl']]) {
      const result = runCli([...command, 'twins', '--root', twins], { env: { LD_HOOK_KIT_VAR_CHANNEL: 'kept-out-42' } });
      expect([command, result.status, result.stderr]).toEqual([command, 0, command[0] === 'curl' ? note + unset : note]);
      expect(result.stdout).not.toContain('kept-out-42');
    }
    // Given empty, it is the empty value the command sends.
    const empty = runCli(['curl', 'twins', '--root', twins, '--var', 'channel=']);
    expect(empty.stderr).toContain('channel was given empty, which LaunchDarkly\'s form does not save for a required field: the command sends the empty value given,');
    const numbered = runCli(['preview', 'twins', '--root', twins], { env: { LD_HOOK_KIT_VAR_CHANNEL_1: 'ops' } });
    expect([numbered.status, numbered.stderr]).toEqual([0, '']);
    expect(numbered.stdout).toContain('POST https://us.api.pigeon-post.example/hooks/ops');
  });

  it('refuses an event file that is there but holds no event as bad input (exit 1), at its line and column', () => {
    const folder = tempDir('context');
    fs.writeFileSync(path.join(folder, 'broken.json'), '{\n  "kind": "flag",\n  "name": oops\n}\n');
    fs.writeFileSync(path.join(folder, 'no-kind.json'), '{"name": "x"}');
    for (const command of ['preview', 'curl', 'send']) {
      const broken = runCli([command, 'pigeon', '--root', root, '--context', 'broken.json'], { cwd: folder });
      expectCleanError(broken);
      expect([command, broken.status]).toEqual([command, 1]);
      expect(broken.stderr).toMatch(/^ld-hook-kit: broken\.json:3:\d+: invalid JSON/);
      const noKind = runCli([command, 'pigeon', '--root', root, '--context', 'no-kind.json'], { cwd: folder });
      expect([command, noKind.status]).toEqual([command, 1]);
      expect(noKind.stderr).toMatch(/^ld-hook-kit: no-kind\.json: not a change-history event/);
    }
  });

  it('renders an event file with a value of a type LaunchDarkly never sends, and notes it on stderr with its place', () => {
    const folder = tempDir('context');
    const event = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'sample-context/flag/update-rules.json'), 'utf8'));
    event.title.plainText = { a: 1 };
    fs.writeFileSync(path.join(folder, 'odd.json'), JSON.stringify(event, null, 2));
    const result = runCli(['preview', 'pigeon', '--root', root, '--context', 'odd.json', '--format', 'json'], { cwd: folder });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).request.body).toContain('[object Object]');
    expect(result.stderr).toMatch(/^ld-hook-kit: note: odd\.json:\d+:\d+: `title\.plainText` must be a string, but it is an object; LaunchDarkly never sends that/);
  });

  it('escapes the control characters of the path it quotes in a note on the event file', () => {
    const folder = tempDir('context');
    const event = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'sample-context/flag/update-rules.json'), 'utf8'));
    event.title.plainText = { a: 1 };
    fs.writeFileSync(path.join(folder, 'odd\u001b[2J.json'), JSON.stringify(event, null, 2));
    const result = runCli(['preview', 'pigeon', '--root', root, '--context', 'odd\u001b[2J.json'], { cwd: folder });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^ld-hook-kit: note: odd\\u001b\[2J\.json:\d+:\d+: `title\.plainText` must be a string/);
    expect(result.stderr + result.stdout).not.toContain('\u001b');
  });
});

describe('ld-hook-kit curl', () => {
  let server: http.Server;
  let url: string;
  const received: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: Buffer }[] = [];
  const failedOnce = new Set<string>();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
        // /hook/fail answers 400 with a body; /hook/fail-once only to its first request.
        const url = req.url ?? '';
        const fails = url.startsWith('/hook/fail') && !(url.startsWith('/hook/fail-once') && failedOnce.has(url));
        failedOnce.add(url);
        if (fails) res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad payload');
        else res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('--to posts the command to another url (a local receiver), reading no secret the rendered url held', async () => {
    const printed = runCli(['curl', 'discord', '--var', 'webhookId=123', '--to', `${url}/local`]);
    expect(printed.status).toBe(0);
    expect(printed.stdout).not.toContain('WEBHOOKTOKEN');
    expect(printed.stdout).not.toContain('discord.com');
    const before = received.length;
    await new Promise<void>((resolve, reject) => execFile('sh', ['-c', printed.stdout], (error) => (error ? reject(error) : resolve())));
    expect(received).toHaveLength(before + 1);
    expect(received[before].url).toBe('/hook/local');
    expect(JSON.parse(received[before].body.toString('utf8')).embeds[0].title).toContain('changed the targeting rules of');
    // A --to holding a secret given would show it: send masks it, curl cannot.
    const secretTo = runCli(['curl', 'discord', '--var', 'webhookId=1', '--var', 'webhookToken=abcdefgh', '--to', `${url}/api/webhooks/1/abcdefgh`]);
    expect([secretTo.status, secretTo.stdout, secretTo.stderr]).toEqual([
      2,
      '',
      'ld-hook-kit: --to holds a secret value given, which the curl command would show: use send --to, which masks it\n',
    ]);
    // Also where the command would print it otherwise than it is typed (a backslash as a slash).
    const backslashed = runCli(['curl', 'discord', '--var', 'webhookId=1', '--var', 'webhookToken=pw/12345', '--to', `${url}/pw\\12345`]);
    expect([backslashed.status, backslashed.stdout]).toEqual([2, '']);
    // Refused as send refuses it, before anything is printed.
    const refused = runCli(['curl', 'discord', '--to', 'ftp://example.com/']);
    expect([refused.status, refused.stdout, refused.stderr]).toEqual([2, '', 'ld-hook-kit: --to must be an http or https URL, got "ftp://example.com/"\n']);
  });

  it('reads every secret from its LD_HOOK_KIT_VAR_<KEY> variable, given or not, and says to export it', () => {
    for (const args of [[], ['--var', 'signingSecret=plain42']]) {
      const printed = runCli(['curl', 'secretive', '--root', root, '--var', 'channel=ops', ...args]);
      expect(printed.status).toBe(0);
      expect(printed.stdout).toContain('# reads signingSecret from LD_HOOK_KIT_VAR_SIGNINGSECRET: export it first');
      expect(printed.stdout).toContain(`-H 'Authorization: Bearer '"$LD_HOOK_KIT_VAR_SIGNINGSECRET"`);
      // basicAuthHeaderValue's base64, computed when the command runs.
      expect(printed.stdout).toContain(`-H 'X-Basic: Basic '"$(printf '%s' 'ops:'"$LD_HOOK_KIT_VAR_SIGNINGSECRET" | base64 | tr -d '\\n')"`);
      expect(printed.stdout).not.toContain('plain42');
      expect(printed.stdout).not.toContain('****');
      expect(printed.stdout).not.toContain('ldhk');
    }
  });

  it('refuses, naming the variable and send, a command that would not send what LaunchDarkly would', () => {
    // queryEncode and HTML escaping change this secret: the command would send it as it is.
    expectChangedValueRefused(runCli(['curl', 'secretive', '--root', root, '--var', 'channel=ops', '--var', `signingSecret=${AWKWARD_SECRET}`]), 'secretive', root);
    // base64 after a helper the shell cannot apply to what it computes: it would never read the secret.
    const manifest = validManifest();
    (manifest.capabilities as any).auditLogEventsHook.endpoint.headers.push({ name: 'X-Basic', value: '{{queryEncode (basicAuthHeaderValue channel signingSecret)}}' });
    const hiddenRoot = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const hidden = runCli(['curl', 'pigeon', '--root', hiddenRoot, '--var', 'channel=ops']);
    expectCleanError(hidden);
    expect(hidden.status).toBe(1);
    expect(hidden.stderr).toContain(
      'no curl command for pigeon: the template transforms signingSecret past recognition (base64, say), so the command would never read it from LD_HOOK_KIT_VAR_SIGNINGSECRET; ' +
        `\`ld-hook-kit send pigeon --root ${hiddenRoot}\` sends what LaunchDarkly would`,
    );
  });

  it('computes a basicAuthHeaderValue header over a secret in the shell: the command sends the secret in the environment, as send does', async () => {
    const manifest = validManifest();
    const endpoint = (manifest.capabilities as any).auditLogEventsHook.endpoint;
    endpoint.url = url;
    endpoint.headers.push({ name: 'Authorization', value: '{{basicAuthHeaderValue channel signingSecret}}' });
    const basic = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const printed = runCli(['curl', 'pigeon', '--root', basic, '--var', 'channel=bob']);
    expect(printed.status).toBe(0);
    expect(printed.stdout).not.toContain('# warning');
    expect(printed.stdout).toContain('# reads signingSecret from LD_HOOK_KIT_VAR_SIGNINGSECRET: export it first');
    // Long enough for GNU base64 to wrap its output, which the command must not send.
    const secret = `${AWKWARD_SECRET} 🚀 $HOME '${'x'.repeat(80)}`;
    const before = received.length;
    await new Promise<void>((resolve, reject) =>
      execFile('sh', ['-c', printed.stdout], { env: { ...process.env, LD_HOOK_KIT_VAR_SIGNINGSECRET: secret } }, (error) => (error ? reject(error) : resolve())),
    );
    expect(received).toHaveLength(before + 1);
    const authorization = received[before].headers.authorization!;
    expect(authorization).toBe(`Basic ${Buffer.from(`bob:${secret}`).toString('base64')}`);
    expect(Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString()).toBe(`bob:${secret}`);
    // What send sends, with the same secret.
    const sent = await runCliAsync(['send', 'pigeon', '--root', basic, '--var', 'channel=bob'], { env: { LD_HOOK_KIT_VAR_SIGNINGSECRET: secret } });
    expect(sent.status).toBe(0);
    expect(received).toHaveLength(before + 2);
    expect(received[before + 1].headers.authorization).toBe(authorization);
  });

  it('prints one command that sh runs to send the body byte for byte, whatever it holds', async () => {
    // A template-less text body would be too easy: use the JSON one with a nasty event.
    const event = {
      ...JSON.parse(JSON.stringify(require('../../sample-context/flag/update-rules.json'))),
      title: { plainText: "it's \"quoted\" $HOME `whoami` \\ \n new line 🚀 \u001b]0;TITLE\u0007\r\u0085", markdown: 'm', html: 'h' },
    };
    const eventFile = path.join(tempDir('curl'), 'event.json');
    fs.writeFileSync(eventFile, JSON.stringify(event));
    const manifest = validManifest();
    (manifest.capabilities as any).auditLogEventsHook.endpoint.url = url;
    const curlRoot = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const secret = "s3cr3t'$x";
    const printed = runCli(['curl', 'pigeon', '--root', curlRoot, '--context', eventFile, '--var', `signingSecret=${secret}`]);
    expect(printed.status).toBe(0);
    expect(printed.stdout).not.toContain('s3cr3t');
    // The script shows the terminal no escape sequence: printf writes those when it runs.
    expect(printed.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const expected = runCli(['preview', 'pigeon', '--root', curlRoot, '--context', eventFile, '--format', 'json', '--var', `signingSecret=${secret}`]);
    const expectedRequest = JSON.parse(expected.stdout).request;
    await new Promise<void>((resolve, reject) =>
      execFile('sh', ['-c', printed.stdout], { env: { ...process.env, LD_HOOK_KIT_VAR_SIGNINGSECRET: secret } }, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    const last = received[received.length - 1];
    expect(last.method).toBe('POST');
    expect(last.body.equals(Buffer.from(expectedRequest.body))).toBe(true);
    expect(last.body.toString()).toContain('\\"quoted\\" $HOME `whoami`');
    // Neither preview nor the command prints a signature a real secret made; the shell computes it.
    expect(expectedRequest.headers).toContainEqual({ name: 'X-Pigeon-Signature', value: '****' });
    expect(printed.stdout).toContain('# computes the X-Pigeon-Signature signature with openssl, keyed with LD_HOOK_KIT_VAR_SIGNINGSECRET');
    const signature = createHmac('sha256', secret).update(last.body).digest('hex');
    expect(printed.stdout).not.toContain(signature);
    expect(last.headers['x-pigeon-signature']).toBe(signature);
  });
  it('stops with a clear message, sending nothing, when a secret it reads is not exported', async () => {
    const manifest = validManifest();
    const endpoint = (manifest.capabilities as any).auditLogEventsHook.endpoint;
    endpoint.url = url;
    endpoint.headers.push({ name: 'Authorization', value: 'Bearer {{{signingSecret}}}' });
    const printed = runCli(['curl', 'pigeon', '--root', createFixtureRoot({ pigeon: { manifest, files: validFiles() } }), '--var', 'channel=ops']);
    expect(printed.status).toBe(0);
    const before = received.length;
    for (const value of [undefined, '']) {
      const env: NodeJS.ProcessEnv = { ...process.env, LD_HOOK_KIT_VAR_SIGNINGSECRET: value };
      if (value === undefined) delete env.LD_HOOK_KIT_VAR_SIGNINGSECRET;
      const ran = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = execFile('sh', ['-c', printed.stdout], { env }, (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }));
      });
      expect(ran.code).not.toBe(0);
      expect(ran.stderr).toContain('LD_HOOK_KIT_VAR_SIGNINGSECRET: set it to the value of signingSecret');
    }
    // Neither the HMAC nor the header went out with an empty secret.
    expect(received).toHaveLength(before);
  });

  it('exits non-zero on an HTTP error answer, showing its body, also when a later request of the script succeeds', async () => {
    const run = (script: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = execFile('sh', ['-c', script], { env: { ...process.env, LD_HOOK_KIT_VAR_SIGNINGSECRET: 's' } }, (_error, stdout, stderr) =>
          resolve({ code: child.exitCode, stdout, stderr }),
        );
      });
    const rootFor = (endpointUrl: string) => {
      const manifest = validManifest();
      (manifest.capabilities as any).auditLogEventsHook.endpoint.url = endpointUrl;
      return createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    };
    const one = await run(runCli(['curl', 'pigeon', '--root', rootFor(`${url}/fail`), '--var', 'channel=ops']).stdout);
    expect(one.code).toBe(22);
    expect(one.stdout).toBe('bad payload');
    expect(one.stderr).toContain('400');
    // Every sample: the first request fails, those after it succeed.
    const before = received.length;
    const all = runCli(['curl', 'pigeon', '--root', rootFor(`${url}/fail-once-${Date.now()}`), '--var', 'channel=ops', '--context', 'all']);
    const every = await run(all.stdout);
    expect(received.length - before).toBeGreaterThan(1);
    expect(every.stdout).toBe('bad payload');
    expect(every.code).not.toBe(0);
  });

  it('keeps a line break a crafted template path holds inside the comment that quotes it, where it would run as a command', async () => {
    const marker = path.join(tempDir('curl'), 'pwned');
    const manifest = validManifest();
    (manifest.capabilities as any).auditLogEventsHook.templates.flag = `templates/x\ntouch ${marker}\n.json`;
    const crafted = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const printed = runCli(['curl', 'pigeon', '--root', crafted]);
    expect(printed.stdout).toContain(`"templates/x\\u000atouch ${marker}\\u000a.json"`);
    await new Promise((resolve) => execFile('sh', ['-c', printed.stdout], resolve));
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('with every sample, names the sample before each command, and sends only what the policy delivers, as preview says', () => {
    const args = ['pigeon', '--root', root, '--var', 'channel=ops', '--context', 'all'];
    const script = runCli(['curl', ...args]);
    expect(script.status).toBe(0);
    const preview = runCli(['preview', ...args]);
    const [, delivered, total] = /The default policy delivers (\d+) of (\d+) sample events/.exec(preview.stdout)!;
    const deliveredRefs = [...preview.stdout.matchAll(/^pigeon · sample (\S+)\ndelivered: yes/gm)].map((match) => match[1]);
    const droppedRefs = [...preview.stdout.matchAll(/^pigeon · sample (\S+)\ndelivered: no/gm)].map((match) => match[1]);
    expect(deliveredRefs.length).toBe(Number(delivered));
    expect(droppedRefs.length).toBe(Number(total) - Number(delivered));
    expect(droppedRefs.length).toBeGreaterThan(0);
    expect(script.stdout).toContain(`# the default policy delivers ${delivered} of ${total} sample events: a command for each`);
    // Each command comes right after the comment naming its sample, in preview's order.
    const labels = [...script.stdout.matchAll(/^# (\S+)\nprintf '%s' /gm)].map((match) => match[1]);
    expect(labels).toEqual(deliveredRefs);
    expect(script.stdout.match(/^printf '%s' /gm)).toHaveLength(deliveredRefs.length);
    for (const ref of droppedRefs) expect(script.stdout).toMatch(new RegExp(`^# ${ref}: not sent, the default policy does not deliver it \\(no statement allows `, 'm'));
  });

  it('reads the OAuth values from LD_HOOK_KIT_OAUTH_*, and the command sends them', async () => {
    const manifest = validManifest({ requiresOAuth: true, oauthIntegrationKey: 'pigeon' });
    const hook = (manifest.capabilities as any).auditLogEventsHook;
    hook.endpoint.url = '{{oauth.baseURI}}/hook';
    hook.endpoint.headers.push({ name: 'Authorization', value: 'Bearer {{oauth.accessToken}}' });
    const oauthRoot = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const token = 'oauth-t0ken-for-curl';
    const env = { LD_HOOK_KIT_OAUTH_BASE_URI: url.replace(/\/hook$/, ''), LD_HOOK_KIT_OAUTH_ACCESS_TOKEN: token };
    const printed = runCli(['curl', 'pigeon', '--root', oauthRoot, '--var', 'channel=ops'], { env });
    expect(printed.status).toBe(0);
    expect(printed.stdout).toContain('# reads oauth.accessToken from LD_HOOK_KIT_OAUTH_ACCESS_TOKEN: export it first');
    expect(printed.stdout).not.toContain(token);
    expect(runCli(['preview', 'pigeon', '--root', oauthRoot, '--var', 'channel=ops'], { env }).stdout).toContain('Authorization: Bearer ****');
    const before = received.length;
    await new Promise<void>((resolve, reject) =>
      // The endpoint signs: the command stops without the signing secret.
      execFile('sh', ['-c', printed.stdout], { env: { ...process.env, ...env, LD_HOOK_KIT_VAR_SIGNINGSECRET: 's' } }, (error) => (error ? reject(error) : resolve())),
    );
    expect(received).toHaveLength(before + 1);
    expect(received[before].url).toBe('/hook');
    expect(received[before].headers.authorization).toBe(`Bearer ${token}`);
  });

  it('stops its command for a secret that a template may transform, which a shell cannot, and refuses when it changes the one given', () => {
    // Read raw, only where a value stands as it is: no check.
    const raw = createFixtureRoot({ pigeon: { manifest: validManifest(), files: { ...validFiles(), 'templates/flag.json.hbs': '{"s": "{{{formVariables.signingSecret}}}"}' } } });
    expect(runCli(['curl', 'pigeon', '--root', raw, '--var', 'channel=ops']).stdout).not.toContain('# stops if');
    // HTML-escaped by {{ }}: a value with & would change, though the placeholder does not.
    const escaped = createFixtureRoot({ pigeon: { manifest: validManifest(), files: { ...validFiles(), 'templates/flag.json.hbs': '{"s": "{{formVariables.signingSecret}}"}' } } });
    const unknown = runCli(['curl', 'pigeon', '--root', escaped, '--var', 'channel=ops']).stdout;
    expect(unknown).toContain(
      '# stops if LD_HOOK_KIT_VAR_SIGNINGSECRET holds anything but letters, digits and . _ ~ -: the template encodes or HTML-escapes signingSecret',
    );
    // A value given that escaping leaves as it is gets the check all the same: the command reads the environment's. One it changes is refused.
    expect(runCli(['curl', 'pigeon', '--root', escaped, '--var', 'channel=ops', '--var', 'signingSecret=plain42']).stdout).toContain('# stops if LD_HOOK_KIT_VAR_SIGNINGSECRET');
    expectChangedValueRefused(runCli(['curl', 'pigeon', '--root', escaped, '--var', 'channel=ops', '--var', 'signingSecret=a&b']), 'pigeon', escaped);
    // A secret keyed __proto__ is probed like any other.
    const proto = validManifest() as any;
    proto.formVariables.push({ key: '__proto__', name: 'Proto', type: 'string', description: 'A key like no other.', isSecret: true });
    proto.capabilities.auditLogEventsHook.endpoint.headers.push({ name: 'X-Proto', value: '{{queryEncode __proto__}}' });
    const protoRoot = createFixtureRoot({ pigeon: { manifest: proto, files: validFiles() } });
    const refused = runCli(['curl', 'pigeon', '--root', protoRoot, '--var', 'channel=ops', '--var', 'signingSecret=s', '--var', '__proto__=a/b=c']);
    expect([refused.status, refused.stderr]).toEqual([1, expect.stringContaining('the template transforms the value given for __proto__')]);
  });

  it('sends a url with a space as fetch does, and a body over 128 KiB, which no argument can hold', async () => {
    const manifest = validManifest();
    (manifest.capabilities as any).auditLogEventsHook.endpoint.url = `${url}/{{{context.name}}}`;
    const files = { ...validFiles(), 'templates/flag.json.hbs': `{"pad": "${'x'.repeat(200 * 1024)}"}` };
    const roomy = createFixtureRoot({ pigeon: { manifest, files } });
    const printed = runCli(['curl', 'pigeon', '--root', roomy, '--var', 'channel=ops', '--var', 'signingSecret=s']);
    expect(printed.status).toBe(0);
    const script = path.join(tempDir('curl'), 'send.sh');
    fs.writeFileSync(script, printed.stdout);
    const before = received.length;
    await new Promise<void>((resolve, reject) =>
      execFile('sh', [script], { env: { ...process.env, LD_HOOK_KIT_VAR_SIGNINGSECRET: 's' } }, (error) => (error ? reject(error) : resolve())),
    );
    expect(received).toHaveLength(before + 1);
    const name = (require('../../sample-context/flag/update-rules.json') as { name: string }).name;
    expect(received[before].url).toBe(new URL(`${url}/${name}`).pathname);
    expect(received[before].url).toContain('%20');
    expect(received[before].body.length).toBe(Buffer.byteLength(files['templates/flag.json.hbs']));
  });

  // Each of these would make curl send something else: a body read from a file (`@`), a url
  // glob (`{x}`, `[]`), a header dropped for its empty value, a form Content-Type added.
  it.each(['POST', 'GET'])('%s: the command sends what preview shows, where curl would change it', async (method) => {
    const manifest = validManifest();
    const hook = (manifest.capabilities as any).auditLogEventsHook;
    (manifest.formVariables as any[]).push({
      key: 'thread', name: 'Thread', type: 'string', description: 'The thread to post in.', isOptional: true, defaultValue: '',
    });
    hook.endpoint = {
      url: `${url}?fields[]=a&x={x}&c={{{channel}}}`,
      method,
      headers: [{ name: 'X-Thread', value: '{{{thread}}}' }],
    };
    hook.templates = { flag: 'templates/flag.txt', default: 'templates/flag.txt' };
    const files = { ...validFiles(), 'templates/flag.txt': '@here {{{title.plainText}}}' };
    const curlRoot = createFixtureRoot({ parrot: { manifest, files } });
    const args = ['parrot', '--root', curlRoot, '--var', 'channel=ops'];
    const printed = runCli(['curl', ...args]);
    expect(printed.status).toBe(0);
    const expected = JSON.parse(runCli(['preview', ...args, '--format', 'json']).stdout).request;
    expect(expected.body.startsWith('@here ')).toBe(true);
    const before = received.length;
    await new Promise<void>((resolve, reject) => execFile('sh', ['-c', printed.stdout], (error) => (error ? reject(error) : resolve())));
    expect(received).toHaveLength(before + 1);
    const last = received[received.length - 1];
    expect(last.method).toBe(method);
    expect(last.url).toBe('/hook?fields[]=a&x={x}&c=ops');
    expect(last.headers['x-thread']).toBe('');
    expect(last.headers['content-type']).toBeUndefined();
    expect(last.body.toString()).toBe(expected.body);
  });
});
