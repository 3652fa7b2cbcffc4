import { schemaErrorsToReports } from '../../scripts/lib/schema/messages';
import { validateManifestSchema } from '../../scripts/lib/schema/validate-manifest';
import { auditLogHookManifest, fullManifest, minimalManifest, type JsonObject } from './fixtures';


/** Reports for the full manifest after `change`, which breaks one thing. */
function reportsAfter(change: (manifest: any) => void, base: () => JsonObject = fullManifest) {
  const manifest = base();
  change(manifest);
  return validateManifestSchema(manifest);
}

const ROOT_KEYS =
  'name, version, overview, description, details, author, supportEmail, links, categories, icons, formVariables, ' +
  'capabilities, legacy, otherCapabilities, requiresOAuth, hideOnIntegrationsPage, oauthIntegrationKey, ' +
  'allowIntegrationConfigurations';

describe('valid manifests', () => {
  it.each([
    ['minimal', minimalManifest],
    ['change-history hook', auditLogHookManifest],
    ['every key and capability', fullManifest],
  ])('accepts the %s manifest with no reports', (_name, build) => {
    expect(validateManifestSchema(build())).toEqual([]);
  });

  it('does not change the manifest, not even to fill in defaults', () => {
    const manifest = fullManifest();
    delete (manifest.capabilities as any).auditLogEventsHook.endpoint.headers;
    const before = JSON.stringify(manifest);
    validateManifestSchema(manifest);
    expect(JSON.stringify(manifest)).toBe(before);
  });

  it('accepts unicode and strings exactly at their length limits, counting characters not UTF-16 units', () => {
    const manifest = fullManifest() as any;
    manifest.name = '🚀'.repeat(100);
    manifest.overview = 'Überwachung für Flaggen: Änderungen landen sofort im Kanal — schnell, klar und zuverlässig. '.padEnd(
      100,
      'é',
    );
    manifest.description = 'Описание интеграции. '.repeat(200).slice(0, 2048);
    manifest.details = '日本語の詳細説明。'.repeat(300).slice(0, 2048);
    manifest.author = 'Łukasz Żółć & Søren Ærø — 株式会社ルーメン'.padEnd(100, 'ß');
    manifest.version = '10.20.30-rc.12';
    manifest.oauthIntegrationKey = 'ключ'.repeat(25);
    manifest.formVariables[0].key = 'ключПеременной_12345';
    manifest.formVariables[0].name = 'Jeton d’accès à l’API de Lumen — très secret 🔑'.padEnd(50, 'x');
    manifest.formVariables[0].description = 'é🔔'.repeat(125);
    manifest.capabilities.reservedCustomProperties[0].name = 'ñ'.repeat(64);
    manifest.capabilities.approval.name = '承認'.repeat(50);
    manifest.links.site = `https://lumen-alerts.example/${'a'.repeat(2048 - 29)}`;
    expect([...manifest.name].length).toBe(100);
    expect(manifest.name.length).toBe(200);
    expect(manifest.overview.length).toBe(100);
    expect(manifest.author.length).toBe(100);
    expect(manifest.links.site.length).toBe(2048);
    expect([...manifest.formVariables[0].description].length).toBe(250);
    expect(validateManifestSchema(manifest)).toEqual([]);
  });

  it('accepts a defaultValue that is a boolean or a string', () => {
    for (const defaultValue of [true, false, 'us', '']) {
      expect(reportsAfter((m) => (m.formVariables[2].defaultValue = defaultValue))).toEqual([]);
    }
  });

  it('keeps the framework’s keywords that cannot apply to arrays without effect', () => {
    // minProperties on headers, minLength/maxLength on reservedCustomProperties and ui elements.
    expect(reportsAfter((m) => (m.capabilities.auditLogEventsHook.endpoint.headers = []))).toEqual([]);
    expect(reportsAfter((m) => (m.capabilities.reservedCustomProperties = []))).toEqual([]);
    const five = Array.from({ length: 5 }, (_, i) => ({ name: `Property ${i}`, key: `lumen.p${i}` }));
    expect(reportsAfter((m) => (m.capabilities.reservedCustomProperties = five))).toEqual([]);
    expect(reportsAfter((m) => (m.capabilities.flagLink.uiBlocks.title.elements = []))).toEqual([]);
  });

  it('leaves open what the framework leaves open', () => {
    expect(reportsAfter((m) => (m.capabilities.eventsHook.triggers = { anything: ['goes', 1, null] }))).toEqual([]);
    expect(reportsAfter((m) => (m.capabilities.buttonAction.requestBodyTemplates[0].extra = 'allowed'))).toEqual([]);
    expect(reportsAfter((m) => (m.capabilities.flagLink.metadata['any name / at all'] = { type: 'uri' }))).toEqual([]);
  });
});

