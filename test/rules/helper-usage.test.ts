import rule from '../../scripts/lib/rules/checks/helper-usage';
import { createHandlebars } from '../../scripts/lib/render/handlebars-env';
import { HELPER_USAGE } from '../../scripts/lib/render/helper-usage';
import { KNOWN_HELPERS } from '../../scripts/lib/render/helpers';
import { checkTemplate, runWithSamples, subjectRoot } from '../fixtures/template-safety/support';

const check = (source: string) => checkTemplate(rule, 'flag', 'templates/flag.json', source);
const summaries = (source: string) => check(source).map((report) => `${report.line}:${report.column} ${report.message.split(': ')[0]}`);
const render = (source: string, context: unknown) => createHandlebars().compile(source, { strict: true })(context);

describe('helper-usage', () => {
  it('is a warning: the framework\'s CI accepts a helper that renders nonsense', () => {
    expect(rule.severity).toBe('warning');
    expect(rule.ciRule).toBeUndefined();
  });

  it('knows how every helper is used, except log, which takes anything', () => {
    expect(Object.keys(HELPER_USAGE).sort()).toEqual([...KNOWN_HELPERS].filter((name) => name !== 'log').sort());
  });

  it('is silent on helpers used as they work, and on log with any arguments', () => {
    const source =
      '{{#if a}}{{else if b}}{{/if}}{{^if a}}{{/if}}{{#unless a}}{{/unless}}{{#with a}}{{/with}}{{#each a}}{{/each}}{{lookup a "b"}}' +
      '{{#equal a "b"}}{{/equal}}{{#equalWithElse a "b"}}{{else}}{{/equalWithElse}}{{pathEncode a}}{{{queryEncode a}}}' +
      '{{basicAuthHeaderValue a b}}{{formatWithOffset a 0 "rfc3339"}}{{log}}{{log a b c}}{{#if (lookup a "b") includeZero=true}}{{/if}}';
    expect(check(source)).toEqual([]);
  });

  it('leaves paths that only look like a helper alone: Handlebars reads them as values', () => {
    expect(check('{{./pathEncode}}{{#with a}}{{../pathEncode}}{{/with}}{{this.equal}}')).toEqual([]);
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
    expect(render('{{pathEncode}}', {})).toBe('%5Bobject%20Object%5D');
  });

  it('reports too many arguments, in blocks and sub-expressions too, quoting the call as written', () => {
    expect(summaries('{{#if a b}}x{{/if}}{{#each (lookup a)}}{{/each}}{{{formatWithOffset a 0 "simple" "extra"}}}{{^unless}}{{/unless}}')).toEqual([
      '1:4 `{{#if … …}}` gives `if` 2 arguments; it takes 1 (value)',
      '1:29 `(lookup …)` gives `lookup` 1 argument; it takes 2 (object, key)',
      '1:52 `{{{formatWithOffset … … … …}}}` gives `formatWithOffset` 4 arguments; it takes 3 (milliseconds, offsetSeconds, format)',
      '1:95 `{{^unless}}` gives `unless` no arguments; it takes 1 (value)',
    ]);
    expect(check('{{#if a b}}x{{/if}}')[0].message).toMatch(/passes the extra one where the helper expects its options/);
    expect(summaries('{{^if a b}}x{{else}}y{{/if}}{{#if a b}}x{{else}}y{{/if}}')).toEqual([
      '1:4 `{{^if … …}}` gives `if` 2 arguments; it takes 1 (value)',
      '1:32 `{{#if … …}}` gives `if` 2 arguments; it takes 1 (value)',
    ]);
  });

  it('reports a block helper outside a block, which fails to render', () => {
    expect(summaries('{{#if (equal kind "flag")}}y{{/if}}\n{{equal a b}}{{with member}}')).toEqual([
      '1:8 `(equal … …)` uses the block helper `equal` outside a block',
      '2:3 `{{equal … …}}` uses the block helper `equal` outside a block',
      '2:16 `{{with …}}` uses the block helper `with` outside a block',
    ]);
    expect(check('{{with member}}')[0].message).toBe(
      '`{{with …}}` uses the block helper `with` outside a block: write `{{#with value}}…{{/with}}`: Handlebars gives it no block to render, so the render fails',
    );
    expect(() => render('{{#if (equal a a)}}y{{/if}}', { a: 1 })).toThrow();
  });

  it('reports a value helper opening a block, whose content never renders', () => {
    expect(check('{{#pathEncode url}}ignored{{/pathEncode}}')).toEqual([
      expect.objectContaining({
        line: 1,
        column: 4,
        message: '`{{#pathEncode …}}` opens a block with `pathEncode`, which renders a value and ignores blocks: write `{{pathEncode text}}`: what the block holds never renders',
      }),
    ]);
    expect(render('{{#pathEncode url}}ignored{{/pathEncode}}', { url: 'a b' })).toBe('a%20b');
  });

  it('leaves alone block parameters, fields read through this or @, and paths, named like helpers', () => {
    expect(check('{{this.pathEncode}}{{@equal}}{{member.if}}{{#with member}}{{../lookup}}{{/with}}')).toEqual([]);
    expect(check('{{#each list as |lookup|}}{{lookup}}{{#if lookup}}{{lookup}}{{/if}}{{/each}}')).toEqual([]);
    expect(render('{{#each list as |lookup|}}{{lookup}}{{/each}}', { list: ['a', 'b'] })).toBe('ab');
    // Block parameters are in scope in the block's main part only.
    expect(summaries('{{#each list as |lookup|}}{{else}}{{lookup}}{{/each}}{{lookup}}')).toEqual([
      '1:37 `{{lookup}}` gives `lookup` no arguments; it takes 2 (object, key)',
      '1:56 `{{lookup}}` gives `lookup` no arguments; it takes 2 (object, key)',
    ]);
  });

  it('checks the endpoint url and header values', () => {
    const root = subjectRoot({
      templates: { flag: 'templates/flag.json' },
      files: { 'templates/flag.json': '{}' },
      endpoint: { url: 'https://hooks.example/{{queryEncode}}', headers: [{ name: 'Authorization', value: '{{basicAuthHeaderValue user}}' }] },
    });
    expect(runWithSamples(rule, root)).toEqual([
      {
        pointer: '/capabilities/auditLogEventsHook/endpoint/url',
        within: { line: 1, column: 25 },
        message: expect.stringMatching(/^the endpoint url: `\{\{queryEncode\}\}` gives `queryEncode` no arguments/),
      },
      {
        pointer: '/capabilities/auditLogEventsHook/endpoint/headers/0/value',
        within: { line: 1, column: 3 },
        message: expect.stringMatching(/^header 1 \(Authorization\): `\{\{basicAuthHeaderValue …\}\}` gives `basicAuthHeaderValue` 1 argument/),
      },
    ]);
  });
});
