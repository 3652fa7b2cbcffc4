import { closest } from '../suggest';

/**
 * The resource types LaunchDarkly's policies name (`proj`, `env`, `flag`...): those whose changes
 * reach a change-history event hook, and the account's other resources a role policy can scope.
 */
export const KNOWN_RESOURCE_TYPES: readonly string[] = [
  'acct',
  'agent-graph',
  'ai-model-config',
  'ai-tool',
  'aiconfig',
  'application',
  'code-reference-repository',
  'context-kind',
  'destination',
  'domain-verification',
  'env',
  'error',
  'experiment',
  'flag',
  'holdout',
  'integration',
  'layer',
  'log',
  'member',
  'metric',
  'metric-group',
  'notification-subscription',
  'pending-request',
  'proj',
  'relay-proxy-config',
  'release-pipeline',
  'release-policy',
  'role',
  'segment',
  'service-token',
  'team',
  'template',
  'token',
  'trace',
  'view',
  'webhook',
];

const KNOWN = new Set(KNOWN_RESOURCE_TYPES);

export function isKnownResourceType(type: string): boolean {
  return KNOWN.has(type);
}

/**
 * The known type a mistyped one most likely meant: the same in another case, a near spelling
 * (`falg`), or a longer word it begins (`flags`, `project`, `environment`). A compound that
 * begins with one (`application-version`) is not that word lengthened but a type of its own.
 */
export function closestResourceType(type: string): string | undefined {
  const lengthened = (candidate: string, word: string) => word.startsWith(candidate) && word[candidate.length] !== '-';
  return closest(type, KNOWN_RESOURCE_TYPES, { limit: 1, alsoClose: lengthened })[0];
}
