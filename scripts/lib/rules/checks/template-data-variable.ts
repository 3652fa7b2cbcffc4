import { callAsWritten, DATA_VARIABLES_SET, isCall, isUnsetDataVariable, meantDataVariable, walk } from '../../render/template-ast';
import type { Rule } from '../types';
import { checkEveryTemplate, type TemplateProblem } from '../template-safety/template-sources';

/**
 * Every argument that reads a data variable Handlebars sets nowhere (`{{#if @frist}}`). Strict
 * mode checks no argument, so it is undefined on every event without a word; what a mustache
 * prints fails to render instead, which the render rules report.
 */
function problems(program: hbs.AST.Program): TemplateProblem[] {
  const found: TemplateProblem[] = [];
  walk(program, (call) => {
    if (!isCall(call)) return;
    const given = [...call.params, ...(call.hash?.pairs ?? []).map((pair) => pair.value)];
    for (const argument of given) {
      if (argument.type !== 'PathExpression' || !isUnsetDataVariable(argument as hbs.AST.PathExpression)) continue;
      const path = argument as hbs.AST.PathExpression;
      const meant = meantDataVariable(path);
      found.push({
        line: path.loc.start.line,
        column: path.loc.start.column + 1,
        message:
          `\`${path.original}\` is no variable Handlebars sets${meant ? ` (did you mean \`${meant}\`?)` : ''}: ` +
          `given to \`${callAsWritten(call)}\`, it is undefined on every event, and strict mode checks no argument; ${DATA_VARIABLES_SET}`,
      });
    }
  });
  return found;
}

const rule: Rule = {
  id: 'template-data-variable',
  severity: 'warning',
  description: 'What templates give helpers and blocks as `@name` is a data variable Handlebars sets (`@index`, `@key`, `@first`, `@last`, `@root`).',
  fix:
    'A misspelt data variable given to a helper or block (`{{#unless @lst}},{{/unless}}`) reads undefined on every event with no error: ' +
    'the condition never holds, or always does. Write `@index`, `@key`, `@first` or `@last` inside `{{#each}}`, and `@root` for the top of the data.',
  check({ integration, workspace }) {
    return checkEveryTemplate(integration, workspace, problems);
  },
};

export default rule;
