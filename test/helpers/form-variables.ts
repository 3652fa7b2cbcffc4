import { clone, validManifest } from './fixture-root';

/**
 * The three places form variables live, as the rule tests name them. `topLevelOnly`: what the
 * rules the framework's CI applies to top-level `formVariables` alone (9 to 13) add to a report.
 */
export const LOCATIONS = [
  { name: 'formVariables', pointer: '/formVariables', label: 'formVariables', topLevelOnly: {} },
  {
    name: 'approvalFormVariables',
    pointer: '/capabilities/approval/approvalFormVariables',
    label: 'capabilities.approval.approvalFormVariables',
    topLevelOnly: { severity: 'warning' },
  },
  {
    name: 'environmentFormVariables',
    pointer: '/capabilities/approval/environmentFormVariables',
    label: 'capabilities.approval.environmentFormVariables',
    topLevelOnly: { severity: 'warning' },
  },
] as const;

export type Location = (typeof LOCATIONS)[number];

/** A required string variable that every form-variable rule accepts. */
export const PLAIN_VARIABLE = { key: 'note', name: 'Note', type: 'string', description: 'A note.' };

/**
 * The valid manifest with `variable` appended to the list at `location`, as its index 1 (index 0
 * is an accepted variable, so the tests prove reports point at the right item).
 */
export function manifestWithVariable(location: Location, variable: Record<string, unknown>): Record<string, unknown> {
  const manifest = clone(validManifest());
  if (location.name === 'formVariables') {
    manifest.formVariables = [PLAIN_VARIABLE, variable];
  } else {
    const capabilities = manifest.capabilities as Record<string, unknown>;
    capabilities.approval = { [location.name]: [PLAIN_VARIABLE, variable] };
  }
  return manifest;
}

/** A form variable base: the required keys, plus `extra`. */
export function variable(key: string, type: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { key, name: key, type, description: `The ${key}.`, ...extra };
}
