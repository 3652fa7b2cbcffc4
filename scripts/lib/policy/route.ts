import { eventAccess } from './event-resource';
import { defaultPolicyOf } from './manifest-policy';
import { evaluatePolicy } from './match';
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
    const access = eventAccess(event);
    if (!access.ok) return { delivered: false, decidedBy: null, reason: access.message, ...policyError };
    return { ...evaluatePolicy(parsed.statements, access.access), ...policyError };
  };
}
