import { parseTemplate, rootRelativeParts, someNode, walk } from '../render/template-ast';
import { MAX_SOURCE_BYTES, readTextFile, type TextFile } from '../text-file';
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

/** A template file read once per run, however many checks read it (the sources and the render setup). */
export function sharedTextFile(workspace: Workspace, absolute: string): TextFile {
  return workspace.memo(`text-file:${absolute}`, () => readTextFile(absolute, MAX_SOURCE_BYTES));
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
