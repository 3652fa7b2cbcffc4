import { helperUsageProblems } from '../../render/helper-usage';
import type { Rule } from '../types';
import { checkEveryTemplate } from '../template-safety/template-sources';

const rule: Rule = {
  id: 'helper-usage',
  severity: 'warning',
  description:
    'Every helper call gives the helper the arguments it takes, and block helpers (`#if`, `#each`, `#equal`...) open blocks while value helpers (`lookup`, `pathEncode`...) do not.',
  fix:
    'Give each helper exactly the arguments it takes: one for `if`, `unless`, `with`, `each`, `pathEncode` and `queryEncode`; two for ' +
    '`lookup`, `equal`, `equalWithElse` and `basicAuthHeaderValue`; three for `formatWithOffset` (milliseconds, offset in seconds, ' +
    'format). Use `if`, `unless`, `with`, `each`, `equal` and `equalWithElse` as blocks only (`{{#equal a b}}…{{/equal}}`, not ' +
    '`{{#if (equal a b)}}`), and the others as values only. To read a field whose name is a helper\'s, write `{{this.pathEncode}}`.',
  check({ integration, workspace }) {
    return checkEveryTemplate(integration, workspace, (program) =>
      helperUsageProblems(program).map(({ line, column, summary, consequence }) => ({ line, column, message: `${summary}: ${consequence}` })),
    );
  },
};

export default rule;
