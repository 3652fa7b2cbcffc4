import * as fs from 'node:fs';
import * as path from 'node:path';
import rule from '../../scripts/lib/rules/checks/standard-payload-no-templates';
import { checkManifest, clone, createFixtureRoot, integrationDir, runRule, validFiles, validManifest } from '../helpers/fixture-root';

type Json = Record<string, any>;

function standardPayload(templates: Record<string, unknown> = {}): Json {
  const manifest = clone(validManifest()) as Json;
  manifest.capabilities.auditLogEventsHook.useStandardWebhookPayload = true;
  manifest.capabilities.auditLogEventsHook.templates = templates;
  return manifest;
}

function iconsOnly(): Record<string, string> {
  const files = validFiles();
  for (const file of Object.keys(files)) if (file.startsWith('templates/')) delete files[file];
  return files;
}

describe('standard-payload-no-templates', () => {
  it('is an error for CI rule 16', () => {
    expect(rule.severity).toBe('error');
    expect(rule.ciRule).toBe(16);
  });

  it('is silent on a templated manifest, templates folder and all', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
  });

  it('is silent with the standard payload, empty templates and no templates folder', () => {
    expect(checkManifest(rule, standardPayload(), iconsOnly())).toEqual([]);
  });

  it('reports every template path', () => {
    const manifest = standardPayload({ flag: 'templates/flag.json.hbs', validation: 'templates/validation.json.hbs' });
    expect(checkManifest(rule, manifest, iconsOnly())).toEqual([
      {
        message: 'useStandardWebhookPayload is true, so templates.flag is never used: remove it',
        pointer: '/capabilities/auditLogEventsHook/templates/flag',
      },
      {
        message: 'useStandardWebhookPayload is true, so templates.validation is never used: remove it',
        pointer: '/capabilities/auditLogEventsHook/templates/validation',
      },
    ]);
  });

  it('reports a templates folder as a file-level problem', () => {
    expect(checkManifest(rule, standardPayload(), validFiles())).toEqual([
      { message: 'useStandardWebhookPayload is true, so the templates/ folder is never used: delete it', file: 'templates' },
    ]);
  });

  it('reports an empty templates folder, and a templates symlink without following it', () => {
    const root = createFixtureRoot({ empty: { manifest: standardPayload(), files: iconsOnly() }, linked: { manifest: standardPayload(), files: iconsOnly() } });
    fs.mkdirSync(path.join(integrationDir(root, 'empty'), 'templates'));
    fs.symlinkSync(path.join(root, 'nowhere'), path.join(integrationDir(root, 'linked'), 'templates'));
    expect(runRule(rule, root, 'empty')).toEqual([{ message: expect.stringContaining('templates/ folder'), file: 'templates' }]);
    expect(runRule(rule, root, 'linked')).toEqual([{ message: expect.stringContaining('templates/ folder'), file: 'templates' }]);
  });

  it('ignores useStandardWebhookPayload values other than true, and malformed templates', () => {
    const notTrue = standardPayload({ flag: 'templates/flag.json.hbs' });
    notTrue.capabilities.auditLogEventsHook.useStandardWebhookPayload = 'true';
    expect(checkManifest(rule, notTrue)).toEqual([]);
    const malformed = standardPayload();
    malformed.capabilities.auditLogEventsHook.templates = ['templates/flag.json.hbs'];
    expect(checkManifest(rule, malformed, iconsOnly())).toEqual([]);
  });
});
