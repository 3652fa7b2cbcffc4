import fc from 'fast-check';
import rule from '../../scripts/lib/rules/checks/policy-syntax';
import { POLICY_POINTER, hookManifest, policyManifest, ruleContext } from '../policy/rule-context';

const check = (manifest: unknown) => rule.check(ruleContext(manifest));

describe('policy-syntax', () => {
  it('is an error', () => {
    expect(rule.id).toBe('policy-syntax');
    expect(rule.severity).toBe('error');
  });

  it('is silent on a well-formed policy', () => {
    const policy = [
      { effect: 'allow', resources: ['proj/*:env/production:flag/*;ops,sec*'], actions: ['*'] },
      { effect: 'deny', notResources: ['proj/*:env/*:flag/*'], notActions: ['updateOn'] },
      { resources: ['*'], actions: ['update*'] },
    ];
    expect(check(policyManifest(policy))).toEqual([]);
  });

  it('reports each bad statement and specifier at its pointer', () => {
    const policy = [
      { effect: 'allow', resources: ['proj/*:env/production:flag/*', 'proj/*::flag/*'], actions: ['*'] },
      { effect: 'allow', resources: ['proj/*'], notResources: ['member/*'], actions: ['*'] },
      { effect: 'block', resources: ['flag/*;'], actions: ['updateOn'] },
      { effect: 'allow', actions: ['*'] },
      'allow everything',
    ];
    expect(check(policyManifest(policy))).toEqual([
      { message: 'defaultPolicy statement 1: resource specifier "proj/*::flag/*" has an empty segment ("::")', pointer: `${POLICY_POINTER}/0/resources/1` },
      { message: 'defaultPolicy statement 2: a statement has either resources or notResources, not both', pointer: `${POLICY_POINTER}/1/notResources` },
      { message: 'defaultPolicy statement 3: effect must be "allow" or "deny", not "block"', pointer: `${POLICY_POINTER}/2/effect` },
      { message: 'defaultPolicy statement 3: resource specifier "flag/*;" has ";" but no tags after it', pointer: `${POLICY_POINTER}/2/resources/0` },
      {
        message: 'defaultPolicy statement 4: the statement needs resources or notResources, a list of resource specifiers',
        pointer: `${POLICY_POINTER}/3`,
      },
      { message: 'defaultPolicy statement 5: a policy statement must be an object, not the string "allow everything"', pointer: `${POLICY_POINTER}/4` },
    ]);
  });

  it('reports malformed action names', () => {
    expect(check(policyManifest([{ resources: ['proj/*'], actions: ['updateOn', ''] }]))).toEqual([
      { message: 'defaultPolicy statement 1: an action name is empty; use "*" for every action', pointer: `${POLICY_POINTER}/0/actions/1` },
    ]);
  });

  it('leaves a missing or non-array policy to the schema', () => {
    expect(check(hookManifest({ templates: {} }))).toEqual([]);
    expect(check(policyManifest({ effect: 'allow' }))).toEqual([]);
    expect(check(policyManifest('proj/*'))).toEqual([]);
    expect(check({ capabilities: 'none' })).toEqual([]);
    expect(check({})).toEqual([]);
  });

  it('never throws, whatever the manifest', () => {
    const statement = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.dictionary(fc.constantFrom('effect', 'resources', 'notResources', 'actions', 'notActions'), fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.array(fc.string()))));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.array(statement, { maxLength: 4 })), (policy) => {
        for (const report of check(policyManifest(policy))) {
          expect(report.pointer?.startsWith(POLICY_POINTER)).toBe(true);
          expect(report.message).not.toBe('');
        }
      }),
      { numRuns: 300 },
    );
  });
});