describe('required keys', () => {
  it('reports a missing top-level key on the manifest', () => {
    expect(reportsAfter((m) => delete m.supportEmail)).toEqual([
      { message: 'the manifest is missing the required key `supportEmail`', pointer: '' },
    ]);
  });

  it('reports a missing nested key on its object', () => {
    expect(reportsAfter((m) => delete m.links.privacyPolicy)).toEqual([
      { message: '`links` is missing the required key `privacyPolicy`', pointer: '/links' },
    ]);
  });

  it('reports a missing key of an array item on the item', () => {
    expect(reportsAfter((m) => delete m.formVariables[0].description)).toEqual([
      { message: '`formVariables[0]` is missing the required key `description`', pointer: '/formVariables/0' },
    ]);
  });

  it('reports missing keys inside capabilities and shared definitions', () => {
    expect(reportsAfter((m) => delete m.capabilities.approval.creationRequest)).toEqual([
      { message: '`capabilities.approval` is missing the required key `creationRequest`', pointer: '/capabilities/approval' },
    ]);
    expect(reportsAfter((m) => delete m.capabilities.eventsHook.endpoint.method)).toEqual([
      {
        message: '`capabilities.eventsHook.endpoint` is missing the required key `method`',
        pointer: '/capabilities/eventsHook/endpoint',
      },
    ]);
    expect(reportsAfter((m) => delete m.formVariables[4].dynamicOptions.parser.optionsItems.value)).toEqual([
      {
        message: '`formVariables[4].dynamicOptions.parser.optionsItems` is missing the required key `value`',
        pointer: '/formVariables/4/dynamicOptions/parser/optionsItems',
      },
    ]);
    expect(reportsAfter((m) => delete m.capabilities.flagImport.includeErrorResponseBody)).toEqual([
      { message: '`capabilities.flagImport` is missing the required key `includeErrorResponseBody`', pointer: '/capabilities/flagImport' },
    ]);
  });

  it('reports each missing key once, on the same object', () => {
    expect(reportsAfter((m) => (m.capabilities.approval.memberListRequest.parser = {}))).toEqual([
      {
        message: '`capabilities.approval.memberListRequest.parser` is missing the required key `memberArrayPath`',
        pointer: '/capabilities/approval/memberListRequest/parser',
      },
      {
        message: '`capabilities.approval.memberListRequest.parser` is missing the required key `memberItems`',
        pointer: '/capabilities/approval/memberListRequest/parser',
      },
    ]);
  });
});

