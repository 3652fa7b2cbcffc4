import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFixtureRoot, integrationDir, validFiles, validManifest } from '../helpers/fixture-root';
import { expectCleanError, runCli } from '../helpers/cli';

describe('ld-hook-kit validate', () => {
  it('exits 0 and says so for a valid integration', () => {
    const root = createFixtureRoot({ good: { manifest: validManifest(), files: validFiles() } });
    const result = runCli(['validate', '--root', root]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/✔ 0 errors, 0 warnings in 1 integration/);
  });

  it('reports a schema error with file, line and column in words, and exits 1', () => {
    const manifest = validManifest({ overview: 'x'.repeat(99) + '.' + 'y' });
    const root = createFixtureRoot({ long: { manifest, files: validFiles() } });
    const result = runCli(['validate', 'long', '--root', root, '--format', 'json']);
    expect(result.status).toBe(1);
    const document = JSON.parse(result.stdout);
    const finding = document.integrations[0].findings.find((f: { rule: string }) => f.rule === 'schema');
    expect(finding).toMatchObject({
      severity: 'error',
      file: 'integrations/long/manifest.json',
      line: 4,
      column: 15,
      message: '`overview` must be at most 100 characters',
    });
    expect(document.summary.errors).toBeGreaterThanOrEqual(1);
  });

  it('keeps reporting the other integrations when one manifest is malformed', () => {
    const root = createFixtureRoot({
      broken: { manifestText: '{\n  "name": "Broken",\n  "version": \n}\n' },
      good: { manifest: validManifest(), files: validFiles() },
    });
    const result = runCli(['validate', '--root', root, '--format', 'json']);
    expectCleanError(result);
    expect(result.status).toBe(1);
    const document = JSON.parse(result.stdout);
    expect(document.integrations.map((i: { name: string }) => i.name)).toEqual(['broken', 'good']);
    expect(document.integrations[0].findings).toEqual([
      expect.objectContaining({ rule: 'manifest-json', file: 'integrations/broken/manifest.json', line: 4, column: 1 }),
    ]);
    expect(document.integrations[1].findings).toEqual([]);
    // A name given twice is checked, and counted, once.
    const twice = JSON.parse(runCli(['validate', 'broken', 'good', 'broken', '--root', root, '--format', 'json']).stdout);
    expect(twice.integrations.map((i: { name: string }) => i.name)).toEqual(['broken', 'good']);
    expect(twice.summary).toMatchObject({ integrations: 2, errors: 1 });
  });

  it('writes GitHub annotations', () => {
    const root = createFixtureRoot({ nodot: { manifest: validManifest({ overview: 'No period at the end here' }), files: validFiles() } });
    const result = runCli(['validate', '--root', root, '--format', 'github']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^::error file=integrations\/nodot\/manifest.json,line=4,col=\d+,title=overview-period::/m);
  });

  it('--strict turns warnings into errors and the exit code follows', () => {
    const manifest = validManifest({ oauthIntegrationKey: 'shared-key' });
    const root = createFixtureRoot({
      one: { manifest, files: validFiles() },
      two: { manifest, files: validFiles() },
    });
    const relaxed = runCli(['validate', '--root', root, '--format', 'json']);
    expect(JSON.parse(relaxed.stdout).summary.warnings).toBeGreaterThan(0);
    expect(relaxed.status).toBe(0);
    const strict = runCli(['validate', '--root', root, '--strict']);
    expect(strict.status).toBe(1);
  });

  it.each([
    [['validate', '--nope'], /unknown option/],
    [['validate', '--root', '/definitely/not/here'], /does not exist/],
    [['validate', 'discrod'], /no integration named discrod.*did you mean discord/],
    [['validate', '--format', 'xml'], /Allowed choices are text, json, github/],
    [['validate', '--root', ''], /--root must not be empty/],
  ])('exits 2 on a usage error, said the way the tool says its errors: %j', (args, message) => {
    const result = runCli(args);
    expectCleanError(result);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/^ld-hook-kit: /);
  });

  it('--fix rewrites what has a sure fix, says what on stderr, and reports and exits on what is left', () => {
    const manifest = validManifest({ overview: 'Send changes to Pigeon Post' });
    const files = { ...validFiles(), 'templates/flag.json.hbs': '{"text": "{{title.plainText}}", "tags": {{tags}} }\n' };
    const root = createFixtureRoot({ pigeon: { manifest, files } });
    const before = runCli(['validate', '--root', root, '--no-cache']);
    expect(before.status).toBe(1);
    // The command it names checks what this run checked, under the same root, and nothing else.
    expect(before.stdout).toContain(`\n2 of them have a sure fix: \`ld-hook-kit validate --fix --root ${root}\` makes them.\n`);
    const named = runCli(['validate', 'pigeon', '--no-cache'], { cwd: root });
    expect(named.stdout).toContain('\n2 of them have a sure fix: `ld-hook-kit validate pigeon --fix` makes them.\n');
    const fixed = runCli(['validate', '--root', root, '--no-cache', '--fix', '--format', 'json']);
    expect(fixed.stderr).toBe(
      'ld-hook-kit: made 2 fixes in 2 files (integrations/pigeon/manifest.json, integrations/pigeon/templates/flag.json.hbs)\n',
    );
    const template = fs.readFileSync(path.join(integrationDir(root, 'pigeon'), 'templates/flag.json.hbs'), 'utf8');
    expect(template).toBe('{"text": "{{{title.plainText}}}", "tags": {{tags}} }\n');
    expect(JSON.parse(fs.readFileSync(path.join(integrationDir(root, 'pigeon'), 'manifest.json'), 'utf8')).overview).toBe('Send changes to Pigeon Post.');
    // `{{tags}}` outside a string has no sure fix: it is what is left, and its template-json error makes the exit code.
    const left = JSON.parse(fixed.stdout).integrations[0].findings;
    expect(left.map((finding: { rule: string }) => finding.rule).sort()).toEqual(['json-template-escaping', 'template-json']);
    expect(left.filter((finding: { edit?: unknown }) => finding.edit)).toEqual([]);
    expect(fixed.status).toBe(1);
    // Nothing left to fix: nothing said.
    expect(runCli(['validate', '--root', root, '--no-cache', '--fix']).stderr).toBe('');
  });

  it('--fix deletes the byte order marks of a manifest and a template, and still fixes what the template says', () => {
    const manifestText = '\uFEFF' + JSON.stringify(validManifest({ overview: 'Send changes to Pigeon Post' }), null, 2) + '\n';
    const files = { ...validFiles(), 'templates/flag.json.hbs': '\uFEFF{"text": "{{title.plainText}}"}\n' };
    const root = createFixtureRoot({ pigeon: { manifestText, files } });
    const before = JSON.parse(runCli(['validate', '--root', root, '--no-cache', '--format', 'json']).stdout).integrations[0].findings;
    expect(before.map((finding: { rule: string }) => finding.rule).sort()).toEqual(['json-template-escaping', 'manifest-bom', 'overview-period', 'template-render']);
    const fixed = runCli(['validate', '--root', root, '--no-cache', '--fix', '--format', 'json']);
    expect(fixed.stderr).toBe('ld-hook-kit: made 4 fixes in 2 files (integrations/pigeon/manifest.json, integrations/pigeon/templates/flag.json.hbs)\n');
    expect(JSON.parse(fixed.stdout).integrations[0].findings).toEqual([]);
    expect(fixed.status).toBe(0);
    const folder = integrationDir(root, 'pigeon');
    expect(fs.readFileSync(path.join(folder, 'templates/flag.json.hbs'), 'utf8')).toBe('{"text": "{{{title.plainText}}}"}\n');
    expect(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')).toBe(JSON.stringify(validManifest({ overview: 'Send changes to Pigeon Post.' }), null, 2) + '\n');
  });

  it('--fix deletes every byte order mark a template starts with in one run, so that a second run has nothing to do', () => {
    const files = { ...validFiles(), 'templates/flag.json.hbs': '\uFEFF\uFEFF\uFEFF{"text": "{{title.plainText}}"}\n' };
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files } });
    const fixed = runCli(['validate', '--root', root, '--no-cache', '--fix', '--format', 'json']);
    expect(fixed.stderr).toBe('ld-hook-kit: made 2 fixes in 1 file (integrations/pigeon/templates/flag.json.hbs)\n');
    expect(JSON.parse(fixed.stdout).integrations[0].findings).toEqual([]);
    expect(fs.readFileSync(path.join(integrationDir(root, 'pigeon'), 'templates/flag.json.hbs'), 'utf8')).toBe('{"text": "{{{title.plainText}}}"}\n');
    expect(runCli(['validate', '--root', root, '--no-cache', '--fix']).stderr).toBe('');
  });

  it('--fix and --watch do not go together: a watch would see its own fixes', () => {
    const root = createFixtureRoot({ good: { manifest: validManifest(), files: validFiles() } });
    const result = runCli(['validate', '--root', root, '--fix', '--watch']);
    expectCleanError(result);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--fix.*cannot be used with.*--watch/);
  });

  it('exits 2 for a root without integrations/', () => {
    const root = createFixtureRoot({});
    fs.rmSync(path.join(root, 'integrations'), { recursive: true });
    const result = runCli(['validate', '--root', root]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/has no integrations\/ folder/);
  });

  it('names the root to use when run from inside an integrations/ folder, or given a --root inside one', () => {
    const root = fs.realpathSync(createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } }));
    const inside = `it is inside ${path.join(root, 'integrations')}`;
    for (const cwd of [path.join(root, 'integrations', 'pigeon'), path.join(root, 'integrations')]) {
      for (const command of [['validate'], ['preview'], ['send', 'pigeon']]) {
        const result = runCli(command, { cwd });
        expectCleanError(result);
        expect([command, result.status, result.stderr]).toEqual([
          command,
          2,
          `ld-hook-kit: . has no integrations/ folder; ${inside}: run from ${root}, or pass --root ${root}\n`,
        ]);
      }
    }
    const given = runCli(['validate', '--root', path.join(root, 'integrations', 'pigeon', 'templates')]);
    expect([given.status, given.stderr]).toEqual([2, expect.stringMatching(new RegExp(`has no integrations/ folder; ${inside}: pass --root ${root}\n$`))]);
  });

  it('takes a name with the one slash that shell completion of its folder adds, in every command that takes a name', () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    const validated = runCli(['validate', 'pigeon/', 'pigeon', '--root', root, '--format', 'json']);
    expect([validated.status, validated.stderr]).toEqual([0, '']);
    // The folder's name, and once: given twice, it is checked once.
    expect(JSON.parse(validated.stdout).integrations.map((integration: { name: string }) => integration.name)).toEqual(['pigeon']);
    const previewed = runCli(['preview', 'pigeon/', '--root', root]);
    expect([previewed.status, previewed.stderr]).toEqual([0, '']);
    expect(previewed.stdout).toMatch(/^pigeon · sample flag\/update-rules\n/);
    const json = runCli(['preview', 'pigeon/', '--root', root, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ integration: 'pigeon' });
    const curl = runCli(['curl', 'pigeon/', '--root', root]);
    expect(curl.status).toBe(0);
    expect(curl.stdout).toContain('curl ');
    // Past the name, send stops only for want of values.
    const sent = runCli(['send', 'pigeon/', '--root', root]);
    expect([sent.status, sent.stderr]).toEqual([1, expect.stringMatching(/^ld-hook-kit: nothing sent: required form variables channel, signingSecret have no value/)]);
  });

  it('says where a link named as an integration leads when it leads to no folder: nowhere, or a loop', () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    fs.symlinkSync(path.join(root, 'no-such-folder'), path.join(root, 'integrations', 'gone'));
    fs.symlinkSync('loop-b', path.join(root, 'integrations', 'loop-a'));
    fs.symlinkSync('loop-a', path.join(root, 'integrations', 'loop-b'));
    const under = path.join(root, 'integrations');
    for (const command of ['validate', 'preview']) {
      const gone = runCli([command, 'gone/', '--root', root]);
      expectCleanError(gone);
      expect([command, gone.status, gone.stderr]).toEqual([
        command,
        2,
        `ld-hook-kit: no integration named gone/ under ${under}; it is a link to ${JSON.stringify(path.join(root, 'no-such-folder'))}, which leads to no folder\n`,
      ]);
    }
    expect(runCli(['validate', 'loop-a', '--root', root]).stderr).toBe(`ld-hook-kit: no integration named loop-a under ${under}; it is a link to "loop-b", which leads to no folder\n`);
    // Listing every integration passes such links by, as before.
    expect(runCli(['validate', '--root', root]).status).toBe(0);
  });

  it('asks for the folder name when given a path that ends with one, in every command that takes a name', () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    for (const command of ['validate', 'preview', 'curl', 'send']) {
      for (const name of ['integrations/pigeon', './integrations/pigeon/', path.join(root, 'integrations', 'pigeon')]) {
        const result = runCli([command, name, '--root', root]);
        expectCleanError(result);
        expect([command, result.status, result.stdout]).toEqual([command, 2, '']);
        expect(result.stderr).toBe(`ld-hook-kit: no integration named ${name} under ${path.join(root, 'integrations')}; give the folder name: pigeon\n`);
      }
    }
    // A path that ends with no integration's name keeps the usual answer.
    expect(runCli(['validate', 'integrations/pigeno', '--root', root]).stderr).toMatch(/^ld-hook-kit: no integration named integrations\/pigeno under .*integrations(; did you mean pigeon\?)?\n$/);
  });

  it('says "no integrations/ folder" when integrations is a file, and names any other reason a root cannot be opened', () => {
    const root = createFixtureRoot({});
    fs.rmSync(path.join(root, 'integrations'), { recursive: true });
    fs.writeFileSync(path.join(root, 'integrations'), 'a file where the folder should be');
    const fileThere = runCli(['validate', '--root', root]);
    expect(fileThere.status).toBe(2);
    expect(fileThere.stderr).toMatch(/has no integrations\/ folder/);
    // A path through a file is not "missing": the system's reason is given, in words.
    const throughFile = runCli(['validate', '--root', path.join(root, 'integrations', 'deeper')]);
    expectCleanError(throughFile);
    expect(throughFile.status).toBe(2);
    expect(throughFile.stderr).toMatch(/cannot open root folder .*deeper: not a directory \(ENOTDIR\)/);
  });

  it('accepts, with warnings, the upstream pattern that breaks on any tag, as the framework\'s CI does', () => {
    // Upstream flag and validation templates write tags this way and pass the CI, so its flag and
    // environment events have no tags: the shipped canonical samples must agree.
    const taggy = '{ {{#if tags}}"tags": {{tags}},{{/if}}"text": "{{{title.plainText}}}" }\n';
    const root = createFixtureRoot({
      taggy: { manifest: validManifest(), files: { ...validFiles(), 'templates/flag.json.hbs': taggy, 'templates/validation.json.hbs': taggy } },
    });
    const result = runCli(['validate', '--root', root, '--format', 'json']);
    const findings = JSON.parse(result.stdout).integrations[0].findings;
    expect(findings.filter((finding: { severity: string }) => finding.severity === 'error')).toEqual([]);
    expect(result.status).toBe(0);
    const broken = findings.filter((finding: { rule: string }) => finding.rule === 'template-json');
    expect(broken.map((finding: { file: string }) => finding.file).sort()).toEqual([
      expect.stringMatching(/templates\/flag\.json\.hbs$/),
      expect.stringMatching(/templates\/validation\.json\.hbs$/),
    ]);
    expect(broken.every((finding: { severity: string }) => finding.severity === 'warning')).toBe(true);
  });

  it('reports a template path that leaves the folder, without reading it', () => {
    const manifest = validManifest();
    (manifest.capabilities as any).auditLogEventsHook.templates.flag = '../../secrets.json';
    const root = createFixtureRoot({ escape: { manifest, files: validFiles() } });
    fs.writeFileSync(path.join(root, 'secrets.json'), '{"token": "do-not-read"}');
    const result = runCli(['validate', '--root', root, '--format', 'json']);
    expect(result.status).toBe(1);
    expect(result.stdout).not.toContain('do-not-read');
    const findings = JSON.parse(result.stdout).integrations[0].findings;
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'path-confinement', severity: 'error' }));
    expect(fs.existsSync(integrationDir(root, 'escape'))).toBe(true);
  });

  it('npm run validate -- ARGS is the same command', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
    expect(pkg.scripts.validate).toBe('node dist/scripts/cli.js validate');
    expect(pkg.bin['ld-hook-kit']).toBe('dist/scripts/cli.js');
  });
});
