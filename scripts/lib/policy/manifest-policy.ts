import { isRecord } from '../json-value';

/** Where a manifest keeps the policy, for the rules' pointers. */
export const DEFAULT_POLICY_POINTER = '/capabilities/auditLogEventsHook/defaultPolicy';

/**
 * The `capabilities.auditLogEventsHook` object of a manifest, or undefined. Manifests reach the
 * rules before (and whatever) the schema says, so every level is checked.
 */
export function auditLogEventsHookOf(manifest: unknown): Record<string, unknown> | undefined {
  const capabilities = isRecord(manifest) ? manifest.capabilities : undefined;
  const hook = isRecord(capabilities) ? capabilities.auditLogEventsHook : undefined;
  return isRecord(hook) ? hook : undefined;
}

/** The raw `defaultPolicy` array, or undefined when it is absent or not an array (the schema reports that). */
export function defaultPolicyOf(manifest: unknown): unknown[] | undefined {
  const policy = auditLogEventsHookOf(manifest)?.defaultPolicy;
  return Array.isArray(policy) ? policy : undefined;
}
