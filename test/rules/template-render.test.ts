import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import rule from '../../scripts/lib/rules/checks/template-render';
import unknownHelper from '../../scripts/lib/rules/checks/unknown-helper';
import jsonTemplateEscaping from '../../scripts/lib/rules/checks/json-template-escaping';
import { removeByteOrderMarks } from '../../scripts/lib/findings';
import { checkTemplate, runWithSamples, subjectRoot } from '../fixtures/template-safety/support';
import { createFixtureRoot, integrationDir } from '../helpers/fixture-root';
import { MAX_SOURCE_BYTES } from '../../scripts/lib/text-file';
import { tempDir } from '../helpers/temp-dir';
import { subjectManifest } from '../fixtures/template-safety/support';

const check = (source: string, kind = 'flag') => checkTemplate(rule, kind, 'templates/t.json', source);

describe('template-render', () => {
  it('is the framework CI rule 15, an error', () => {
    expect(rule).toMatchObject({ severity: 'error', ciRule: 15 });
  });

  it('accepts a template that renders the CI event', () => {
    expect(check('{"t": "{{{title.plainText}}}"}')).toEqual([]);
  });

  it('reports a template file that is missing or a folder, at the manifest entry', () => {
    const root = subjectRoot({ templates: { flag: 'templates/flag.json', default: 'templates' }, files: { 'templates/other.json': '{}' } });
    expect(runWithSamples(rule, root)).toEqual([
      { pointer: '/capabilities/auditLogEventsHook/templates/flag', message: 'templates.flag names "templates/flag.json", which does not exist in the integration folder' },
      { pointer: '/capabilities/auditLogEventsHook/templates/default', message: 'templates.default names "templates", which is a folder, not a template file' },
    ]);
  });

  it('names the file beside a missing one that it misspells or that was renamed, from inside the integration folder only', () => {
    const renamed = subjectRoot({ templates: { flag: 'templates/flag.json', default: 'templates/defualt.json' }, files: { 'templates/flag.json.hbs': '{}', 'templates/default.json': '{}' } });
    expect(runWithSamples(rule, renamed)).toEqual([
      {
        pointer: '/capabilities/auditLogEventsHook/templates/flag',
        message: 'templates.flag names "templates/flag.json", which does not exist in the integration folder; did you mean "templates/flag.json.hbs"?',
      },
      {
        pointer: '/capabilities/auditLogEventsHook/templates/default',
        message: 'templates.default names "templates/defualt.json", which does not exist in the integration folder; did you mean "templates/default.json"?',
      },
    ]);
    // A folder that is a link out of the integration is not looked into.
    const linked = subjectRoot({ templates: { flag: 'elsewhere/flag.json' }, files: {} });
    const outside = tempDir('outside');
    fs.writeFileSync(path.join(outside, 'flag.json.hbs'), '{}');
    fs.symlinkSync(outside, path.join(integrationDir(linked, 'subject'), 'elsewhere'));
    expect(JSON.stringify(runWithSamples(rule, linked))).not.toContain('did you mean');
  });

  it('reports a template path ending with a slash, at the manifest entry, though it leads to the file once normalised', () => {
    const root = subjectRoot({ templates: { flag: 'templates/flag.json/' }, files: { 'templates/flag.json': '{"t": "{{{title.plainText}}}"}' } });
    expect(runWithSamples(rule, root)).toEqual([
      {
        pointer: '/capabilities/auditLogEventsHook/templates/flag',
        message: 'templates.flag names "templates/flag.json/", which ends with a slash, so it names a folder, not a template file',
      },
    ]);
    // Through a `..` after a folder that is missing or a file: the path opens only once resolved.
    for (const written of ['templates/nope/../flag.json', 'templates/flag.json/../flag.json']) {
      const detour = subjectRoot({ templates: { flag: written }, files: { 'templates/flag.json': '{"t": "{{{title.plainText}}}"}' } });
      expect(runWithSamples(rule, detour)).toEqual([
        {
          pointer: '/capabilities/auditLogEventsHook/templates/flag',
          message: `templates.flag names "${written}", which as written (the framework's CI opens it so) is not the file it names once resolved: a folder before a ".." is missing, a file, or a link elsewhere`,
        },
      ]);
    }
    // Through a link to a folder elsewhere, as written it opens another file than the resolved path names.
    const linked = subjectRoot({ templates: { flag: 'templates/out/../flag.json' }, files: { 'templates/flag.json': '{"t": "{{{title.plainText}}}"}' } });
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'ld-hook-kit-elsewhere-'));
    fs.mkdirSync(path.join(elsewhere, 'in'));
    fs.writeFileSync(path.join(elsewhere, 'flag.json'), '{"other": 1}');
    fs.symlinkSync(path.join(elsewhere, 'in'), path.join(linked, 'integrations/subject/templates/out'));
    expect(runWithSamples(rule, linked)).toEqual([expect.objectContaining({ message: expect.stringMatching(/a link elsewhere$/) })]);
    // Through a folder that is there, it opens.
    const through = subjectRoot({ templates: { flag: 'templates/sub/../flag.json' }, files: { 'templates/flag.json': '{"t": "{{{title.plainText}}}"}', 'templates/sub/x.txt': 'x' } });
    expect(runWithSamples(rule, through)).toEqual([]);
    // Or with `.` or `..`, which a reader that opens the path as written takes for a folder too.
    for (const [written, end] of [['templates/flag.json/.', '"."'], ['templates/flag.json/x/..', '".."']]) {
      const dotted = subjectRoot({ templates: { flag: written }, files: { 'templates/flag.json': '{"t": "{{{title.plainText}}}"}' } });
      expect(runWithSamples(rule, dotted)).toEqual([
        { pointer: '/capabilities/auditLogEventsHook/templates/flag', message: `templates.flag names "${written}", which ends with ${end}, so it names a folder, not a template file` },
      ]);
    }
  });

  // Compiling takes up to a thousand times a template's size in memory: a huge one would end the run.
  it('reports a template larger than the kit reads, at the manifest entry, and checks one of exactly that size', () => {
    // Both read a field no event has: only the one that is read says so.
    const padded = (size: number) => {
      const [head, tail] = ['{"t": "{{{nope.plainText}}}", "pad": "', '"}'];
      return head + 'x'.repeat(size - head.length - tail.length) + tail;
    };
    const [big, fits] = [padded(MAX_SOURCE_BYTES + 1), padded(MAX_SOURCE_BYTES)];
    const root = subjectRoot({ templates: { flag: 'templates/flag.json', default: 'templates/default.json' }, files: { 'templates/flag.json': big, 'templates/default.json': fits } });
    expect(runWithSamples(rule, root)).toEqual([
      {
        pointer: '/capabilities/auditLogEventsHook/templates/flag',
        message:
          `templates.flag names "templates/flag.json", which cannot be read: it holds ${big.length.toLocaleString('en-US')} bytes, more than the ` +
          `${MAX_SOURCE_BYTES.toLocaleString('en-US')} the kit reads of a manifest or template (real ones hold a few thousand)`,
      },
      expect.objectContaining({ file: 'templates/default.json', line: 1, column: 11, message: expect.stringMatching(/^templates\.default fails to render .*`nope` is not defined/) }),
    ]);
  });

  // The framework's CI reads the file as it is and renders it: only a BOM before JSON breaks what it parses.
  it('reports a template that is not UTF-8 text, or starts with a BOM, at its place: an error only for a BOM before JSON', () => {
    const templates = { flag: 'templates/flag.txt', default: 'templates/default.txt', validation: 'templates/validation.json' };
    const root = subjectRoot({ templates, files: {} });
    const dir = path.join(integrationDir(root, 'subject'), 'templates');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'flag.txt'), Buffer.concat([Buffer.from('r'), Buffer.from([0xf8]), Buffer.from('dt farevarsel')]));
    fs.writeFileSync(path.join(dir, 'default.txt'), '\uFEFF{{title.plainText}}');
    fs.writeFileSync(path.join(dir, 'validation.json'), '\uFEFF{"text": "connected"}');
    const bom = 'the template starts with a byte order mark (BOM); save it as UTF-8 without a BOM';
    expect(runWithSamples(rule, root)).toEqual([
      { file: 'templates/flag.txt', line: 1, column: 2, severity: 'warning', message: 'templates.flag: the template is not valid UTF-8 text; save it as UTF-8' },
      { file: 'templates/default.txt', line: 1, column: 1, severity: 'warning', message: `templates.default: ${bom}`, edit: removeByteOrderMarks(1) },
      { file: 'templates/validation.json', line: 1, column: 1, message: `templates.validation: ${bom}`, edit: removeByteOrderMarks(1) },
    ]);
  });

  it('still judges what a template that is not clean UTF-8 says: its syntax, and what the other rules check', () => {
    const templates = { flag: 'templates/flag.json', default: 'templates/default.json' };
    const root = subjectRoot({ templates, files: {} });
    const dir = path.join(integrationDir(root, 'subject'), 'templates');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'flag.json'), Buffer.concat([Buffer.from('{{#if x}} '), Buffer.from([0xff])]));
    fs.writeFileSync(path.join(dir, 'default.json'), '\uFEFF{"text": "{{title.plainText}}"}');
    expect(runWithSamples(rule, root)).toEqual([
      { file: 'templates/flag.json', line: 1, column: 11, severity: 'warning', message: 'templates.flag: the template is not valid UTF-8 text; save it as UTF-8' },
      expect.objectContaining({ file: 'templates/flag.json', message: expect.stringMatching(/^templates\.flag: does not parse/) }),
      {
        file: 'templates/default.json',
        line: 1,
        column: 1,
        message: 'templates.default: the template starts with a byte order mark (BOM); save it as UTF-8 without a BOM',
        edit: removeByteOrderMarks(1),
      },
    ]);
    // The text after the BOM is the template every other check reads.
    expect(runWithSamples(jsonTemplateEscaping, root)).toEqual([
      expect.objectContaining({ file: 'templates/default.json', line: 1, column: 11, message: expect.stringContaining('{{title.plainText}}') }),
    ]);
  });

  it('deletes every byte order mark a template starts with in one edit: an editor may add one before another', () => {
    const templates = { flag: 'templates/flag.json', default: 'templates/default.json' };
    const root = subjectRoot({ templates, files: {} });
    const dir = path.join(integrationDir(root, 'subject'), 'templates');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'flag.json'), '\uFEFF\uFEFF{"text": "connected"}');
    fs.writeFileSync(path.join(dir, 'default.json'), '{"text": "connected"}');
    expect(runWithSamples(rule, root)).toEqual([
      expect.objectContaining({ file: 'templates/flag.json', line: 1, column: 1, edit: { start: 0, end: 2, replaced: '\uFEFF\uFEFF', text: '' } }),
    ]);
  });

  it('counts places in a template that starts with a BOM and holds bytes that are not UTF-8 as in one with a BOM alone', () => {
    const templates = { flag: 'templates/flag.json', default: 'templates/default.json' };
    const root = subjectRoot({ templates, files: {} });
    const dir = path.join(integrationDir(root, 'subject'), 'templates');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'flag.json'), Buffer.concat([Buffer.from('\uFEFF{"text": "{{title.plainText}}'), Buffer.from([0xff]), Buffer.from('"}')]));
    fs.writeFileSync(path.join(dir, 'default.json'), '\uFEFF{"text": "{{title.plainText}}"}');
    expect(runWithSamples(rule, root)).toContainEqual(
      expect.objectContaining({ file: 'templates/flag.json', line: 1, column: 30, message: 'templates.flag: the template is not valid UTF-8 text; save it as UTF-8' }),
    );
    // Both mustaches stand at column 11 after the mark, and at offset 11 of the file's text.
    const escaping = runWithSamples(jsonTemplateEscaping, root).filter((report) => report.edit);
    expect(escaping.map(({ file, line, column, edit }) => ({ file, line, column, start: edit!.start }))).toEqual([
      { file: 'templates/flag.json', line: 1, column: 11, start: 11 },
      { file: 'templates/default.json', line: 1, column: 11, start: 11 },
    ]);
  });

  it('leaves paths that leave the folder to path-confinement, without reading them', () => {
    const root = createFixtureRoot({ subject: { manifest: subjectManifest({ templates: { flag: '../outside.json' } }) } });
    fs.writeFileSync(path.join(integrationDir(root, 'subject'), '..', 'outside.json'), '{{#if}}');
    expect(runWithSamples(rule, root)).toEqual([]);
  });

  it('reports a syntax error at its line and column', () => {
    const reports = check('{\n  "t": "{{title.plainText"\n}');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ file: 'templates/t.json', line: 2 });
    expect(reports[0].column).toBeGreaterThan(0);
    expect(reports[0].message).toMatch(/^templates\.flag: does not parse/);
  });

  it('says a form variable read by its key is read as formVariables.<key> in a template', () => {
    expect(check('{\n  "t": "{{{apiUser}}}"\n}')).toEqual([
      expect.objectContaining({
        line: 2,
        column: 12,
        message:
          "templates.flag fails to render the CI's flag event (flag/canonical): `apiUser` is not defined in the event (strict mode makes a missing property " +
          'an error): `apiUser` is a form variable, which a template reads as `formVariables.apiUser`',
      }),
    ]);
    // Inside a block the key is read on the block's context, not where the form variables are.
    expect(check('{"t": "{{#with project}}{{{apiUser}}}{{/with}}"}')[0].message).not.toMatch(/is a form variable/);
  });

  it('leaves an unknown helper to unknown-helper, which reports every call with the helper meant', () => {
    const source = '{\n  "t": "{{shout name}}"\n}';
    expect(check(source)).toEqual([]);
    expect(checkTemplate(unknownHelper, 'flag', 'templates/t.json', source)).toEqual([expect.objectContaining({ line: 2, column: 11 })]);
  });

  it('reports a render failure on the CI event with the sample, and not one on other events', () => {
    const reports = check('{\n  "t": "{{{nope.plainText}}}"\n}');
    expect(reports).toEqual([
      {
        file: 'templates/t.json',
        line: 2,
        column: 12,
        sample: 'flag/canonical',
        message: "templates.flag fails to render the CI's flag event (flag/canonical): `nope` is not defined in the event (strict mode makes a missing property an error)",
      },
    ]);
    // Handlebars throws a bare TypeError, without position, when a path's first part is absent.
    expect(check('{\n  "t": "{{{nope.deeper.x}}}"\n}')).toEqual([
      expect.objectContaining({ line: 2, column: 12, message: expect.stringMatching(/: `nope` is not defined in the event/) }),
    ]);
    // `comment` is in the canonical flag event and missing from others: template-missing-field's warning.
    expect(check('{"c": "{{{comment}}}"}')).toEqual([]);
  });

  it('warns for a failure on other sample events, which the CI never renders and LaunchDarkly would, naming them', () => {
    // The canonical flag event has a comment; the others take the branch with a data variable nothing sets.
    const reports = check('{\n  "t": "{{#unless comment}}{{@number}}{{/unless}}"\n}');
    expect(reports).toEqual([
      {
        file: 'templates/t.json',
        line: 2,
        column: 30,
        severity: 'warning',
        sample: expect.any(String),
        message: expect.stringMatching(/^templates\.flag fails to render (sample event \S+|\d+ sample events \([^)]+\)) \(the CI renders none of them\): `@number` is no variable Handlebars sets/),
      },
    ]);
    expect(reports[0].sample).not.toBe('flag/canonical');
  });

  it('names a form variable the manifest does not declare as such, with those it does declare', () => {
    const [report] = check('{\n  "to": "{{{formVariables.channel}}}",\n  "id": "{{{formVariables.externalId}}}"\n}');
    expect(report).toMatchObject({ file: 'templates/t.json', line: 3 });
    expect(report.message).toBe(
      "templates.flag fails to render the CI's flag event (flag/canonical): `formVariables.externalId` is not a form variable of this " +
        'manifest (it declares channel, signingSecret, region, username, includeDetails, apiUser, apiToken, site): add it to formVariables or stop using it',
    );
  });

  it('suggests the declared form variable a misspelt one stands for, written as the template writes it', () => {
    expect(check('{"to": "{{{formVariables.chanel}}}"}')[0].message).toMatch(/or stop using it; did you mean `formVariables\.channel`\?$/);
    expect(check('{"to": "{{#with formVariables}}{{{chanel}}}{{/with}}"}')[0].message).toMatch(/; did you mean `channel`\?$/);
  });

  it('knows an undeclared form variable read inside {{#with formVariables}}', () => {
    const [report] = check('{"id": "{{#with formVariables}}{{{externalId}}}{{/with}}"}');
    expect(report.message).toMatch(/: `externalId` is not a form variable of this manifest \(it declares channel, /);
  });

  it('reports a shared file once, and nothing for the standard webhook payload', () => {
    const root = subjectRoot({ templates: { flag: 'templates/t.json', default: 'templates/t.json' }, files: { 'templates/t.json': '{{#if}}' } });
    expect(runWithSamples(rule, root)).toHaveLength(1);
    const standard = subjectRoot({ templates: { flag: 'templates/t.json' }, files: { 'templates/t.json': '{{#if}}' } });
    const manifestFile = path.join(integrationDir(standard, 'subject'), 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    manifest.capabilities.auditLogEventsHook.useStandardWebhookPayload = true;
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    expect(runWithSamples(rule, standard)).toEqual([]);
  });
});
