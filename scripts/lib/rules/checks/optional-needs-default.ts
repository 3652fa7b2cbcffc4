import { eachFormVariable, hasProperty, topLevelOnly } from '../form-variable-lists';
import type { Report, Rule } from '../types';

// These have no single value to default to; the framework lets them be optional without one.
const EXEMPT_TYPES = ['multiselect', 'environmentSelector'];

const rule: Rule = {
  id: 'optional-needs-default',
  severity: 'error',
  description: 'An `isOptional: true` form variable has a `defaultValue` (multiselect and environmentSelector excepted).',
  fix: 'Give the optional variable a `defaultValue` of its type (an empty string is allowed), or remove `isOptional`.',
  ciRule: 9,
  check({ manifest }) {
    const reports: Report[] = [];
    for (const entry of eachFormVariable(manifest)) {
      const { pointer, variable, label } = entry;
      if (variable.isOptional !== true || hasProperty(variable, 'defaultValue')) continue;
      if (typeof variable.type === 'string' && EXEMPT_TYPES.includes(variable.type)) continue;
      reports.push({ message: `${label} is optional but has no defaultValue`, pointer, key: 'isOptional', ...topLevelOnly(entry) });
    }
    return reports;
  },
};

export default rule;
