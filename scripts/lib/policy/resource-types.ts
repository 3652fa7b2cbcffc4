import { closest } from '../suggest';

/**
 * The resource types LaunchDarkly's policies name (`proj`, `env`, `flag`...): those whose changes
 * reach a change-history event hook, and the account's other resources a role policy can scope.
 */
export const KNOWN_RESOURCE_TYPES: readonly string[] = [
  'acct',
  'application',
  'code-reference-repository',
  'context-kind',
  'destination',
  'domain-verification',
  'env',
  'experiment',
  'flag',
  'holdout',
  'integration',
  'layer',
  'member',
  'metric',
  'metric-group',
  'pending-request',
  'proj',
  'relay-proxy-config',
  'release-pipeline',
  'role',
  'segment',
  'service-token',
  'team',
  'template',
  'webhook',
];

const KNOWN = new Set(KNOWN_RESOURCE_TYPES);

export function isKnownResourceType(type: string): boolean {
  return KNOWN.has(type);
}

/**
 * The known type a mistyped one most likely meant: the same in another case, a near spelling
 * (`falg`), or a longer word it begins (`flags`, `project`, `environment`).
 */
export function closestResourceType(type: string): string | undefined {
  return closest(type, KNOWN_RESOURCE_TYPES, { limit: 1, alsoClose: (candidate, word) => word.startsWith(candidate) })[0];
}
