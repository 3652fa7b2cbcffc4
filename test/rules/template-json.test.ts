import rule from '../../scripts/lib/rules/checks/template-json';
import { checkJson } from '../../scripts/lib/json-syntax';
import { checkTemplate, runWithSamples, subjectRoot } from '../fixtures/template-safety/support';
import { validManifest } from '../helpers/fixture-root';

const check = (source: string, file = 'templates/flag.json') => checkTemplate(rule, 'flag', file, source);

describe('template-json', () => {
  it('is the framework CI rule 15, an error', () => {
    expect(rule).toMatchObject({ severity: 'error', ciRule: 15 });
  });

  it('reports where the JSON breaks, in the template and in the output, with the CI sample', () => {
    const source = '{\n  "tags": [\n{{#each tags}}    "{{{this}}}",\n{{/each}}  ],\n  "t": "x"\n}';
    const reports = check(source);
    expect(reports).toEqual([
      {
        file: 'templates/flag.json',
        // The comma after the last tag: `{{#each}}` writes it, on the template's line 3.
        line: 3,
        column: 31,
        sample: 'flag/canonical',
        message:
          'templates.flag renders invalid JSON at output line 3, column 15: trailing comma before `]` (near `"quayside",`); ' +
          '`ld-hook-kit preview subject --context flag/canonical --keep-timestamp` shows this output',
      },
    ]);
  });

  it('places a break that a value wrote at the value', () => {
    // `{{{comment}}}` outside quotes: the comment's text is no JSON value.
    const [report] = check('{\n  "t": "x",\n  "c": {{{comment}}}\n}');
    expect(report).toMatchObject({ line: 3, column: 8, message: expect.stringMatching(/^templates\.flag renders invalid JSON at output line 3, column 8: expected a value/) });
  });

  it('names a literal line break inside a string, which JSON.parse refuses', () => {
    const [report] = check('{"t": "first line\nsecond line"}');
    expect(report.message).toMatch(/^templates\.flag renders invalid JSON at output line 1, column 18: control character U\+000A inside a string/);
  });

  it('names the preview that shows the output, with the CI\'s value of each variable whose {{#if}} preview would take otherwise', () => {
    const formVariables = [
      ...(validManifest().formVariables as object[]),
      { key: 'compact', name: 'Compact', type: 'boolean', description: 'Shorter messages.', isOptional: true, defaultValue: false },
      { key: 'thread', name: 'Thread', type: 'string', description: 'A thread to post in.', isOptional: true, defaultValue: '' },
    ];
    const source = '{"t": "x"{{#if formVariables.compact}}{{#if formVariables.thread}},{{/if}}{{/if}} }';
    const root = subjectRoot({ templates: { validation: 'templates/check.json' }, files: { 'templates/check.json': source }, manifest: { formVariables } });
    const [report] = runWithSamples(rule, root);
    expect(report.message).toMatch(
      /; `ld-hook-kit preview subject --context environment\/\S+ --template validation --var compact=true --var thread=thread --keep-timestamp` shows this output$/,
    );
    // A value compared, not only tested: the CI's is given too.
    const region = { key: 'area', name: 'Area', type: 'enum', description: 'Where.', isOptional: true, allowedValues: ['us', 'area'], defaultValue: 'us' };
    const compared = subjectRoot({
      templates: { flag: 'templates/flag.json' },
      files: { 'templates/flag.json': '{"t": "x"{{#equal formVariables.area "area"}},{{/equal}} }' },
      manifest: { formVariables: [...formVariables, region] },
    });
    expect(runWithSamples(rule, compared)[0].message).toMatch(/`ld-hook-kit preview subject --context flag\/\S+ --var area=area --keep-timestamp` shows this output$/);
    // A multiselect's CI value is no list of its options: no preview could be given it, and none is named.
    const envs = { key: 'envs', name: 'Envs', type: 'multiselect', description: 'Which.', isOptional: true, multiselectOptions: [{ label: 'A', value: 'a' }] };
    // Nor an enum value it does not allow, nor a secret, whose mask preview would render with.
    const narrowEnum = { ...region, allowedValues: ['us', 'eu'] };
    const secret = { key: 'pin', name: 'PIN', type: 'string', description: 'A PIN.', isSecret: true };
    const unshowable = [
      subjectRoot({ templates: { flag: 'templates/flag.json' }, files: { 'templates/flag.json': '{"t": "x"{{#if formVariables.envs}},{{/if}} }' }, manifest: { formVariables: [...formVariables, envs] } }),
      subjectRoot({ templates: { flag: 'templates/flag.json' }, files: { 'templates/flag.json': '{"t": "x"{{#equal formVariables.area "area"}},{{/equal}} }' }, manifest: { formVariables: [...formVariables, narrowEnum] } }),
      subjectRoot({ templates: { flag: 'templates/flag.json' }, files: { 'templates/flag.json': '{"t": "x"{{#equal formVariables.pin "pin"}},{{/equal}} }' }, manifest: { formVariables: [...formVariables, secret] } }),
    ];
    // A template that reads every form variable at once, secrets among them, which preview masks.
    unshowable.push(
      subjectRoot({
        templates: { flag: 'templates/flag.json' },
        files: { 'templates/flag.json': '{"t": "x"{{#each formVariables}}{{#equal @key "compact"}}{{#if this}},{{/if}}{{/equal}}{{/each}} }' },
        manifest: { formVariables },
      }),
    );
    // Judged as the framework's CI renders it (`equal` with an else), which preview does not.
    unshowable.push(subjectRoot({ templates: { flag: 'templates/flag.json' }, files: { 'templates/flag.json': '{"a": 1{{#equal kind "zzz"}}{{else}},{{/equal}} }' }, manifest: { formVariables } }));
    for (const root of unshowable) {
      const [unshown] = runWithSamples(rule, root);
      expect(unshown.message).toMatch(/^templates\.flag renders invalid JSON/);
      expect(unshown.message).not.toContain('ld-hook-kit preview');
    }
  });

  it('judges only JSON templates, and escaping damage is left to json-template-escaping', () => {
    expect(check('not json {{{name}}}', 'templates/flag.txt')).toEqual([]);
    expect(check('{"t": "{{{title.plainText}}}", "n": {{timestamp.seconds}}}')).toEqual([]);
    // `{{ }}` breaks the JSON only for events whose text holds a quote: that is escaping, not structure.
    expect(check('{"t": "{{comment}}"}')).toEqual([]);
  });

  it('warns when the CI event renders but another real event breaks the structure', () => {
    // Broken only for events without a comment, which the CI's canonical event always has.
    const reports = check('{"t": "x"{{#unless comment}},{{/unless}} }');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ severity: 'warning', file: 'templates/flag.json' });
    expect(reports[0].message).toMatch(/renders invalid JSON at output line 1, column \d+: .*real events like this one do not; `ld-hook-kit preview subject --context \S+ --keep-timestamp` shows this output$/);
    expect(reports[0].sample).not.toBe('flag/canonical');
  });
});

