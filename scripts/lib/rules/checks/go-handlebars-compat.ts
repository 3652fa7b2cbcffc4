import { isEqualWithElse, walk } from '../../render/template-ast';
import { analyzeTemplate } from '../../render/template-analysis';
import type { Pattern } from '../../render/event-paths';
import { isRecord } from '../../json-value';
import type { Rule } from '../types';
import { checkEveryTemplate, type TemplateProblem } from '../template-safety/template-sources';

/**
 * LaunchDarkly renders templates in production with a Go implementation of Handlebars; previews
 * and this tool use JavaScript Handlebars, which accepts more. What JavaScript accepts and Go
 * does not:
 *
 * - `{{else}}` (or `{{^equal}}`) with `{{#equal a b}}`: in Go `equal` is a built-in block helper
 *   with no else branch, so the else part is lost in production. `equalWithElse` exists for this.
 * - Partials, `{{> name}}`: LaunchDarkly registers none, and an integration cannot ship any, so
 *   the render fails.
 * - Partial blocks, `{{#> name}}...{{/name}}`: the same, plus a construct the Go renderer lacks.
 * - Decorators, `{{* name}}`, and inline partials, `{{#*inline "name"}}...{{/inline}}` (a
 *   decorator): a JavaScript Handlebars feature the Go renderer does not implement.
 *
 * And what both accept and render differently: Go's `equal` compares the text of its operands,
 * JavaScript's their values, so `{{#equal formVariables.verbose "true"}}` holds in production
 * for a checked box and nowhere else (previews, the framework's CI). Only a boolean form
 * variable or literal is sure to be no text: a string or enum variable holding "true" matches in both.
 */

/** `{{#equal x "true"}}` where `x` is a boolean (`isBoolean` says so): the quoted word it is compared with. */
function textComparedWithBoolean(block: hbs.AST.BlockStatement, isBoolean: (expression: hbs.AST.Expression) => boolean): string | undefined {
  const path = block.path as hbs.AST.PathExpression;
  if (path.type !== 'PathExpression' || path.original !== 'equal' || block.params.length !== 2) return undefined;
  const [a, b] = block.params;
  const quoted = [a, b].find((param) => param.type === 'StringLiteral' && /^(true|false)$/.test((param as hbs.AST.StringLiteral).value));
  if (!quoted || !isBoolean(quoted === a ? b : a)) return undefined;
  return (quoted as hbs.AST.StringLiteral).value;
}

/**
 * True for `true`, `false`, and a boolean form variable however the template reaches it: what the
 * path stands for, as the template analysis works it out (`formVariables.verbose` in a body, from
 * any block, `verbose` in an endpoint text, which sees the form values at the top).
 */
function booleanTest(program: hbs.AST.Program, endpoint: boolean, booleanKeys: ReadonlySet<string>): (expression: hbs.AST.Expression) => boolean {
  // Worked out only for a template that compares with "true" or "false": few do.
  let patternsOf: Map<hbs.AST.Node, Pattern[]> | undefined;
  const isBooleanVariable = (pattern: Pattern) =>
    endpoint ? pattern.length === 1 && booleanKeys.has(String(pattern[0])) : pattern.length === 2 && pattern[0] === 'formVariables' && booleanKeys.has(String(pattern[1]));
  return (expression) => {
    if (expression.type === 'BooleanLiteral') return true;
    patternsOf ??= new Map(analyzeTemplate(program).paths.map((site) => [site.node as hbs.AST.Node, site.patterns]));
    const patterns = patternsOf.get(expression);
    return patterns !== undefined && patterns.length > 0 && patterns.every(isBooleanVariable);
  };
}

