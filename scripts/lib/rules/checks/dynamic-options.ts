import { APPROVAL_LISTS_WARN, eachFormVariable, hasProperty } from '../form-variable-lists';
import type { Report, Rule } from '../types';

// multiselect-options and environment-selector-keys already forbid dynamicOptions on these.
const REPORTED_ELSEWHERE = ['multiselect', 'environmentSelector'];

const rule: Rule = {
  id: 'dynamic-options',
  severity: 'error',
  description: 'A `dynamicEnum` form variable has `dynamicOptions`, and no other type has them.',
  fix:
    'Give a dynamicEnum variable `dynamicOptions` (the endpoint to fetch the choices from and how to parse them); ' +
    'on any other type remove `dynamicOptions`, or make the variable a dynamicEnum. ' +
    APPROVAL_LISTS_WARN,
  ciRule: 13,
  check({ manifest }) {
    const reports: Report[] = [];
    for (const { pointer, variable, label, topLevelOnly } of eachFormVariable(manifest)) {
      const type = variable.type;
      const has = hasProperty(variable, 'dynamicOptions');
      if (type === 'dynamicEnum' && !has) {
        reports.push({ message: `${label} is a dynamicEnum but has no dynamicOptions to fetch its choices`, pointer, key: 'type', ...topLevelOnly });
      } else if (type !== 'dynamicEnum' && has && typeof type === 'string' && !REPORTED_ELSEWHERE.includes(type)) {
        reports.push({
          message: `${label} is of type ${JSON.stringify(type)}, but only dynamicEnum variables may have dynamicOptions`,
          pointer,
          key: 'dynamicOptions',
          ...topLevelOnly,
        });
      }
    }
    return reports;
  },
};

export default rule;
