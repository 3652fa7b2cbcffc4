import Handlebars from 'handlebars';
import rule from '../../scripts/lib/rules/checks/go-handlebars-compat';
import { checkTemplate, runWithSamples, subjectRoot } from '../fixtures/template-safety/support';

const check = (source: string) => checkTemplate(rule, 'flag', 'templates/flag.json', source);

describe('go-handlebars-compat', () => {
  it('is a warning (the framework\'s CI accepts all of it) and documents each construct it refuses', () => {
    expect(rule.severity).toBe('warning');
    for (const construct of ['{{else}}', 'equalWithElse', '{{> name}}', '{{#> name}}', '{{#*inline}}', '{{* name}}']) {
      expect(rule.fix).toContain(construct);
    }
  });

  it('refuses {{else}} inside {{#equal}} at the else, and names equalWithElse', () => {
    const source = '{\n  {{#equal verbKind "updateOn"}}"on": true\n  {{else}}"on": false{{/equal}}\n}';
    const reports = check(source);
    expect(reports).toEqual([
      expect.objectContaining({ file: 'templates/flag.json', line: 3, column: 3, message: expect.stringContaining('equalWithElse') }),
    ]);
    // The construct does work in JavaScript Handlebars with an else-aware equal: the preview would
    // show the else branch that production never renders.
    const js = Handlebars.create();
    js.registerHelper('equal', function (this: unknown, a: unknown, b: unknown, options: Handlebars.HelperOptions) {
      return a === b ? options.fn(this) : options.inverse(this);
    });
    expect(js.compile(source)({ verbKind: 'updateRules' })).toContain('"on": false');
  });

  it('refuses an else-if chain and an inverted block on equal, not equalWithElse or a plain equal', () => {
    expect(check('{{#equal kind "flag"}}a{{else equal kind "segment"}}b{{/equal}}')).toHaveLength(1);
    expect(check('{{^equal kind "flag"}}not a flag{{/equal}}')).toEqual([expect.objectContaining({ line: 1, column: 1 })]);
    expect(check('{{#equalWithElse kind "flag"}}a{{else}}b{{/equalWithElse}}{{#equal kind "flag"}}c{{/equal}}')).toEqual([]);
    expect(check('{{#if comment}}a{{else}}b{{/if}}')).toEqual([]);
  });

  it('warns for a boolean form variable compared by equal with "true" or "false", which only Go compares as text', () => {
    // The fixtures' includeDetails is a boolean form variable, username a string one.
    const checked = (source: string, endpoint?: { url: string }) =>
      runWithSamples(rule, subjectRoot({ templates: { flag: 'templates/flag.json' }, files: { 'templates/flag.json': source }, ...(endpoint ? { endpoint } : {}) }));
    expect(checked('{\n  {{#equal formVariables.includeDetails "true"}}"v": 1,{{/equal}}{{#equal false "false"}}x{{/equal}}\n}')).toEqual([
      expect.objectContaining({
        line: 2,
        column: 3,
        message:
          '`{{#equal}}` compares a boolean with the text "true": LaunchDarkly\'s Go renderer compares both as text, so the boolean true matches there, ' +
          "while previews and the framework's CI compare values and never match it. Write true without quotes, which matches in both.",
      }),
      expect.objectContaining({ line: 2, column: 66, message: expect.stringContaining('the text "false"') }),
    ]);
    // Text with text matches in both: a string form variable holding "true", an event string, quoted digits.
    expect(checked('{{#equal formVariables.username "true"}}a{{/equal}}{{#equal verbKind "true"}}b{{/equal}}{{#equal formVariables.username "1"}}c{{/equal}}')).toEqual([]);
    // However the template reaches the form variable; and not an event field of the same name.
    const reached = checked(
      '{\n"a": "{{#each tags}}{{#equal @root.formVariables.includeDetails "true"}}x{{/equal}}{{/each}}",\n' +
        '"b": "{{#each tags}}{{#equal ../formVariables.includeDetails "true"}}x{{/equal}}{{/each}}",\n' +
        '"c": "{{#with project}}{{#equal includeDetails "true"}}x{{/equal}}{{/with}}{{#equal includeDetails "true"}}y{{/equal}}"\n}',
    );
    expect(reached.map((report) => report.line)).toEqual([2, 3]);
    // An endpoint text reads the form variables at the top.
    expect(checked('{}', { url: 'https://x.example/{{#equal includeDetails "true"}}v{{/equal}}' })).toEqual([
      expect.objectContaining({ pointer: '/capabilities/auditLogEventsHook/endpoint/url', message: expect.stringMatching(/^the endpoint url: `\{\{#equal\}\}` compares a boolean/) }),
    ]);
  });

  it('refuses partials, partial blocks, decorators and inline partials where they stand', () => {
    const source = 'a {{> footer}}\n{{#> frame}}x{{/frame}}\n{{* activate}}\n{{#*inline "line"}}y{{/inline}}';
    const reports = check(source);
    expect(reports.map((report) => [report.line, report.column])).toEqual([
      [1, 3],
      [2, 1],
      [3, 1],
      [4, 1],
    ]);
    expect(reports[0].message).toMatch(/^`\{\{> footer\}\}` is a partial/);
    expect(reports[1].message).toMatch(/^`\{\{#> frame\}\}` is a partial block/);
    expect(reports[2].message).toMatch(/^`\{\{\* activate\}\}` is a decorator/);
    expect(reports[3].message).toMatch(/inline partial/);
  });

  it('looks inside blocks and at the endpoint texts too', () => {
    expect(check('{{#each tags}}{{> tag}}{{/each}}')).toHaveLength(1);
    const root = subjectRoot({
      templates: { flag: 'templates/flag.json' },
      files: { 'templates/flag.json': '{}' },
      endpoint: { url: 'https://hooks.example/{{#equal region "eu"}}eu{{else}}us{{/equal}}' },
    });
    expect(runWithSamples(rule, root)).toEqual([
      expect.objectContaining({ pointer: '/capabilities/auditLogEventsHook/endpoint/url', message: expect.stringMatching(/^the endpoint url: /) }),
    ]);
  });

  it('leaves templates that do not parse to template-render', () => {
    expect(check('{{#equal a b}}x{{else}}')).toEqual([]);
  });
});
