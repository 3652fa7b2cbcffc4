import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { loadIntegration } from '../../scripts/lib/integration/load';
import type { Manifest } from '../../scripts/lib/integration/manifest';
import { allRules } from '../../scripts/lib/rules/registry';
import { Workspace } from '../../scripts/lib/workspace';
import { APPROVAL_LISTS_WARN } from '../../scripts/lib/rules/form-variable-lists';
import { createFixtureRoot, runRule, validFiles, validManifest } from '../helpers/fixture-root';

const CHECKS_FOLDER = path.join(__dirname, '../../scripts/lib/rules/checks');

function ruleFileIds(): string[] {
  return fs
    .readdirSync(CHECKS_FOLDER)
    .filter((file) => /\.(js|ts)$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => file.replace(/\.(js|ts)$/, ''))
    .sort();
}

/** The framework's CI rules, 1 to 16: each has a rule module. */
const CI_RULES = Array.from({ length: 16 }, (_, index) => index + 1);

/** The rules of the manifest checks that must survive any manifest; see the property test below. */
const MANIFEST_RULE_IDS = [
  'icon-files-exist',
  'overview-period',
  'hmac-secret-variable',
  'oauth-context',
  'oauth-key-unique',
  'error-response-host',
  'default-value-type',
  'optional-needs-default',
  'multiselect-options',
  'environment-selector-keys',
  'secret-only-string',
  'dynamic-options',
  'other-capabilities',
  'standard-payload-no-templates',
  'path-confinement',
];

