import { createHandlebars } from '../../scripts/lib/render/handlebars-env';
import { formatWithOffset } from '../../scripts/lib/render/helpers';
import { compileTemplate, TemplateError } from '../../scripts/lib/render/template';
import Handlebars from 'handlebars';
import { frameworkCiHelpers, launchDarklyHelpers } from '../../scripts/lib/render/helpers';

const render = (source: string, context: unknown = {}) => compileTemplate(source, 't.txt').render(context);

describe('LaunchDarkly helpers', () => {
  it('equal shows its block only when both values are identical', () => {
    expect(render('{{#equal kind "flag"}}F{{/equal}}', { kind: 'flag' })).toBe('F');
    expect(render('{{#equal kind "flag"}}F{{/equal}}', { kind: 'project' })).toBe('');
    expect(render('{{#equal n 1}}one{{/equal}}', { n: '1' })).toBe('');
  });

  it('equal ignores an else branch, as the Go renderer does', () => {
    expect(render('{{#equal kind "flag"}}F{{else}}other{{/equal}}', { kind: 'project' })).toBe('');
  });

  it('equalWithElse renders its else branch', () => {
    const source = '{{#equalWithElse verbKind "updateOn"}}on{{else}}other{{/equalWithElse}}';
    expect(render(source, { verbKind: 'updateOn' })).toBe('on');
    expect(render(source, { verbKind: 'deleteFlag' })).toBe('other');
    expect(render('{{#equalWithElse n 1}}one{{else}}not identical{{/equalWithElse}}', { n: '1' })).toBe('not identical');
  });

  it('equal has an else branch as the framework CI has it, and only there', () => {
    const source = '{{#equal kind "flag"}}F{{else}}other{{/equal}}';
    expect(compileTemplate(source, 't.txt', createHandlebars(frameworkCiHelpers)).render({ kind: 'project' })).toBe('other');
    expect(render(source, { kind: 'project' })).toBe('');
  });

  it('pathEncode and queryEncode encode like encodeURI and encodeURIComponent', () => {
    expect(render('{{{pathEncode v}}}', { v: 'a b/c?d' })).toBe('a%20b/c?d');
    expect(render('{{{queryEncode v}}}', { v: 'a b/c?d&e' })).toBe('a%20b%2Fc%3Fd%26e');
  });

  it('pathEncode and queryEncode encode unicode as UTF-8 and take any value as its text', () => {
    expect(render('{{{pathEncode v}}} {{{queryEncode v}}}', { v: 'Ålesund 🚢/ü?' })).toBe('%C3%85lesund%20%F0%9F%9A%A2/%C3%BC? %C3%85lesund%20%F0%9F%9A%A2%2F%C3%BC%3F');
    expect(render('{{{pathEncode v}}} {{{queryEncode v}}}', { v: 42 })).toBe('42 42');
    // A list as Handlebars prints it: its items joined by commas.
    expect(render('{{{pathEncode v}}} {{{queryEncode v}}}', { v: ['a b', 'c'] })).toBe('a%20b,c a%20b%2Cc');
    // What encodeURIComponent keeps, {{ }} then HTML-escapes, as it does any value.
    expect(render("{{queryEncode v}} {{{queryEncode v}}}", { v: "O'Connell" })).toBe("O&#x27;Connell O'Connell");
  });

  it('basicAuthHeaderValue gives Basic base64(user:pass)', () => {
    expect(render('{{basicAuthHeaderValue u p}}', { u: 'ana', p: 'sésame' })).toBe(
      'Basic ' + Buffer.from('ana:sésame').toString('base64'),
    );
  });

  it('formatWithOffset shifts by seconds and formats', () => {
    const ms = Date.UTC(2026, 2, 14, 21, 5, 9, 250);
    expect(formatWithOffset(ms, 60, 'milliseconds')).toBe(ms + 60000);
    expect(formatWithOffset(ms, 0, 'seconds')).toBe(Math.round(ms / 1000));
    // Rounded to the nearest second, not cut.
    expect(formatWithOffset(1999, 0, 'seconds')).toBe(2);
    expect(formatWithOffset(ms, 0, 'rfc3339')).toBe('2026-03-14T21:05:09.250Z');
    expect(formatWithOffset(ms, 0, 'simple')).toBe('2026-03-14 9:05:09');
    expect(formatWithOffset(Date.UTC(2026, 0, 1, 0, 0, 0), 0, 'simple')).toBe('2026-01-01 12:00:00');
    expect(formatWithOffset(ms, -3600, 'whatever')).toBe(ms - 3600000);
    // Without a format, Handlebars' options object stands in for it: no format, so milliseconds.
    expect(render('{{formatWithOffset t 60}}', { t: ms })).toBe(String(ms + 60000));
    expect(render('{{formatWithOffset t "60" "seconds"}}', { t: String(ms) })).toBe(String(Math.round(ms / 1000) + 60));
    expect(render('{{formatWithOffset t 0 "rfc3339"}}', { t: ms })).toBe('2026-03-14T21:05:09.250Z');
  });
});

