import { callAsWritten, isCall, isSimpleName, walkInScope, type CallNode } from './template-ast';
import { plural } from '../plural';

/** What each helper takes, in order, and whether it renders a block; `log` takes anything and is left out. */
export const HELPER_USAGE: Readonly<Record<string, { args: readonly string[]; block: boolean }>> = {
  if: { args: ['value'], block: true },
  unless: { args: ['value'], block: true },
  with: { args: ['value'], block: true },
  each: { args: ['list'], block: true },
  lookup: { args: ['object', 'key'], block: false },
  equal: { args: ['a', 'b'], block: true },
  equalWithElse: { args: ['a', 'b'], block: true },
  pathEncode: { args: ['text'], block: false },
  queryEncode: { args: ['text'], block: false },
  basicAuthHeaderValue: { args: ['user', 'password'], block: false },
  formatWithOffset: { args: ['milliseconds', 'offsetSeconds', 'format'], block: false },
};

/** A helper called in a way it does not work. */
export interface HelperUsageProblem {
  /** Where the helper's name is, 1-based. */
  line: number;
  column: number;
  /** What is wrong: the call, and how the helper is used. */
  summary: string;
  /** What comes of it. */
  consequence: string;
}

/** `no arguments`, `1 argument`, `2 arguments`. */
function howMany(count: number, noun: string): string {
  return count === 0 ? `no ${noun}s` : plural(count, noun);
}

function problemOf(node: CallNode, name: string): Pick<HelperUsageProblem, 'summary' | 'consequence'> | undefined {
  const usage = HELPER_USAGE[name];
  const given = node.params.length;
  const call = callAsWritten(node);
  if (given !== usage.args.length) {
    return {
      summary: `\`${call}\` gives \`${name}\` ${howMany(given, 'argument')}; it takes ${usage.args.length} (${usage.args.join(', ')})`,
      consequence:
        given < usage.args.length
          ? 'Handlebars hands the helper its own options object in place of the missing one, so the result is wrong (`[object Object]`, a comparison that never holds) or the render fails'
          : 'Handlebars passes the extra one where the helper expects its options, so it fails or ignores it',
    };
  }
  const isBlock = node.type === 'BlockStatement';
  if (usage.block && !isBlock) {
    return {
      summary: `\`${call}\` uses the block helper \`${name}\` outside a block: write \`{{#${name} ${usage.args.join(' ')}}}…{{/${name}}}\``,
      consequence: 'Handlebars gives it no block to render, so the render fails',
    };
  }
  if (!usage.block && isBlock) {
    return {
      summary: `\`${call}\` opens a block with \`${name}\`, which renders a value and ignores blocks: write \`{{${name} ${usage.args.join(' ')}}}\``,
      consequence: 'what the block holds never renders',
    };
  }
  return undefined;
}

/**
 * Every helper call that does not work as written: the wrong number of arguments (Handlebars
 * always passes its options object last, so a helper one argument short takes that object for
 * the missing one), a block helper outside a block, a value helper opening one. Handlebars calls
 * a helper whose name a mustache or block uses even without arguments (`{{pathEncode}}`),
 * unless a block parameter of that name is in scope.
 */
export function helperUsageProblems(program: hbs.AST.Program): HelperUsageProblem[] {
  const problems: HelperUsageProblem[] = [];
  walkInScope(program, (node, blockParams) => {
    if (!isCall(node) || node.path.type !== 'PathExpression') return;
    const path = node.path as hbs.AST.PathExpression;
    const name = path.original;
    if (!isSimpleName(path) || blockParams.has(name)) return;
    if (!Object.prototype.hasOwnProperty.call(HELPER_USAGE, name)) return;
    const problem = problemOf(node, name);
    if (!problem) return;
    problems.push({
      line: path.loc.start.line,
      column: path.loc.start.column + 1,
      ...problem,
    });
  });
  return problems;
}
