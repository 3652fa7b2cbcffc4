import { eachFormVariable, hasProperty } from '../form-variable-lists';
import type { Report, Rule } from '../types';

const STRING_VALUED = ['string', 'uri', 'enum', 'dynamicEnum'];

const rule: Rule = {
  id: 'default-value-type',
  severity: 'error',
  description: 'A form variable has `defaultValue` only with `isOptional: true`, and of its own type.',
  fix:
    'Set `"isOptional": true` on a variable with a `defaultValue` (use `placeholder` for a hint on a required one), and give ' +
    'string, uri, enum and dynamicEnum variables a string default, boolean variables true or false.',
  ciRule: 8,
  check({ manifest }) {
    const reports: Report[] = [];
    for (const { pointer, variable, label, topLevel } of eachFormVariable(manifest)) {
      if (!hasProperty(variable, 'defaultValue')) continue;
      const type = variable.type;
      // In the top-level list, multiselect-options and environment-selector-keys forbid a
      // defaultValue on these outright; in the approval lists only this rule is the CI's.
      if (topLevel && (type === 'multiselect' || type === 'environmentSelector')) continue;
      const value = variable.defaultValue;
      // A secret's value is never printed, even one written in the manifest.
      const shown = (text: string) => (variable.isSecret === true ? 'a value' : text);
      if (variable.isOptional !== true) {
        reports.push({
          message: `${label} has a defaultValue but is not optional: a default is only allowed with isOptional: true (use placeholder for a hint)`,
          pointer,
          key: 'defaultValue',
        });
      }
      if (typeof type === 'string' && STRING_VALUED.includes(type) && typeof value !== 'string') {
        reports.push({
          message: `${label} is of type ${type}, so its defaultValue must be a string, not ${shown(JSON.stringify(value))}`,
          pointer: `${pointer}/defaultValue`,
        });
      } else if (type === 'boolean' && typeof value !== 'boolean') {
        reports.push({
          message: `${label} is of type boolean, so its defaultValue must be true or false, not ${shown(JSON.stringify(value))}`,
          pointer: `${pointer}/defaultValue`,
        });
      } else if (
        type === 'enum' &&
        typeof value === 'string' &&
        Array.isArray(variable.allowedValues) &&
        !variable.allowedValues.includes(value)
      ) {
        // Not in the CI's wording, so a warning: the framework accepts it, but the form cannot select it.
        reports.push({
          message: `${label} has defaultValue ${shown(`"${value}"`)}, which is not one of its allowedValues`,
          pointer: `${pointer}/defaultValue`,
          severity: 'warning',
        });
      }
    }
    return reports;
  },
};

export default rule;
