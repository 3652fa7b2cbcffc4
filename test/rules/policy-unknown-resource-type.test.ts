import rule from '../../scripts/lib/rules/checks/policy-unknown-resource-type';
import { POLICY_POINTER, policyManifest, ruleContext } from '../policy/rule-context';

const check = (manifest: unknown) => rule.check(ruleContext(manifest));

describe('policy-unknown-resource-type', () => {
  it('is a warning', () => {
    expect(rule.id).toBe('policy-unknown-resource-type');
    expect(rule.severity).toBe('warning');
  });

  it('is silent on the types LaunchDarkly has, and on "*"', () => {
    const policy = [
      { resources: ['proj/*:env/production:flag/*;ops', 'proj/*:env/*:segment/beta-*', 'proj/*:metric/*', 'member/*', 'integration/*', '*'], actions: ['*'] },
      { effect: 'deny', notResources: ['proj/*:code-reference-repository/*', 'relay-proxy-config/*'], actions: ['*'] },
    ];
    expect(check(policyManifest(policy))).toEqual([]);
  });

  it('is silent on the types LaunchDarkly added for its newer products, short ones close to an older type included (log, flag)', () => {
    const added = [
      'proj/*:aiconfig/*',
      'proj/*:ai-model-config/*',
      'proj/*:ai-tool/*',
      'proj/*:agent-graph/*',
      'proj/*:view/*',
      'proj/*:release-policy/*',
      'proj/*:env/*:notification-subscription/*',
      'proj/*:trace/*',
      'proj/*:log/*',
      'proj/*:error/*',
      'member/*:token/*',
    ];
    expect(check(policyManifest([{ resources: added, actions: ['*'] }]))).toEqual([]);
  });

  it('reports a misspelt type in resources and notResources, at its specifier, with the type meant', () => {
    const policy = [
      { resources: ['proj/*:env/production:flags/*', 'project/*'], actions: ['*'] },
      { effect: 'deny', notResources: ['proj/*:enviroment/*', 'proj/*:widget/*'], actions: ['*'] },
    ];
    expect(check(policyManifest(policy))).toEqual([
      {
        message: 'defaultPolicy statement 1 resources: "proj/*:env/production:flags/*" names the resource type "flags", which LaunchDarkly does not have; did you mean "flag"?',
        pointer: `${POLICY_POINTER}/0/resources/0`,
      },
      { message: 'defaultPolicy statement 1 resources: "project/*" names the resource type "project", which LaunchDarkly does not have; did you mean "proj"?', pointer: `${POLICY_POINTER}/0/resources/1` },
      {
        message: 'defaultPolicy statement 2 notResources: "proj/*:enviroment/*" names the resource type "enviroment", which LaunchDarkly does not have; did you mean "env"?',
        pointer: `${POLICY_POINTER}/1/notResources/0`,
      },
    ]);
  });

  it('leaves alone a type close to none it knows, which may be one LaunchDarkly added since', () => {
    // A compound that begins with a known type is a type of its own, not that one lengthened.
    const policy = [{ resources: ['proj/*:widget/*', 'proj/*:env/*:rollout-plan/*', 'application/*:application-version/*', 'proj/*:metric-dashboard/*'], actions: ['*'] }];
    expect(check(policyManifest(policy))).toEqual([]);
  });

  it('reports a type once per specifier, and a type in another case as the type meant', () => {
    const policy = [{ resources: ['Proj/*:env/*:Flag/*', 'proj/a:proj/b'], actions: ['*'] }];
    expect(check(policyManifest(policy)).map((report) => report.message)).toEqual([
      'defaultPolicy statement 1 resources: "Proj/*:env/*:Flag/*" names the resource type "Proj", which LaunchDarkly does not have; did you mean "proj"?',
      'defaultPolicy statement 1 resources: "Proj/*:env/*:Flag/*" names the resource type "Flag", which LaunchDarkly does not have; did you mean "flag"?',
    ]);
  });

  it('leaves specifiers that do not parse, and lists that are not lists, to policy-syntax and the schema', () => {
    const policy = [{ resources: ['proj/*::flags/*', 7], actions: ['*'] }, { resources: 'flags/*', actions: ['*'] }, 'not a statement'];
    expect(check(policyManifest(policy))).toEqual([]);
    expect(check({ name: 'no hook' })).toEqual([]);
  });
});