describe('unknown keys', () => {
  it('points at the unknown key itself and lists the allowed ones, at the top level', () => {
    expect(reportsAfter((m) => (m.homepage = 'https://lumen-alerts.example'))).toEqual([
      {
        message: `the manifest has an unknown key \`homepage\`; allowed keys: ${ROOT_KEYS}`,
        pointer: '',
        key: 'homepage',
      },
    ]);
  });

  it('reports an unknown nested key once, not once per Ajv error', () => {
    expect(reportsAfter((m) => (m.links.homepage = 'https://lumen-alerts.example'))).toEqual([
      {
        message: '`links` has an unknown key `homepage`; allowed keys: site, launchdarklyDocs, privacyPolicy, supportWebsite',
        pointer: '/links',
        key: 'homepage',
      },
    ]);
  });

  it('reports unknown keys inside a capability and inside shared definitions', () => {
    expect(reportsAfter((m) => (m.capabilities.auditLogEventsHook.endpoint.timeout = 30))).toEqual([
      {
        message:
          '`capabilities.auditLogEventsHook.endpoint` has an unknown key `timeout`; allowed keys: url, method, headers, hmacSignature',
        pointer: '/capabilities/auditLogEventsHook/endpoint',
        key: 'timeout',
      },
    ]);
    expect(reportsAfter((m) => (m.formVariables[4].dynamicOptions.endpoint.headers[0].secret = true))).toEqual([
      {
        message: '`formVariables[4].dynamicOptions.endpoint.headers[0]` has an unknown key `secret`; allowed keys: name, value',
        pointer: '/formVariables/4/dynamicOptions/endpoint/headers/0',
        key: 'secret',
      },
    ]);
  });

  it('names the allowed key an unknown one misspells, so a partner sees why the key meant is missing', () => {
    expect(reportsAfter((m) => ((m.overveiw = m.overview), delete m.overview))).toEqual([
      { message: 'the manifest is missing the required key `overview`', pointer: '' },
      {
        message: `the manifest has an unknown key \`overveiw\` (did you mean \`overview\`?); allowed keys: ${ROOT_KEYS}`,
        pointer: '',
        key: 'overveiw',
      },
    ]);
    const [report] = reportsAfter((m) => ((m.formVariables[0].isSecert = true), delete m.formVariables[0].isSecret));
    expect(report.message).toMatch(/^`formVariables\[0\]` has an unknown key `isSecert` \(did you mean `isSecret`\?\); allowed keys: key, name, /);
  });

  it('names no allowed key the object already has: a stray copy beside it misspells nothing that is missing', () => {
    const [beside] = reportsAfter((m) => (m.overveiw = m.overview));
    expect(beside).toEqual({ message: `the manifest has an unknown key \`overveiw\`; allowed keys: ${ROOT_KEYS}`, pointer: '', key: 'overveiw' });
    // Another allowed key it is close to, and not given, is still named.
    const [other] = reportsAfter((m) => ((m.Details = m.details), delete m.details));
    expect(other.message).toMatch(/^the manifest has an unknown key `Details` \(did you mean `details`\?\)/);
  });

  it('reports an unknown capability', () => {
    const [report] = reportsAfter((m) => (m.capabilities.slackBot = {}));
    expect(report).toMatchObject({ pointer: '/capabilities', key: 'slackBot' });
    expect(report.message).toMatch(/^`capabilities` has an unknown key `slackBot`; allowed keys: auditLogEventsHook, buttonAction, /);
  });

  it('escapes keys in pointers and quotes them in paths when they are not plain names', () => {
    expect(reportsAfter((m) => (m.capabilities.flagLink.metadata['ticket/url'] = { type: 'link' }))).toEqual([
      {
        message: '`capabilities.flagLink.metadata["ticket/url"].type` must be one of string, uri, but it is "link"',
        pointer: '/capabilities/flagLink/metadata/ticket~1url/type',
      },
    ]);
  });
});

