import { isRecord } from '../json-value';
import { auditLogEventsHookOf } from '../integration/manifest';

/** Where a manifest keeps the policy, for the rules' pointers. */
export const DEFAULT_POLICY_POINTER = '/capabilities/auditLogEventsHook/defaultPolicy';

/** The raw `defaultPolicy` array, or undefined when it is absent or not an array (the schema reports that). */
export function defaultPolicyOf(manifest: unknown): unknown[] | undefined {
  const policy = auditLogEventsHookOf(manifest)?.defaultPolicy;
  return Array.isArray(policy) ? policy : undefined;
}

/** One string a policy statement lists under `key` (`actions`, `resources`...), with where it stands. */
export interface ListedItem {
  text: string;
  /** The statement's position in the policy. */
  index: number;
  key: string;
  /** Its JSON pointer in the manifest. */
  pointer: string;
}

/**
 * Every string the statements list under `keys`, in policy order. Statements and lists that are
 * not what the schema wants, and items that are not strings, are the schema's to report.
 */
export function listedItems(policy: unknown[], keys: readonly string[]): ListedItem[] {
  const items: ListedItem[] = [];
  policy.forEach((statement, index) => {
    if (!isRecord(statement)) return;
    for (const key of keys) {
      const list = statement[key];
      if (!Array.isArray(list)) continue;
      list.forEach((text: unknown, position) => {
        if (typeof text === 'string') items.push({ text, index, key, pointer: `${DEFAULT_POLICY_POINTER}/${index}/${key}/${position}` });
      });
    }
  });
  return items;
}
