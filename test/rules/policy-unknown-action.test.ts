import fc from 'fast-check';
import rule from '../../scripts/lib/rules/checks/policy-unknown-action';
import { POLICY_POINTER, hookManifest, policyManifest, ruleContext } from '../policy/rule-context';

const check = (manifest: unknown) => rule.check(ruleContext(manifest));

describe('policy-unknown-action', () => {
  it('is a warning', () => {
    expect(rule.id).toBe('policy-unknown-action');
    expect(rule.severity).toBe('warning');
  });

  it('is silent on known actions and "*"', () => {
    const policy = [
      { resources: ['proj/*:env/*:flag/*'], actions: ['updateOn', 'createFlag', '*'] },
      { effect: 'deny', resources: ['member/*'], notActions: ['updateRole', 'createMember'] },
    ];
    expect(check(policyManifest(policy))).toEqual([]);
  });

  it('knows the actions the framework\'s own integrations name in their default policies', () => {
    const policy = [
      { resources: ['proj/*:env/*:flag/*'], actions: ['cloneFlag', 'updateExperimentActive', 'updateRulesWithMeasuredRollout', 'stopMeasuredRolloutOnFlagRule'] },
    ];
    expect(check(policyManifest(policy))).toEqual([]);
  });

  it('reports near misses of known names in actions and notActions, suggesting the one meant, and leaves a name like none of them (a newer action) alone', () => {
    const policy = [
      { resources: ['proj/*:env/*:flag/*'], actions: ['updateOn', 'updateon', 'toggleEverything'] },
      { effect: 'deny', resources: ['proj/*:env/*:flag/*'], notActions: ['updteTags'] },
    ];
    expect(check(policyManifest(policy))).toEqual([
      { message: 'defaultPolicy statement 1 actions: "updateon" is not a LaunchDarkly action; did you mean "updateOn"?', pointer: `${POLICY_POINTER}/0/actions/1` },
      { message: 'defaultPolicy statement 2 notActions: "updteTags" is not a LaunchDarkly action; did you mean "updateTags"?', pointer: `${POLICY_POINTER}/1/notActions/0` },
    ]);
  });

  it('reports a name with a wildcard in it, which matches no action, listing the actions it reads like', () => {
    const policy = [{ resources: ['proj/*:env/*:flag/*'], actions: ['updateOff*', 'update*', 'udpate*'] }];
    const none = '" is not an action name and matches none (actions match by name; only "*" alone is every action)';
    const reports = check(policyManifest(policy));
    expect(reports.slice(0, 1).concat(reports.slice(2))).toEqual([
      { message: `defaultPolicy statement 1 actions: "updateOff*${none}; list the actions it stands for: updateOffVariation`, pointer: `${POLICY_POINTER}/0/actions/0` },
      { message: `defaultPolicy statement 1 actions: "udpate*${none}`, pointer: `${POLICY_POINTER}/0/actions/2` },
    ]);
    // Many actions start with update: the first eight, and how many there are.
    expect(reports[1].message).toMatch(/"update\*" is not an action name .*: updateApiKey, (update\w+, ){7}… \(\d{2,} in all\)$/);
  });

  it('checks both lists of a statement that has both (policy-syntax reports the clash)', () => {
    const reports = check(policyManifest([{ resources: ['proj/*'], actions: ['updteOn'], notActions: ['update*'] }]));
    expect(reports.map((report) => report.pointer)).toEqual([`${POLICY_POINTER}/0/actions/0`, `${POLICY_POINTER}/0/notActions/0`]);
  });

  it('leaves malformed names to policy-syntax', () => {
    expect(check(policyManifest([{ resources: ['proj/*'], actions: ['', 'update On', 7, 'proj/*'] }]))).toEqual([]);
  });

  it('is silent without a policy array', () => {
    expect(check(hookManifest({ templates: {} }))).toEqual([]);
    expect(check(policyManifest({ actions: ['nope'] }))).toEqual([]);
    expect(check(policyManifest([null, 'x', { actions: 'nope' }]))).toEqual([]);
  });

  it('never throws, whatever the manifest', () => {
    const statement = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.record({ actions: fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.array(fc.string())), notActions: fc.array(fc.string()) }, { requiredKeys: [] }));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.array(statement, { maxLength: 4 })), (policy) => {
        for (const report of check(policyManifest(policy))) expect(report.pointer).toMatch(/^\/capabilities\/auditLogEventsHook\/defaultPolicy\/\d+\/(actions|notActions)\/\d+$/);
      }),
      { numRuns: 300 },
    );
  });
});
