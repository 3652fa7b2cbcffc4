import { eventAccess } from './event-resource';
import { defaultPolicyOf } from './manifest-policy';
import { evaluatePolicy } from './match';
import { parsePolicy } from './statement';

/** Whether the integration's default policy lets an event through, and which statement decided. */
export interface Routing {
  delivered: boolean;
  /** 0-based index of the deciding statement; null when none did (or there is no policy). */
  decidedBy: number | null;
  reason: string;
}

/**
 * Routes an event through the manifest's `defaultPolicy`. Without one, the admin's own policy
 * decides, so the event counts as delivered.
 */
export function routeEvent(manifest: unknown, event: unknown): Routing {
  const policy = defaultPolicyOf(manifest);
  if (policy === undefined) return { delivered: true, decidedBy: null, reason: 'no defaultPolicy: the policy the admin sets decides' };
  const access = eventAccess(event);
  if (!access.ok) return { delivered: false, decidedBy: null, reason: access.message };
  return evaluatePolicy(parsePolicy(policy).statements, access.access);
}
