import rule from '../../scripts/lib/rules/checks/oauth-context';
import { checkManifest, clone, validManifest } from '../helpers/fixture-root';

type Json = Record<string, any>;

function oauthManifest(edit: (manifest: Json) => void = () => {}): Json {
  const manifest = clone(validManifest({ requiresOAuth: true, oauthIntegrationKey: 'pigeon-post' })) as Json;
  const endpoint = manifest.capabilities.auditLogEventsHook.endpoint;
  endpoint.url = '{{oauth.baseURI}}/api/hooks/{{channel}}';
  endpoint.headers.push({ name: 'Authorization', value: 'Bearer {{oauth.accessToken}}' });
  edit(manifest);
  return manifest;
}

describe('oauth-context', () => {
  it('is an error for CI rule 5', () => {
    expect(rule.severity).toBe('error');
    expect(rule.ciRule).toBe(5);
  });

  it('is silent on a manifest without OAuth', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
  });

  it('is silent on an OAuth manifest that uses only the two OAuth fields', () => {
    expect(checkManifest(rule, oauthManifest())).toEqual([]);
  });

  it('accepts requiresOAuth without oauthIntegrationKey, as the framework does', () => {
    expect(checkManifest(rule, oauthManifest((m) => delete m.oauthIntegrationKey))).toEqual([]);
  });

  it('reports each templated value that uses oauth without requiresOAuth', () => {
    const manifest = oauthManifest((m) => {
      delete m.requiresOAuth;
      delete m.oauthIntegrationKey;
    });
    expect(checkManifest(rule, manifest)).toEqual([
      {
        message: '{{oauth.baseURI}} needs the OAuth context, which LaunchDarkly provides only when the manifest sets requiresOAuth: true',
        pointer: '/capabilities/auditLogEventsHook/endpoint/url',
        within: { line: 1, column: 3 },
      },
      {
        message: expect.stringMatching(/^\{\{oauth\.accessToken\}\} needs the OAuth context/),
        pointer: '/capabilities/auditLogEventsHook/endpoint/headers/1/value',
        within: { line: 1, column: 10 },
      },
    ]);
  });

  it('treats requiresOAuth: false like no OAuth', () => {
    const manifest = oauthManifest((m) => (m.requiresOAuth = false));
    expect(checkManifest(rule, manifest)).toHaveLength(2);
  });

  it('finds oauth inside helpers, blocks and other endpoints', () => {
    const manifest = validManifest({
      formVariables: [
        {
          key: 'template',
          name: 'Template',
          type: 'dynamicEnum',
          description: 'Which template.',
          dynamicOptions: {
            endpoint: { url: '{{pathEncode oauth.baseURI}}/templates', method: 'GET' },
            parser: { optionsPath: '/result', optionsItems: { label: '/name', value: '/id' } },
          },
        },
      ],
    });
    (manifest.capabilities as Json).auditLogEventsHook.endpoint.headers = [
      { name: 'Authorization', value: '{{#if oauth.accessToken}}Bearer {{oauth.accessToken}}{{/if}}' },
    ];
    expect(checkManifest(rule, manifest).map((report) => [report.pointer, report.message.split(' needs')[0], report.severity])).toEqual([
      ['/formVariables/0/dynamicOptions/endpoint/url', '{{oauth.baseURI}}', 'warning'],
      ['/capabilities/auditLogEventsHook/endpoint/headers/0/value', '{{oauth.accessToken}}', undefined],
    ]);
  });

  it('only warns on oauth read where an `{{#if oauth}}` holds, which renders without requiresOAuth', () => {
    const manifest = validManifest();
    (manifest.capabilities as Json).auditLogEventsHook.endpoint.headers = [
      { name: 'Authorization', value: '{{#if oauth}}Bearer {{oauth.accessToken}}{{else}}Token {{channel}}{{/if}}' },
      { name: 'X-Base', value: '{{#unless oauth}}none{{else}}{{#with oauth}}{{baseURI}}{{/with}}{{/unless}}{{oauth}}' },
      { name: 'X-Token', value: '{{#if oauth}}{{/if}}{{oauth.accessToken}}' },
    ];
    expect(checkManifest(rule, manifest).map((report) => [report.pointer, report.severity])).toEqual([
      ['/capabilities/auditLogEventsHook/endpoint/headers/0/value', 'warning'],
      ['/capabilities/auditLogEventsHook/endpoint/headers/1/value', 'warning'],
      ['/capabilities/auditLogEventsHook/endpoint/headers/2/value', undefined],
    ]);
  });

  it('only warns where the framework\'s CI does not render the string', () => {
    const manifest = validManifest({ details: 'Point it at {{oauth.baseURI}} and it will reach {{oauth.refreshToken}} and the rest of the service.' });
    expect(checkManifest(rule, manifest)).toEqual([
      // At the first reference the message names.
      { message: expect.stringMatching(/needs the OAuth context/), pointer: '/details', within: { line: 1, column: 15 }, severity: 'warning' },
    ]);
    const withOAuth = validManifest({ requiresOAuth: true, details: 'Point it at {{oauth.refreshToken}} and it will reach the rest of the service.' });
    expect(checkManifest(rule, withOAuth)).toEqual([
      { message: expect.stringMatching(/has only oauth.baseURI/), pointer: '/details', within: { line: 1, column: 15 }, severity: 'warning' },
    ]);
  });

  it('reports fields the OAuth context does not have', () => {
    const manifest = oauthManifest((m) => (m.capabilities.auditLogEventsHook.endpoint.headers[1].value = 'Bearer {{oauth.refreshToken}}'));
    expect(checkManifest(rule, manifest)).toEqual([
      {
        message: '{{oauth.refreshToken}}: the OAuth context has only oauth.baseURI and oauth.accessToken',
        pointer: '/capabilities/auditLogEventsHook/endpoint/headers/1/value',
        within: { line: 1, column: 10 },
      },
    ]);
  });

  it('ignores text that merely mentions oauth, and values that do not parse', () => {
    const manifest = validManifest({ description: 'Uses {{channel}} but not oauth.baseURI, which needs an OAuth client to work.' });
    (manifest.capabilities as Json).auditLogEventsHook.endpoint.url = 'https://x.example/{{oauth.baseURI';
    expect(checkManifest(rule, manifest)).toEqual([]);
  });
});
