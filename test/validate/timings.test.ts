import * as path from 'node:path';
import { formatTimings, NAMED_TIMINGS } from '../../scripts/lib/format/timings';
import { allRules } from '../../scripts/lib/rules/registry';
import { CheckTimings, timed, type CheckTiming } from '../../scripts/lib/rules/timings';
import type { Rule } from '../../scripts/lib/rules/types';
import { loadSamples } from '../../scripts/lib/samples/load';
import { validateIntegrations } from '../../scripts/lib/validate';
import { expectCleanError, runCli } from '../helpers/cli';
import { createFixtureRoot, validFiles, validManifest } from '../helpers/fixture-root';
import { tempDir } from '../helpers/temp-dir';

const samples = loadSamples();

function busyWait(ms: number): void {
  const end = process.hrtime.bigint() + BigInt(ms * 1e6);
  while (process.hrtime.bigint() < end);
}

/** A rule that reports nothing and takes `ms` on each integration. */
function slowRule(id: string, ms: number, scope?: Rule['scope']): Rule {
  return { id, severity: 'warning', description: 'takes its time', fix: 'none', ...(scope ? { scope } : {}), check: () => (busyWait(ms), []) };
}

describe('CheckTimings', () => {
  it('adds each run of a check to its id, returns what the work returns, and counts a run that throws', () => {
    const timings = new CheckTimings();
    expect(timings.time('a', () => (busyWait(5), 42))).toBe(42);
    timings.time('a', () => busyWait(5));
    expect(() => timings.time('b', () => (busyWait(5), JSON.parse('{')))).toThrow(SyntaxError);
    const [a, b] = timings.rows();
    expect(a.id).toBe('a');
    expect(a.ms).toBeGreaterThanOrEqual(10);
    expect(b.id).toBe('b');
    expect(b.ms).toBeGreaterThanOrEqual(5);
    expect(a.share + b.share).toBeCloseTo(1, 10);
  });

  it('is optional: timed() without timings only runs the work', () => {
    expect(timed(undefined, 'a', () => 'done')).toBe('done');
  });
});

describe('validateIntegrations with timings', () => {
  it('times the schema and every rule on every integration checked, the slowest first', () => {
    const root = createFixtureRoot({
      one: { manifest: validManifest(), files: validFiles() },
      two: { manifest: validManifest(), files: validFiles() },
    });
    const timings = new CheckTimings();
    const rules = [...allRules(), slowRule('slow-one', 15)];
    validateIntegrations({ root, samples: () => samples, rules, timings });
    const rows = timings.rows();
    expect(rows.find((row) => row.id === 'slow-one')!.ms).toBeGreaterThanOrEqual(30);
    for (let index = 1; index < rows.length; index++) expect(rows[index - 1].ms).toBeGreaterThanOrEqual(rows[index].ms);
    expect(rows.map((row) => row.id).sort()).toEqual(['schema', ...rules.map((rule) => rule.id)].sort());
    expect(timings.integrations).toBe(2);
  });

  it('checks nothing, and so times nothing, on the integrations the results cache answers for, save repository rules', () => {
    const root = createFixtureRoot({ one: { manifest: validManifest(), files: validFiles() } });
    const cache = { file: path.join(tempDir('timing-cache'), 'cache.json'), key: 'tool' };
    const rules = [slowRule('own', 1), slowRule('across', 1, 'repository')];
    validateIntegrations({ root, samples: () => samples, rules, cache });
    const warm = new CheckTimings();
    validateIntegrations({ root, samples: () => samples, rules, cache, timings: warm });
    expect(warm.integrations).toBe(0);
    expect(warm.rows().map((row) => row.id)).toEqual(['across']);
  });
});

describe('formatTimings', () => {
  const row = (id: string, ms: number, share: number): CheckTiming => ({ id, ms, share });

  it('aligns a table of the checks, their time and share, with the total and how many integrations were checked', () => {
    expect(formatTimings([row('json-template-escaping', 300, 0.75), row('schema', 100, 0.25)], 150)).toBe(
      [
        'Check                   Time (ms)   Share',
        'json-template-escaping      300.0   75.0%',
        'schema                      100.0   25.0%',
        'All checks                  400.0  100.0%',
        '150 integrations checked. Work that several checks share, such as rendering each template against the sample events, ' +
          'counts toward the first check that needs it.',
        '',
      ].join('\n'),
    );
  });

  it(`names the ${NAMED_TIMINGS} slowest checks and sums the others on one line`, () => {
    const rows = Array.from({ length: NAMED_TIMINGS + 3 }, (_, index) => row(`rule-${String(index).padStart(2, '0')}`, 13 - index, (13 - index) / 91));
    const lines = formatTimings(rows, 1).split('\n');
    expect(lines).toHaveLength(1 + NAMED_TIMINGS + 1 + 1 + 1 + 1);
    expect(lines[NAMED_TIMINGS]).toMatch(/^rule-09 +4\.0 +4\.4%$/);
    expect(lines[NAMED_TIMINGS + 1]).toMatch(/^3 other checks +6\.0 +6\.6%$/);
    expect(lines[NAMED_TIMINGS + 2]).toMatch(/^All checks +91\.0 +100\.0%$/);
    expect(lines[NAMED_TIMINGS + 3]).toMatch(/^1 integration checked\./);
  });

  it('says why there is nothing to show when the results cache answered for every integration', () => {
    expect(formatTimings([], 0)).toMatch(/^No check ran: the results cache answered for every integration\. `--no-cache` times them all\.\n$/);
  });
});

describe('validate --timing', () => {
  it('prints the table on stderr, leaving stdout to the findings, a JSON document with --format json', () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    const timed = runCli(['validate', '--root', root, '--no-cache', '--timing', '--format', 'json']);
    expectCleanError(timed);
    expect(timed.status).toBe(0);
    expect(JSON.parse(timed.stdout).summary).toEqual({ integrations: 1, errors: 0, warnings: 0 });
    expect(timed.stderr).toMatch(/^Check +Time \(ms\) +Share\n/);
    expect(timed.stderr).toMatch(/^schema +\d+\.\d +\d+\.\d%$/m);
    expect(timed.stderr).toMatch(/^All checks +\d+\.\d +100\.0%$/m);
    expect(timed.stderr).toContain('1 integration checked.');
    const plain = runCli(['validate', '--root', root, '--no-cache', '--format', 'json']);
    expect(plain.stderr).toBe('');
    expect(plain.stdout).toBe(timed.stdout);
  });

  it('with --fix, times the check after the fixes, whose findings it reports, in one table', () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest({ overview: 'Send changes to Pigeon Post' }), files: validFiles() } });
    const fixed = runCli(['validate', '--root', root, '--no-cache', '--fix', '--timing']);
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toMatch(/0 errors, 0 warnings/);
    expect(fixed.stderr).toMatch(/^ld-hook-kit: made 1 fix in 1 file \(integrations\/pigeon\/manifest\.json\)\nCheck +Time/);
    expect(fixed.stderr.match(/^All checks /gm)).toHaveLength(1);
    expect(fixed.stderr).toContain('1 integration checked.');
  });
});
