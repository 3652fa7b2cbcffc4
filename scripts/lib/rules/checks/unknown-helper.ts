import { BUILTIN_HELPERS, KNOWN_HELPERS, LAUNCHDARKLY_HELPERS } from '../../render/helpers';
import { hasArguments, isSimpleName, walk } from '../../render/template-ast';
import type { Rule } from '../types';
import { closeHelpers } from '../template-safety/helper-names';
import { checkEveryTemplate, type TemplateProblem } from '../template-safety/template-sources';

type CallNode = hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression;

function written(node: CallNode, name: string): string {
  if (node.type === 'SubExpression') return `(${name} ...)`;
  if (node.type === 'BlockStatement') return `{{#${name}}}`;
  // As the template writes it: `{{{name ...}}}` when it prints unescaped.
  return node.escaped === false ? `{{{${name} ...}}}` : `{{${name} ...}}`;
}

/**
 * Every call of something that is not a helper LaunchDarkly has. A call is a mustache, block or
 * sub-expression with arguments, or any sub-expression: without arguments, `{{name}}` and
 * `{{#name}}...{{/name}}` read a field of the event (a section), which is not a helper call.
 */
function problems(program: hbs.AST.Program): TemplateProblem[] {
  const found: TemplateProblem[] = [];
  walk(program, (node) => {
    if (node.type !== 'MustacheStatement' && node.type !== 'BlockStatement' && node.type !== 'SubExpression') return;
    const call = node as CallNode;
    if (call.path.type !== 'PathExpression') return;
    if (!hasArguments(call) && call.type !== 'SubExpression') return;
    const path = call.path as hbs.AST.PathExpression;
    const name = path.original;
    const position = { line: path.loc.start.line, column: path.loc.start.column + 1 };
    if (isSimpleName(path)) {
      if (KNOWN_HELPERS.has(name)) return;
      const close = closeHelpers(name);
      const hint = close.length > 0 ? ` Did you mean ${close.map((helper) => `\`${helper}\``).join(' or ')}?` : '';
      found.push({
        ...position,
        message: `\`${written(call, name)}\` calls \`${name}\`, which is not a helper LaunchDarkly has, so the template fails to render.${hint}`,
      });
      return;
    }
    found.push({
      ...position,
      message:
        `\`${written(call, name)}\` passes arguments to \`${name}\`, which is a path, not a helper: only helpers take arguments, ` +
        'and LaunchDarkly renders with its own helpers alone.',
    });
  });
  return found;
}

const rule: Rule = {
  id: 'unknown-helper',
  severity: 'error',
  description: `Templates call only Handlebars' built-in helpers (${BUILTIN_HELPERS.join(', ')}) and LaunchDarkly's (${LAUNCHDARKLY_HELPERS.join(', ')}).`,
  fix:
    'LaunchDarkly renders with a fixed set of helpers and an integration cannot add any: use `equal`/`equalWithElse` for comparisons, ' +
    '`pathEncode`/`queryEncode` for URLs, `basicAuthHeaderValue` for Basic auth, `formatWithOffset` for dates, and the built-ins ' +
    '`if`, `unless`, `each`, `with`, `lookup`. Anything else (formatting, truncating, JSON-encoding) has to happen in the text of the ' +
    'template or on the receiving side.',
  check({ integration, workspace }) {
    return checkEveryTemplate(integration, workspace, problems);
  },
};

export default rule;
