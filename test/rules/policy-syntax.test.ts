import fc from 'fast-check';
import rule from '../../scripts/lib/rules/checks/policy-syntax';
import { validateManifestSchema } from '../../scripts/lib/schema/validate-manifest';
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
      { effect: 'allow', resources: ['flag/*;'], actions: ['updateOn'] },
      { effect: 'allow', actions: ['*'] },
    ];
    expect(check(policyManifest(policy))).toEqual([
      { message: 'defaultPolicy statement 1: resource specifier "proj/*::flag/*" has an empty segment ("::")', pointer: `${POLICY_POINTER}/0/resources/1` },
      { message: 'defaultPolicy statement 2: a statement has either resources or notResources, not both', pointer: `${POLICY_POINTER}/1/notResources` },
      { message: 'defaultPolicy statement 3: resource specifier "flag/*;" has ";" but no tags after it', pointer: `${POLICY_POINTER}/2/resources/0` },
      {
        message: 'defaultPolicy statement 4: the statement needs resources or notResources, a list of resource specifiers',
        pointer: `${POLICY_POINTER}/3`,
      },
    ]);
  });

  it('leaves to the schema what it forbids too, so that one mistake makes one finding', () => {
    const policy = [
      { effect: 'Allow', resources: ['proj/*'], actions: ['*'] },
      { resources: 'proj/*', actions: [1] },
      'allow everything',
      { effect: 'deny', resources: [], actions: ['*'] },
    ];
    expect(check(policyManifest(policy))).toEqual([
      { message: 'defaultPolicy statement 4: resources is empty; list at least one, or use ["*"] to match all', pointer: `${POLICY_POINTER}/3/resources` },
    ]);
    const schemaPointers = validateManifestSchema(policyManifest(policy)).map((report) => report.pointer);
    expect(schemaPointers).toEqual(
      expect.arrayContaining([`${POLICY_POINTER}/0/effect`, `${POLICY_POINTER}/1/resources`, `${POLICY_POINTER}/1/actions/0`, `${POLICY_POINTER}/2`]),
    );
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
