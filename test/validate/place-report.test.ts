import { placeReport } from '../../scripts/lib/findings';
import { loadIntegration } from '../../scripts/lib/integration/load';
import { createFixtureRoot } from '../helpers/fixture-root';

const manifestText = ['{', '  "name": "Pigeon",', '  "capabilities": {', '    "auditLogEventsHook": { "templates": {} }', '  }', '}', ''].join('\n');
const root = createFixtureRoot({ pigeon: { manifestText } });
const integration = loadIntegration(root, 'pigeon');
const rule = { id: 'some-rule', severity: 'warning' as const };

describe('placeReport', () => {
  it('places a pointer at the line and column of the value in the manifest', () => {
    expect(placeReport(integration, rule, { message: 'm', pointer: '/name' })).toEqual({
      rule: 'some-rule',
      severity: 'warning',
      file: 'integrations/pigeon/manifest.json',
      line: 2,
      column: 11,
      message: 'm',
    });
  });

  it('places a pointer with a key at the key itself, not at its value', () => {
    const finding = placeReport(integration, rule, { message: 'm', pointer: '/capabilities', key: 'auditLogEventsHook' });
    expect([finding.line, finding.column]).toEqual([4, 5]);
  });

  it('places a report within a string value at that character of the manifest, and at the value without such a place', () => {
    // "Pigeon" stands at column 11: its third character at 14.
    expect(placeReport(integration, rule, { message: 'm', pointer: '/name', within: { line: 1, column: 3 } })).toMatchObject({ line: 2, column: 14 });
    expect(placeReport(integration, rule, { message: 'm', pointer: '/name', within: { line: 4, column: 1 } })).toMatchObject({ line: 2, column: 11 });
  });

  it('leaves the line out when the pointer names nothing in the manifest', () => {
    const finding = placeReport(integration, rule, { message: 'm', pointer: '/nowhere' });
    expect(finding).not.toHaveProperty('line');
    expect(finding).not.toHaveProperty('column');
  });

  it('makes a file of the integration relative to the root, and keeps its own line and column', () => {
    const finding = placeReport(integration, rule, { message: 'm', file: 'templates/flag.json', line: 3, column: 7, pointer: '/name' });
    expect(finding).toMatchObject({ file: 'integrations/pigeon/templates/flag.json', line: 3, column: 7 });
  });

  it('does not read a pointer into a file other than the manifest', () => {
    const finding = placeReport(integration, rule, { message: 'm', file: 'templates/flag.json', pointer: '/name' });
    expect(finding).not.toHaveProperty('line');
  });

  it("lets a report override the rule's severity and carries its sample", () => {
    const finding = placeReport(integration, rule, { message: 'm', severity: 'error', sample: 'flag/update-rules' });
    expect(finding).toMatchObject({ severity: 'error', sample: 'flag/update-rules', file: 'integrations/pigeon/manifest.json' });
  });
});