describe('enums', () => {
  it.each<[string, (m: any) => void, string, string]>([
    [
      'an HTTP method',
      (m) => (m.capabilities.auditLogEventsHook.endpoint.method = 'SEND'),
      '/capabilities/auditLogEventsHook/endpoint/method',
      '`capabilities.auditLogEventsHook.endpoint.method` must be one of POST, PUT, PATCH, GET, DELETE, but it is "SEND"',
    ],
    [
      'a form variable type',
      (m) => (m.formVariables[0].type = 'password'),
      '/formVariables/0/type',
      '`formVariables[0].type` must be one of string, boolean, uri, enum, oauth, dynamicEnum, generated, environmentSelector, multiselect, publicKey, but it is "password"',
    ],
    [
      'a legacy kind',
      (m) => (m.legacy.kind = 'slack'),
      '/legacy/kind',
      '`legacy.kind` must be one of codeRefs, datadog, dataExport, slackWebhooks, webhooks, but it is "slack"',
    ],
    [
      'a big segment store',
      (m) => (m.capabilities.bigSegmentStore.dbStyle = 'postgres'),
      '/capabilities/bigSegmentStore/dbStyle',
      '`capabilities.bigSegmentStore.dbStyle` must be one of redis, dynamoDB, but it is "postgres"',
    ],
    [
      'a policy effect',
      (m) => (m.capabilities.auditLogEventsHook.defaultPolicy[1].effect = 'block'),
      '/capabilities/auditLogEventsHook/defaultPolicy/1/effect',
      '`capabilities.auditLogEventsHook.defaultPolicy[1].effect` must be one of allow, deny, but it is "block"',
    ],
    [
      'a condition operator',
      (m) => (m.formVariables[4].dependsOn[0].conditions[0].operator = 'matches'),
      '/formVariables/4/dependsOn/0/conditions/0/operator',
      '`formVariables[4].dependsOn[0].conditions[0].operator` must be one of lessThan, lessThanOrEqualTo, greaterThan, greaterThanOrEqualTo, equalTo, notEqual, contains, startsWith, endsWith, but it is "matches"',
    ],
    [
      'an other capability',
      (m) => (m.otherCapabilities[1] = 'oauth'),
      '/otherCapabilities/1',
      '`otherCapabilities[1]` must be one of codeRefs, dataExport, external, ide, sso, webhooks, warehouseExperimentation, warehouseExport, but it is "oauth"',
    ],
  ])('rejects %s outside the list', (_what, change, pointer, message) => {
    expect(reportsAfter(change)).toEqual([{ message, pointer }]);
  });

  it('rejects a category outside the list', () => {
    const [report, ...rest] = reportsAfter((m) => (m.categories[0] = 'games'));
    expect(rest).toEqual([]);
    expect(report.pointer).toBe('/categories/0');
    expect(report.message).toBe(
      '`categories[0]` must be one of ai, analytics, approval, authentication, automation, big-segment-store, ' +
        'code-references, customer-support, data, developer-tools, import, infrastructure, issue-tracking, ' +
        'log-management, messaging, migration, monitoring, synced-segments, notifications, but it is "games"',
    );
  });

  it('suggests the allowed value a typo is closest to, and names a value that is not text by its kind', () => {
    expect(reportsAfter((m) => (m.capabilities.auditLogEventsHook.endpoint.method = 'post'))).toEqual([
      {
        message: '`capabilities.auditLogEventsHook.endpoint.method` must be one of POST, PUT, PATCH, GET, DELETE, but it is "post" (did you mean POST?)',
        pointer: '/capabilities/auditLogEventsHook/endpoint/method',
      },
    ]);
    expect(reportsAfter((m) => (m.categories[0] = 'analitics'))[0].message).toMatch(/, but it is "analitics" \(did you mean analytics\?\)$/);
    // A short value two edits from an allowed one shares too little with it to be its typo.
    expect(reportsAfter((m) => (m.categories[0] = 'apm'))[0].message).toMatch(/, but it is "apm"$/);
    expect(reportsAfter((m) => (m.capabilities.auditLogEventsHook.endpoint.method = 'PST'))[0].message).toMatch(/\(did you mean POST\?\)$/);
    // The schema gives every enum a type, which reports a value of another kind first; unseen here, then.
    const enumError = { keyword: 'enum', instancePath: '/kind', schemaPath: '#/enum', params: { allowedValues: ['a', 'b'] } };
    expect(schemaErrorsToReports([enumError], { kind: { a: 1 } })[0].message).toBe('`kind` must be one of a, b, but it is an object');
  });
});

