import { parseTemplate, someNode } from './template-ast';

/** A place in a template's source; both 1-based. */
export interface SourcePosition {
  line: number;
  column: number;
}

// Private-use characters. A value that holds them (one a user gives preview, say) makes the
// marked render differ from the output by more than the markers, and no position is given.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKER = /\uE000(\d+)\uE001/g;

/** The nodes that write output: texts and `{{values}}`. */
export type Traced = hbs.AST.ContentStatement | hbs.AST.MustacheStatement;

/** A text as the parser leaves it: `original` is the text as written (its type in @types is wrong). */
interface ParsedText {
  value: string;
  original: unknown;
  /** Set by whitespace control when it took whitespace off the front of the text. */
  rightStripped?: boolean;
}

/** Partials and decorators write text no marker of ours precedes; LaunchDarkly renders neither anyway. */
const UNTRACEABLE = new Set(['PartialStatement', 'PartialBlockStatement', 'DecoratorBlock', 'Decorator']);

/**
 * The template's tree with a marker text before each text and each `{{value}}`, and the nodes
 * the markers number. Rendered, it is the template's output with, before each stretch of it, the
 * number of the node that wrote the stretch. Undefined for a template with partials or decorators.
 */
export function markedTree(source: string): { tree: hbs.AST.Program; traced: Traced[] } | undefined {
  const tree = parseTemplate(source);
  if (someNode(tree, (node) => UNTRACEABLE.has(node.type))) return undefined;
  const traced: Traced[] = [];
  const mark = (program: hbs.AST.Program): void => {
    program.body = program.body.flatMap((statement) => {
      if (statement.type === 'BlockStatement') {
        const block = statement as hbs.AST.BlockStatement;
        if (block.program) mark(block.program);
        if (block.inverse) mark(block.inverse);
        return [statement];
      }
      if (statement.type !== 'ContentStatement' && statement.type !== 'MustacheStatement') return [statement];
      traced.push(statement as Traced);
      const text = `${OPEN}${traced.length - 1}${CLOSE}`;
      const marker: hbs.AST.ContentStatement = { type: 'ContentStatement', value: text, original: text as never, loc: statement.loc };
      return [marker, statement];
    });
  };
  mark(tree);
  return { tree, traced };
}

/** Where `text`, read from `start`, ends: the position of the character after it. */
function advance(start: SourcePosition, text: string): SourcePosition {
  // A `\r` that ends the text is the first half of a `\r\n` whose `\n` is the character asked for: still this line.
  const lines = text.replace(/\r$/, ' ').split(/\r\n|\r|\n/);
  if (lines.length === 1) return { line: start.line, column: start.column + text.length };
  return { line: start.line + lines.length - 1, column: lines[lines.length - 1].length + 1 };
}

/**
 * How many characters whitespace control took off the front of a text: the rest of the line after
 * a standalone tag (`{{/if}}` alone on its line), or all leading whitespace after `~}}`.
 */
function strippedFront(text: ParsedText): number {
  const original = String(text.original);
  if (!text.rightStripped) return 0;
  for (const stripped of [/^[ \t]*\r?\n?/, /^\s*/]) {
    const length = stripped.exec(original)![0].length;
    if (original.startsWith(text.value, length)) return length;
  }
  return Math.max(0, original.indexOf(text.value));
}

/** The source position of the `index`th character a node wrote. */
function positionIn(node: Traced, index: number): SourcePosition {
  const start = { line: node.loc.start.line, column: node.loc.start.column + 1 };
  if (node.type === 'MustacheStatement') return start;
  const text = node as unknown as ParsedText;
  return advance(start, String(text.original).slice(0, strippedFront(text) + index));
}

/**
 * The template position that wrote the character at `offset` of `output`, told from the same
 * render of the marked tree: the character itself in a text, the `{{` of a value. Undefined when
 * the marked render is not the output with markers added: no position is better than a wrong one.
 */
export function originInOutput(marked: string, traced: Traced[], output: string, offset: number): SourcePosition | undefined {
  const pieces: { writer?: Traced; start: number; text: string }[] = [];
  let clean = 0;
  let last = 0;
  let writer: Traced | undefined;
  const take = (upTo: number): void => {
    const text = marked.slice(last, upTo);
    if (text) pieces.push({ writer, start: clean, text });
    clean += text.length;
  };
  for (const match of marked.matchAll(MARKER)) {
    take(match.index);
    writer = traced[Number(match[1])];
    last = match.index + match[0].length;
  }
  take(marked.length);
  if (pieces.map((piece) => piece.text).join('') !== output) return undefined;
  const piece = pieces.find((candidate) => offset < candidate.start + candidate.text.length);
  if (piece) return piece.writer && positionIn(piece.writer, offset - piece.start);
  // Past the end (an object never closed): just after the last text written, or at the value that wrote last.
  const final = pieces[pieces.length - 1];
  return final?.writer && positionIn(final.writer, final.text.length);
}
