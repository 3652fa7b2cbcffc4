import Handlebars from 'handlebars';

type Node = hbs.AST.Node;

export interface HelperCall {
  name: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  node: Node;
}

/** The tree Handlebars compiles: standalone-line whitespace already stripped, as at render time. */
export function parseTemplate(source: string): hbs.AST.Program {
  return Handlebars.parse(source);
}

export function isCall(node: Node): node is hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression {
  return node.type === 'MustacheStatement' || node.type === 'BlockStatement' || node.type === 'SubExpression';
}

const CHILDREN = ['body', 'path', 'params', 'hash', 'pairs', 'value', 'program', 'inverse'] as const;
const NO_BLOCK_PARAMS: ReadonlySet<string> = new Set();

/**
 * Visits every node of a template's tree, depth first, in source order, with the block
 * parameters in scope there (`item` inside `{{#each list as |item|}}`, in its main part only).
 */
export function walkInScope(node: Node, visit: (node: Node, blockParams: ReadonlySet<string>) => void, blockParams = NO_BLOCK_PARAMS): void {
  visit(node, blockParams);
  const n = node as unknown as Record<string, unknown>;
  for (const key of CHILDREN) {
    const child = n[key];
    if (Array.isArray(child)) {
      for (const item of child) if (item && typeof item === 'object' && 'type' in item) walkInScope(item as Node, visit, blockParams);
    } else if (child && typeof child === 'object' && 'type' in (child as object)) {
      const declared = key === 'program' ? (child as hbs.AST.Program).blockParams : undefined;
      walkInScope(child as Node, visit, declared?.length ? new Set([...blockParams, ...declared]) : blockParams);
    }
  }
}

/** Visits every node of a template's tree, depth first, in source order. */
export function walk(node: Node, visit: (node: Node) => void): void {
  walkInScope(node, visit);
}

/**
 * The names a template calls as helpers: every mustache, block or sub-expression with arguments,
 * and every sub-expression. Without arguments, `{{comment}}` and `{{#comment}}...{{/comment}}`
 * read a value (a section over it) unless a helper has that name; `helperUsageProblems` covers
 * a helper called that way.
 */
export function helperCalls(program: hbs.AST.Program): HelperCall[] {
  const calls: HelperCall[] = [];
  walk(program, (node) => {
    if (!isCall(node) || node.path.type !== 'PathExpression') return;
    const path = node.path as hbs.AST.PathExpression;
    const hasArguments = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
    const isHelperShaped = hasArguments || node.type === 'SubExpression';
    if (!isHelperShaped || path.data || path.parts.length !== 1 || path.original.startsWith('this')) return;
    calls.push({ name: path.original, line: path.loc.start.line, column: path.loc.start.column + 1, node });
  });
  return calls;
}

/**
 * An `equal` block with an else part (`{{#equal a b}}...{{else}}...{{/equal}}`, `{{^equal a b}}`):
 * JavaScript Handlebars renders the else part, LaunchDarkly's Go renderer never does.
 */
export function isEqualWithElse(node: Node): node is hbs.AST.BlockStatement {
  if (node.type !== 'BlockStatement') return false;
  const block = node as hbs.AST.BlockStatement;
  return block.path.type === 'PathExpression' && (block.path as hbs.AST.PathExpression).original === 'equal' && Boolean(block.inverse);
}

/** True when some node of the tree passes `test`. */
export function someNode(program: hbs.AST.Program, test: (node: Node) => boolean): boolean {
  let found = false;
  walk(program, (node) => {
    found ||= test(node);
  });
  return found;
}
