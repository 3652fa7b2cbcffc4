import { allRules } from '../../scripts/lib/rules/registry';
import { ruleCatalog } from '../../scripts/lib/rules/catalog';
import { formatRuleDetails, formatRuleList } from '../../scripts/lib/format/rules';
import { paint } from '../../scripts/lib/format';
import { expectCleanError, runCli } from '../helpers/cli';

const plain = paint(false);

describe('rule catalog', () => {
  it('holds the two built-in checks first, then every rule module by id', () => {
    const ids = ruleCatalog().map((doc) => doc.id);
    expect(ids.slice(0, 2)).toEqual(['manifest-json', 'schema']);
    expect(ids.slice(2)).toEqual(allRules().map((rule) => rule.id));
  });

  it('lists a rule a line, with its severity and the framework CI rule it enforces', () => {
    const lines = formatRuleList(ruleCatalog(), plain).split('\n');
    expect(lines.find((line) => line.startsWith('overview-period '))).toMatch(/^overview-period +error +CI rule 2 +`overview` /);
    expect(lines.find((line) => line.startsWith('schema '))).toMatch(/^schema +error +CI schema +The manifest matches/);
    expect(lines.find((line) => line.startsWith('json-template-escaping '))).toMatch(/^json-template-escaping +warning {4,}In a JSON template/);
  });

  it('explains a rule with how to fix what it reports', () => {
    const [doc] = ruleCatalog().filter((candidate) => candidate.id === 'overview-period');
    const text = formatRuleDetails([doc!], plain);
    expect(text.startsWith("overview-period (error, the framework's CI rule 2)\n\n")).toBe(true);
    expect(text).toContain(`\n\nHow to fix: ${doc!.fix}\n`);
  });
});

describe('ld-hook-kit rules', () => {
  it('lists every rule id findings can carry', () => {
    const result = runCli(['rules']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const listed = result.stdout.split('\n').map((line) => line.split(' ')[0]).filter(Boolean);
    for (const doc of ruleCatalog()) expect(listed).toContain(doc.id);
  });

  it('explains the rules asked for, in the order asked', () => {
    const result = runCli(['rules', 'template-json', 'manifest-json']);
    expect(result.status).toBe(0);
    expect(result.stdout.indexOf('template-json (error')).toBe(0);
    expect(result.stdout).toContain('\nmanifest-json (error)\n');
    expect(result.stdout).not.toContain('overview-period');
    // A rule asked for twice is explained once.
    const twice = runCli(['rules', 'schema', 'schema']);
    expect(twice.stdout.match(/^schema \(error/gm)).toHaveLength(1);
  });

  it('gives JSON for machines', () => {
    const result = runCli(['rules', 'endpoint-render', '--format', 'json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ rules: [expect.objectContaining({ id: 'endpoint-render', severity: 'error', ciRule: 3 })] });
  });

  it('refuses an unknown rule as a usage error, suggests the near one and prints nothing else', () => {
    const result = runCli(['rules', 'schema', 'json-template-escapng']);
    expectCleanError(result);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('ld-hook-kit: unknown rule `json-template-escapng` (did you mean `json-template-escaping`?); `ld-hook-kit rules` lists them all\n');
    // The beginning of rule ids suggests every rule it begins.
    expect(runCli(['rules', 'json-template']).stderr).toBe(
      'ld-hook-kit: unknown rule `json-template` (did you mean `json-template-escaping`, `json-template-name`?); `ld-hook-kit rules` lists them all\n',
    );
    // So do some of a rule's words in their order.
    expect(runCli(['rules', 'json-escaping']).stderr).toBe('ld-hook-kit: unknown rule `json-escaping` (did you mean `json-template-escaping`?); `ld-hook-kit rules` lists them all\n');
  });

  it('answers internal-error, an id findings carry that is no rule, with what it means and what to do', () => {
    const result = runCli(['rules', 'internal-error']);
    expectCleanError(result);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ld-hook-kit: `internal-error` is not a rule: one of ld-hook-kit's checks failed unexpectedly, which is a bug in the tool\. .*report it/);
  });
});
