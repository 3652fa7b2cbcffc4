import { parseTemplate } from './template-ast';

/** A place in a template's source; both 1-based. */
export interface SourcePosition {
  line: number;
  column: number;
}

// Private-use characters: no event or form value a check renders holds them.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKER = /\uE000(\d+)\uE001/g;

type Traced = hbs.AST.ContentStatement | hbs.AST.MustacheStatement;

/**
 * The template's tree with a marker text before each text and each `{{value}}`, and the nodes
 * the markers number. Rendered, it is the template's output with, before each stretch of it, the
 * number of the node that wrote the stretch.
 */
export function markedTree(source: string): { tree: hbs.AST.Program; traced: Traced[] } {
  const tree = parseTemplate(source);
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
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length === 1) return { line: start.line, column: start.column + text.length };
  return { line: start.line + lines.length - 1, column: lines[lines.length - 1].length + 1 };
}

/** The source position of the `index`th character a node wrote. */
function positionIn(node: Traced, index: number): SourcePosition {
  const start = { line: node.loc.start.line, column: node.loc.start.column + 1 };
  if (node.type === 'MustacheStatement') return start;
  // Whitespace control may have taken spaces off the front of the text it wrote.
  const original = String(node.original);
  const skipped = Math.max(0, original.indexOf(node.value));
  return advance(start, original.slice(0, skipped + index));
}

/**
 * The template position that wrote the character at `offset` of `output`, told from the same
 * render of the marked tree. Undefined when the marked render is not the output with markers
 * added (a helper that rewrote a block's text): no position is better than a wrong one.
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
  // Past the end (an object never closed): just after the last text written.
  const final = pieces[pieces.length - 1];
  return final?.writer && positionIn(final.writer, final.text.length);
}
