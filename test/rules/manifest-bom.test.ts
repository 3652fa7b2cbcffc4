import rule from '../../scripts/lib/rules/checks/manifest-bom';
import { allRules } from '../../scripts/lib/rules/registry';
import { checkIntegration } from '../../scripts/lib/rules/run';
import { loadIntegration } from '../../scripts/lib/integration/load';
import { Workspace } from '../../scripts/lib/workspace';
import { createFixtureRoot, runRule, validFiles, validManifest } from '../helpers/fixture-root';

const withBom = (manifest: unknown): string => '\uFEFF' + JSON.stringify(manifest, null, 2) + '\n';

describe('manifest-bom', () => {
  it('is a warning of our own: the framework\'s CI skips the mark', () => {
    expect(rule.severity).toBe('warning');
    expect(rule.ciRule).toBeUndefined();
  });

  it('is silent on a manifest without a byte order mark', () => {
    const root = createFixtureRoot({ subject: { manifest: validManifest(), files: validFiles() } });
    expect(runRule(rule, root, 'subject')).toEqual([]);
  });

  it('reports the mark at the start of the file, with the edit that deletes it', () => {
    const text = withBom(validManifest());
    const root = createFixtureRoot({ subject: { manifestText: text, files: validFiles() } });
    const reports = runRule(rule, root, 'subject');
    expect(reports).toEqual([
      { message: 'manifest.json starts with a byte order mark (BOM); save it as UTF-8 without one', line: 1, column: 1, edit: expect.any(Object) },
    ]);
    const { start, end, replaced, text: written } = reports[0].edit!;
    expect(text.slice(start, end)).toBe(replaced);
    expect(text.slice(0, start) + written + text.slice(end)).toBe(JSON.stringify(validManifest(), null, 2) + '\n');
  });

  it('leaves the rest of the manifest to be validated, with positions as an editor shows them', () => {
    const root = createFixtureRoot({ subject: { manifestText: withBom(validManifest({ overview: 'No period here' })), files: validFiles() } });
    const findings = checkIntegration(loadIntegration(root, 'subject'), new Workspace({ root }), allRules());
    expect(findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['manifest-bom', 'warning'],
      ['overview-period', 'error'],
    ]);
    expect(findings[1]).toMatchObject({ line: 4, column: 15 });
  });
});
