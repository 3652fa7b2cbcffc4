import { auditLogEventsHookOf } from '../integration/manifest';

/** Where a manifest keeps the policy, for the rules' pointers. */
export const DEFAULT_POLICY_POINTER = '/capabilities/auditLogEventsHook/defaultPolicy';

/** The raw `defaultPolicy` array, or undefined when it is absent or not an array (the schema reports that). */
export function defaultPolicyOf(manifest: unknown): unknown[] | undefined {
  const policy = auditLogEventsHookOf(manifest)?.defaultPolicy;
  return Array.isArray(policy) ? policy : undefined;
}
