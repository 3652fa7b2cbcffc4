import fc from 'fast-check';
import rule from '../../scripts/lib/rules/checks/policy-delivers-nothing';
import { POLICY_POINTER, hookManifest, policyManifest, ruleContext, sample } from '../policy/rule-context';

const SAMPLES = [
  sample('environment/create', { verbKind: 'createEnvironment', key: 'qa' }),
  sample('flag/toggle-on', { verbKind: 'updateOn', tags: ['ops'] }),
  sample('flag/create', { verbKind: 'createFlag', project: { key: 'harbour', tags: [], environment: { key: '', tags: null } } }),
  sample('member/update-role', { verbKind: 'updateRole', key: undefined }),
];

const check = (defaultPolicy: unknown, samples = SAMPLES) => rule.check(ruleContext(policyManifest(defaultPolicy), samples));

describe('policy-delivers-nothing', () => {
  it('is a warning', () => {
    expect(rule.id).toBe('policy-delivers-nothing');
    expect(rule.severity).toBe('warning');
  });

  it('is silent when some sample passes', () => {
    expect(check([{ resources: ['proj/*:env/production:flag/*'], actions: ['*'] }])).toEqual([]);
    expect(check([{ resources: ['member/*'], actions: ['updateRole'] }])).toEqual([]);
    expect(check([{ resources: ['proj/*:env/*:flag/*;OPS'], actions: ['updateOn', 'updateRules'] }])).toEqual([]);
  });

  it('reports a policy no sample passes, with an example reason', () => {
    expect(check([{ resources: ['proj/*:env/staging:flag/*'], actions: ['*'] }])).toEqual([
      {
        message:
          'defaultPolicy lets none of the 4 sample events through (kinds: environment, flag, member), so the integration would receive nothing; ' +
          'for example flag/toggle-on: no statement allows updateOn on proj/harbour;passenger:env/production:flag/storm-banner;ops',
        pointer: POLICY_POINTER,
      },
    ]);
  });

  it('reports a policy whose deny covers everything it allows', () => {
    const [report] = check([
      { resources: ['proj/*:env/*:flag/*'], actions: ['*'] },
      { effect: 'deny', resources: ['proj/*:env/*:flag/*'], actions: ['*'] },
    ]);
    expect(report.message).toMatch(/for example flag\/toggle-on: statement 2 denies every action on proj\/\*:env\/\*:flag\/\*$/);
  });

  it('sees that an all-environments flag change does not pass a one-environment policy', () => {
    const createOnly = [sample('flag/create', { verbKind: 'createFlag', project: { key: 'harbour', tags: [], environment: { key: '', tags: null } } })];
    expect(check([{ resources: ['proj/*:env/production:flag/*'], actions: ['createFlag'] }], createOnly)).toHaveLength(1);
    expect(check([{ resources: ['proj/*:env/*:flag/*'], actions: ['createFlag'] }], createOnly)).toEqual([]);
  });

  it('keeps quiet without samples, or with samples it cannot place', () => {
    const nothing = [{ resources: ['integration/*'], actions: ['*'] }];
    expect(check(nothing, [])).toEqual([]);
    expect(check(nothing, [sample('flag/broken', { verbKind: undefined })])).toEqual([]);
  });

  it('keeps quiet without a policy, or with one that does not parse', () => {
    expect(rule.check(ruleContext(hookManifest({ templates: {} }), SAMPLES))).toEqual([]);
    expect(check({ resources: ['x'] })).toEqual([]);
    expect(check([{ resources: ['proj/*:env/staging:flag/*'], actions: ['*'] }, { resources: ['proj'], actions: ['*'] }])).toEqual([]);
  });

  it('reports an empty policy as empty, not by an event it stops', () => {
    expect(check([])).toEqual([
      {
        message:
          'defaultPolicy has no statement, so the integration would receive nothing: add an allow statement for the events ' +
          'it is for, such as resources ["proj/*:env/*:flag/*"] with actions ["*"]',
        pointer: POLICY_POINTER,
      },
    ]);
  });

  it('never throws, whatever the manifest', () => {
    const statement = fc.oneof(
      fc.jsonValue({ maxDepth: 1 }),
      fc.record({ effect: fc.constantFrom('allow', 'deny'), resources: fc.array(fc.constantFrom('*', 'proj/*', 'member/*', 'proj/*:env/*:flag/*')), actions: fc.array(fc.constantFrom('*', 'updateOn')) }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.array(statement, { maxLength: 3 })), (policy) => {
        for (const report of check(policy)) expect(report.pointer).toBe(POLICY_POINTER);
      }),
      { numRuns: 300 },
    );
  });
});
