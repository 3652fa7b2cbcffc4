import { compileTemplate, createHandlebars, formatWithOffset, TemplateError } from '../../scripts/lib/render';

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
  });

  it('pathEncode and queryEncode encode like encodeURI and encodeURIComponent', () => {
    expect(render('{{{pathEncode v}}}', { v: 'a b/c?d' })).toBe('a%20b/c?d');
    expect(render('{{{queryEncode v}}}', { v: 'a b/c?d&e' })).toBe('a%20b%2Fc%3Fd%26e');
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
    expect(formatWithOffset(ms, 0, 'rfc3339')).toBe('2026-03-14T21:05:09.250Z');
    expect(formatWithOffset(ms, 0, 'simple')).toBe('2026-03-14 9:05:09');
    expect(formatWithOffset(Date.UTC(2026, 0, 1, 0, 0, 0), 0, 'simple')).toBe('2026-01-01 12:00:00');
    expect(formatWithOffset(ms, -3600, 'whatever')).toBe(ms - 3600000);
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

  it('blames a helper that failed on its arguments, not an absent property, at the call when it is the only one', () => {
    const renderError = (source: string) => {
      try {
        compileTemplate(source, 't.json').render({ title: 't', a: 1 });
      } catch (error) {
        return error as TemplateError;
      }
      throw new Error('rendered');
    };
    for (const [source, column, summary] of [
      ['x {{lookup title}}', 5, '`{{lookup …}}` gives `lookup` 1 argument; it takes 2 (object, key)'],
      ['x {{#each}}y{{/each}}', 6, '`{{#each}}` gives `each` no arguments; it takes 1 (list)'],
      ['x {{#with}}y{{/with}}', 6, '`{{#with}}` gives `with` no arguments; it takes 1 (value)'],
      ['x {{#equalWithElse a}}y{{else}}z{{/equalWithElse}}', 6, '`{{#equalWithElse …}}` gives `equalWithElse` 1 argument; it takes 2 (a, b)'],
      ['x {{lookup title "a" "b"}}', 5, '`{{lookup … … …}}` gives `lookup` 3 arguments; it takes 2 (object, key)'],
    ] as const) {
      const error = renderError(source);
      expect(error).toMatchObject({ message: summary, line: 1, column, absent: undefined });
    }
    // Two suspects: both named, neither given as the place.
    const two = renderError('{{#if}}{{/if}}\n{{pathEncode}}');
    expect(two).toMatchObject({ message: 'a helper failed on its arguments; these calls give the wrong number: `if` at 1:4, `pathEncode` at 2:3', line: undefined });
    // An absent property stays one even when some call elsewhere has too few arguments.
    expect(renderError('{{pathEncode}} {{customProperties.jira.name}}').message).toMatch(/on the way to `jira`/);
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