describe('string lengths', () => {
  it.each<[string, (m: any) => void, string, string]>([
    ['a short name', (m) => (m.name = 'LA'), '/name', '`name` must be at least 3 characters'],
    ['a long name', (m) => (m.name = 'L'.repeat(101)), '/name', '`name` must be at most 100 characters'],
    ['a short overview', (m) => (m.overview = 'Alerts.'), '/overview', '`overview` must be at least 10 characters'],
    ['a long overview', (m) => (m.overview = `${'a'.repeat(100)}.`), '/overview', '`overview` must be at most 100 characters'],
    ['a short description', (m) => (m.description = 'd'.repeat(49)), '/description', '`description` must be at least 50 characters'],
    ['a long description', (m) => (m.description = 'd'.repeat(2049)), '/description', '`description` must be at most 2048 characters'],
    ['a short details', (m) => (m.details = 'Short.'), '/details', '`details` must be at least 50 characters'],
    ['a long author', (m) => (m.author = 'a'.repeat(101)), '/author', '`author` must be at most 100 characters'],
    ['a short OAuth key', (m) => (m.oauthIntegrationKey = 'la'), '/oauthIntegrationKey', '`oauthIntegrationKey` must be at least 3 characters'],
    ['a long version', (m) => (m.version = '1.0.0-beta.1234'), '/version', '`version` must be at most 14 characters'],
    [
      'a long form variable key',
      (m) => (m.formVariables[0].key = 'k'.repeat(21)),
      '/formVariables/0/key',
      '`formVariables[0].key` must be at most 20 characters',
    ],
    [
      'a long form variable name',
      (m) => (m.formVariables[0].name = 'n'.repeat(51)),
      '/formVariables/0/name',
      '`formVariables[0].name` must be at most 50 characters',
    ],
    [
      'a long form variable description in a capability',
      (m) => (m.capabilities.flagCleanup.formVariables[0].description = 'd'.repeat(251)),
      '/capabilities/flagCleanup/formVariables/0/description',
      '`capabilities.flagCleanup.formVariables[0].description` must be at most 250 characters',
    ],
    [
      'a long header name',
      (m) => (m.capabilities.buttonAction.actionRequest.endpoint.headers[0].name = 'X'.repeat(51)),
      '/capabilities/buttonAction/actionRequest/endpoint/headers/0/name',
      '`capabilities.buttonAction.actionRequest.endpoint.headers[0].name` must be at most 50 characters',
    ],
    [
      'a long custom property key',
      (m) => (m.capabilities.reservedCustomProperties[0].key = 'k'.repeat(65)),
      '/capabilities/reservedCustomProperties/0/key',
      '`capabilities.reservedCustomProperties[0].key` must be at most 64 characters',
    ],
    [
      'an empty approval name',
      (m) => (m.capabilities.approval.name = ''),
      '/capabilities/approval/name',
      '`capabilities.approval.name` must not be empty',
    ],
    [
      'a long condition value',
      (m) => (m.formVariables[4].dependsOn[0].conditions[0].value = 'v'.repeat(251)),
      '/formVariables/4/dependsOn/0/conditions/0/value',
      '`formVariables[4].dependsOn[0].conditions[0].value` must be at most 250 characters',
    ],
    [
      'a long external configuration URL',
      (m) => (m.capabilities.externalConfigurationURL = `https://lumen-alerts.example/${'a'.repeat(2020)}`),
      '/capabilities/externalConfigurationURL',
      '`capabilities.externalConfigurationURL` must be at most 2048 characters',
    ],
  ])('rejects %s', (_what, change, pointer, message) => {
    expect(reportsAfter(change)).toEqual([{ message, pointer }]);
  });

  it('counts an emoji as one character, so 101 of them are too many', () => {
    expect(reportsAfter((m) => (m.name = '🚀'.repeat(101)))).toEqual([
      { message: '`name` must be at most 100 characters', pointer: '/name' },
    ]);
  });
});

