import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scaffoldFiles, AUTH_METHODS, type AuthMethod } from '../../scripts/lib/scaffold/scaffold';
import { createFixtureRoot } from '../helpers/fixture-root';
import { CLI, expectCleanError, runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

describe('ld-hook-kit new', () => {
  it.each(AUTH_METHODS.map((auth) => [auth]))('scaffolds a %s integration that passes validate --strict and previews', (auth) => {
    const root = createFixtureRoot({});
    const created = runCli(['new', 'acme-alerts', '--root', root, '--yes', '--auth', auth, '--kinds', 'flag,project,member', '--site', 'https://acme.example']);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('Created');
    const folder = path.join(root, 'integrations/acme-alerts');
    for (const file of ['manifest.json', 'README.md', 'assets/images/square.svg', 'assets/images/horizontal.svg', 'templates/flag.json', 'templates/default.json', 'templates/validation.json']) {
      expect(fs.existsSync(path.join(folder, file))).toBe(true);
    }
    const validated = runCli(['validate', 'acme-alerts', '--root', root, '--strict', '--format', 'json']);
    expect(JSON.parse(validated.stdout).integrations[0].findings).toEqual([]);
    expect(validated.status).toBe(0);
    const preview = runCli(['preview', 'acme-alerts', '--root', root, '--format', 'json']);
    expect(preview.status).toBe(0);
    const request = JSON.parse(preview.stdout).request;
    // An OAuth integration posts to the customer's instance, which the connection gives: a placeholder in previews.
    expect(request.url).toBe(auth === 'oauth' ? '$OAUTH_BASE_URI/launchdarkly/events' : 'https://acme.example/launchdarkly/events');
    expect(JSON.parse(request.body)).toMatchObject({ kind: 'flag', action: 'updateRules' });
  });

  it('takes an event kind given twice as one', () => {
    const root = createFixtureRoot({});
    expect(runCli(['new', 'dup', '--root', root, '--yes', '--kinds', 'flag, project,flag']).status).toBe(0);
    const readme = fs.readFileSync(path.join(root, 'integrations/dup/README.md'), 'utf8');
    expect(readme).toContain('(flag, project)');
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'integrations/dup/manifest.json'), 'utf8')).capabilities.auditLogEventsHook.templates).sort()).toEqual(['default', 'flag', 'project', 'validation']);
  });

  it('refuses an event kind it has no template for by its option, listing the kinds it takes, and writes nothing', () => {
    const root = createFixtureRoot({});
    const result = runCli(['new', 'acme', '--root', root, '--yes', '--kinds', 'flag,segment']);
    expect([result.status, result.stderr]).toEqual([2, 'ld-hook-kit: --kinds takes flag, project, environment, member; segment is none of them\n']);
    expect(fs.readdirSync(path.join(root, 'integrations'))).toEqual([]);
  });

  it.each([[''], [' , ']])('refuses --kinds %j, which names no kind, by its option, listing the kinds it takes, and writes nothing', (kinds) => {
    const root = createFixtureRoot({});
    const result = runCli(['new', 'acme', '--root', root, '--yes', '--kinds', kinds]);
    expect([result.status, result.stderr]).toEqual([2, 'ld-hook-kit: --kinds needs at least one of flag, project, environment, member\n']);
    expect(fs.readdirSync(path.join(root, 'integrations'))).toEqual([]);
  });

  it('gives an OAuth integration with a name of one or two letters a key the schema takes, and it passes validate --strict', () => {
    const root = createFixtureRoot({});
    expect(runCli(['new', 'x', '--root', root, '--yes', '--auth', 'oauth']).status).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'integrations/x/manifest.json'), 'utf8')).oauthIntegrationKey).toBe('x-oauth');
    const validated = runCli(['validate', 'x', '--root', root, '--strict', '--format', 'json']);
    expect(JSON.parse(validated.stdout).integrations[0].findings).toEqual([]);
    expect(validated.status).toBe(0);
  });

  it('scaffolds a text-body integration that passes validate --strict', () => {
    const root = createFixtureRoot({});
    expect(runCli(['new', 'plain-text', '--root', root, '--yes', '--body', 'text']).status).toBe(0);
    const validated = runCli(['validate', 'plain-text', '--root', root, '--strict']);
    expect(validated.status).toBe(0);
  });

  it('takes the display name from --display-name', () => {
    const root = createFixtureRoot({});
    expect(runCli(['new', 'acme', '--root', root, '--yes', '--display-name', 'Acme Incident Desk']).status).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'integrations/acme/manifest.json'), 'utf8'));
    expect(manifest.name).toBe('Acme Incident Desk');
    expect(manifest.overview).toBe('Send LaunchDarkly changes to Acme Incident Desk.');
  });

  it('refuses to overwrite an existing folder and leaves it untouched', () => {
    const root = createFixtureRoot({ taken: { files: { 'notes.txt': 'mine' } } });
    const result = runCli(['new', 'taken', '--root', root, '--yes']);
    expectCleanError(result);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/already exists; nothing was written/);
    expect(fs.readdirSync(path.join(root, 'integrations/taken'))).toEqual(['notes.txt']);
  });

  it.each([
    ['Acme', 'acme'],
    ['acme_alerts', 'acme-alerts'],
    ['../escape', 'escape'],
    ['acme--x', 'acme-x'],
    ['Café Bot', 'cafe-bot'],
    ['ß-Straße', 'ss-strasse'],
    ['STRAẞE', 'strasse'],
    ['', 'my-service'],
  ])('rejects the name %j with exit 2, suggesting %j', (name, like) => {
    const root = createFixtureRoot({});
    const result = runCli(['new', name, '--root', root, '--yes']);
    expectCleanError(result);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `ld-hook-kit: "${name}" is not a valid integration name: use a lowercase folder name of letters, digits and single hyphens, such as ${like}\n`,
    );
    expect(fs.readdirSync(path.join(root, 'integrations'))).toEqual([]);
  });

  it('rejects a name that starts with a hyphen as an unknown option, with exit 2', () => {
    const root = createFixtureRoot({});
    const result = runCli(['new', '-acme', '--root', root, '--yes']);
    expect(result.status).toBe(2);
    expect(fs.readdirSync(path.join(root, 'integrations'))).toEqual([]);
  });

  it('takes a display name with quotes, backslashes and accents, and the result still passes validate --strict', () => {
    const root = createFixtureRoot({});
    expect(runCli(['new', 'quoted', '--root', root, '--yes', '--display-name', 'Ålesund "Quay" \\ Desk']).status).toBe(0);
    expect(runCli(['new', 'quoted-text', '--root', root, '--yes', '--body', 'text', '--display-name', 'Ålesund "Quay" \\ Desk']).status).toBe(0);
    const validated = runCli(['validate', '--root', root, '--strict', '--format', 'json']);
    expect(JSON.parse(validated.stdout).summary).toMatchObject({ integrations: 2, errors: 0, warnings: 0 });
  });

  it.each([
    ['', /at least 3 characters/],
    ['X', /at least 3 characters/],
    ['A'.repeat(101), /at most 100 characters \(it has 101\)/],
    ['Two\nlines', /one line without control characters/],
    ['Two\u2028lines', /one line without control characters/],
    ['Acme {{title}}', /must not contain \{\{ or \}\}/],
  ])('rejects the display name %j with exit 2 and writes nothing', (displayName, message) => {
    const root = createFixtureRoot({});
    const result = runCli(['new', 'acme', '--root', root, '--yes', '--display-name', displayName]);
    expectCleanError(result);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    // Named by its option, as --site and --kinds are.
    expect(result.stderr).toMatch(/^ld-hook-kit: --display-name must /);
    expect(fs.readdirSync(path.join(root, 'integrations'))).toEqual([]);
  });

  it('says a display name made from a long folder name came from it, and how to give another', () => {
    const root = createFixtureRoot({});
    const result = runCli(['new', 'a'.repeat(150), '--root', root, '--yes']);
    expectCleanError(result);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('ld-hook-kit: the display name made from the folder name must be at most 100 characters (it has 150): give one with --display-name\n');
    expect(runCli(['new', 'a'.repeat(150), '--root', root, '--yes', '--display-name', 'Long Folder']).status).toBe(0);
  });

  it('refuses a --site with a user name or password, which the public manifest would repeat', () => {
    const root = createFixtureRoot({});
    const result = runCli(['new', 'acme', '--root', root, '--yes', '--site', 'https://ops:hunter2@acme.example']);
    expectCleanError(result);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--site must not hold a user name or password');
    expect(result.stderr).not.toContain('hunter2');
    expect(fs.readdirSync(path.join(root, 'integrations'))).toEqual([]);
  });

  it.each([
    ['with a space before it', ' https://acme.example', /--site must start with http:\/\/ or https:\/\//],
    ['without //', 'https:acme.example', /--site must start with http:\/\/ or https:\/\//],
    ['with backslashes for slashes', 'https:\\\\acme.example', /--site must start with http:\/\/ or https:\/\//],
    ['with a space in it', 'https://acme.example/a b', /--site must not contain spaces or control characters/],
    ['with a tab in it', 'https://acme.example/\t', /--site must not contain spaces or control characters/],
    ['of 2051 characters', `https://acme.example/${'p'.repeat(2030)}`, /--site must be at most 2048 characters \(it has 2051\)/],
  ])('refuses a site %s, which the manifest would keep as given and the schema refuses or a browser cannot open, and writes nothing', (_label, site, message) => {
    const root = createFixtureRoot({});
    const result = runCli(['new', 'acme', '--root', root, '--yes', '--site', site]);
    expectCleanError(result);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(fs.readdirSync(path.join(root, 'integrations'))).toEqual([]);
  });

  it('takes a site at an IP address, localhost or an odd host name, and the result still passes validate --strict', () => {
    const root = createFixtureRoot({});
    const sites = [['six', 'http://[::1]:8080'], ['four', 'http://127.0.0.1:9000'], ['local', 'http://localhost:8787'], ['dotted', 'https://acme.example.'], ['under', 'https://a_b.acme.example']];
    for (const [name, site] of sites) {
      expect(runCli(['new', name, '--root', root, '--yes', '--site', site]).status).toBe(0);
    }
    const validated = runCli(['validate', '--root', root, '--strict', '--format', 'json']);
    expect(JSON.parse(validated.stdout).summary).toMatchObject({ integrations: sites.length, errors: 0, warnings: 0 });
  });

  it('refuses a root that does not exist, as every command does, and creates nothing', () => {
    const root = path.join(createFixtureRoot({}), 'not-there');
    const result = runCli(['new', 'acme', '--root', root, '--yes']);
    expectCleanError(result);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`root folder ${root} does not exist`);
    expect(fs.existsSync(root)).toBe(false);
  });

  it('refuses a root inside a checkout\'s integrations/, as validate does, rather than nest a new integrations/ in it', () => {
    const root = createFixtureRoot({ existing: { files: { 'notes.txt': 'mine' } } });
    const integrations = path.join(root, 'integrations');
    const existing = path.join(integrations, 'existing');
    fs.writeFileSync(path.join(existing, 'manifest.json'), '{}');
    for (const [given, cwd] of [[integrations, root], [existing, root], ['.', existing]]) {
      const result = runCli(['new', 'acme', '--root', given, '--yes'], { cwd });
      expectCleanError(result);
      expect(result.status).toBe(2);
      const hint = cwd === existing ? `run from ${root}, or pass --root ${root}` : `pass --root ${root}`;
      expect(result.stderr).toContain(`it is inside ${integrations}: ${hint}; nothing was written`);
    }
    expect(fs.readdirSync(integrations)).toEqual(['existing']);
    expect(fs.readdirSync(existing).sort()).toEqual(['manifest.json', 'notes.txt']);
  });

  it('takes a new root in a folder that is only named integrations, holding no integration (~/integrations/new-fork)', () => {
    const projects = path.join(createFixtureRoot({}), 'elsewhere', 'integrations');
    const fork = path.join(projects, 'new-fork');
    fs.mkdirSync(path.join(projects, 'other-project'), { recursive: true });
    fs.mkdirSync(fork);
    expect(runCli(['new', 'acme', '--root', fork, '--yes']).status).toBe(0);
    expect(fs.existsSync(path.join(fork, 'integrations/acme/manifest.json'))).toBe(true);
  });

  it('refuses an empty --root (an unset shell variable) with exit 2, and writes nothing into the working folder', () => {
    const cwd = createFixtureRoot({});
    const result = runCli(['new', 'acme', '--root', '', '--yes'], { cwd });
    expectCleanError(result);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--root must not be empty/);
    expect(fs.readdirSync(path.join(cwd, 'integrations'))).toEqual([]);
  });

  it('writes a control character of a path in an error escaped, which the terminal would act on', () => {
    const root = createFixtureRoot({});
    fs.rmSync(path.join(root, 'integrations'), { recursive: true, force: true });
    fs.symlinkSync('gone\u001b[2J', path.join(root, 'integrations'));
    const result = runCli(['new', 'acme', '--root', root, '--yes']);
    expect(result.stderr).toBe(`ld-hook-kit: ${path.join(root, 'integrations')} is a symbolic link to gone\\u001b[2J, which does not exist; nothing was written\n`);
  });

  it('says integrations/ is a loop of symbolic links, when it is one', () => {
    const root = createFixtureRoot({});
    fs.rmSync(path.join(root, 'integrations'), { recursive: true, force: true });
    fs.symlinkSync('integrations2', path.join(root, 'integrations'));
    fs.symlinkSync('integrations', path.join(root, 'integrations2'));
    const result = runCli(['new', 'acme', '--root', root, '--yes']);
    expect([result.status, result.stderr]).toEqual([2, `ld-hook-kit: ${path.join(root, 'integrations')} is a loop of symbolic links; nothing was written\n`]);
  });

  it('says integrations/ is a link to nothing, without a stack trace, rather than that it exists or is missing', () => {
    const root = createFixtureRoot({});
    fs.rmSync(path.join(root, 'integrations'), { recursive: true, force: true });
    fs.symlinkSync(path.join(root, 'nowhere'), path.join(root, 'integrations'));
    const result = runCli(['new', 'acme', '--root', root, '--yes']);
    expectCleanError(result);
    expect([result.status, result.stderr]).toEqual([
      2,
      `ld-hook-kit: ${path.join(root, 'integrations')} is a symbolic link to ${path.join(root, 'nowhere')}, which does not exist; nothing was written\n`,
    ]);
  });

  // A read-only file system needs a mount namespace of its own: where unshare cannot make one, there is nothing to run this on.
  const readOnlyMount = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o ro tmpfs /mnt'], { encoding: 'utf8' }).status === 0;
  (readOnlyMount ? it : it.skip)('says the file system is read-only when integrations/ cannot be made on it, not that something is missing', () => {
    const root = tempDir('new-read-only');
    const script = `mount -t tmpfs -o ro tmpfs "$1" && exec "$2" "$3" new acme --root "$1" --yes`;
    const result = spawnSync('unshare', ['-m', 'sh', '-c', script, 'sh', root, process.execPath, CLI], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expectCleanError(result);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot create \S*integrations\/acme: read-only file system \(EROFS\); nothing was written\n$/);
  });

  it('writes any name the file system takes, and leaves nothing behind, integrations/ included, for one it does not', () => {
    const root = tempDir('new-long');
    const long = 'b'.repeat(240);
    expect(runCli(['new', long, '--root', root, '--yes', '--display-name', 'Bee']).status).toBe(0);
    expect(fs.readdirSync(path.join(root, 'integrations'))).toEqual([long]);
    const bare = tempDir('new-too-long');
    const result = runCli(['new', 'b'.repeat(300), '--root', bare, '--yes', '--display-name', 'Bee']);
    expectCleanError(result);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/: name too long \(ENAMETOOLONG\); nothing was written\n$/);
    expect(fs.readdirSync(bare)).toEqual([]);
  });

  it('refuses a root it cannot use as the other commands do: a file, a path through a file, integrations/ a file', () => {
    const root = createFixtureRoot({});
    fs.rmSync(path.join(root, 'integrations'), { recursive: true, force: true });
    fs.writeFileSync(path.join(root, 'integrations'), 'a file where the folder should be');
    const cases: [string, RegExp][] = [
      [root, /integrations is not a folder; nothing was written/],
      [path.join(root, 'integrations'), /root .*integrations is not a folder$/m],
      [path.join(root, 'integrations', 'deeper'), /cannot open root folder .*deeper: not a directory \(ENOTDIR\)/],
    ];
    for (const [given, message] of cases) {
      const result = runCli(['new', 'acme', '--root', given, '--yes']);
      expectCleanError(result);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('refuses a dangling symbolic link where the folder would go', () => {
    const root = createFixtureRoot({});
    fs.symlinkSync(path.join(root, 'nowhere'), path.join(root, 'integrations', 'acme'));
    const result = runCli(['new', 'acme', '--root', root, '--yes']);
    expectCleanError(result);
    expect(result.stderr).toMatch(/already exists; nothing was written/);
  });

  it('prints next steps that carry --root, so they run as printed', () => {
    const root = createFixtureRoot({});
    const created = runCli(['new', 'acme', '--root', root, '--yes']);
    expect(created.stdout).toContain(`ld-hook-kit preview acme --root ${root}`);
    expect(created.stdout).toContain(`ld-hook-kit validate acme --strict --root ${root}`);
  });

  it('puts each authentication method in the manifest', () => {
    const base = { name: 'x', displayName: 'X', site: 'https://x.example', kinds: ['flag' as const], body: 'json' as const };
    const manifestFor = (auth: AuthMethod) => JSON.parse(scaffoldFiles({ ...base, auth })['manifest.json']).capabilities.auditLogEventsHook.endpoint;
    expect(manifestFor('bearer').headers).toContainEqual({ name: 'Authorization', value: 'Bearer {{{apiToken}}}' });
    expect(manifestFor('basic').headers).toContainEqual({ name: 'Authorization', value: '{{{basicAuthHeaderValue username password}}}' });
    expect(manifestFor('hmac').hmacSignature).toEqual({ headerName: 'X-LD-Signature', hmacSecretFormVariableKey: 'signingSecret' });
    expect(manifestFor('none').headers).toEqual([{ name: 'Content-Type', value: 'application/json' }]);
    // The token in three braces: `=` and `/` in it must reach the header as they are.
    expect(manifestFor('oauth')).toMatchObject({
      url: '{{{oauth.baseURI}}}/launchdarkly/events',
      headers: expect.arrayContaining([{ name: 'Authorization', value: 'Bearer {{{oauth.accessToken}}}' }]),
    });
  });

  it('scaffolds OAuth with requiresOAuth and a key of its own, and says who registers the client', () => {
    const files = scaffoldFiles({ name: 'acme-oauth', displayName: 'Acme', site: 'https://acme.example', kinds: ['flag'], body: 'json', auth: 'oauth' });
    const manifest = JSON.parse(files['manifest.json']);
    expect(manifest).toMatchObject({ requiresOAuth: true, oauthIntegrationKey: 'acme-oauth', formVariables: [] });
    expect(files['README.md']).toContain('Connect your Acme account');
    // Other methods name the settings fields the customer fills in.
    const basic = scaffoldFiles({ name: 'acme-basic', displayName: 'Acme', site: 'https://acme.example', kinds: ['flag'], body: 'json', auth: 'basic' });
    expect(basic['README.md']).toMatch(/^2\. Fill in the \*\*[^*]+\*\* and \*\*[^*]+\*\* fields from your Acme account\.$/m);
    const bearer = scaffoldFiles({ name: 'acme-bearer', displayName: 'Acme', site: 'https://acme.example', kinds: ['flag'], body: 'json', auth: 'bearer' });
    expect(bearer['README.md']).toMatch(/^2\. Fill in the \*\*[^*]+\*\* field from your Acme account\.$/m);
    const root = createFixtureRoot({});
    const created = runCli(['new', 'acme-oauth', '--root', root, '--yes', '--auth', 'oauth']);
    expect(created.stdout).toContain('LaunchDarkly registers the OAuth client that oauthIntegrationKey ("acme-oauth") names');
    expect(runCli(['new', 'acme-key', '--root', root, '--yes']).stdout).not.toContain('OAuth');
    // A name too short for a key is lengthened, and the note names the key written.
    expect(runCli(['new', 'ab', '--root', root, '--yes', '--auth', 'oauth']).stdout).toContain('oauthIntegrationKey ("ab-oauth") names');
  });

  it('asks to replace the placeholder site only when none was given, and otherwise to check what was made of it', () => {
    const root = createFixtureRoot({});
    expect(runCli(['new', 'acme-one', '--root', root, '--yes']).stdout).toContain(
      'Then replace the placeholders: the site, the support email, the endpoint and the icons.\n',
    );
    const given = runCli(['new', 'acme-two', '--root', root, '--yes', '--site', 'https://acme.example']).stdout;
    expect(given).not.toContain('replace the placeholders');
    expect(given).toContain('Then check what was made from the site (the support email, the privacy policy and endpoint urls) and replace the icons.\n');
  });
});
