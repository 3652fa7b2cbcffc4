/**
 * Handlebars' parser reports syntax errors in its grammar's token names ("Expecting 'CLOSE',
 * 'OPEN_SEXPR', 'ID', … got 'CLOSE_UNESCAPED'"). These turn them into what a template author typed.
 */

const TOKEN_TEXT: Record<string, string> = {
  EOF: 'the end of the template',
  CONTENT: 'text',
  COMMENT: 'a comment',
  OPEN: '`{{`',
  CLOSE: '`}}`',
  OPEN_UNESCAPED: '`{{{`',
  CLOSE_UNESCAPED: '`}}}`',
  OPEN_BLOCK: '`{{#`',
  OPEN_ENDBLOCK: '`{{/`',
  OPEN_INVERSE: '`{{^`',
  INVERSE: '`{{else}}`',
  OPEN_INVERSE_CHAIN: '`{{else …}}`',
  OPEN_PARTIAL: '`{{>`',
  OPEN_PARTIAL_BLOCK: '`{{#>`',
  OPEN_RAW_BLOCK: '`{{{{`',
  CLOSE_RAW_BLOCK: '`}}}}`',
  END_RAW_BLOCK: '`{{{{/`',
  OPEN_SEXPR: '`(`',
  CLOSE_SEXPR: '`)`',
  OPEN_BLOCK_PARAMS: '`as |`',
  CLOSE_BLOCK_PARAMS: '`|`',
  EQUALS: '`=`',
  SEP: '`.`',
  ID: 'a name',
  DATA: 'an `@` variable',
  STRING: 'a string',
  NUMBER: 'a number',
  BOOLEAN: '`true` or `false`',
  UNDEFINED: '`undefined`',
  NULL: '`null`',
};

/** Tokens that each start a value: listed one by one they drown the message, so they read as "a value". */
const VALUE_TOKENS = new Set(['ID', 'DATA', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', 'NULL', 'OPEN_SEXPR']);

/** Tokens that each start something new at the top level of a template: together, "text or a tag". */
const TOP_LEVEL_TOKENS = new Set([
  'CONTENT',
  'COMMENT',
  'OPEN',
  'OPEN_UNESCAPED',
  'OPEN_BLOCK',
  'OPEN_INVERSE',
  'OPEN_RAW_BLOCK',
  'OPEN_PARTIAL',
  'OPEN_PARTIAL_BLOCK',
]);

function tokenText(token: string): string {
  return TOKEN_TEXT[token] ?? `\`${token}\``;
}

function expectedText(expected: string[]): string {
  const words: string[] = [];
  const values = expected.filter((token) => VALUE_TOKENS.has(token));
  let topLevel = false;
  for (const token of expected) {
    if (VALUE_TOKENS.has(token)) continue;
    else if (TOP_LEVEL_TOKENS.has(token)) topLevel = true;
    // Rare alternatives (block params, raw-block ends) only lengthen the list.
    else if (!['OPEN_BLOCK_PARAMS', 'CLOSE_RAW_BLOCK', 'SEP', 'EQUALS'].includes(token)) words.push(tokenText(token));
  }
  if (values.length > 0) words.push(values.length === 1 ? tokenText(values[0]) : 'a value');
  if (topLevel) words.unshift('text or a tag');
  if (words.length <= 1) return words[0] ?? 'something else';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** The mistakes that make most syntax errors: the token found, one the parser expected instead, the advice. */
const COMMON_MISTAKES: { found: string; expected?: string; advice: string }[] = [
  { found: 'INVALID', advice: 'Handlebars cannot read the text here: is a `{{`, a string or a comment left open?' },
  { found: 'CLOSE_UNESCAPED', expected: 'CLOSE', advice: '`{{` is closed with `}}}`: write `{{…}}`, or `{{{…}}}` for unescaped output' },
  { found: 'CLOSE', expected: 'CLOSE_UNESCAPED', advice: '`{{{` is closed with `}}`: write `{{{…}}}`, or `{{…}}` for escaped output' },
  { found: 'EOF', expected: 'OPEN_ENDBLOCK', advice: 'the template ends inside a block: a `{{#…}}` has no closing `{{/…}}`' },
  { found: 'OPEN_ENDBLOCK', expected: 'EOF', advice: '`{{/…}}` closes a block that was never opened' },
  { found: 'INVERSE', expected: 'EOF', advice: '`{{else}}` outside any `{{#if}}`, `{{#each}}` or other block' },
  { found: 'INVERSE', expected: 'OPEN_ENDBLOCK', advice: 'a second `{{else}}` in one block' },
];

function commonMistake(expected: string[], found: string): string | undefined {
  return COMMON_MISTAKES.find((mistake) => mistake.found === found && (!mistake.expected || expected.includes(mistake.expected)))?.advice;
}

/**
 * A Handlebars parse error message in a template author's words, without the parser's own
 * excerpt (the finding's line and column point there). Messages the parser phrases readably
 * already ("if doesn't match each") keep their first line.
 */
export function describeParseError(message: string): string {
  const tokens = /Expecting (.*), got '([A-Z_]+)'\s*$/.exec(message);
  if (tokens) {
    const expected = [...tokens[1].matchAll(/'([A-Z_]+)'/g)].map((match) => match[1]);
    const found = tokens[2];
    return commonMistake(expected, found) ?? `expected ${expectedText(expected)}, found ${tokenText(found)}`;
  }
  if (message.startsWith('Lexical error')) return commonMistake([], 'INVALID')!;
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(message);
  if (mismatch) return `\`{{#${mismatch[1]}}}\` is closed by \`{{/${mismatch[2]}}}\``;
  return message.split('\n')[0].replace(/\s+-\s+\d+:\d+$/, '');
}