describe('rule registry', () => {
  const rules = allRules();

  it('loads one rule per file of checks/, its id the file name', () => {
    expect(rules.map((rule) => rule.id).sort()).toEqual(ruleFileIds());
  });

  it('has unique kebab-case ids', () => {
    const ids = rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it.each(rules.map((rule) => [rule.id, rule] as const))('%s is well described', (_id, rule) => {
    expect(['error', 'warning']).toContain(rule.severity);
    expect(typeof rule.description).toBe('string');
    expect(rule.description.trim()).toBe(rule.description);
    expect(rule.description).not.toBe('');
    expect(rule.description).not.toMatch(/[\r\n]/);
    expect(typeof rule.fix).toBe('string');
    expect(rule.fix.trim()).not.toBe('');
    expect(typeof rule.check).toBe('function');
    if (rule.ciRule !== undefined) {
      expect(Number.isInteger(rule.ciRule)).toBe(true);
      expect(rule.ciRule).toBeGreaterThanOrEqual(1);
      expect(rule.ciRule).toBeLessThanOrEqual(16);
    }
  });

  // Rule 15 (templates render, to non-empty valid JSON where JSON is due) is three rules, one per failure.
  it.each(CI_RULES)('covers framework CI rule %i', (ciRule) => {
    const ids = rules.filter((rule) => rule.ciRule === ciRule).map((rule) => rule.id);
    expect(ids).toEqual(ciRule === 15 ? ['template-empty', 'template-json', 'template-render'] : [expect.any(String)]);
  });
});

describe('rules that check only the top-level formVariables as errors', () => {
  it('say in their fix that the approval lists get warnings, and do give warnings there', () => {
    const variable = (key: string, fields: Record<string, unknown>) => ({ key, name: key, description: `The ${key}.`, ...fields });
    const approvalFormVariables = [
      variable('picked', { type: 'dynamicEnum' }),
      variable('envs', { type: 'environmentSelector', defaultValue: 'production' }),
      variable('choices', { type: 'multiselect' }),
      variable('ticket', { type: 'string', isOptional: true }),
      variable('urgent', { type: 'boolean', isSecret: true }),
    ];
    const manifest = { ...validManifest(), capabilities: { approval: { approvalFormVariables } } };
    const root = createFixtureRoot({ subject: { manifest, files: validFiles() } });
    const softened = allRules().filter((rule) => rule.severity === 'error' && runRule(rule, root, 'subject').some((report) => report.severity === 'warning'));
    expect(softened.map((rule) => rule.id)).toEqual(['dynamic-options', 'environment-selector-keys', 'multiselect-options', 'optional-needs-default', 'secret-only-string']);
    for (const rule of softened) expect(rule.fix).toContain(APPROVAL_LISTS_WARN);
  });
});

describe('manifest rules on manifests that break the schema', () => {
  const root = createFixtureRoot({
    subject: { manifest: validManifest(), files: validFiles() },
    neighbour: { manifest: validManifest({ oauthIntegrationKey: 'shared' }), files: validFiles() },
    servicenow: { manifest: validManifest({ oauthIntegrationKey: 'shared' }) },
    'no-manifest': { files: { 'README.md': '#' } },
  });
  const integration = loadIntegration(root, 'subject');

  // Values chosen to meet each rule's branches (types, paths, templates), mixed with any JSON.
  const json = fc.jsonValue({ maxDepth: 3 });
  const text = fc.oneof(
    fc.constantFrom('', '.', '../x.svg', '/etc/passwd', 'templates', 'assets/images/square.svg', 'shared', '{{oauth.baseURI}}/x', '{{x}}', 'https://{{host}}.x/{{#if a}}', '{{#each'),
    fc.string(),
  );
  const value = fc.oneof(json, text, fc.constantFrom(true, false, null, 0, [], {}));
  const type = fc.constantFrom('string', 'boolean', 'uri', 'enum', 'dynamicEnum', 'multiselect', 'environmentSelector', 'oauth', 7);
  const variableKeys = ['key', 'isSecret', 'isOptional', 'defaultValue', 'allowedValues', 'dynamicOptions', 'multiselectOptions', 'multiselectDefaultOptions'];
  const variable = fc.oneof(value, fc.record({ type, ...Object.fromEntries(variableKeys.map((key) => [key, value])) }, { requiredKeys: [] }));
  const variables = fc.oneof(value, fc.array(variable, { maxLength: 4 }));
  const endpoint = fc.oneof(
    value,
    fc.record({ url: text, headers: fc.oneof(value, fc.array(fc.record({ name: text, value: text }))), hmacSignature: fc.oneof(value, fc.record({ hmacSecretFormVariableKey: text })) }, { requiredKeys: [] }),
  );
  const hook = fc.oneof(
    value,
    fc.record(
      { endpoint, templates: fc.oneof(value, fc.dictionary(fc.constantFrom('flag', 'default', 'member'), text)), includeErrorResponseBody: value, useStandardWebhookPayload: value },
      { requiredKeys: [] },
    ),
  );
  const capabilities = fc.oneof(
    value,
    fc.record({ auditLogEventsHook: hook, eventsHook: hook, approval: fc.oneof(value, fc.record({ approvalFormVariables: variables, environmentFormVariables: variables }, { requiredKeys: [] })) }, { requiredKeys: [] }),
  );
  const manifest = fc.record(
    {
      overview: value,
      icons: fc.oneof(value, fc.record({ square: text, horizontal: text }, { requiredKeys: [] })),
      formVariables: variables,
      capabilities,
      otherCapabilities: value,
      requiresOAuth: value,
      oauthIntegrationKey: fc.oneof(value, fc.constant('shared')),
    },
    { requiredKeys: [] },
  );

  it.each(MANIFEST_RULE_IDS)('%s never throws and always returns reports', (id) => {
    const rule = allRules().find((candidate) => candidate.id === id);
    expect(rule).toBeDefined();
    const workspace = new Workspace({ root });
    fc.assert(
      fc.property(manifest, (generated) => {
        const reports = rule!.check({ integration, manifest: generated as unknown as Manifest, workspace });
        expect(Array.isArray(reports)).toBe(true);
        for (const report of reports) {
          expect(typeof report.message).toBe('string');
          expect(report.pointer !== undefined || report.file !== undefined).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
