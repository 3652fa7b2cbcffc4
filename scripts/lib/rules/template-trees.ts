import { parseTemplate, someNode } from '../render/template-ast';
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

/** True when an endpoint text reads the event (`{{context.…}}`): what it renders depends on the event. */
export function readsEvent(workspace: Workspace, text: string): boolean {
  const program = sharedTemplateTree(workspace, text);
  return program !== undefined && someNode(program, (node) => node.type === 'PathExpression' && (node as hbs.AST.PathExpression).parts[0] === 'context');
}
