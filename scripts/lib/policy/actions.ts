import { closest } from '../suggest';
import { globMatch, hasWildcard } from './glob';

/**
 * LaunchDarkly action names, by the resource type they act on. Policy statements name these in
 * `actions` / `notActions`, and template contexts carry one as `verbKind`.
 *
 * The flag list starts with every action our reference names; the rest are the actions a real
 * account produces for the other kinds an integration sees. It is not LaunchDarkly's complete
 * list (that grows every few months), so an unknown name is a warning, never an error, and
 * adding a name here is the fix when LaunchDarkly adds one.
 */
export const ACTIONS_BY_RESOURCE_TYPE: Readonly<Record<string, readonly string[]>> = {
  flag: [
    // The reference's list, in its order.
    'createFlag',
    'deleteFlag',
    'updateOn',
    'updateRules',
    'updateTargets',
    'updateFallthrough',
    'updateOffVariation',
    'updatePrerequisites',
    'updateFlagVariations',
    'updateFlagDefaultVariations',
    'updateScheduledChanges',
    'updateExpiringTargets',
    'updateGlobalArchived',
    'updateName',
    'updateTemporary',
    'updateTags',
    'updateFlagSalt',
    'updateClientSideFlagAvailability',
    'updateTrackEvents',
    'copyFlagConfigFrom',
    'copyFlagConfigTo',
    'applyApprovalRequest',
    'bypassRequiredApproval',
    // The verbKinds our event reference saw on flag events that the list above lacks.
    'updateArchived',
    'updateTag',
    // Further flag actions of a real account.
    'createApprovalRequest',
    'deleteApprovalRequest',
    'reviewApprovalRequest',
    'updateApprovalRequest',
    'updateDescription',
    'updateDeprecated',
    'updateMaintainer',
    'updateFlagCustomProperties',
    'updateIncludeInSnippet',
    'updateAttachedGoals',
    'updateFlagFallthroughTrackEvents',
    'updateFlagRuleDescription',
    'updateFlagCodeReferences',
    'updateFeatureWorkflows',
    'updateReleasePhaseStatus',
    'updateMeasuredRolloutConfiguration',
    'createFlagLink',
    'updateFlagLink',
    'deleteFlagLink',
    'createTriggers',
    'updateTriggers',
    'deleteTriggers',
    'manageFlagFollowers',
    // Named in the default policies of the framework's own integrations (PagerDuty, Vercel).
    'cloneFlag',
    'updateExperimentActive',
    'updateRulesWithMeasuredRollout',
    'stopMeasuredRolloutOnFlagRule',
  ],
  proj: [
    'createProject',
    'deleteProject',
    'updateProjectName',
    'updateTags',
    'updateIncludeInSnippetByDefault',
    'updateDefaultClientSideAvailability',
    'updateProjectFlagDefaults',
    'viewProject',
  ],
  env: [
    'createEnvironment',
    'deleteEnvironment',
    'updateName',
    'updateColor',
    'updateTags',
    'updateTtl',
    'updateApiKey',
    'updateMobileKey',
    'updateSecureMode',
    'updateDefaultTrackEvents',
    'updateRequireComments',
    'updateConfirmChanges',
    'updateApprovalSettings',
    'updateCritical',
  ],
  segment: [
    'createSegment',
    'deleteSegment',
    'updateName',
    'updateDescription',
    'updateTags',
    'updateIncluded',
    'updateExcluded',
    'updateRules',
    'updateExpiringTargets',
    'updateScheduledChanges',
  ],
  metric: [
    'createMetric',
    'deleteMetric',
    'updateName',
    'updateDescription',
    'updateTags',
    'updateMaintainer',
    'updateEventKey',
    'updateSelector',
    'updateUrlMatchers',
    'updateNumeric',
    'updateUnit',
    'updateArchived',
  ],
  member: [
    'createMember',
    'deleteMember',
    'updateRole',
    'updateCustomRole',
    'updateMemberRoleAttributes',
    'resetMemberMfa',
  ],
  integration: [
    'createIntegration',
    'deleteIntegration',
    'updateConfiguration',
    'updateName',
    'updateOn',
    'updatePolicy',
    'validateConnection',
  ],
  webhook: [
    'createWebhook',
    'deleteWebhook',
    'updateName',
    'updateOn',
    'updateQuery',
    'updateSecret',
    'updateStatements',
    'updateTags',
    'updateUrl',
  ],
  role: ['createRole', 'deleteRole', 'updateName', 'updateDescription', 'updatePolicy'],
  team: ['createTeam', 'deleteTeam', 'updateTeamName', 'updateTeamDescription', 'updateTeamMembers', 'updateTeamCustomRoles'],
};

/** Every known action name, once, sorted. */
export const KNOWN_ACTIONS: readonly string[] = [...new Set(Object.values(ACTIONS_BY_RESOURCE_TYPE).flat())].sort();

const KNOWN = new Set(KNOWN_ACTIONS);

/** What an action list writes for every action: the one wildcard actions have. */
export const EVERY_ACTION = '*';

/** A known action, or `*`. */
export function isKnownAction(name: string): boolean {
  return name === EVERY_ACTION || KNOWN.has(name);
}

/** The known actions a name with `*` in it reads like as a pattern (`update*`): what its writer likely meant to list. */
export function actionsLike(pattern: string): string[] {
  return hasWildcard(pattern) ? KNOWN_ACTIONS.filter((action) => globMatch(pattern, action)) : [];
}

/**
 * The known action a mistyped name most likely meant: the same name in another case, else the
 * nearest by edit distance when it is close enough to be a typo rather than a different word.
 * Wildcard patterns get no suggestion: what they were meant to match is anyone's guess.
 */
export function closestKnownAction(name: string): string | undefined {
  if (name === '' || hasWildcard(name)) return undefined;
  return closest(name, KNOWN_ACTIONS, { limit: 1 })[0];
}
