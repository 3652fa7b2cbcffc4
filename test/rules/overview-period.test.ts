import { readFileSync } from 'fs';
import * as path from 'path';
import rule, { OVERVIEW_MAX_LENGTH, OVERVIEW_MIN_LENGTH } from '../../scripts/lib/rules/checks/overview-period';
import { checkManifest, createFixtureRoot, runRule, validFiles, validManifest } from '../helpers/fixture-root';
import type { Report } from '../../scripts/lib/rules/types';

describe('overview-period', () => {
  it('is an error for CI rule 2', () => {
    expect(rule.severity).toBe('error');
    expect(rule.ciRule).toBe(2);
  });

  it('is silent when the overview ends with a period', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
  });

  /** The fixture's manifest.json text (JSON.stringify, two spaces) with the report's edit made. */
  const fixed = (manifest: Record<string, unknown>, report: Report): unknown => {
    const text = JSON.stringify(manifest, null, 2) + '\n';
    const edit = report.edit!;
    expect(text.slice(edit.start, edit.end)).toBe(edit.replaced);
    return JSON.parse(text.slice(0, edit.start) + edit.text + text.slice(edit.end));
  };

  it('reports an overview without a final period, with the edit that adds it', () => {
    const manifest = validManifest({ overview: 'Send changes to Pigeon Post' });
    const reports = checkManifest(rule, manifest);
    expect(reports).toEqual([{ message: 'overview must end with a period', pointer: '/overview', edit: expect.any(Object) }]);
    expect(fixed(manifest, reports[0])).toEqual({ ...manifest, overview: 'Send changes to Pigeon Post.' });
  });

  it('reports whitespace after the period, as the framework does, and its edit takes the whitespace away', () => {
    const manifest = validManifest({ overview: 'Send "changes" to Pigeon Post. \t' });
    const reports = checkManifest(rule, manifest);
    expect(reports).toEqual([
      { message: 'overview has whitespace after its final period; it must end with the period itself', pointer: '/overview', edit: expect.any(Object) },
    ]);
    expect(fixed(manifest, reports[0])).toEqual({ ...manifest, overview: 'Send "changes" to Pigeon Post.' });
  });

  it('adds the period before the closing quote, keeping the escapes as written, in a manifest saved with a BOM too', () => {
    const text = '\uFEFF' + JSON.stringify(validManifest(), null, 2).replace(/"overview": "[^"]*"/, '"overview": "Caf\\u00e9 \\/ \\"ok\\""');
    const root = createFixtureRoot({ subject: { manifestText: text, files: validFiles() } });
    const [report] = runRule(rule, root, 'subject');
    const edit = report.edit!;
    expect(text.slice(edit.start, edit.end)).toBe(edit.replaced);
    expect(text.slice(0, edit.start) + edit.text + text.slice(edit.end)).toContain('"overview": "Caf\\u00e9 \\/ \\"ok\\"."');
  });

  it('gives no edit when the period would make the overview longer than the schema allows', () => {
    const schema = JSON.parse(readFileSync(path.join(__dirname, '../../schemas/manifest.schema.json'), 'utf8'));
    expect(OVERVIEW_MAX_LENGTH).toBe(schema.properties.overview.maxLength);
    const full = 'é'.repeat(OVERVIEW_MAX_LENGTH - 4) + ' abc';
    expect(checkManifest(rule, validManifest({ overview: full }))).toEqual([{ message: 'overview must end with a period', pointer: '/overview' }]);
    // One character shorter, the period fits; trimming whitespace makes room for it too.
    expect(checkManifest(rule, validManifest({ overview: full.slice(1) }))[0].edit).toBeDefined();
    const reports = checkManifest(rule, validManifest({ overview: full.slice(1) + ' ' }));
    expect(fixed(validManifest({ overview: full.slice(1) + ' ' }), reports[0])).toMatchObject({ overview: full.slice(1) + '.' });
  });

  it('gives no edit when cutting the whitespace would make the overview shorter than the schema allows', () => {
    const schema = JSON.parse(readFileSync(path.join(__dirname, '../../schemas/manifest.schema.json'), 'utf8'));
    expect(OVERVIEW_MIN_LENGTH).toBe(schema.properties.overview.minLength);
    for (const overview of ['Alert me.  ', ' '.repeat(10), 'Alerts  ']) {
      expect([overview, checkManifest(rule, validManifest({ overview }))[0].edit]).toEqual([overview, undefined]);
    }
    // Nine characters and the period make ten: that one is fixed.
    expect(fixed(validManifest({ overview: 'Alert me!  ' }), checkManifest(rule, validManifest({ overview: 'Alert me!  ' }))[0])).toMatchObject({ overview: 'Alert me!.' });
  });

  it('ignores a missing or non-string overview (the schema reports it)', () => {
    expect(checkManifest(rule, validManifest({ overview: undefined }))).toEqual([]);
    expect(checkManifest(rule, validManifest({ overview: 42 }))).toEqual([]);
  });
});
