import * as fs from 'node:fs';
import * as path from 'node:path';
import rule from '../../scripts/lib/rules/checks/path-confinement';
import { checkManifest, clone, createFixtureRoot, integrationDir, runRule, validFiles, validManifest } from '../helpers/fixture-root';

type Hook = { templates: Record<string, unknown> };

function withTemplates(templates: Record<string, unknown>): Record<string, unknown> {
  const manifest = clone(validManifest());
  ((manifest.capabilities as Record<string, Hook>).auditLogEventsHook as Hook).templates = templates;
  return manifest;
}

describe('path-confinement', () => {
  it('is an error tied to no CI rule', () => {
    expect(rule.severity).toBe('error');
    expect(rule.ciRule).toBeUndefined();
  });

  it('is silent when every path stays in the folder', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
  });

  it('is silent for a path that does not exist yet but stays inside (existence is another rule)', () => {
    expect(checkManifest(rule, withTemplates({ flag: 'templates/not-written-yet.json.hbs' }))).toEqual([]);
  });

  it('accepts a ".." that comes back inside the folder', () => {
    expect(checkManifest(rule, withTemplates({ flag: 'templates/../templates/flag.json.hbs' }))).toEqual([]);
  });

  it('accepts file names that merely start with two dots', () => {
    expect(checkManifest(rule, withTemplates({ flag: '..flag.json', default: 'templates/..default.json', validation: '...json' }))).toEqual([]);
  });

  it('reports a path that is exactly the parent folder', () => {
    expect(checkManifest(rule, withTemplates({ flag: '..', default: 'templates/../..' }))).toHaveLength(2);
  });

  it('reports a template path that climbs out with ..', () => {
    expect(checkManifest(rule, withTemplates({ flag: '../shared/flag.json.hbs' }))).toEqual([
      {
        message: 'capabilities.auditLogEventsHook.templates.flag "../shared/flag.json.hbs" is refused: it leaves the integration folder',
        pointer: '/capabilities/auditLogEventsHook/templates/flag',
      },
    ]);
  });

  it('reports absolute paths, POSIX and Windows alike', () => {
    const reports = checkManifest(rule, withTemplates({ default: '/etc/passwd', validation: 'C:\\templates\\v.json' }));
    expect(reports).toEqual([
      {
        message: expect.stringMatching(/^capabilities\.auditLogEventsHook\.templates\.default "\/etc\/passwd" is refused: it is absolute/),
        pointer: '/capabilities/auditLogEventsHook/templates/default',
      },
      {
        message: expect.stringContaining('is refused: it is absolute'),
        pointer: '/capabilities/auditLogEventsHook/templates/validation',
      },
    ]);
  });

  it('reports icon paths that leave the folder', () => {
    const manifest = validManifest({ icons: { square: '../../logo.svg', horizontal: '/tmp/h.svg' } });
    expect(checkManifest(rule, manifest).map((report) => report.pointer)).toEqual(['/icons/square', '/icons/horizontal']);
  });

  it('reports a template that is a symbolic link to a file outside the folder', () => {
    const files = validFiles();
    delete files['templates/flag.json.hbs'];
    const root = createFixtureRoot({ subject: { manifest: validManifest(), files } });
    const outside = path.join(root, 'secret.txt');
    fs.writeFileSync(outside, 'not for templates');
    fs.symlinkSync(outside, path.join(integrationDir(root, 'subject'), 'templates/flag.json.hbs'));
    expect(runRule(rule, root, 'subject')).toEqual([
      {
        message:
          'capabilities.auditLogEventsHook.templates.flag "templates/flag.json.hbs" is refused: ' +
          'it is a symbolic link that points outside the integration folder',
        pointer: '/capabilities/auditLogEventsHook/templates/flag',
      },
    ]);
  });

  it('reports a link out of the folder to a file that does not exist, and takes a link inside to one that does not', () => {
    const files = validFiles();
    delete files['templates/flag.json.hbs'];
    delete files['templates/default.json.hbs'];
    const root = createFixtureRoot({ subject: { manifest: validManifest(), files } });
    const templates = path.join(integrationDir(root, 'subject'), 'templates');
    fs.symlinkSync(path.join(root, 'gone', 'flag.json.hbs'), path.join(templates, 'flag.json.hbs'));
    fs.symlinkSync('missing.json.hbs', path.join(templates, 'default.json.hbs'));
    expect(runRule(rule, root, 'subject')).toEqual([
      {
        message:
          'capabilities.auditLogEventsHook.templates.flag "templates/flag.json.hbs" is refused: ' +
          'it is a symbolic link that points outside the integration folder',
        pointer: '/capabilities/auditLogEventsHook/templates/flag',
      },
    ]);
  });

  it('reports a manifest.json that is a symbolic link to a file outside the folder', () => {
    const root = createFixtureRoot({ subject: { files: validFiles() } });
    const outside = path.join(root, 'manifest-elsewhere.json');
    fs.writeFileSync(outside, JSON.stringify(validManifest()));
    fs.symlinkSync(outside, path.join(integrationDir(root, 'subject'), 'manifest.json'));
    expect(runRule(rule, root, 'subject')).toEqual([
      { message: 'manifest.json is refused: it is a symbolic link that points outside the integration folder', line: 1, column: 1 },
    ]);
  });

  it('reports a path through a symlinked folder that points outside', () => {
    const files = validFiles();
    for (const file of Object.keys(files)) if (file.startsWith('templates/')) delete files[file];
    const root = createFixtureRoot({ subject: { manifest: validManifest(), files } });
    const sharedTemplates = path.join(root, 'shared-templates');
    fs.mkdirSync(sharedTemplates);
    for (const name of ['flag.json.hbs', 'default.json.hbs', 'validation.json.hbs']) fs.writeFileSync(path.join(sharedTemplates, name), '{}');
    fs.symlinkSync(sharedTemplates, path.join(integrationDir(root, 'subject'), 'templates'));
    expect(runRule(rule, root, 'subject').map((report) => report.pointer)).toEqual([
      '/capabilities/auditLogEventsHook/templates/flag',
      '/capabilities/auditLogEventsHook/templates/default',
      '/capabilities/auditLogEventsHook/templates/validation',
    ]);
  });

  it('checks the other capabilities that name template files', () => {
    const manifest = clone(validManifest());
    const capabilities = manifest.capabilities as Record<string, unknown>;
    capabilities.eventsHook = { endpoint: { url: 'https://x.example', method: 'POST' }, templates: { measuredRolloutReverted: '../x.json' } };
    capabilities.flagImport = { includeErrorResponseBody: true, templates: { statsig: '/abs.json' } };
    expect(checkManifest(rule, manifest).map((report) => report.pointer)).toEqual([
      '/capabilities/eventsHook/templates/measuredRolloutReverted',
      '/capabilities/flagImport/templates/statsig',
    ]);
  });

  it('skips values of the wrong type instead of throwing', () => {
    expect(checkManifest(rule, withTemplates({ flag: 7, default: null, member: ['../x'] }))).toEqual([]);
    expect(checkManifest(rule, validManifest({ icons: ['../x.svg'], capabilities: 'none' }))).toEqual([]);
  });
});
