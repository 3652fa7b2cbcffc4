import { formatFindings } from '../../scripts/lib/format';
import { compareFindings, type Finding, type IntegrationFindings } from '../../scripts/lib/findings';

const results: IntegrationFindings[] = [
  {
    name: 'alpha',
    findings: [
      { rule: 'schema', severity: 'error', file: 'integrations/alpha/manifest.json', line: 3, column: 15, message: '`overview` must be at most 100 characters' },
      { rule: 'json-template-escaping', severity: 'warning', file: 'integrations/alpha/templates/flag.json', line: 4, column: 12, message: 'use {{{x}}}, not {{x}}: a, b', sample: 'flag/toggle-off' },
    ],
  },
  { name: 'beta', findings: [] },
];

describe('findings formatters', () => {
  it('text groups by integration and ends with a summary', () => {
    const text = formatFindings('text', results, { strict: false, color: false });
    expect(text).toContain('alpha\n  integrations/alpha/manifest.json:3:15  error    `overview` must be at most 100 characters  schema');
    expect(text).toContain('(sample flag/toggle-off)');
    expect(text).not.toContain('beta');
    expect(text.trim().split('\n').slice(-2)).toEqual([
      '✖ 1 error, 1 warning in 2 integrations',
      '`ld-hook-kit rules <rule>` explains a rule and how to fix what it reports.',
    ]);
    expect(text).not.toContain('\u001b[');
  });

  it('text counts the findings with a sure fix and names --fix, in the singular too', () => {
    const edit = { start: 0, end: 5, replaced: '{{x}}', text: '{{{x}}}' };
    const withEdits = (count: number): IntegrationFindings[] => [
      { name: 'alpha', findings: results[0].findings.map((finding, index) => (index < count ? { ...finding, edit } : finding)) },
    ];
    expect(formatFindings('text', withEdits(1), { strict: false, color: false })).toContain('\n1 of them has a sure fix: `ld-hook-kit validate --fix` makes it.\n');
    expect(formatFindings('text', withEdits(2), { strict: false, color: false })).toContain('\n2 of them have a sure fix: `ld-hook-kit validate --fix` makes them.\n');
    expect(formatFindings('text', results, { strict: false, color: false })).not.toContain('sure fix');
    // After --fix, a sure fix still there is one it did not make (a read-only file): running it again is no advice.
    const afterFix = formatFindings('text', withEdits(1), { strict: false, color: false, fixRan: true });
    expect(afterFix).toContain('\n1 of them has a sure fix that --fix did not make: what it said on stderr tells why.\n');
    expect(afterFix).not.toContain('validate --fix` makes');
    // JSON carries the edit itself, for editors and scripts.
    expect(JSON.parse(formatFindings('json', withEdits(1), { strict: false, color: false })).integrations[0].findings[0].edit).toEqual(edit);
  });

  it('text writes control characters from a manifest as escapes, which a terminal would act on', () => {
    const hostile = '\u001b]0;PWNED\u0007\u001b[2J';
    const finding = { rule: 'schema', severity: 'error' as const, file: 'integrations/x/manifest.json', line: 1, column: 1, message: `\`links\` has no key "${hostile}"\nsecond line` };
    const text = formatFindings('text', [{ name: 'x', findings: [finding] }], { strict: false, color: false });
    expect(text).toContain('`links` has no key "\\u001b]0;PWNED\\u0007\\u001b[2J"\\u000asecond line');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('text escapes the C1 controls and line separators too, in the integration name and the file as in the message', () => {
    const finding = { rule: 'schema', severity: 'error' as const, file: 'integrations/a\u009b2J/manifest.json', message: 'says \u2028 and \u2029 and \u007f' };
    const text = formatFindings('text', [{ name: 'a\u009b2J', findings: [finding] }], { strict: false, color: false });
    expect(text).toContain('a\\u009b2J\n  integrations/a\\u009b2J/manifest.json  error    says \\u2028 and \\u2029 and \\u007f  schema');
    expect(text).not.toMatch(/[\u007f-\u009f\u2028\u2029]/);
  });

  it('text marks the summary by the worst finding: ✖ errors, ! warnings only, ✔ nothing', () => {
    const warningsOnly = [{ name: 'alpha', findings: results[0]!.findings.filter((finding) => finding.severity === 'warning') }];
    expect(formatFindings('text', warningsOnly, { strict: false, color: false })).toContain('\n! 0 errors, 1 warning in 1 integration\n');
    expect(formatFindings('text', [{ name: 'beta', findings: [] }], { strict: false, color: false }).trim()).toBe('✔ 0 errors, 0 warnings in 1 integration');
  });

  it('text counts warnings as errors with --strict, and colours only when asked', () => {
    expect(formatFindings('text', results, { strict: true, color: false })).toContain('2 errors, 0 warnings');
    expect(formatFindings('text', results, { strict: false, color: true })).toContain('\u001b[31m');
  });

  it('json is one document with integrations and a summary', () => {
    const document = JSON.parse(formatFindings('json', results, { strict: false, color: false }));
    expect(document.summary).toEqual({ integrations: 2, errors: 1, warnings: 1 });
    expect(document.integrations[0].findings[1]).toEqual(results[0].findings[1]);
    expect(document.integrations[1]).toEqual({ name: 'beta', findings: [] });
    const strict = JSON.parse(formatFindings('json', results, { strict: true, color: false }));
    expect(strict.integrations[0].findings[1].severity).toBe('error');
    expect(strict.summary).toEqual({ integrations: 2, errors: 2, warnings: 0 });
  });

  it('github writes workflow commands with escaped properties and data', () => {
    const lines = formatFindings('github', results, { strict: false, color: false }).trim().split('\n');
    expect(lines[0]).toBe('::error file=integrations/alpha/manifest.json,line=3,col=15,title=schema::`overview` must be at most 100 characters');
    expect(lines[1]).toBe(
      '::warning file=integrations/alpha/templates/flag.json,line=4,col=12,title=json-template-escaping::use {{{x}}}, not {{x}}: a, b (sample flag/toggle-off)',
    );
    const multiline = formatFindings('github', [{ name: 'x', findings: [{ rule: 'r', severity: 'error', file: 'a,b:c', message: 'one\ntwo 100%' }] }], { strict: false, color: false });
    expect(multiline).toContain('::error file=a%2Cb%3Ac,title=r::one%0Atwo 100%25');
    const crlf = formatFindings('github', [{ name: 'x', findings: [{ rule: 'r', severity: 'error', file: 'a', message: 'one\r\ntwo' }] }], { strict: false, color: false });
    expect(crlf).toContain('::error file=a,title=r::one%0D%0Atwo\n');
  });

  it('github escapes the control characters a log would act on, such as an escape sequence in a folder name', () => {
    const output = formatFindings('github', [{ name: 'x', findings: [{ rule: 'r', severity: 'error', file: 'integrations/a\u001b[2Jb/manifest.json', message: 'bad\u0007 one\ttwo' }] }], { strict: false, color: false });
    expect(output).toContain('file=integrations/a\\u001b[2Jb/manifest.json');
    expect(output).toContain('::bad\\u0007 one\\u0009two');
    expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('github ends with the summary in the words the text output uses', () => {
    expect(formatFindings('github', results, { strict: false, color: false }).trim().split('\n').at(-1)).toBe('1 error, 1 warning in 2 integrations');
    expect(formatFindings('github', results, { strict: true, color: false }).trim().split('\n').at(-1)).toBe('2 errors, 0 warnings in 2 integrations');
  });
});

describe('compareFindings', () => {
  it('orders by file, line, column and rule, by code units in every locale: capitals before small letters', () => {
    const at = (file: string, line: number, column: number, rule: string): Finding => ({ rule, severity: 'error', file, line, column, message: '' });
    const findings = [
      at('integrations/a/templates/flag.json', 2, 1, 'b-rule'),
      at('integrations/a/templates/flag.json', 2, 1, 'a-rule'),
      at('integrations/a/templates/Flag.json', 9, 9, 'z-rule'),
      at('integrations/a/manifest.json', 3, 4, 'a-rule'),
      at('integrations/a/manifest.json', 3, 2, 'a-rule'),
    ];
    expect([...findings].sort(compareFindings).map(({ file, column, rule }) => `${file}:${column}:${rule}`)).toEqual([
      'integrations/a/manifest.json:2:a-rule',
      'integrations/a/manifest.json:4:a-rule',
      'integrations/a/templates/Flag.json:9:z-rule',
      'integrations/a/templates/flag.json:1:a-rule',
      'integrations/a/templates/flag.json:1:b-rule',
    ]);
  });
});
