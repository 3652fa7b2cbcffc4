import { BUILTIN_HELPERS, KNOWN_HELPERS, LAUNCHDARKLY_HELPERS } from '../../render/helpers';
import { callAsWritten, calledName, calleeAsWritten, hasArguments, isCall, walk } from '../../render/template-ast';
import type { Rule } from '../types';
import { closeHelpers } from '../template-safety/helper-names';
import { checkEveryTemplate, type TemplateProblem } from '../template-safety/template-sources';

/**
 * Every call of something that is not a helper LaunchDarkly has. A call is a mustache, block or
 * sub-expression with arguments, or any sub-expression: without arguments, `{{name}}` and
 * `{{#name}}...{{/name}}` read a field of the event (a section), which is not a helper call.
 */
function problems(program: hbs.AST.Program): TemplateProblem[] {
  const found: TemplateProblem[] = [];
  walk(program, (call) => {
    if (!isCall(call)) return;
    if (!hasArguments(call) && call.type !== 'SubExpression') return;
    const position = { line: call.path.loc.start.line, column: call.path.loc.start.column + 1 };
    const name = calledName(call);
    if (name !== undefined) {
      if (KNOWN_HELPERS.has(name)) return;
      const close = closeHelpers(name);
      const hint = close.length > 0 ? ` Did you mean ${close.map((helper) => `\`${helper}\``).join(' or ')}?` : '';
      found.push({
        ...position,
        message: `\`${callAsWritten(call)}\` calls \`${name}\`, which is not a helper LaunchDarkly has, so the template fails to render.${hint}`,
      });
      return;
    }
    const path = calleeAsWritten(call);
    found.push({
      ...position,
      message:
        `\`${callAsWritten(call)}\` passes arguments to \`${path}\`, which is a path, not a helper: only helpers take arguments, ` +
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
