import { BUILTIN_HELPERS, KNOWN_HELPERS, LAUNCHDARKLY_HELPERS } from '../../render/helpers';
import { calledName, hasArguments, walk } from '../../render/template-ast';
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

/** What stands where a call's name goes, as written: `title.plainText`, `"name"` for a literal. */
function asWritten(target: hbs.AST.PathExpression | hbs.AST.Literal): string {
  if (target.type === 'StringLiteral') return JSON.stringify((target as hbs.AST.StringLiteral).value);
  return String((target as { original?: unknown }).original);
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
    if (!hasArguments(call) && call.type !== 'SubExpression') return;
    const position = { line: call.path.loc.start.line, column: call.path.loc.start.column + 1 };
    const name = calledName(call);
    if (name !== undefined) {
      if (KNOWN_HELPERS.has(name)) return;
      const close = closeHelpers(name);
      const hint = close.length > 0 ? ` Did you mean ${close.map((helper) => `\`${helper}\``).join(' or ')}?` : '';
      found.push({
        ...position,
        message: `\`${written(call, asWritten(call.path))}\` calls \`${name}\`, which is not a helper LaunchDarkly has, so the template fails to render.${hint}`,
      });
      return;
    }
    const path = asWritten(call.path);
    found.push({
      ...position,
      message:
        `\`${written(call, path)}\` passes arguments to \`${path}\`, which is a path, not a helper: only helpers take arguments, ` +
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
