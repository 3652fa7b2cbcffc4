import fc from 'fast-check';
import rule from '../../scripts/lib/rules/checks/policy-unknown-action';
import { POLICY_POINTER, hookManifest, policyManifest, ruleContext } from '../policy/rule-context';

const check = (manifest: unknown) => rule.check(ruleContext(manifest));

describe('policy-unknown-action', () => {
  it('is a warning', () => {
    expect(rule.id).toBe('policy-unknown-action');
    expect(rule.severity).toBe('warning');
  });

  it('is silent on known actions, "*" and patterns that match known actions', () => {
    const policy = [
      { resources: ['proj/*:env/*:flag/*'], actions: ['updateOn', 'createFlag', 'update*', '*'] },
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

  it('reports unknown names in actions and notActions, suggesting the closest known one', () => {
    const policy = [
      { resources: ['proj/*:env/*:flag/*'], actions: ['updateOn', 'updateon', 'toggleEverything'] },
      { effect: 'deny', resources: ['proj/*:env/*:flag/*'], notActions: ['updateTag'] },
    ];
    expect(check(policyManifest(policy))).toEqual([
      { message: 'defaultPolicy statement 1 actions: "updateon" is not a LaunchDarkly action; did you mean "updateOn"?', pointer: `${POLICY_POINTER}/0/actions/1` },
      { message: 'defaultPolicy statement 1 actions: "toggleEverything" is not a LaunchDarkly action', pointer: `${POLICY_POINTER}/0/actions/2` },
      { message: 'defaultPolicy statement 2 notActions: "updateTag" is not a LaunchDarkly action; did you mean "updateTags"?', pointer: `${POLICY_POINTER}/1/notActions/0` },
    ]);
  });

  it('reports a pattern that matches no action, without guessing', () => {
    expect(check(policyManifest([{ resources: ['proj/*'], actions: ['udpate*'] }]))).toEqual([
      { message: 'defaultPolicy statement 1 actions: "udpate*" matches no LaunchDarkly action', pointer: `${POLICY_POINTER}/0/actions/0` },
    ]);
  });

  it('checks both lists of a statement that has both (policy-syntax reports the clash)', () => {
    const reports = check(policyManifest([{ resources: ['proj/*'], actions: ['nope'], notActions: ['nada'] }]));
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
