import { policyRouter } from '../../scripts/lib/policy/route';
import { policyManifest } from './rule-context';

/** A flag event as a template context places it: `proj/harbour:env/<environment>:flag/storm-banner`. */
function flagEvent(environment: string, verbKind = 'updateOn'): Record<string, unknown> {
  return { kind: 'flag', verbKind, key: 'storm-banner', project: { key: 'harbour', environment: { key: environment } } };
}

const productionFlags = { resources: ['proj/*:env/production:flag/*'], actions: ['*'] };

describe('policyRouter', () => {
  it('delivers every event, whatever it is, when the manifest has no defaultPolicy', () => {
    const expected = { delivered: true, decidedBy: null, reason: 'no defaultPolicy: the policy the admin sets decides' };
    expect(policyRouter(policyManifest(undefined))(flagEvent('test'))).toEqual(expected);
    expect(policyRouter({ name: 'No hook' })('not even an event')).toEqual(expected);
    // A defaultPolicy that is not an array is the schema's to report; routing treats it as absent.
    expect(policyRouter(policyManifest({ effect: 'allow' }))(flagEvent('test'))).toEqual(expected);
  });

  it('routes an event by the policy, naming the deciding statement', () => {
    const route = policyRouter(policyManifest([productionFlags, { effect: 'deny', resources: ['proj/*:env/*:flag/*'], actions: ['updateName'] }]));
    expect(route(flagEvent('production'))).toEqual({
      delivered: true,
      decidedBy: 0,
      reason: 'statement 1 allows every action on proj/*:env/production:flag/*',
    });
    expect(route(flagEvent('test'))).toEqual({
      delivered: false,
      decidedBy: null,
      reason: 'no statement allows updateOn on proj/harbour:env/test:flag/storm-banner',
    });
    expect(route(flagEvent('production', 'updateName'))).toEqual({
      delivered: false,
      decidedBy: 1,
      reason: 'statement 2 denies updateName on proj/*:env/*:flag/*',
    });
  });

  it('routes a standard webhook payload by its own accesses: it passes when any of them does', () => {
    const route = policyRouter(policyManifest([productionFlags]));
    const payload = (...accesses: unknown[]) => ({ kind: 'flag', date: 1773295111412, accesses });
    const production = { action: 'updateOn', resource: 'proj/harbour;ops:env/production:flag/storm-banner' };
    const staging = { action: 'updateOn', resource: 'proj/harbour:env/staging:flag/storm-banner' };
    expect(route(payload(staging, production))).toEqual({ delivered: true, decidedBy: 0, reason: 'statement 1 allows every action on proj/*:env/production:flag/*' });
    expect(route(payload(staging))).toEqual({
      delivered: false,
      decidedBy: null,
      reason: 'no statement allows updateOn on proj/harbour:env/staging:flag/storm-banner',
    });
    // Items that are no access are left out; with none left, nothing lets the payload through.
    expect(route(payload('proj/x', production)).delivered).toBe(true);
    for (const none of [payload(), payload(7)]) {
      expect(route(none)).toEqual({ delivered: false, decidedBy: null, reason: "the payload's accesses hold no {action, resource} for a policy to let through" });
    }
  });

  it('does not deliver an event that names no resource, saying why', () => {
    expect(policyRouter(policyManifest([{ resources: ['*'], actions: ['*'] }]))({ kind: 'flag', verbKind: 'updateOn' })).toEqual({
      delivered: false,
      decidedBy: null,
      reason: 'the flag event has no project.key, so it names no resource',
    });
  });

  it('routes with the statements that read, and flags the first unreadable one on every routing', () => {
    const route = policyRouter(policyManifest([productionFlags, { resources: ['proj'], actions: ['*'] }, { resources: ['member'], actions: ['*'] }]));
    const policyError = 'defaultPolicy statement 2: resource specifier "proj" has no "/": each segment is type/name (for any proj, write "proj/*")';
    expect(route(flagEvent('production'))).toEqual({
      delivered: true,
      decidedBy: 0,
      reason: 'statement 1 allows every action on proj/*:env/production:flag/*',
      policyError,
    });
    expect(route({ kind: 'flag' })).toEqual({ delivered: false, decidedBy: null, reason: 'the flag event has no verbKind', policyError });
  });

  it('leaves policyError out when every statement reads', () => {
    expect(Object.keys(policyRouter(policyManifest([productionFlags]))(flagEvent('production')))).not.toContain('policyError');
  });

  it('reads the policy once, when the router is made', () => {
    const policy: unknown[] = [productionFlags];
    const route = policyRouter(policyManifest(policy));
    policy[0] = { effect: 'deny', resources: ['*'], actions: ['*'] };
    expect(route(flagEvent('production')).delivered).toBe(true);
  });
});
