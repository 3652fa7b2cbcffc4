import { resolveInsideFolder, type ConfinedPath } from '../integration/paths';
import { positionAt } from '../json-syntax';
import { parseTemplate, rootRelativeParts, someNode, walk } from '../render/template-ast';
import { MAX_SOURCE_BYTES, readTextFile, type TextFile, type TextProblem } from '../text-file';
import type { Workspace } from '../workspace';

/**
 * A Handlebars text's tree, parsed once per run however many checks and integrations read it;
 * undefined when it does not parse (template-render and endpoint-render report why). The tree is
 * shared: read it, never change it (compileTemplate compiles it only when that changes nothing).
 */
export function sharedTemplateTree(workspace: Workspace, text: string): hbs.AST.Program | undefined {
  return workspace.memo(`template-tree:${text}`, () => {
    try {
      return parseTemplate(text);
    } catch {
      return undefined;
    }
  });
}

/** What is wrong with a template's bytes, and where: template-render reports it. */
export interface Decoding {
  problem: TextProblem;
  reason: string;
  line?: number;
  column?: number;
  /** Where the text read starts in the file's text: 1 after a byte order mark, which it leaves out. */
  startsAt: number;
}

export type TemplateText = TextFile | { ok: true; text: string; decoding: Decoding };

/**
 * A template file read once per run, however many checks read it (the sources and the render
 * setup). One that is not clean UTF-8 (a byte order mark, bytes that are not UTF-8) is read as
 * far as it can be, with its `decoding` problem: every other check still judges what it says.
 */
export function sharedTextFile(workspace: Workspace, absolute: string): TemplateText {
  return workspace.memo(`text-file:${absolute}`, () => {
    const read = readTextFile(absolute, MAX_SOURCE_BYTES);
    if (read.ok || read.problem === undefined || read.readable === undefined) return read;
    return { ok: true, text: read.readable, decoding: { problem: read.problem, reason: read.reason, line: read.line, column: read.column, startsAt: read.startsAt ?? 0 } };
  });
}

/** A manifest path resolved inside its integration folder once per run: several checks confine the same icons and templates. */
export function sharedConfinedPath(workspace: Workspace, folder: string, manifestPath: string): ConfinedPath {
  return workspace.memo(`confined:${folder}\0${manifestPath}`, () => resolveInsideFolder(folder, manifestPath));
}

/** True when an endpoint text reads the event (`{{context.…}}`, `{{@root.context.…}}`): what it renders depends on the event. */
export function readsEvent(workspace: Workspace, text: string): boolean {
  const program = sharedTemplateTree(workspace, text);
  return (
    program !== undefined &&
    someNode(program, (node) => {
      if (node.type !== 'PathExpression') return false;
      return rootRelativeParts(node as hbs.AST.PathExpression)[0] === 'context';
    })
  );
}

/**
 * The text a template writes as it is, outside `{{…}}`: what a comment holds never reaches the
 * output. All of it when it does not parse (template-render and endpoint-render say why).
 */
export function literalText(workspace: Workspace, text: string): string {
  const tree = text.includes('{{') ? sharedTemplateTree(workspace, text) : undefined;
  if (!tree) return text;
  let literal = '';
  walk(tree, (node) => {
    if (node.type === 'ContentStatement') literal += (node as hbs.AST.ContentStatement).value;
  });
  return literal;
}

/** A character a text writes as it is, and where it stands in the text (1-based). */
export interface LiteralMatch {
  text: string;
  line: number;
  column: number;
}

/**
 * The first character `pattern` matches in what `text` writes as it is, outside `{{…}}`, with its
 * line and column in the text (lines counted as Handlebars counts them): for a finding on that
 * character to name it and point at it. Searched in all of the text when it does not parse, as
 * literalText is.
 */
export function literalMatch(workspace: Workspace, text: string, pattern: RegExp): LiteralMatch | undefined {
  const tree = text.includes('{{') ? sharedTemplateTree(workspace, text) : undefined;
  if (!tree) {
    const found = pattern.exec(text);
    return found ? { text: found[0], ...positionAt(text, found.index) } : undefined;
  }
  let match: LiteralMatch | undefined;
  walk(tree, (node) => {
    const content = node as hbs.AST.ContentStatement & { original: string };
    if (match || node.type !== 'ContentStatement') return;
    const found = pattern.exec(content.value);
    if (!found) return;
    // `value` is `original` less the whitespace that `~` or a line of its own strips from its ends.
    const at = positionAt(content.original, content.original.indexOf(content.value) + found.index);
    const { line, column } = content.loc.start;
    match = { text: found[0], ...(at.line === 1 ? { line, column: column + at.column } : { line: line + at.line - 1, column: at.column }) };
  });
  return match;
}
