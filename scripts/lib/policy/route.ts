import { eventAccess } from './event-resource';
import { defaultPolicyOf } from './manifest-policy';
import { evaluatePolicy, type Access } from './match';
import { isRecord } from '../json-value';
import { isStandardPayload } from '../samples/event-types';
import { describePolicyProblem, parsePolicy } from './statement';

/** Whether the integration's default policy lets an event through, and which statement decided. */
export interface Routing {
  delivered: boolean;
  /** 0-based index of the deciding statement; null when none did (or there is no policy). */
  decidedBy: number | null;
  reason: string;
  /**
   * The policy's first unreadable statement, when it has one: LaunchDarkly would not accept such
   * a policy, so this routing, made with the statements that read, is not what it would do.
   */
  policyError?: string;
}

/**
 * Routes events through the manifest's `defaultPolicy`, parsed once however many events it
 * routes. Without one, the admin's own policy decides, so every event counts as delivered.
 */
export function policyRouter(manifest: unknown): (event: unknown) => Routing {
  const policy = defaultPolicyOf(manifest);
  if (policy === undefined) return () => ({ delivered: true, decidedBy: null, reason: 'no defaultPolicy: the policy the admin sets decides' });
  const parsed = parsePolicy(policy);
  const problem = parsed.problems[0];
  const policyError = problem ? { policyError: describePolicyProblem(problem) } : {};
  return (event) => {
    const recorded = recordedAccesses(event);
    if (recorded) {
      const decisions = recorded.map((access) => evaluatePolicy(parsed.statements, access));
      return { ...(decisions.find((decision) => decision.delivered) ?? decisions[0]), ...policyError };
    }
    if (isStandardPayload(event)) return { delivered: false, decidedBy: null, reason: 'the payload\'s accesses hold no {action, resource} for a policy to let through', ...policyError };
    const access = eventAccess(event);
    if (!access.ok) return { delivered: false, decidedBy: null, reason: access.message, ...policyError };
    return { ...evaluatePolicy(parsed.statements, access.access), ...policyError };
  };
}

/**
 * A standard webhook payload's own `accesses` (`{action, resource}` each), which decide its routing:
 * it passes when any of them does. Undefined for a template context, which carries none, and for
 * accesses of which none is one.
 */
function recordedAccesses(event: unknown): Access[] | undefined {
  if (!isRecord(event) || !Array.isArray(event.accesses) || event.accesses.length === 0) return undefined;
  const accesses = event.accesses.filter(
    (access): access is Access => isRecord(access) && typeof access.action === 'string' && typeof access.resource === 'string',
  );
  return accesses.length > 0 ? accesses : undefined;
}