describe('patterns', () => {
  it.each(['1.0.x', 'v1.0.0', '01.0.0', '1.0.0.0', '1.0.0-', '1.0.0+a+b'])('rejects the version %p', (version) => {
    expect(reportsAfter((m) => (m.version = version))).toEqual([
      { message: '`version` must be a semantic version such as 1.0.0', pointer: '/version' },
    ]);
  });

  it('reports a too-short and malformed version in one finding that says both', () => {
    expect(reportsAfter((m) => (m.version = '1.0'))).toEqual([
      { message: '`version` must be at least 5 characters, and must be a semantic version such as 1.0.0', pointer: '/version' },
    ]);
  });

  it('says in one finding all that one list breaks, and keeps apart what its items break', () => {
    expect(reportsAfter((m) => (m.categories = ['ai', 'ai', 'ai', 'nope']))).toEqual([
      { message: '`categories` must have at most 3 items, and must not repeat items', pointer: '/categories' },
      expect.objectContaining({ pointer: '/categories/3', message: expect.stringMatching(/^`categories\[3\]` must be one of /) }),
    ]);
  });

  it.each(['0.1.0', '1.0.0-beta.2', '2.3.4+build.7', '1.0.0-0.3.7'])('accepts the version %p', (version) => {
    expect(reportsAfter((m) => (m.version = version))).toEqual([]);
  });

  it.each<[string, (m: any) => void, string, string]>([
    [
      'a link without a scheme',
      (m) => (m.links.site = 'www.lumen-alerts.example'),
      '/links/site',
      '`links.site` must be a web address starting with http:// or https://',
    ],
    [
      'a link with another scheme',
      (m) => (m.links.privacyPolicy = 'ftp://lumen-alerts.example/privacy'),
      '/links/privacyPolicy',
      '`links.privacyPolicy` must be a web address starting with http:// or https://',
    ],
    [
      'a trigger documentation page without a scheme',
      (m) => (m.capabilities.trigger.documentation = 'docs.lumen-alerts.example'),
      '/capabilities/trigger/documentation',
      '`capabilities.trigger.documentation` must be a web address starting with http:// or https://',
    ],
    [
      'a PNG square icon',
      (m) => (m.icons.square = 'assets/images/square.png'),
      '/icons/square',
      '`icons.square` must be the path of an SVG file (ending in .svg)',
    ],
    [
      'a horizontal icon with a suffix after .svg',
      (m) => (m.icons.horizontal = 'assets/images/horizontal.svg.bak'),
      '/icons/horizontal',
      '`icons.horizontal` must be the path of an SVG file (ending in .svg)',
    ],
    [
      'a form variable key with a space',
      (m) => (m.formVariables[0].key = 'api token'),
      '/formVariables/0/key',
      '`formVariables[0].key` must not contain spaces or other whitespace',
    ],
    [
      'a dependsOn key with a tab',
      (m) => (m.formVariables[4].dependsOn[0].variableKey = 'mention\tOnCall'),
      '/formVariables/4/dependsOn/0/variableKey',
      '`formVariables[4].dependsOn[0].variableKey` must not contain spaces or other whitespace',
    ],
    [
      'a header name with a space',
      (m) => (m.capabilities.auditLogEventsHook.endpoint.headers[0].name = 'Content Type'),
      '/capabilities/auditLogEventsHook/endpoint/headers/0/name',
      '`capabilities.auditLogEventsHook.endpoint.headers[0].name` must not contain spaces or other whitespace',
    ],
    [
      'an overview on two lines',
      (m) => (m.overview = 'Post flag changes\nto Lumen Alerts.'),
      '/overview',
      '`overview` must be a single line, without line breaks',
    ],
    [
      'a description with a carriage return',
      (m) => (m.description = `${'Flag changes, posted to your channels. '.repeat(2)}\rSecond line.`),
      '/description',
      '`description` must be a single line, without line breaks',
    ],
  ])('rejects %s', (_what, change, pointer, message) => {
    expect(reportsAfter(change)).toEqual([{ message, pointer }]);
  });

  it('accepts links in any letter case of http and https', () => {
    expect(reportsAfter((m) => (m.links.site = 'hTtPs://lumen-alerts.example'))).toEqual([]);
    expect(reportsAfter((m) => (m.links.site = 'http://lumen-alerts.example'))).toEqual([]);
  });

  it('quotes a pattern it has no explanation for', () => {
    expect(reportsAfter((m) => (m.capabilities.internalConfigurationURL = 'https://app.example/settings'))).toEqual([
      {
        message:
          '`capabilities.internalConfigurationURL` must match the pattern `^(/[^/]+)+(?:\\?[^\\s]*)?$|^[^/]+(/[^/]+)*(?:\\?[^\\s]*)?$`',
        pointer: '/capabilities/internalConfigurationURL',
      },
    ]);
  });

  it.each(['/settings/lumen', 'settings/lumen?tab=a&b=c', 'lumen'])('accepts the internal configuration path %p', (url) => {
    expect(reportsAfter((m) => (m.capabilities.internalConfigurationURL = url))).toEqual([]);
  });
});

describe('formats', () => {
  it.each(['integrations.lumen-alerts.example', 'support@', '@lumen-alerts.example', 'a b@lumen-alerts.example'])(
    'rejects the support email %p',
    (email) => {
      expect(reportsAfter((m) => (m.supportEmail = email))).toEqual([
        { message: '`supportEmail` must be an email address', pointer: '/supportEmail' },
      ]);
    },
  );

  it.each(['team+launchdarkly@lumen-alerts.example', 'support@localhost', '.support@lumen-alerts.example'])(
    'accepts the support email %p, as the framework\'s fast email check does',
    (email) => {
      expect(reportsAfter((m) => (m.supportEmail = email))).toEqual([]);
    },
  );
});

