import { APPROVAL_LISTS_WARN, eachFormVariable } from '../form-variable-lists';
import type { Report, Rule } from '../types';

// multiselect-options and environment-selector-keys already forbid isSecret on these.
const REPORTED_ELSEWHERE = ['multiselect', 'environmentSelector'];

const rule: Rule = {
  id: 'secret-only-string',
  severity: 'error',
  description: 'Only `string` form variables are `isSecret: true`.',
  fix:
    'Remove `"isSecret": true` from the variable, or make it a `string` variable if it really holds a secret. ' +
    APPROVAL_LISTS_WARN,
  ciRule: 12,
  check({ manifest }) {
    const reports: Report[] = [];
    for (const { pointer, variable, label, topLevelOnly } of eachFormVariable(manifest)) {
      const type = variable.type;
      if (variable.isSecret !== true || typeof type !== 'string' || type === 'string' || REPORTED_ELSEWHERE.includes(type)) continue;
      reports.push({
        message: `${label} is of type ${JSON.stringify(type)}, but only string variables may be isSecret: true`,
        pointer: `${pointer}/isSecret`,
        ...topLevelOnly,
      });
    }
    return reports;
  },
};

export default rule;
