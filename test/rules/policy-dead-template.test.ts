import fc from 'fast-check';
import rule from '../../scripts/lib/rules/checks/policy-dead-template';
import { hookManifest, policyManifest, ruleContext } from '../policy/rule-context';

const check = (manifest: unknown) => rule.check(ruleContext(manifest));

const ALL_TEMPLATES = {
  flag: 'templates/flag.json.hbs',
  project: 'templates/project.json.hbs',
  environment: 'templates/environment.json.hbs',
  member: 'templates/member.json.hbs',
  default: 'templates/default.json.hbs',
  validation: 'templates/validation.json.hbs',
};

const pointer = (kind: string) => `/capabilities/auditLogEventsHook/templates/${kind}`;

describe('policy-dead-template', () => {
  it('is a warning', () => {
    expect(rule.id).toBe('policy-dead-template');
    expect(rule.severity).toBe('warning');
  });

  it('reports the templates a flags-only policy never uses, and never default or validation', () => {
    const manifest = policyManifest([{ effect: 'allow', resources: ['proj/*:env/production:flag/*'], actions: ['*'] }], ALL_TEMPLATES);
    expect(check(manifest)).toEqual([
      {
        message:
          'templates.project is never used with the default policy: it lets no project event through (no allow statement covers proj/* resources). ' +
          'Allow project events in defaultPolicy, or remove the template if only a customer who widens the policy would use it.',
        pointer: pointer('project'),
      },
      {
        message:
          'templates.environment is never used with the default policy: it lets no environment event through (no allow statement covers proj/*:env/* resources). ' +
          'Allow environment events in defaultPolicy, or remove the template if only a customer who widens the policy would use it.',
        pointer: pointer('environment'),
      },
      {
        message:
          'templates.member is never used with the default policy: it lets no member event through (no allow statement covers member/* resources). ' +
          'Allow member events in defaultPolicy, or remove the template if only a customer who widens the policy would use it.',
        pointer: pointer('member'),
      },
    ]);
  });

  it('is silent when the policy can deliver every templated kind', () => {
    const policy = [
      { resources: ['proj/*:env/production:flag/*;ops'], actions: ['updateOn'] },
      { resources: ['proj/mobile'], actions: ['createProject'] },
      { resources: ['proj/*:env/*'], actions: ['*'] },
      { resources: ['member/*'], actions: ['updateRole'] },
    ];
    expect(check(policyManifest(policy, ALL_TEMPLATES))).toEqual([]);
  });

  it('only looks at the templates that exist', () => {
    const flagsOnly = [{ resources: ['proj/*:env/*:flag/*'], actions: ['*'] }];
    expect(check(policyManifest(flagsOnly, { flag: 'templates/flag.json.hbs', default: 'templates/default.json.hbs' }))).toEqual([]);
  });

  it('reports a kind a deny statement shuts out entirely', () => {
    const policy = [
      { resources: ['*'], actions: ['*'] },
      { effect: 'deny', resources: ['member/*'], actions: ['*'] },
    ];
    expect(check(policyManifest(policy, { member: 'templates/member.json.hbs' }))).toEqual([
      {
        message:
          'templates.member is never used with the default policy: it lets no member event through (statement 2 denies every action on every member/* resource). ' +
          'Allow member events in defaultPolicy, or remove the template if only a customer who widens the policy would use it.',
        pointer: pointer('member'),
      },
    ]);
  });

  it('counts notResources as possibly delivering', () => {
    expect(check(policyManifest([{ notResources: ['proj/*:env/test:flag/*'], actions: ['*'] }], ALL_TEMPLATES))).toEqual([]);
  });

  it('keeps quiet when the policy does not parse, or is absent', () => {
    expect(check(policyManifest([{ resources: ['proj/*:env/*:flag/*'], actions: ['*'] }, { resources: ['proj'], actions: ['*'] }], ALL_TEMPLATES))).toEqual([]);
    expect(check(hookManifest({ templates: ALL_TEMPLATES }))).toEqual([]);
    expect(check(policyManifest({ resources: ['*'] }, ALL_TEMPLATES))).toEqual([]);
  });

  it('keeps quiet when the policy is empty, which policy-delivers-nothing reports: the templates are not the ones to remove', () => {
    expect(check(policyManifest([], ALL_TEMPLATES))).toEqual([]);
  });

  it('keeps quiet with the standard payload, where no template is used at all', () => {
    const manifest = hookManifest({ templates: ALL_TEMPLATES, useStandardWebhookPayload: true, defaultPolicy: [{ resources: ['proj/*:env/*:flag/*'], actions: ['*'] }] });
    expect(check(manifest)).toEqual([]);
  });

  it('never throws, whatever the manifest', () => {
    const statement = fc.oneof(
      fc.jsonValue({ maxDepth: 1 }),
      fc.record({ effect: fc.constantFrom('allow', 'deny'), resources: fc.array(fc.constantFrom('*', 'proj/*', 'member/*', 'proj/*:env/*', 'x')), actions: fc.constant(['*']) }),
    );
    const templates = fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.dictionary(fc.constantFrom('flag', 'project', 'environment', 'member', 'default'), fc.jsonValue({ maxDepth: 1 })));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.array(statement, { maxLength: 3 })), templates, (policy, files) => {
        for (const report of check(hookManifest({ templates: files, defaultPolicy: policy }))) expect(report.pointer).toMatch(/^\/capabilities\/auditLogEventsHook\/templates\/(flag|project|environment|member)$/);
      }),
      { numRuns: 300 },
    );
  });
});