describe('array sizes and uniqueness', () => {
  it('rejects no categories', () => {
    expect(reportsAfter((m) => (m.categories = []))).toEqual([
      { message: '`categories` must have at least 1 item', pointer: '/categories' },
    ]);
  });

  it('rejects more than three categories', () => {
    expect(reportsAfter((m) => m.categories.push('automation'))).toEqual([
      { message: '`categories` must have at most 3 items', pointer: '/categories' },
    ]);
  });

  it('rejects a repeated category', () => {
    expect(reportsAfter((m) => (m.categories = ['monitoring', 'notifications', 'monitoring']))).toEqual([
      { message: '`categories` must not repeat items', pointer: '/categories' },
    ]);
  });

  it('rejects an empty otherCapabilities and an empty defaultPolicy', () => {
    expect(reportsAfter((m) => (m.otherCapabilities = []))).toEqual([
      { message: '`otherCapabilities` must have at least 1 item', pointer: '/otherCapabilities' },
    ]);
    expect(reportsAfter((m) => (m.capabilities.auditLogEventsHook.defaultPolicy = []))).toEqual([
      {
        message: '`capabilities.auditLogEventsHook.defaultPolicy` must have at least 1 item',
        pointer: '/capabilities/auditLogEventsHook/defaultPolicy',
      },
    ]);
  });
});

describe('types', () => {
  it('rejects a number as defaultValue', () => {
    expect(reportsAfter((m) => (m.formVariables[2].defaultValue = 3))).toEqual([
      {
        message: '`formVariables[2].defaultValue` must be a boolean or a string, but it is a number',
        pointer: '/formVariables/2/defaultValue',
      },
    ]);
  });

  it('rejects an object as defaultValue in approval form variables', () => {
    expect(reportsAfter((m) => (m.capabilities.approval.approvalFormVariables[0].defaultValue = { value: 'low' }))).toEqual([
      {
        message: '`capabilities.approval.approvalFormVariables[0].defaultValue` must be a boolean or a string, but it is an object',
        pointer: '/capabilities/approval/approvalFormVariables/0/defaultValue',
      },
    ]);
  });

  it.each<[string, (m: any) => void, string, string]>([
    ['a numeric name', (m) => (m.name = 42), '/name', '`name` must be a string, but it is a number'],
    ['a string boolean', (m) => (m.requiresOAuth = 'yes'), '/requiresOAuth', '`requiresOAuth` must be a boolean, but it is a string'],
    ['null links', (m) => (m.links = null), '/links', '`links` must be an object, but it is null'],
    ['a string category list', (m) => (m.categories = 'notifications'), '/categories', '`categories` must be an array, but it is a string'],
    ['an object of form variables', (m) => (m.formVariables = {}), '/formVariables', '`formVariables` must be an array, but it is an object'],
    ['a list of capabilities', (m) => (m.capabilities = []), '/capabilities', '`capabilities` must be an object, but it is an array'],
    [
      'a boolean template path',
      (m) => (m.capabilities.auditLogEventsHook.templates.flag = true),
      '/capabilities/auditLogEventsHook/templates/flag',
      '`capabilities.auditLogEventsHook.templates.flag` must be a string, but it is a boolean',
    ],
    [
      'a number in allowedValues',
      (m) => (m.formVariables[2].allowedValues[1] = 2),
      '/formVariables/2/allowedValues/1',
      '`formVariables[2].allowedValues[1]` must be a string, but it is a number',
    ],
    [
      'a string isBold',
      (m) => (m.capabilities.flagLink.uiBlocks.title.elements[0].isBold = 'true'),
      '/capabilities/flagLink/uiBlocks/title/elements/0/isBold',
      '`capabilities.flagLink.uiBlocks.title.elements[0].isBold` must be a boolean, but it is a string',
    ],
  ])('rejects %s', (_what, change, pointer, message) => {
    expect(reportsAfter(change)).toEqual([{ message, pointer }]);
  });

  it('names the whole manifest when it is not an object', () => {
    expect(validateManifestSchema([minimalManifest()])).toEqual([
      { message: 'the manifest must be an object, but it is an array', pointer: '' },
    ]);
  });
});

describe('several problems at once', () => {
  it('reports every problem, each once', () => {
    const reports = reportsAfter((m) => {
      m.name = 'LA';
      m.links.homepage = 'https://lumen-alerts.example';
      m.formVariables[0].key = 'api token';
      m.capabilities.auditLogEventsHook.endpoint.method = 'SEND';
      delete m.icons.square;
    });
    expect(reports).toHaveLength(5);
    expect(new Set(reports.map((report) => `${report.pointer} ${report.key ?? ''} ${report.message}`)).size).toBe(5);
    expect(reports.map((report) => report.pointer).sort()).toEqual([
      '/capabilities/auditLogEventsHook/endpoint/method',
      '/formVariables/0/key',
      '/icons',
      '/links',
      '/name',
    ]);
  });
});
