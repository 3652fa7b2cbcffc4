import { isCall, walk } from './template-ast';

/** What each helper takes, in order; `log` takes any number and is left out. */
export const HELPER_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  if: ['value'],
  unless: ['value'],
  with: ['value'],
  each: ['list'],
  lookup: ['object', 'key'],
  equal: ['a', 'b'],
  equalWithElse: ['a', 'b'],
  pathEncode: ['text'],
  queryEncode: ['text'],
  basicAuthHeaderValue: ['user', 'password'],
  formatWithOffset: ['milliseconds', 'offsetSeconds', 'format'],
};

/** A helper called with more or fewer arguments than it takes. */
export interface ArgumentCountProblem {
  helper: string;
  given: number;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** What is wrong: the call, and what the helper takes. */
  summary: string;
  /** What comes of it. */
  consequence: string;
}

function written(node: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression, name: string): string {
  const call = [name, ...node.params.map(() => '…')].join(' ');
  if (node.type === 'SubExpression') return `(${call})`;
  return node.type === 'BlockStatement' ? `{{#${call}}}` : `{{${call}}}`;
}

function plural(count: number, noun: string): string {
  return `${count === 0 ? 'no' : count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Every call of a helper with the wrong number of arguments. Handlebars calls a helper whose name
 * a mustache or block uses even without arguments (`{{pathEncode}}`), and always passes its own
 * options object last: one argument short, the helper takes that object for the missing one.
 */
export function argumentCountProblems(program: hbs.AST.Program): ArgumentCountProblem[] {
  const problems: ArgumentCountProblem[] = [];
  walk(program, (node) => {
    if (!isCall(node) || node.path.type !== 'PathExpression') return;
    const path = node.path as hbs.AST.PathExpression;
    if (path.data || path.parts.length !== 1 || path.original.startsWith('this')) return;
    const wanted = Object.prototype.hasOwnProperty.call(HELPER_ARGUMENTS, path.original) ? HELPER_ARGUMENTS[path.original] : undefined;
    if (!wanted || node.params.length === wanted.length) return;
    const given = node.params.length;
    const consequence =
      given < wanted.length
        ? "Handlebars hands the helper its own options object in place of the missing one, so the result is wrong (`[object Object]`, a comparison that never holds) or the render fails"
        : 'Handlebars passes the extra one where the helper expects its options, so it fails or ignores it';
    problems.push({
      helper: path.original,
      given,
      line: path.loc.start.line,
      column: path.loc.start.column + 1,
      summary: `\`${written(node, path.original)}\` gives \`${path.original}\` ${plural(given, 'argument')}; it takes ${wanted.length} (${wanted.join(', ')})`,
      consequence,
    });
  });
  return problems;
}