function problems(program: hbs.AST.Program, isBoolean: (expression: hbs.AST.Expression) => boolean): TemplateProblem[] {
  const found: TemplateProblem[] = [];
  const at = (loc: hbs.AST.SourceLocation['start']) => ({ line: loc.line, column: loc.column + 1 });
  walk(program, (node) => {
    switch (node.type) {
      case 'BlockStatement': {
        const text = textComparedWithBoolean(node as hbs.AST.BlockStatement, isBoolean);
        if (text !== undefined) {
          found.push({
            ...at(node.loc.start),
            message:
              `\`{{#equal}}\` compares a boolean with the text "${text}": LaunchDarkly's Go renderer compares both as text, so the boolean ${text} ` +
              `matches there, while previews and the framework's CI compare values and never match it. Write ${text} without quotes, which matches in both.`,
          });
        }
        if (!isEqualWithElse(node)) break;
        const block: hbs.AST.BlockStatement = node;
        found.push({
          // Where the else part starts: the end of the main part, when it has one.
          ...at(block.program?.loc ? block.program.loc.end : block.loc.start),
          message: block.program
            ? '`{{else}}` inside `{{#equal}}`: LaunchDarkly renders with Go Handlebars, whose `equal` has no else branch, so this part never ' +
              'renders in production (the framework\'s CI, which renders with JavaScript Handlebars, does show it). Write ' +
              '`{{#equalWithElse a b}}...{{else}}...{{/equalWithElse}}`.'
            : '`{{^equal}}` (an inverted `equal` block): LaunchDarkly renders with Go Handlebars, whose `equal` has no else branch, so ' +
              'this never renders in production. Write `{{#equalWithElse a b}}{{else}}...{{/equalWithElse}}`.',
        });
        break;
      }
      case 'PartialStatement': {
        const partial = node as hbs.AST.PartialStatement;
        found.push({
          ...at(partial.loc.start),
          message: `\`{{> ${describeName(partial.name)}}}\` is a partial: LaunchDarkly's renderer has no partials and an integration cannot register one, so rendering fails. Write the text into the template itself.`,
        });
        break;
      }
      case 'PartialBlockStatement': {
        const partial = node as hbs.AST.PartialBlockStatement;
        found.push({
          ...at(partial.loc.start),
          message: `\`{{#> ${describeName(partial.name)}}}\` is a partial block: LaunchDarkly's Go renderer has no partials and no partial blocks. Write the text into the template itself.`,
        });
        break;
      }
      case 'Decorator': {
        const decorator = node as hbs.AST.Decorator;
        found.push({
          ...at(decorator.loc.start),
          message: `\`{{* ${describeName(decorator.path)}}}\` is a decorator, a JavaScript Handlebars feature that LaunchDarkly's Go renderer does not have. Remove it.`,
        });
        break;
      }
      case 'DecoratorBlock': {
        const decorator = node as hbs.AST.DecoratorBlock;
        const inline = describeName(decorator.path) === 'inline';
        found.push({
          ...at(decorator.loc.start),
          message: inline
            ? '`{{#*inline}}` defines an inline partial, which LaunchDarkly\'s Go renderer does not support (no decorators, no partials). Write the text where it is used.'
            : `\`{{#* ${describeName(decorator.path)}}}\` is a decorator block, which LaunchDarkly's Go renderer does not support. Remove it.`,
        });
        break;
      }
      default:
        break;
    }
  });
  return found;
}

function describeName(expression: hbs.AST.Expression | hbs.AST.PathExpression | hbs.AST.SubExpression): string {
  if (expression.type === 'PathExpression') return (expression as hbs.AST.PathExpression).original;
  if (expression.type === 'StringLiteral') return JSON.stringify((expression as hbs.AST.StringLiteral).value);
  return '(...)';
}

// The framework's CI renders with JavaScript Handlebars and accepts all of these (a partial it
// cannot find fails there too, as template-render reports): so a warning, not an error.
const rule: Rule = {
  id: 'go-handlebars-compat',
  severity: 'warning',
  description: 'Templates use only what LaunchDarkly\'s Go Handlebars renderer supports and renders alike: no `{{else}}` in `equal`, no boolean compared with `"true"` by `equal`, no partials, partial blocks, decorators or inline partials.',
  fix:
    'LaunchDarkly renders in production with Go Handlebars, not the JavaScript Handlebars that previews use. For an else branch on ' +
    'equality write `{{#equalWithElse a b}}...{{else}}...{{/equalWithElse}}` (Go\'s `equal` has no else, so the else part silently ' +
    'disappears). Go\'s `equal` compares the text of both operands: compare a boolean form variable with `true`, not `"true"`, ' +
    'which only Go finds equal to it. Replace partials (`{{> name}}`), partial blocks (`{{#> name}}`), inline partials (`{{#*inline}}`) and decorators ' +
    '(`{{* name}}`) with the text itself: LaunchDarkly registers no partials and the Go renderer has no decorators.',
  check({ integration, workspace, manifest }) {
    const variables = Array.isArray(manifest.formVariables) ? (manifest.formVariables as unknown[]) : [];
    const booleanKeys = new Set(variables.filter((item) => isRecord(item) && item.type === 'boolean' && typeof item.key === 'string').map((item) => (item as { key: string }).key));
    return checkEveryTemplate(integration, workspace, (program, endpoint) => problems(program, booleanTest(program, endpoint, booleanKeys)));
  },
};

export default rule;
