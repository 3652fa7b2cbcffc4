import { compileTemplate } from '../../scripts/lib/render/template';
import rule from '../../scripts/lib/rules/checks/unknown-helper';
import { closeHelpers } from '../../scripts/lib/rules/template-safety/helper-names';
import { checkTemplate, runWithSamples, subjectRoot } from '../fixtures/template-safety/support';

const check = (source: string) => checkTemplate(rule, 'flag', 'templates/flag.txt', source);

describe('unknown-helper', () => {
  it('reports every unknown call with its position, where the renderer stops at the first', () => {
    const source = '{{#myblock title}}x{{/myblock}}\n  {{shout name}} {{#if (isProd project.environment.key)}}p{{/if}}';
    const reports = check(source);
    expect(reports.map((report) => [report.line, report.column, report.file])).toEqual([
      [1, 4, 'templates/flag.txt'],
      [2, 5, 'templates/flag.txt'],
      [2, 25, 'templates/flag.txt'],
    ]);
    expect(reports[0].message).toMatch(/^`\{\{#myblock …\}\}` calls `myblock`, which is not a helper LaunchDarkly has/);
    expect(reports[2].message).toMatch(/^`\(isProd …\)` calls `isProd`/);
    expect(reports[1].message).toMatch(/^`\{\{shout …\}\}` calls `shout`/);
    // Written as the template writes it, three braces included.
    expect(check('{{{queryEncod key}}}')[0].message).toMatch(/^`\{\{\{queryEncod …\}\}\}` calls `queryEncod`/);
    expect(() => compileTemplate(source, 'templates/flag.txt')).toThrow(/myblock/);
  });

  it('suggests the helper that does the job', () => {
    expect(check('{{#eq kind "flag"}}x{{/eq}}')[0].message).toContain('Did you mean `equal` or `equalWithElse`?');
    expect(check('{{#equals kind "flag"}}x{{/equals}}')[0].message).toContain('`equal`');
    expect(check('{{urlEncode key}}')[0].message).toContain('`queryEncode` or `pathEncode`');
    expect(check('{{formatDate timestamp.milliseconds}}')[0].message).toContain('`formatWithOffset`');
    expect(check('{{QueryEncode key}}')[0].message).toContain('`queryEncode`');
    expect(check('{{frobnicate key}}')[0].message).not.toContain('Did you mean');
    expect(closeHelpers('pathencode')).toEqual(['pathEncode']);
  });

  it('accepts the built-ins, LaunchDarkly helpers, sections and plain paths', () => {
    const source =
      '{{#if a}}{{/if}}{{#unless a}}{{/unless}}{{#each tags}}{{this}}{{/each}}{{#with member}}{{email}}{{/with}}' +
      '{{lookup title "plainText"}}{{log kind}}{{#equal kind "flag"}}{{/equal}}{{#equalWithElse kind "x"}}{{else}}{{/equalWithElse}}' +
      '{{pathEncode key}}{{queryEncode key}}{{basicAuthHeaderValue a b}}{{formatWithOffset timestamp.milliseconds 0 "rfc3339"}}' +
      '{{#comment}}{{this}}{{/comment}}{{title.plainText}}{{#if (lookup tags 0)}}{{/if}}';
    expect(check(source)).toEqual([]);
  });

  it('says a path is not a helper when it is given arguments', () => {
    const [report] = check('{{title.plainText "short"}}');
    expect(report.message).toMatch(/passes arguments to `title\.plainText`, which is a path, not a helper/);
  });

  it('takes a literal where a name goes for the name it stands for, as Handlebars\' compiler does', () => {
    expect(check('{{{"name" 1}}}{{#if ("equal" kind "flag")}}{{/if}}').map((report) => `${report.column} ${report.message.split(',')[0]}`)).toEqual([
      '4 `{{{"name" …}}}` calls `name`',
    ]);
    expect(() => compileTemplate('{{{"name" 1}}}', 'templates/flag.txt')).toThrow(/`name` is not a helper LaunchDarkly has/);
  });

  it('says where a path given arguments fails to render, which JavaScript\'s own error does not', () => {
    expect(() => compileTemplate('{\n  "a": "{{{title.plainText this}}}"\n}', 'templates/flag.txt').render({ title: { plainText: 'x' } })).toThrow(
      expect.objectContaining({
        message: '`title.plainText` is given arguments, but it is a value, not a helper: Handlebars tries to call it, and only helpers take arguments',
        line: 2,
        column: 12,
      }),
    );
    // Two candidates: which one ran is unknown, so no position.
    expect(() => compileTemplate('{{a.b 1}}{{c.d 2}}', 'templates/flag.txt').render({ a: { b: 1 }, c: { d: 2 } })).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/^one of `a\.b`, `c\.d` is given arguments/), line: undefined }),
    );
  });

  it('checks the endpoint url and header values', () => {
    const root = subjectRoot({
      templates: { flag: 'templates/flag.json' },
      files: { 'templates/flag.json': '{}' },
      endpoint: { url: 'https://hooks.example/{{channel}}', headers: [{ name: 'Authorization', value: 'Basic {{base64 apiUser}}' }] },
    });
    expect(runWithSamples(rule, root)).toEqual([
      {
        pointer: '/capabilities/auditLogEventsHook/endpoint/headers/0/value',
        within: { line: 1, column: 9 },
        message: expect.stringMatching(/^header 1 \(Authorization\): `\{\{base64 …\}\}` calls `base64`.*`basicAuthHeaderValue`/),
      },
    ]);
  });
});
