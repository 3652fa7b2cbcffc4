import Handlebars from 'handlebars';
import { positionAt } from '../json-syntax';
import { closest } from '../suggest';

type Node = hbs.AST.Node;

export interface HelperCall {
  name: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/**
 * How deep blocks (each `{{else …}}` of a chain counting as one more) and subexpressions may nest.
 * Handlebars' parser takes time that grows with about the cube of the depth: a template of 30 KB
 * that nests 8,000 deep takes it a minute. Real templates nest a few levels.
 */
export const MAX_TEMPLATE_DEPTH = 200;

interface JisonLexer {
  setInput(input: string): void;
  lex(): number | string;
  EOF: number;
  /** Where the last token read starts: after a failed parse, the token it failed on. */
  yylloc: { first_line: number; first_column: number };
}

/**
 * The jison parser module Handlebars parses with. Its lexer reads a template in time linear in its
 * length, and keeps the place of the token a parse failed on, which the error message lacks.
 */
export const handlebarsParser = require('handlebars/dist/cjs/handlebars/compiler/parser') as { lexer: JisonLexer; terminals_: Record<number, string> };

const OPENS_LEVEL = new Set(['OPEN_BLOCK', 'OPEN_INVERSE', 'OPEN_PARTIAL_BLOCK']);

// What can open a level outside comments: a `{{#`, `{{^`, `{{else` or `(`. Fewer than the limit,
// and the template is not read twice (with many comments, the lexer is slow).
const LEVEL_OPENER = /\{\{~?\s*(?:[#^]|else\b)|\(/g;
const COMMENT_START = /\{\{~?!(--)?/y;
const LONG_COMMENT_END = /--~?\}\}/g;

/**
 * The text with its comments cut out, in one pass. A regular expression that matches a whole
 * comment lazily scans to the end of the text for every comment left open: quadratic time.
 * Here a closer looked for and not found ends the cutting; what follows stays, and may only be
 * overcounted. An escaped `\{{` opens no comment.
 */
function withoutComments(source: string): string {
  let kept = '';
  let from = 0;
  for (let at = source.indexOf('{{'); at >= 0; at = source.indexOf('{{', at + 2)) {
    if (source[at - 1] === '\\' && source[at - 2] !== '\\') continue;
    COMMENT_START.lastIndex = at;
    const start = COMMENT_START.exec(source);
    if (!start) continue;
    let end: number;
    if (start[1]) {
      LONG_COMMENT_END.lastIndex = at + start[0].length;
      const closer = LONG_COMMENT_END.exec(source);
      end = closer ? closer.index + closer[0].length : -1;
    } else {
      const closer = source.indexOf('}}', at + start[0].length);
      end = closer < 0 ? -1 : closer + 2;
    }
    if (end < 0) break;
    kept += source.slice(from, at);
    from = end;
    at = end - 2;
  }
  return kept + source.slice(from);
}

/** An error shaped as Handlebars' own, at the token that nests too deep, when one does; lexical errors are left to the parser. */
function checkNesting(source: string): void {
  if ((withoutComments(source).match(LEVEL_OPENER)?.length ?? 0) <= MAX_TEMPLATE_DEPTH) return;
  const lexer = handlebarsParser.lexer;
  lexer.setInput(source);
  const chains: number[] = [];
  let depth = 0;
  for (;;) {
    let token: number | string;
    try {
      token = lexer.lex();
    } catch {
      return;
    }
    if (token === lexer.EOF) return;
    const name = typeof token === 'number' ? handlebarsParser.terminals_[token] : token;
    if (OPENS_LEVEL.has(name)) {
      chains.push(0);
      depth++;
    } else if (name === 'OPEN_INVERSE_CHAIN' && chains.length > 0) {
      chains[chains.length - 1]++;
      depth++;
    } else if (name === 'OPEN_ENDBLOCK' && chains.length > 0) depth -= 1 + chains.pop()!;
    else if (name === 'OPEN_SEXPR') depth++;
    else if (name === 'CLOSE_SEXPR' && depth > 0) depth--;
    if (depth > MAX_TEMPLATE_DEPTH) {
      const error = new Error(`blocks and subexpressions nest more than ${MAX_TEMPLATE_DEPTH} levels deep, which no template needs`);
      Object.assign(error, { lineNumber: lexer.yylloc.first_line, column: lexer.yylloc.first_column });
      throw error;
    }
  }
}

/**
 * Handlebars' lexer counts the last line of a token with `.*`, which stops at U+2028 and U+2029:
 * every later column on that line comes out short. The text with those as no-break spaces lexes
 * into the same tokens (whitespace inside a mustache, text outside it) at the right places.
 */
const LINE_SEPARATOR = /[\u2028\u2029]/;

/** Gives every node of `tree` the place of its twin in `placed`, a tree of the same shape. */
function copyPlaces(placed: unknown, tree: unknown): void {
  if (!placed || typeof placed !== 'object') return;
  for (const [key, value] of Object.entries(placed)) {
    if (key === 'loc') (tree as { loc: unknown }).loc = value;
    else copyPlaces(value, (tree as Record<string, unknown>)[key]);
  }
}

/** Handlebars' lexer takes U+0000 for the end of the text: what follows would be misread, and the error would point elsewhere. */
function checkNul(source: string): void {
  const at = source.indexOf('\u0000');
  if (at < 0) return;
  const { line, column } = positionAt(source, at);
  const error = new Error('a NUL character (U+0000), where Handlebars stops reading the template: delete it');
  Object.assign(error, { lineNumber: line, column: column - 1 });
  throw error;
}

/**
 * How many parts a path (`a.b.c`) may have. Handlebars compiles each part into a lookup around
 * the one before, and JavaScript's stack overflows compiling some thousand of them: an error
 * with no place in the template, met again on every event rendered. No event nests past a dozen.
 */
export const MAX_PATH_PARTS = 200;

/** An error shaped as Handlebars' own, at the first path with more parts than the limit. */
function checkPathLengths(tree: hbs.AST.Program): void {
  let long: hbs.AST.PathExpression | undefined;
  walk(tree, (node) => {
    if (!long && node.type === 'PathExpression' && (node as hbs.AST.PathExpression).parts.length > MAX_PATH_PARTS) long = node as hbs.AST.PathExpression;
  });
  if (!long) return;
  const error = new Error(`a path of ${long.parts.length.toLocaleString('en-US')} parts, more than the ${MAX_PATH_PARTS} a template may read, and deeper than any event`);
  Object.assign(error, { lineNumber: long.loc.start.line, column: long.loc.start.column });
  throw error;
}

/** The tree Handlebars compiles: standalone-line whitespace already stripped, as at render time. */
export function parseTemplate(source: string): hbs.AST.Program {
  checkNul(source);
  if (!LINE_SEPARATOR.test(source)) {
    checkNesting(source);
    const tree = Handlebars.parse(source);
    checkPathLengths(tree);
    return tree;
  }
  // Parsed first, so that an error in the text is thrown (and the lexer left) at its true place.
  const forPlaces = source.replace(new RegExp(LINE_SEPARATOR, 'g'), '\u00a0');
  checkNesting(forPlaces);
  const placed = Handlebars.parse(forPlaces);
  const tree = Handlebars.parse(source);
  copyPlaces(placed, tree);
  checkPathLengths(tree);
  return tree;
}

/** A mustache, block or sub-expression: what may call a helper. */
export type CallNode = hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression;

export function isCall(node: Node): node is CallNode {
  return node.type === 'MustacheStatement' || node.type === 'BlockStatement' || node.type === 'SubExpression';
}

/** What stands in a call's name place as the template writes it: `title.plainText`, or `"name"` for a string literal. */
export function calleeAsWritten(call: CallNode): string {
  if (call.path.type === 'StringLiteral') return JSON.stringify((call.path as hbs.AST.StringLiteral).value);
  return String((call.path as { original?: unknown }).original);
}

/** `{{^name}}…{{/name}}`: the part before any `{{else}}` is the inverse. */
function isInverted(block: hbs.AST.BlockStatement): boolean {
  if (!block.program) return true;
  const main = block.program.loc?.start;
  const inverse = block.inverse?.loc?.start;
  return Boolean(main && inverse && (inverse.line < main.line || (inverse.line === main.line && inverse.column < main.column)));
}

/** The call as the template writes it, arguments elided: `{{#if …}}`, `{{{pathEncode …}}}`, `(equal … …)`, `{{x …}}`. */
export function callAsWritten(call: CallNode): string {
  const text = [calleeAsWritten(call), ...call.params.map(() => '…'), ...(call.hash?.pairs ?? []).map((pair) => `${pair.key}=…`)].join(' ');
  if (call.type === 'SubExpression') return `(${text})`;
  if (call.type === 'BlockStatement') return `{{${isInverted(call) ? '^' : '#'}${text}}}`;
  return call.escaped === false ? `{{{${text}}}}` : `{{${text}}}`;
}

/** A call given parameters or hash arguments: `{{name x}}`, `{{#name a=1}}`. */
export function hasArguments(node: { params: unknown[]; hash?: { pairs: unknown[] } }): boolean {
  return node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
}

/** `this.x`, `./x`, `this`: Handlebars never takes these for helpers or block params. */
export function isScoped(path: hbs.AST.PathExpression): boolean {
  return /^(\.|this\b)/.test(path.original);
}

/** `this` or `.`: the context itself. */
export function isThis(expression: hbs.AST.Expression | undefined): boolean {
  if (expression?.type !== 'PathExpression') return false;
  const path = expression as hbs.AST.PathExpression;
  return !path.data && path.depth === 0 && path.parts.length === 0;
}

/** A single bare name: what Handlebars may take for a helper or a block param (`thistle` too, unlike `this.tle`). */
export function isSimpleName(path: hbs.AST.PathExpression): boolean {
  return path.parts.length === 1 && !path.data && !isScoped(path) && path.depth === 0;
}

// A segment Handlebars reads as a name when written bare: its ID token, and not a literal, which
// its lexer takes first (`tags.9}}` is a number after a dot, and does not parse).
const BARE_SEGMENT = /^[^\s!"#%-,./;->@[-^`{-~]+$/;
const LITERAL_SEGMENT = /^(-?\d|(true|false|null|undefined)$)/;

/** Path segments joined as a template writes them: `tags.[9]`, `customProperties.[change ticket]`. */
export function pathText(parts: readonly string[]): string {
  return parts.map((part) => (BARE_SEGMENT.test(part) && !LITERAL_SEGMENT.test(part) ? part : `[${part}]`)).join('.');
}

/** The data variables `{{#each}}` sets for its block; `@root` is set everywhere. */
export const LOOP_VARIABLES: readonly string[] = ['index', 'key', 'first', 'last'];

/** What Handlebars sets, for messages about a data variable it does not. */
export const DATA_VARIABLES_SET = '`{{#each}}` sets `@index`, `@key`, `@first` and `@last` for its block, and `@root` is the top of what the template reads';

/** A data variable (`@idx`, `@../frist.x`) that Handlebars sets nowhere: it reads undefined, or fails in strict mode. */
export function isUnsetDataVariable(path: hbs.AST.PathExpression): boolean {
  // `_parent`: each loop's data frame links the one around it, an inner working readers may use.
  return path.data && path.parts.length > 0 && !['root', '_parent', ...LOOP_VARIABLES].includes(path.parts[0]);
}

/** A data variable as the template writes it, climbing as `path` does: `@../index`. */
export function dataVariableText(path: hbs.AST.PathExpression, parts: readonly string[]): string {
  return `@${'../'.repeat(path.depth)}${pathText(parts)}`;
}

/** The data variable an unset one likely meant, written the same way (`@../index` for `@../indx`). */
export function meantDataVariable(path: hbs.AST.PathExpression): string | undefined {
  const [meant] = closest(path.parts[0], [...LOOP_VARIABLES, 'root'], { limit: 1 });
  return meant === undefined ? undefined : dataVariableText(path, [meant, ...path.parts.slice(1)]);
}

const NO_BLOCK_PARAMS: ReadonlySet<string> = new Set();

/** The node kinds that hold a helper-style call: a path (or partial name), parameters and a hash. */
type Call = hbs.AST.MustacheStatement | hbs.AST.SubExpression | hbs.AST.BlockStatement | hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement;

/**
 * Visits every node of a template's tree, depth first, in source order, with the block
 * parameters in scope there (`item` inside `{{#each list as |item|}}`, in its main part only).
 * A switch on the node type rather than a scan of property names: every rule walks every tree.
 */
export function walkInScope(node: Node, visit: (node: Node, blockParams: ReadonlySet<string>) => void, blockParams = NO_BLOCK_PARAMS): void {
  visit(node, blockParams);
  switch (node.type) {
    case 'Program':
      for (const statement of (node as hbs.AST.Program).body) walkInScope(statement, visit, blockParams);
      return;
    case 'MustacheStatement':
    case 'SubExpression':
    case 'Decorator':
    case 'PartialStatement':
      walkCallParts(node as Call, visit, blockParams);
      return;
    case 'BlockStatement':
    case 'DecoratorBlock':
    case 'PartialBlockStatement': {
      walkCallParts(node as Call, visit, blockParams);
      const block = node as hbs.AST.BlockStatement;
      if (block.program) {
        const declared = block.program.blockParams;
        walkInScope(block.program, visit, declared?.length ? new Set([...blockParams, ...declared]) : blockParams);
      }
      if (block.inverse) walkInScope(block.inverse, visit, blockParams);
      return;
    }
    case 'Hash':
      for (const pair of (node as hbs.AST.Hash).pairs) walkInScope(pair, visit, blockParams);
      return;
    case 'HashPair':
      walkInScope((node as hbs.AST.HashPair).value, visit, blockParams);
      return;
  }
}

/** A call's path (partials: not their name), parameters and hash, in source order. */
function walkCallParts(node: Call, visit: (node: Node, blockParams: ReadonlySet<string>) => void, blockParams: ReadonlySet<string>): void {
  if ('path' in node && node.path) walkInScope(node.path, visit, blockParams);
  for (const param of node.params) walkInScope(param, visit, blockParams);
  if (node.hash) walkInScope(node.hash, visit, blockParams);
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
    if (!isCall(node) || !(hasArguments(node) || node.type === 'SubExpression')) return;
    const name = calledName(node);
    if (name !== undefined) calls.push({ name, line: node.path.loc.start.line, column: node.path.loc.start.column + 1 });
  });
  return calls;
}

/**
 * The name a call looks up among the helpers: a bare name (`{{name x}}`), or a literal, which
 * Handlebars' compiler turns into a name (`{{"name" x}}` calls `name`). Undefined for a path
 * that reads a value instead (`a.b`, `this.x`, `../x`, `@x`).
 */
export function calledName(call: CallNode): string | undefined {
  if (call.path.type === 'PathExpression') {
    const path = call.path as hbs.AST.PathExpression;
    return isSimpleName(path) ? path.original : undefined;
  }
  const name = String((call.path as { original?: unknown }).original);
  return isScoped({ original: name } as hbs.AST.PathExpression) ? undefined : name;
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

/**
 * The parts of a path as read from the top-level context: `@root.region` reads `region` like
 * `region` does; other data variables (`@index`) read nothing of the context.
 */
export function rootRelativeParts(path: hbs.AST.PathExpression): string[] {
  if (!path.data) return path.parts;
  return path.parts[0] === 'root' ? path.parts.slice(1) : [];
}
