import { APPROVAL_LISTS_WARN, eachFormVariable, hasProperty } from '../form-variable-lists';
import type { Report, Rule } from '../types';

const FORBIDDEN = ['multiselectOptions', 'multiselectDefaultOptions', 'defaultValue', 'dynamicOptions', 'allowedValues', 'isSecret'];

const rule: Rule = {
  id: 'environment-selector-keys',
  severity: 'error',
  description: 'An `environmentSelector` form variable has none of the option, default or secret keys.',
  fix:
    'LaunchDarkly fills an environmentSelector with the account\'s environments: remove `multiselectOptions`, ' +
    '`multiselectDefaultOptions`, `defaultValue`, `dynamicOptions`, `allowedValues` and `isSecret` from it. ' +
    APPROVAL_LISTS_WARN,
  ciRule: 11,
  check({ manifest }) {
    const reports: Report[] = [];
    for (const { pointer, variable, label, topLevelOnly } of eachFormVariable(manifest)) {
      if (variable.type !== 'environmentSelector') continue;
      for (const key of FORBIDDEN) {
        if (hasProperty(variable, key)) {
          reports.push({ message: `${label} is an environmentSelector, which must not have ${key}`, pointer, key, ...topLevelOnly });
        }
      }
    }
    return reports;
  },
};

export default rule;
