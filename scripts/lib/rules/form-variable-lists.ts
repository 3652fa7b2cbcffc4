import { pointerFrom } from '../integration/json-source';
import type { Manifest } from '../integration/manifest';
import { isRecord } from '../json-value';
import type { Report } from './types';

/** Where form variables live in a manifest; the first is the top-level list. */
const FORM_VARIABLE_LOCATIONS: readonly (readonly string[])[] = [
  ['formVariables'],
  ['capabilities', 'approval', 'approvalFormVariables'],
  ['capabilities', 'approval', 'environmentFormVariables'],
];

/** What the fix of a rule that reports with `topLevelOnly` says of the approval lists. */
export const APPROVAL_LISTS_WARN =
  'In the approval capability\'s approvalFormVariables and environmentFormVariables this is a warning: the framework\'s CI checks only the top-level formVariables.';

export interface FormVariableList {
  /** JSON pointer of the array, e.g. `/capabilities/approval/approvalFormVariables`. */
  pointer: string;
  /** Dotted path for messages, e.g. `capabilities.approval.approvalFormVariables`. */
  label: string;
  variables: unknown[];
}

export interface FormVariableEntry {
  /** JSON pointer of the variable object. */
  pointer: string;
  variable: Record<string, unknown>;
  /** How messages name the variable: its key when it has one, else its position. */
  label: string;
  /** True in the manifest's own `formVariables`, false in the approval capability's lists. */
  topLevel: boolean;
  /**
   * What the rules the framework's CI applies to the top-level `formVariables` alone (9 to 13;
   * rule 8 covers every list) add to a report: nothing there, a warning in an approval list, so
   * that nothing its CI accepts fails here. The framework's own Custom Approvals integration has
   * an optional approval variable without a default, for one.
   */
  topLevelOnly: Pick<Report, 'severity'>;
}

/** The form variable arrays the manifest has. A location holding something other than an array is skipped: the schema reports it. */
export function formVariableLists(manifest: Manifest): FormVariableList[] {
  const lists: FormVariableList[] = [];
  for (const location of FORM_VARIABLE_LOCATIONS) {
    let value: unknown = manifest;
    for (const segment of location) value = isRecord(value) ? value[segment] : undefined;
    if (Array.isArray(value)) lists.push({ pointer: pointerFrom([...location]), label: location.join('.'), variables: value });
  }
  return lists;
}

/** Every form variable object of every list, with its pointer. Non-object items are skipped. */
export function eachFormVariable(manifest: Manifest): FormVariableEntry[] {
  const entries: FormVariableEntry[] = [];
  for (const list of formVariableLists(manifest)) {
    list.variables.forEach((variable, index) => {
      if (!isRecord(variable)) return;
      const position = `${list.label}[${index}]`;
      const label = typeof variable.key === 'string' && variable.key !== '' ? `form variable "${variable.key}" (${position})` : position;
      const topLevel = list.label === 'formVariables';
      entries.push({ pointer: `${list.pointer}/${index}`, variable, label, topLevel, topLevelOnly: topLevel ? {} : { severity: 'warning' } });
    });
  }
  return entries;
}

/** True when the variable object has the property at all, whatever its value (`"isSecret": false` included). */
export function hasProperty(variable: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(variable, key) && variable[key] !== undefined;
}
