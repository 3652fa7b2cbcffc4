import rule from '../../scripts/lib/rules/checks/helper-arguments';
import { createHandlebars } from '../../scripts/lib/render';
import { HELPER_ARGUMENTS } from '../../scripts/lib/render/helper-arguments';
import { KNOWN_HELPERS } from '../../scripts/lib/render/helpers';
import { checkTemplate, cleanupFixtureRoots, runWithSamples, subjectRoot } from '../fixtures/template-safety/support';

afterAll(cleanupFixtureRoots);

const check = (source: string) => checkTemplate(rule, 'flag', 'templates/flag.json', source);

describe('helper-arguments', () => {
  it('is a warning: the framework\'s CI accepts a helper that renders nonsense', () => {
    expect(rule.severity).toBe('warning');
    expect(rule.ciRule).toBeUndefined();
  });

  it('knows what every helper takes, except log, which takes anything', () => {
    expect(Object.keys(HELPER_ARGUMENTS).sort()).toEqual([...KNOWN_HELPERS].filter((name) => name !== 'log').sort());
  });

  it('is silent on calls with the arguments each helper takes, and on log with any', () => {
    const source =
      '{{#if a}}{{/if}}{{#unless a}}{{/unless}}{{#with a}}{{/with}}{{#each a}}{{/each}}{{lookup a "b"}}' +
      '{{#equal a "b"}}{{/equal}}{{#equalWithElse a "b"}}{{else}}{{/equalWithElse}}{{pathEncode a}}{{queryEncode a}}' +
      '{{basicAuthHeaderValue a b}}{{formatWithOffset a 0 "rfc3339"}}{{log}}{{log a b c}}{{#if (equal a b) includeZero=true}}{{/if}}';
    expect(check(source)).toEqual([]);
  });

  it('reports a helper given too few arguments, where it is called, and what comes of it', () => {
    expect(check('{\n  "url": "{{pathEncode}}",\n  "auth": "{{basicAuthHeaderValue user}}"\n}')).toEqual([
      {
        file: 'templates/flag.json',
        line: 2,
        column: 13,
        message:
          '`{{pathEncode}}` gives `pathEncode` no arguments; it takes 1 (text): Handlebars hands the helper its own options object in place of ' +
          'the missing one, so the result is wrong (`[object Object]`, a comparison that never holds) or the render fails',
      },
      expect.objectContaining({ line: 3, column: 14, message: expect.stringMatching(/^`\{\{basicAuthHeaderValue …\}\}` gives `basicAuthHeaderValue` 1 argument; it takes 2 \(user, password\)/) }),
    ]);
    // What the warning says comes of it: the options object stands in for the missing argument.
    expect(createHandlebars().compile('{{pathEncode}}', { strict: true })({})).toBe('%5Bobject%20Object%5D');
  });

  it('reports too many arguments, in blocks and sub-expressions too', () => {
    const reports = check('{{#if a b}}x{{/if}}{{#each (lookup a)}}{{/each}}{{formatWithOffset a 0 "simple" "extra"}}');
    expect(reports.map((report) => [report.column, report.message.split(';')[0]])).toEqual([
      [4, '`{{#if … …}}` gives `if` 2 arguments'],
      [29, '`(lookup …)` gives `lookup` 1 argument'],
      [51, '`{{formatWithOffset … … … …}}` gives `formatWithOffset` 4 arguments'],
    ]);
    expect(reports[0].message).toMatch(/passes the extra one where the helper expects its options/);
  });

  it('leaves alone fields named like a helper when read through this or @, and paths', () => {
    expect(check('{{this.pathEncode}}{{@equal}}{{member.if}}{{#with member}}{{../lookup}}{{/with}}')).toEqual([]);
  });

  it('checks the endpoint url and header values', () => {
    const root = subjectRoot({
      templates: { flag: 'templates/flag.json' },
      files: { 'templates/flag.json': '{}' },
      endpoint: { url: 'https://hooks.example/{{queryEncode}}', headers: [] },
    });
    expect(runWithSamples(rule, root)).toEqual([
      { pointer: '/capabilities/auditLogEventsHook/endpoint/url', message: expect.stringMatching(/^the endpoint url: `\{\{queryEncode\}\}` gives `queryEncode` no arguments/) },
    ]);
  });
});
