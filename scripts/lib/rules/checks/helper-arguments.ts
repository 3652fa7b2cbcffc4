import { argumentCountProblems } from '../../render/helper-arguments';
import type { Rule } from '../types';
import { checkEveryTemplate } from '../template-safety/template-sources';

const rule: Rule = {
  id: 'helper-arguments',
  severity: 'warning',
  description: 'Every helper call gives the helper as many arguments as it takes (`{{#if a}}`, `{{lookup object key}}`, `{{pathEncode text}}`).',
  fix:
    'Give the helper exactly the arguments it takes: one for `if`, `unless`, `with`, `each`, `pathEncode` and `queryEncode`; two for ' +
    '`lookup`, `equal`, `equalWithElse` and `basicAuthHeaderValue`; three for `formatWithOffset` (milliseconds, offset in seconds, ' +
    'format). To read a field whose name is a helper\'s, write `{{this.pathEncode}}`.',
  check({ integration, workspace }) {
    return checkEveryTemplate(integration, workspace, (program) =>
      argumentCountProblems(program).map(({ line, column, summary, consequence }) => ({ line, column, message: `${summary}: ${consequence}` })),
    );
  },
};

export default rule;