describe('checkJson', () => {
  it.each([
    // At the comma, which is what to delete.
    ['{"a": 1,}', 1, 8, 'trailing comma before `}`'],
    ['{"a": "x\\&quot;"}', 1, 9, 'invalid escape `\\&` in a string'],
    ['{"a" 1}', 1, 6, 'expected `:` after the property name, found `1`'],
    ['[1 2]', 1, 4, 'expected `,` or `]` after an array item, found `2`'],
    ['', 1, 1, 'expected a value, found the end of the text'],
    ['{"a": 1} x', 1, 10, 'unexpected `x` after the JSON value'],
    ['\uFEFF{}', 1, 1, 'expected a value, found `\uFEFF`'],
    ['{\n  "a": tru\n}', 2, 8, 'expected a value, found `t`'],
    ['{"a": "\u0007"}', 1, 8, 'control character U+0007 inside a string: write it escaped'],
    ['{"a": 01}', 1, 8, 'expected `,` or `}` after a property value, found `1`'],
  ])('%j fails at %i:%i with %s', (text, line, column, message) => {
    expect(checkJson(text)).toMatchObject({ ok: false, line, column, message });
  });

  it('accepts what JSON.parse accepts, and gives the value', () => {
    expect(checkJson(' {"a": [1, -2.5e3, true, null, "\\u00e9\\n"]} ')).toEqual({ ok: true, value: { a: [1, -2500, true, null, 'é\n'] } });
  });

  it('judges the CI event as the framework\'s CI renders it: an else part in `equal` counts there', () => {
    // Production's Go `equal` drops the else part, so every other event renders empty there:
    // template-empty-output's warning, with go-handlebars-compat's; the framework's CI renders
    // `{"other": true}` and accepts it.
    expect(check('{{#equal kind "segment"}}{"segment": true}{{else}}{"other": true}{{/equal}}')).toEqual([]);
    // Without the else part, the CI event renders nothing in the CI too: an error, said as it is.
    expect(check('{{#equal kind "segment"}}{"segment": true}{{/equal}}\n')).toEqual([
      {
        file: 'templates/flag.json',
        sample: 'flag/canonical',
        message:
          "templates.flag renders only whitespace for the CI's flag event, which is not JSON; " +
          '`ld-hook-kit preview subject --context flag/canonical --keep-timestamp` shows this output',
      },
    ]);
  });

  it('leaves a blank body of another event to template-empty-output, and the CI\'s validation one to template-empty', () => {
    expect(check('{{#if comment}}{"c": "{{{comment}}}"}{{/if}}').filter((report) => report.sample !== 'flag/canonical')).toEqual([]);
    const root = subjectRoot({ templates: { validation: 'templates/check.json' }, files: { 'templates/check.json': ' ' } });
    expect(runWithSamples(rule, root)).toEqual([]);
  });
});
