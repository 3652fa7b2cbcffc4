import { APPROVAL_LISTS_WARN, eachFormVariable, hasProperty } from '../form-variable-lists';
import type { Report, Rule } from '../types';

// These have no single value to default to; the framework lets them be optional without one.
const EXEMPT_TYPES = ['multiselect', 'environmentSelector'];

const rule: Rule = {
  id: 'optional-needs-default',
  severity: 'error',
  description: 'An `isOptional: true` form variable has a `defaultValue` (multiselect and environmentSelector excepted).',
  fix:
    'Give the optional variable a `defaultValue` of its type (an empty string is allowed), or remove `isOptional`. ' +
    APPROVAL_LISTS_WARN,
  ciRule: 9,
  check({ manifest }) {
    const reports: Report[] = [];
    for (const { pointer, variable, label, topLevelOnly } of eachFormVariable(manifest)) {
      if (variable.isOptional !== true || hasProperty(variable, 'defaultValue')) continue;
      if (typeof variable.type === 'string' && EXEMPT_TYPES.includes(variable.type)) continue;
      reports.push({ message: `${label} is optional but has no defaultValue: give it one of its type ("" will do for text) or remove isOptional`, pointer, key: 'isOptional', ...topLevelOnly });
    }
    return reports;
  },
};

export default rule;
