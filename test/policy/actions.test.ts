import { ACTIONS_BY_RESOURCE_TYPE, KNOWN_ACTIONS, actionsLike, closestKnownAction, isKnownAction } from '../../scripts/lib/policy/actions';
import { editDistance } from '../../scripts/lib/suggest';

// The flag actions our reference lists; every one must stay known.
const REFERENCE_FLAG_ACTIONS = [
  'createFlag', 'deleteFlag', 'updateOn', 'updateRules', 'updateTargets', 'updateFallthrough', 'updateOffVariation',
  'updatePrerequisites', 'updateFlagVariations', 'updateFlagDefaultVariations', 'updateScheduledChanges',
  'updateExpiringTargets', 'updateGlobalArchived', 'updateName', 'updateTemporary', 'updateTags', 'updateFlagSalt',
  'updateClientSideFlagAvailability', 'updateTrackEvents', 'copyFlagConfigFrom', 'copyFlagConfigTo',
  'applyApprovalRequest', 'bypassRequiredApproval',
];

describe('KNOWN_ACTIONS', () => {
  it('holds every flag action of the reference', () => {
    for (const action of REFERENCE_FLAG_ACTIONS) expect(KNOWN_ACTIONS).toContain(action);
  });

  it('holds the actions accounts produce for projects, environments, segments, metrics and members', () => {
    for (const action of [
      'createProject', 'updateProjectName', 'deleteProject', 'createEnvironment', 'deleteEnvironment', 'createSegment',
      'createMetric', 'updateRole', 'createMember', 'deleteMember',
    ]) {
      expect(KNOWN_ACTIONS).toContain(action);
    }
  });

  it('holds every verbKind our event reference saw, under the resource type of its event', () => {
    // The context-shape reference lists, per event kind, the verbKinds its samples carry: the
    // vocabulary policy statements name too.
    const seen: Record<string, string[]> = {
      flag: ['updateArchived', 'copyFlagConfigTo', 'createFlag', 'updateRules', 'updateOn', 'updateTag'],
      env: ['createEnvironment', 'deleteEnvironment', 'updateTags'],
      proj: ['createProject', 'deleteProject', 'updateTags'],
      member: ['updateRole'],
      metric: ['createMetric'],
      segment: ['createSegment', 'updateRules'],
      webhook: ['updateOn'],
    };
    for (const [type, actions] of Object.entries(seen)) {
      for (const action of actions) expect({ type, action, listed: ACTIONS_BY_RESOURCE_TYPE[type]?.includes(action) }).toEqual({ type, action, listed: true });
    }
  });

  it('is sorted, without duplicates, and made of plain names', () => {
    expect([...KNOWN_ACTIONS].sort()).toEqual(KNOWN_ACTIONS);
    expect(new Set(KNOWN_ACTIONS).size).toBe(KNOWN_ACTIONS.length);
    for (const action of KNOWN_ACTIONS) expect(action).toMatch(/^[a-z][A-Za-z]+$/);
    expect(Object.values(ACTIONS_BY_RESOURCE_TYPE).flat().length).toBeGreaterThan(KNOWN_ACTIONS.length);
  });
});

describe('isKnownAction', () => {
  it('accepts known names and "*"', () => {
    expect(isKnownAction('updateOn')).toBe(true);
    expect(isKnownAction('*')).toBe(true);
  });

  it('refuses unknown names, other cases and names with a wildcard in them', () => {
    expect(isKnownAction('updateon')).toBe(false);
    expect(isKnownAction('toggleFlag')).toBe(false);
    expect(isKnownAction('update*')).toBe(false);
    expect(isKnownAction('**')).toBe(false);
    expect(isKnownAction('')).toBe(false);
  });
});

describe('actionsLike', () => {
  it('lists the known actions a name with a wildcard reads like as a pattern, and none for a plain name', () => {
    expect(actionsLike('create*Request')).toEqual(KNOWN_ACTIONS.filter((action) => /^create.*Request$/.test(action)));
    expect(actionsLike('create*Request').length).toBeGreaterThan(0);
    expect(actionsLike('*Flag')).toContain('deleteFlag');
    expect(actionsLike('udpate*')).toEqual([]);
    expect(actionsLike('updateOn')).toEqual([]);
  });
});

describe('closestKnownAction', () => {
  it.each([
    ['updateon', 'updateOn'],
    ['UPDATEON', 'updateOn'],
    ['upadteOn', 'updateOn'],
    ['updteTags', 'updateTags'],
    ['createFlags', 'createFlag'],
    ['updateRule', 'updateRules'],
    ['updateProjName', 'updateProjectName'],
  ])('suggests for %s: %s', (typo, expected) => {
    expect(closestKnownAction(typo)).toBe(expected);
  });

  it('suggests nothing for far-off names, empty names and patterns', () => {
    expect(closestKnownAction('frobnicate')).toBeUndefined();
    // Three edits from updateOn: more than a typo in an eight-letter name.
    expect(closestKnownAction('upXXXeOn')).toBeUndefined();
    expect(closestKnownAction('')).toBeUndefined();
    expect(closestKnownAction('udpate*')).toBeUndefined();
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and transpositions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('gives up at the cap', () => {
    expect(editDistance('aaaaaaaa', 'bbbbbbbb', 2)).toBe(2);
  });
});
