import { APPROVAL_LISTS_WARN, eachFormVariable, hasProperty } from '../form-variable-lists';
import { isRecord } from '../../json-value';
import type { Report, Rule } from '../types';

const FORBIDDEN = ['defaultValue', 'dynamicOptions', 'allowedValues', 'isSecret'];

const rule: Rule = {
  id: 'multiselect-options',
  severity: 'error',
  description: 'A `multiselect` form variable has `multiselectOptions` and none of defaultValue, dynamicOptions, allowedValues, isSecret.',
  fix:
    'List the choices in `multiselectOptions` (`{"label", "value"}` items), preselect with `multiselectDefaultOptions`, and remove ' +
    '`defaultValue`, `dynamicOptions`, `allowedValues` and `isSecret` from the variable. A preselected value that no option ' +
    'offers is a warning, as the framework\'s CI accepts it. ' +
    APPROVAL_LISTS_WARN,
  ciRule: 10,
  check({ manifest }) {
    const reports: Report[] = [];
    for (const { pointer, variable, label, topLevelOnly } of eachFormVariable(manifest)) {
      if (variable.type !== 'multiselect') continue;
      const options = variable.multiselectOptions;
      if (!hasProperty(variable, 'multiselectOptions') || (Array.isArray(options) && options.length === 0)) {
        reports.push({ message: `${label} is a multiselect but has no multiselectOptions to choose from`, pointer, key: 'type', ...topLevelOnly });
      }
      for (const key of FORBIDDEN) {
        if (hasProperty(variable, key)) {
          reports.push({ message: `${label} is a multiselect, which must not have ${key}`, pointer, key, ...topLevelOnly });
        }
      }
      // A preselected value the options do not offer cannot be shown as selected. The framework's
      // CI accepts it, so this is a warning.
      const defaults = variable.multiselectDefaultOptions;
      if (Array.isArray(options) && Array.isArray(defaults)) {
        const values = new Set(options.filter(isRecord).map((option) => option.value));
        defaults.forEach((value, index) => {
          if (typeof value === 'string' && !values.has(value)) {
            // A secret's value is never printed, even one written in the manifest.
            const shown = variable.isSecret === true ? 'a value' : `"${value}"`;
            reports.push({
              message: `${label} preselects ${shown}, which is not the value of any of its multiselectOptions`,
              pointer: `${pointer}/multiselectDefaultOptions/${index}`,
              severity: 'warning',
            });
          }
        });
      }
    }
    return reports;
  },
};

export default rule;
