import { formVariableLists } from '../form-variable-lists';
import { isRecord } from '../../json-value';
import type { Report, Rule } from '../types';

const rule: Rule = {
  id: 'form-variable-key-unique',
  severity: 'warning',
  description: 'No two form variables of one list share a `key`.',
  fix:
    'Remove the repeated form variable, or give it a key of its own: an integration\'s settings hold one value per key, so two ' +
    'fields with one key cannot hold different values, and templates read only one of them.',
  check({ manifest }) {
    const reports: Report[] = [];
    for (const list of formVariableLists(manifest)) {
      const firstIndex = new Map<string, number>();
      list.variables.forEach((variable, index) => {
        if (!isRecord(variable) || typeof variable.key !== 'string') return;
        const first = firstIndex.get(variable.key);
        if (first === undefined) {
          firstIndex.set(variable.key, index);
          return;
        }
        reports.push({
          message: `${list.label}[${index}] repeats the key "${variable.key}" of ${list.label}[${first}]: the two fields would share one value`,
          pointer: `${list.pointer}/${index}/key`,
        });
      });
    }
    return reports;
  },
};

export default rule;