describe('strict templates', () => {
  it('a missing property is an error with its line and column', () => {
    const template = compileTemplate('{\n  "a": "{{{comment}}}"\n}', 'templates/flag.json');
    let error: unknown;
    try {
      template.render({});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    const e = error as TemplateError;
    expect(e.file).toBe('templates/flag.json');
    expect(e.line).toBe(2);
    expect(e.column).toBe(12);
    expect(e.message).toContain('`comment`');
  });

  it('an #if over a missing property is allowed, so optional fields can be guarded', () => {
    expect(render('{{#if comment}}c{{else}}none{{/if}}', {})).toBe('none');
  });

  it('a helper LaunchDarkly does not have is an error naming file, line and column', () => {
    expect(() => compileTemplate('ok\n  {{uppercase name}}', 'templates/flag.json')).toThrow(
      expect.objectContaining({ file: 'templates/flag.json', line: 2, column: 5, message: expect.stringContaining('uppercase') }),
    );
  });

  it('a syntax error is a TemplateError with a position', () => {
    expect(() => compileTemplate('a\n{{#if x}}\n{{/each}}', 'x.json')).toThrow(
      expect.objectContaining({ line: 2, message: expect.stringContaining('does not parse') }),
    );
    expect(() => compileTemplate('line one\n  {{name', 'x.json')).toThrow(
      expect.objectContaining({ line: expect.any(Number), message: expect.stringContaining('does not parse') }),
    );
  });

  it('environments are isolated: a helper registered on one is unknown to another', () => {
    const first = createHandlebars();
    const second = createHandlebars();
    first.registerHelper('shout', (s: string) => s.toUpperCase());
    expect(first.compile('{{shout "a"}}')({})).toBe('A');
    expect(() => second.compile('{{shout "a"}}', { strict: true })({})).toThrow();
    first.registerPartial('p', 'x');
    expect(() => second.compile('{{> p}}')({})).toThrow(/could not be found/);
  });
});

describe('render errors in plain words', () => {
  it('names the segment when a parent of a path is absent', () => {
    expect(() => compileTemplate('{{customProperties.jira.name}}', 't.json').render({})).toThrow(
      /a property on the way to `jira` is not defined in the event/,
    );
  });

  it('names the segment read on a null parent, or on a string, which has no properties', () => {
    const failure = (context: unknown) => {
      try {
        compileTemplate('{{a.b.c}}', 't.txt').render(context);
      } catch (error) {
        return error as TemplateError;
      }
      throw new Error('rendered');
    };
    expect(failure({ a: null })).toMatchObject({ message: expect.stringMatching(/^a property on the way to `b` is not defined/), absent: { name: 'b', parent: true } });
    expect(failure({ a: { b: 's' } })).toMatchObject({ message: expect.stringMatching(/^a property on the way to `c` is not defined/), absent: { name: 'c', parent: true } });
  });

  describe('a helper that fails', () => {
    const renderError = (source: string, context: Record<string, unknown> = { title: 't', a: 1 }, handlebars = createHandlebars()) => {
      try {
        compileTemplate(source, 't.json', handlebars).render(context);
      } catch (error) {
        return error as TemplateError;
      }
      throw new Error('rendered');
    };

    it('is told as the call that failed and how it is wrong, at the helper\'s name', () => {
      for (const [source, column, message] of [
        ['x {{lookup title}}', 5, '`{{lookup …}}` gives `lookup` 1 argument; it takes 2 (object, key)'],
        ['x {{#each}}y{{/each}}', 6, '`{{#each}}` gives `each` no arguments; it takes 1 (list)'],
        ['x {{#with}}y{{/with}}', 6, '`{{#with}}` gives `with` no arguments; it takes 1 (value)'],
        ['x {{#equalWithElse a}}y{{else}}z{{/equalWithElse}}', 6, '`{{#equalWithElse …}}` gives `equalWithElse` 1 argument; it takes 2 (a, b)'],
        ['x {{lookup title "a" "b"}}', 5, '`{{lookup … … …}}` gives `lookup` 3 arguments; it takes 2 (object, key)'],
        ['x {{#each a title}}y{{/each}}', 6, '`{{#each … …}}` gives `each` 2 arguments; it takes 1 (list)'],
        ['x {{equal a a}}', 5, '`{{equal … …}}` uses the block helper `equal` outside a block: write `{{#equal a b}}…{{/equal}}`'],
        ['x {{#if (equal a a)}}y{{/if}}', 10, '`(equal … …)` uses the block helper `equal` outside a block: write `{{#equal a b}}…{{/equal}}`'],
      ] as const) {
        expect(renderError(source)).toMatchObject({ message, line: 1, column, absent: undefined });
      }
    });

    it('is the one that ran, however many calls elsewhere are wrong', () => {
      expect(renderError('{{pathEncode}}\n{{#if}}{{/if}}')).toMatchObject({ message: expect.stringMatching(/^`\{\{#if\}\}` gives `if` no arguments/), line: 2, column: 4 });
      const inBlock = renderError('{{pathEncode}}{{#each list}}\n  {{lookup .}}{{/each}}', { list: [1] });
      expect(inBlock).toMatchObject({ message: expect.stringMatching(/^`\{\{lookup …\}\}` gives `lookup` 1 argument/), line: 2, column: 5 });
    });

    it('is not blamed for what failed inside its block, or for an absent property next to a wrong call', () => {
      expect(renderError('{{#if a}}{{missing}}{{/if}}').message).toMatch(/^`missing` is not defined in the event/);
      const absent = /^a property on the way to `\w+` is not defined in the event/;
      expect(renderError('{{#each list}}{{{project.bogus.name.first}}}{{/each}}', { list: [1], project: {} }).message).toMatch(absent);
      expect(renderError('{{pathEncode title a}}{{{project.bogus.name.first}}}', { title: 't', a: 1, project: {} }).message).toMatch(absent);
      expect(renderError('{{#unless comment}}{{lookup member}}{{/unless}}{{{member.bogus.data.id}}}', { comment: 'c', member: {} }).message).toMatch(absent);
    });

    it('says what the helper said when the call itself is fine, at the call', () => {
      const throwing = createHandlebars({ ...launchDarklyHelpers, pathEncode: () => { throw new Error('kaput'); } });
      expect(renderError('ok\n  {{pathEncode title}}', { title: 't' }, throwing)).toMatchObject({ message: '`pathEncode` failed: kaput (it takes text)', line: 2, column: 5 });
      // The call that threw, not the first call of that helper on its line.
      const throwingOnB = createHandlebars({ ...launchDarklyHelpers, pathEncode: (value: unknown) => { if (value === 'b') throw new Error('kaput'); return value; } });
      expect(renderError('{{pathEncode a}} {{pathEncode b}}', { a: 'a', b: 'b' }, throwingOnB)).toMatchObject({ line: 1, column: 20 });
      expect(renderError('{{formatWithOffset title 0 "rfc3339"}}', { title: 'not a number' })).toMatchObject({
        message: '`formatWithOffset` failed: Invalid time value (it takes milliseconds, offsetSeconds, format)',
        line: 1,
        column: 3,
      });
    });
  });

  it('stops a render that runs more blocks than any request needs, at the loop that ran one too many', () => {
    // n loops nested over two items run 2 + 4 + … + 2^n blocks: 262,142 for 17, 65,534 for 15.
    const nested = (depth: number) => `{{#each list}}\n${'{{#each @root.list}}'.repeat(depth - 1)}x${'{{/each}}'.repeat(depth)}`;
    const template = compileTemplate(nested(17), 't.txt');
    let error: unknown;
    try {
      template.render({ list: [1, 2] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect(error).toMatchObject({
      message: expect.stringMatching(/^`each` stopped after 100,000 block runs for one event: loops nested in loops multiply their runs/),
      line: 2,
    });
    // Each render has a budget of its own: 65,534 runs, twice over, render.
    const within = compileTemplate(nested(15), 't.txt');
    expect(within.render({ list: [1, 2] }) === 'x'.repeat(2 ** 15)).toBe(true);
    expect(within.render({ list: [1, 2] }) === 'x'.repeat(2 ** 15)).toBe(true);
  });

  it('renders exactly what Handlebars renders without the wrapping that names failed helpers', () => {
    const plain = Handlebars.create();
    for (const [name, helper] of Object.entries(launchDarklyHelpers)) plain.registerHelper(name, helper);
    const context = { a: 1, b: 0, list: ['x', '<y>'], map: { k: 'v', n: 2 }, nested: { deeper: { text: 'ok' } }, empty: [], kind: 'flag', ms: 1472243938774 };
    const sources = [
      '{{#if a}}A{{else if b}}B{{else}}C{{/if}}',
      '{{#unless b}}u{{/unless}}{{^if b}}not b{{/if}}',
      '{{#each list}}{{@index}}:{{this}}{{#if @first}}!{{/if}}{{/each}}',
      '{{#each map as |value key|}}{{key}}={{value}};{{/each}}{{#each empty}}x{{else}}none{{/each}}',
      '{{#with nested.deeper}}{{text}} {{../kind}} {{@root.a}}{{/with}}',
      '{{lookup map "k"}} {{#equal kind "flag"}}F{{/equal}} {{#equalWithElse kind "x"}}X{{else}}not x{{/equalWithElse}}',
      '{{pathEncode "a b/c"}} {{queryEncode "a&b"}} {{basicAuthHeaderValue "u" "p"}} {{formatWithOffset ms 3600 "rfc3339"}}',
      '{{#each list}}{{#each ../list}}{{this}}{{/each}}|{{/each}}  {{~#if a~}}  trimmed  {{~/if~}}  .',
      '{{#if (lookup map "n")}}yes{{/if}}{{#each map}}{{#if @last}}{{@key}}{{/if}}{{/each}}',
    ];
    for (const source of sources) {
      expect(createHandlebars().compile(source, { strict: true })(context)).toBe(plain.compile(source, { strict: true })(context));
    }
  });

  it('log renders nothing and prints nothing', () => {
    const spy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const spyError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(render('a{{log "hello" level="error"}}b')).toBe('ab');
    expect(spy).not.toHaveBeenCalled();
    expect(spyError).not.toHaveBeenCalled();
    spy.mockRestore();
    spyError.mockRestore();
  });
});
