import { describeParseError } from '../../scripts/lib/render/parse-errors';
import { compileTemplate, TemplateError } from '../../scripts/lib/render/template';

function parseFailure(source: string): TemplateError {
  try {
    compileTemplate(source, 'templates/flag.json');
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(source)} not to parse`);
}

describe('syntax errors in a template author\'s words', () => {
  it.each([
    ['{"text": "{{title}}}"}', '`{{` is closed with `}}}`: write `{{…}}`, or `{{{…}}}` for unescaped output', 1, 18],
    ['{"text": "{{{title}}"}', '`{{{` is closed with `}}`: write `{{{…}}}`, or `{{…}}` for escaped output', 1, 19],
    ['{{#if comment}}\n{"text": "{{comment}}"}\n', 'the template ends inside a block: a `{{#…}}` has no closing `{{/…}}`', 3, 1],
    ['{"text": "x"}\n{{/if}}', '`{{/…}}` closes a block that was never opened', 2, 1],
    ['{{else}}', '`{{else}}` outside any `{{#if}}`, `{{#each}}` or other block', 1, 1],
    ['{{#if a}}1{{else}}2{{else}}3{{/if}}', 'a second `{{else}}` in one block', 1, 20],
    ['{{#with member}}\n{{email}}\n{{/if}}', '`{{#with}}` is closed by `{{/if}}`', 1, 4],
    ['{{@}}', 'expected a name, found `}}`', 1, 4],
    ['{{formatWithOffset date offset=}}', 'expected a value, found `}}`', 1, 32],
    ['{{!-- never closed', 'Handlebars cannot read the text here: is a `{{`, a string or a comment left open?', 1, 1],
    ['{{equal kind "flag}}', 'Handlebars cannot read the text here: is a `{{`, a string or a comment left open?', 1, 14],
  ])('%j: %s', (source, message, line, column) => {
    const error = parseFailure(source);
    expect(error.message).toBe(`does not parse: ${message}`);
    expect({ line: error.line, column: error.column }).toEqual({ line, column });
  });

  it('names no grammar token, whatever the mistake', () => {
    const sources = ['{{a}}}', '{{{a}}', '{{(a}}', '{{a b=}}', '{{#each x as |a}}{{/each}}', '{{a "b}}', '{{/if}}', '{{#if a}}'];
    for (const source of sources) {
      expect(parseFailure(source).message).not.toMatch(/[A-Z]{2,}_|'[A-Z]+'|Expecting|got /);
    }
  });

  it('lists what could have come, folding the many kinds of value into one word', () => {
    const message = "Parse error on line 1:\n{{a \"b}}\n----^\nExpecting 'CLOSE', 'CLOSE_UNESCAPED', 'OPEN_SEXPR', 'ID', 'STRING', got 'CLOSE_SEXPR'";
    expect(describeParseError(message)).toBe('expected `}}`, `}}}` or a value, found `)`');
  });

  it('says "text or a tag" where a new piece of the template could start', () => {
    const message = "Parse error on line 1:\n}}\n^\nExpecting 'EOF', 'COMMENT', 'CONTENT', 'OPEN', 'OPEN_BLOCK', got 'CLOSE_SEXPR'";
    expect(describeParseError(message)).toBe('expected text or a tag or the end of the template, found `)`');
  });

  it('leaves out the rare alternatives (block parameters, raw-block ends, `.` and `=`), and says "something else" when only those were expected', () => {
    const expecting = (tokens: string) => `Parse error on line 1:\n{{a}}\n---^\nExpecting ${tokens}, got 'EOF'`;
    expect(describeParseError(expecting("'CLOSE', 'OPEN_BLOCK_PARAMS', 'CLOSE_RAW_BLOCK', 'SEP', 'EQUALS'"))).toBe('expected `}}`, found the end of the template');
    expect(describeParseError(expecting("'SEP', 'EQUALS'"))).toBe('expected something else, found the end of the template');
  });

  it("places a NUL character, which Handlebars' lexer takes for the end of the text, where it is", () => {
    const error = parseFailure('{"text":\n  "{{title.plainText}}\u0000"}');
    expect([error.message, error.line, error.column]).toEqual([
      'does not parse: a NUL character (U+0000), where Handlebars stops reading the template: delete it',
      2,
      23,
    ]);
  });

  it('keeps the first line of a message it does not know', () => {
    expect(describeParseError('Invalid path: this.. - 1:2\nmore')).toBe('Invalid path: this..');
  });
});
