/**
 * Single mutations of valid corpus integrations, one per constraint family of the manifest
 * format and per rule of the framework's CI, each with the rule id that must report it.
 *
 * A mutation starts from the first corpus integration of an archetype (or a given instance of
 * it), changes one thing, and is validated next to an untouched copy of its base, so a finding
 * can only come from the change.
 */
import type { Files } from '../../scripts/bench/corpus';

// Mutations reach deep into manifests that are plain JSON; `any` keeps each one a single line.
export type Manifest = Record<string, any>;

export interface Mutation {
  /** Says what breaks, in the words of the fact sheet where it has some. */
  name: string;
  /** Archetype id, or archetype id and instance number. */
  base: string | [string, number];
  /** The rule that must report it. */
  rule: string;
  /**
   * `error` (the default): the framework refuses it, so `validate` must give an error with `rule`.
   * `warning`: the framework's CI accepts it, so `validate` must warn with `rule` and give no error.
   * `accept`: the fact sheet allows it, so `validate` must give no error (`rule` is unused).
   */
  severity?: 'error' | 'warning' | 'accept';
  /** Changes the manifest and files in place; a returned string replaces the manifest text. */
  apply(manifest: Manifest, files: Files): void | string;
}

const hook = (m: Manifest): Manifest => m.capabilities.auditLogEventsHook;

function variable(m: Manifest, key: string, list: Manifest[] = m.formVariables): Manifest {
  const found = list.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`mutation base has no form variable ${key}`);
  return found;
}

const approvalVariable = (m: Manifest, key: string): Manifest => variable(m, key, m.capabilities.approval.approvalFormVariables);
const environmentVariable = (m: Manifest, key: string): Manifest => variable(m, key, m.capabilities.approval.environmentFormVariables);

function edit(files: Files, file: string, from: string | RegExp, to: string): void {
  const before = files[file];
  if (before === undefined) throw new Error(`mutation base has no file ${file}`);
  const after = before.replace(from, to);
  if (after === before) throw new Error(`mutation found nothing to replace in ${file}: ${String(from)}`);
  files[file] = after;
}

const CHAT = 'chat-webhook';
const INCIDENTS = 'incident-events';
const LOGS = 'log-ingest';
const NOTIFY = 'text-notify';
const SIGNED = 'signed-webhook';
const OAUTH = 'oauth-tracker';
const STANDARD = 'standard-webhook';
const ZOO = 'form-variable-zoo';
const APPROVAL = 'approval';

/** Constraints of the schema: required keys, allowed keys, enums, lengths, patterns, formats, item counts. */
const SCHEMA: Mutation[] = [
  { name: 'drop required name', base: CHAT, rule: 'schema', apply: (m) => void delete m.name },
  { name: 'drop required links.privacyPolicy', base: 'trigger', rule: 'schema', apply: (m) => void delete m.links.privacyPolicy },
  { name: 'drop required icons.horizontal', base: 'trigger', rule: 'schema', apply: (m) => void delete m.icons.horizontal },
  { name: 'drop required form variable description', base: ZOO, rule: 'schema', apply: (m) => void delete variable(m, 'accountRef').description },
  { name: 'unknown root key', base: 'other-capabilities-only', rule: 'schema', apply: (m) => void (m.homepage = 'https://example.com') },
  { name: 'unknown form variable key', base: ZOO, rule: 'schema', apply: (m) => void (variable(m, 'apiKey').secret = true) },
  { name: 'unknown capability', base: 'flag-link', rule: 'schema', apply: (m) => void (m.capabilities.flagLinks = {}) },
  { name: 'unknown endpoint key', base: CHAT, rule: 'schema', apply: (m) => void (hook(m).endpoint.timeout = 30) },
  { name: 'unknown policy statement key', base: CHAT, rule: 'schema', apply: (m) => void (hook(m).defaultPolicy[0].condition = 'always') },
  { name: 'category not in the enum', base: 'trigger', rule: 'schema', apply: (m) => void (m.categories = ['alerting']) },
  { name: 'more than 3 categories', base: ZOO, rule: 'schema', apply: (m) => void (m.categories = ['data', 'analytics', 'automation', 'monitoring']) },
  { name: 'duplicate category', base: CHAT, rule: 'schema', apply: (m) => void (m.categories = ['messaging', 'messaging']) },
  { name: 'no category', base: CHAT, rule: 'schema', apply: (m) => void (m.categories = []) },
  { name: 'categories as a string', base: CHAT, rule: 'schema', apply: (m) => void (m.categories = 'messaging') },
  { name: 'form variable type not in the enum', base: CHAT, rule: 'schema', apply: (m) => void (variable(m, 'channel').type = 'text') },
  { name: 'endpoint method not in the enum', base: CHAT, rule: 'schema', apply: (m) => void (hook(m).endpoint.method = 'SEND') },
  { name: 'legacy kind not in the enum', base: 'legacy', rule: 'schema', apply: (m) => void (m.legacy.kind = 'slack') },
  { name: 'bigSegmentStore dbStyle not in the enum', base: 'big-segment-store', rule: 'schema', apply: (m) => void (m.capabilities.bigSegmentStore.dbStyle = 'postgres') },
  { name: 'deliveryMethod not in the enum', base: 'custom-delivery', rule: 'schema', apply: (m) => void (hook(m).deliveryMethod = 'email') },
  { name: 'policy effect not in the enum', base: CHAT, rule: 'schema', apply: (m) => void (hook(m).defaultPolicy[0].effect = 'permit') },
  { name: 'otherCapabilities entry not in the enum', base: 'other-capabilities-only', rule: 'schema', apply: (m) => void (m.otherCapabilities = ['plugin']) },
  { name: 'trigger auth not in the enum', base: 'trigger', rule: 'schema', apply: (m) => void (m.capabilities.trigger.auth = 'apiKey') },
  { name: 'flagLink metadata type not in the enum', base: 'flag-link', rule: 'schema', apply: (m) => void (m.capabilities.flagLink.metadata.reference.type = 'number') },
  { name: 'dependsOn operator not in the enum', base: ZOO, rule: 'schema', apply: (m) => void (variable(m, 'commentPrefix').dependsOn[0].conditions[0].operator = 'matches') },
  { name: 'dependsOn variableLocation not in the enum', base: APPROVAL, rule: 'schema', apply: (m) => void (approvalVariable(m, 'notifyOnCall').dependsOn[0].variableLocation = 'capabilities') },
  { name: 'dependsOn action not in the enum', base: ZOO, rule: 'schema', apply: (m) => void (variable(m, 'commentPrefix').dependsOn[0].action = 'disableField') },
  { name: 'name shorter than 3', base: 'trigger', rule: 'schema', apply: (m) => void (m.name = 'Ab') },
  { name: 'name longer than 100', base: 'trigger', rule: 'schema', apply: (m) => void (m.name = 'N'.repeat(101)) },
  { name: 'overview shorter than 10', base: CHAT, rule: 'schema', apply: (m) => void (m.overview = 'Post it.') },
  { name: 'overview longer than 100', base: CHAT, rule: 'schema', apply: (m) => void (m.overview = 'x'.repeat(100) + '.') },
  { name: 'description shorter than 50', base: CHAT, rule: 'schema', apply: (m) => void (m.description = 'Posts flag changes to a room.') },
  { name: 'description with a line break', base: CHAT, rule: 'schema', apply: (m) => void (m.description = `${m.description}\nSecond paragraph of the description.`) },
  { name: 'description longer than 2048', base: CHAT, rule: 'schema', apply: (m) => void (m.description = 'd'.repeat(2049)) },
  { name: 'details shorter than 50', base: INCIDENTS, rule: 'schema', apply: (m) => void (m.details = 'Short details.') },
  { name: 'author shorter than 3', base: CHAT, rule: 'schema', apply: (m) => void (m.author = 'AB') },
  { name: 'version not major.minor.patch', base: CHAT, rule: 'schema', apply: (m) => void (m.version = '1.0') },
  { name: 'version with a leading zero', base: CHAT, rule: 'schema', apply: (m) => void (m.version = '01.0.0') },
  { name: 'version longer than 14', base: CHAT, rule: 'schema', apply: (m) => void (m.version = '1.0.0-alpha.1+b7') },
  { name: 'supportEmail not an email', base: CHAT, rule: 'schema', apply: (m) => void (m.supportEmail = 'support at example.com') },
  { name: 'links.site not http(s)', base: CHAT, rule: 'schema', apply: (m) => void (m.links.site = 'ftp://files.example.com') },
  { name: 'links.privacyPolicy without a scheme', base: CHAT, rule: 'schema', apply: (m) => void (m.links.privacyPolicy = 'example.com/privacy') },
  { name: 'unknown links key', base: CHAT, rule: 'schema', apply: (m) => void (m.links.twitter = 'https://twitter.example/x') },
  {
    name: 'icon not .svg',
    base: 'trigger',
    rule: 'schema',
    apply: (m, files) => {
      files['assets/square.png'] = 'PNG';
      m.icons.square = 'assets/square.png';
    },
  },
  { name: 'form variable key with whitespace', base: ZOO, rule: 'schema', apply: (m) => void (variable(m, 'accountRef').key = 'account ref') },
  { name: 'form variable key longer than 20', base: ZOO, rule: 'schema', apply: (m) => void (variable(m, 'accountRef').key = 'accountReferenceNumber') },
  { name: 'form variable name longer than 50', base: ZOO, rule: 'schema', apply: (m) => void (variable(m, 'accountRef').name = 'n'.repeat(51)) },
  { name: 'form variable description longer than 250', base: ZOO, rule: 'schema', apply: (m) => void (variable(m, 'accountRef').description = 'd'.repeat(251)) },
  { name: 'number defaultValue', base: ZOO, rule: 'schema', apply: (m) => void (variable(m, 'batchSize').defaultValue = 1) },
  { name: 'allowedValues not strings', base: INCIDENTS, rule: 'schema', apply: (m) => void (variable(m, 'region').allowedValues = ['us', 2]) },
  { name: 'header name with a space', base: CHAT, rule: 'schema', apply: (m) => void (hook(m).endpoint.headers[0].name = 'Content Type') },
  { name: 'header name longer than 50', base: CHAT, rule: 'schema', apply: (m) => void (hook(m).endpoint.headers[0].name = 'X-' + 'h'.repeat(49)) },
  { name: 'header without value', base: CHAT, rule: 'schema', apply: (m) => void delete hook(m).endpoint.headers[0].value },
  { name: 'endpoint without url', base: CHAT, rule: 'schema', apply: (m) => void delete hook(m).endpoint.url },
  { name: 'empty defaultPolicy', base: CHAT, rule: 'schema', apply: (m) => void (hook(m).defaultPolicy = []) },
  { name: 'requiresOAuth as a string', base: OAUTH, rule: 'schema', apply: (m) => void (m.requiresOAuth = 'true') },
  { name: 'oauthIntegrationKey shorter than 3', base: OAUTH, rule: 'schema', apply: (m) => void (m.oauthIntegrationKey = 'ab') },
  { name: 'empty otherCapabilities next to capabilities', base: 'flag-cleanup', rule: 'schema', apply: (m) => void (m.otherCapabilities = []) },
  { name: 'reserved custom property key longer than 64', base: 'button-action', rule: 'schema', apply: (m) => void (m.capabilities.reservedCustomProperties[0].key = 'k'.repeat(65)) },
  { name: 'reserved custom property without name', base: 'button-action', rule: 'schema', apply: (m) => void delete m.capabilities.reservedCustomProperties[0].name },
  { name: 'trigger documentation not http(s)', base: 'trigger', rule: 'schema', apply: (m) => void (m.capabilities.trigger.documentation = 'docs.example.com/triggers') },
  { name: 'trigger without documentation', base: 'trigger', rule: 'schema', apply: (m) => void delete m.capabilities.trigger.documentation },
  { name: 'internalConfigurationURL with a trailing slash', base: ['synced-segment', 1], rule: 'schema', apply: (m) => void (m.capabilities.internalConfigurationURL = '/settings/integrations/') },
  { name: 'externalConfigurationURL not http(s)', base: ['external-configuration', 1], rule: 'schema', apply: (m) => void (m.capabilities.externalConfigurationURL = 'app.example.com/settings') },
  { name: 'externalConfigurationPages without editUrl', base: 'external-configuration', rule: 'schema', apply: (m) => void delete m.capabilities.externalConfigurationPages.editUrl },
  { name: 'hideConfiguration not a boolean', base: ['big-segment-store', 2], rule: 'schema', apply: (m) => void (m.capabilities.hideConfiguration = 'yes') },
  { name: 'approval without creationRequest', base: APPROVAL, rule: 'schema', apply: (m) => void delete m.capabilities.approval.creationRequest },
  { name: 'approval parser without approvalMatcher', base: APPROVAL, rule: 'schema', apply: (m) => void delete m.capabilities.approval.statusRequest.parser.approvalMatcher },
  { name: 'memberListRequest parser without memberItems', base: APPROVAL, rule: 'schema', apply: (m) => void delete m.capabilities.approval.memberListRequest.parser.memberItems },
  { name: 'approval name empty', base: APPROVAL, rule: 'schema', apply: (m) => void (m.capabilities.approval.name = '') },
  { name: 'featureStore without featureStoreRequest', base: 'feature-store', rule: 'schema', apply: (m) => void delete m.capabilities.featureStore.featureStoreRequest },
  { name: 'featureStore form variable without type', base: 'feature-store', rule: 'schema', apply: (m) => void delete m.capabilities.featureStore.formVariables[0].type },
  { name: 'validationRequest parser without success', base: 'feature-store', rule: 'schema', apply: (m) => void delete m.capabilities.featureStore.validationRequest.parser.success },
  { name: 'syncedSegment requestParser without memberArrayParser', base: 'synced-segment', rule: 'schema', apply: (m) => void delete m.capabilities.syncedSegment.requestParser.memberArrayParser },
  { name: 'arrayInclusion without matcher', base: ['synced-segment', 2], rule: 'schema', apply: (m) => void delete m.capabilities.syncedSegment.requestParser.arrayInclusion.matcher },
  { name: 'flagImport without includeErrorResponseBody', base: 'flag-import', rule: 'schema', apply: (m) => void delete m.capabilities.flagImport.includeErrorResponseBody },
  { name: 'flagImport template kind not allowed', base: 'flag-import', rule: 'schema', apply: (m) => void (m.capabilities.flagImport.templates.optimizely = 'templates/import-overview.json.hbs') },
  { name: 'eventsHook without endpoint', base: 'events-hook', rule: 'schema', apply: (m) => void delete m.capabilities.eventsHook.endpoint },
  { name: 'eventsHook template kind not allowed', base: 'events-hook', rule: 'schema', apply: (m) => void (m.capabilities.eventsHook.templates.flagChanged = 'templates/regression.json.hbs') },
  { name: 'auditLogEventsHook without templates', base: CHAT, rule: 'schema', apply: (m) => void delete hook(m).templates },
  { name: 'auditLogEventsHook template kind not allowed', base: CHAT, rule: 'schema', apply: (m) => void (hook(m).templates.segment = 'templates/default.json') },
  { name: 'buttonAction body template without requiredContext', base: 'button-action', rule: 'schema', apply: (m) => void delete m.capabilities.buttonAction.requestBodyTemplates[0].requiredContext },
  { name: 'flagLink without header', base: 'flag-link', rule: 'schema', apply: (m) => void delete m.capabilities.flagLink.header },
  { name: 'flagLink image without sourceUrl', base: 'flag-link', rule: 'schema', apply: (m) => void delete m.capabilities.flagLink.uiBlocks.image.sourceUrl },
  { name: 'multiselect option without label', base: ZOO, rule: 'schema', apply: (m) => void delete variable(m, 'pipelines').multiselectOptions[0].label },
  { name: 'dynamicOptions without parser', base: ZOO, rule: 'schema', apply: (m) => void delete variable(m, 'workspace').dynamicOptions.parser },
  { name: 'flagCleanup form variable type not in the enum', base: 'flag-cleanup', rule: 'schema', apply: (m) => void (m.capabilities.flagCleanup.formVariables[0].type = 'repository') },
  { name: 'bigSegmentStore without dbStyle', base: 'big-segment-store', rule: 'schema', apply: (m) => void delete m.capabilities.bigSegmentStore.dbStyle },
  { name: 'manifest that is not JSON (trailing comma)', base: 'trigger', rule: 'manifest-json', apply: (m) => JSON.stringify(m, null, 2).replace(/\n}$/, ',\n}') },
];

/** The framework's 16 CI rules, and the further checks of `validate`. */
const RULES: Mutation[] = [
  // 1. Icons exist.
  { name: 'square icon file missing', base: CHAT, rule: 'icon-files-exist', apply: (m, files) => void delete files[m.icons.square] },
  {
    name: 'horizontal icon names a folder',
    base: CHAT,
    rule: 'icon-files-exist',
    apply: (m, files) => {
      files['assets/wide.svg/.keep'] = '';
      m.icons.horizontal = 'assets/wide.svg';
    },
  },
  { name: 'icon path that leaves the folder', base: CHAT, rule: 'path-confinement', apply: (m) => void (m.icons.square = '../shared/square.svg') },
  // 2. Overview ends with a period.
  { name: 'overview without period', base: CHAT, rule: 'overview-period', apply: (m) => void (m.overview = m.overview.replace(/\.$/, '')) },
  { name: 'overview with a space after its period', base: CHAT, rule: 'overview-period', apply: (m) => void (m.overview = `${m.overview} `) },
  { name: 'overview ending in an exclamation mark', base: 'trigger', rule: 'overview-period', apply: (m) => void (m.overview = m.overview.replace(/\.$/, '!')) },
  // 3. Endpoint url and headers render in strict mode.
  { name: 'url names an unknown form variable', base: CHAT, rule: 'endpoint-render', apply: (m) => void (hook(m).endpoint.url += '/{{teamId}}') },
  { name: 'header reads formVariables.x (endpoint sees variables at the top level)', base: INCIDENTS, rule: 'endpoint-render', apply: (m) => void (hook(m).endpoint.headers[1].value = 'Token token={{formVariables.apiToken}}') },
  { name: 'header reads an event field the flag event lacks', base: INCIDENTS, rule: 'endpoint-render', apply: (m) => void (hook(m).endpoint.headers[2].value = 'launchdarkly/{{context.project.slug}}') },
  { name: 'url that does not parse', base: CHAT, rule: 'endpoint-render', apply: (m) => void (hook(m).endpoint.url += '{{#if channel}}?room={{channel}}') },
  { name: 'header calls an unknown helper', base: LOGS, rule: 'unknown-helper', apply: (m) => void (hook(m).endpoint.headers[1].value = 'Basic {{base64 accountId ingestKey}}') },
  // 4. HMAC secret variable.
  { name: 'hmac key naming a non-secret variable', base: SIGNED, rule: 'hmac-secret-variable', apply: (m) => void (hook(m).endpoint.hmacSignature.hmacSecretFormVariableKey = 'workflowId') },
  { name: 'hmac key naming no variable', base: SIGNED, rule: 'hmac-secret-variable', apply: (m) => void (hook(m).endpoint.hmacSignature.hmacSecretFormVariableKey = 'signingKey') },
  { name: 'hmac secret variable without isSecret', base: SIGNED, rule: 'hmac-secret-variable', apply: (m) => void delete variable(m, 'signingSecret').isSecret },
  { name: 'hmacSignature without a key', base: STANDARD, rule: 'hmac-secret-variable', apply: (m) => void delete hook(m).endpoint.hmacSignature.hmacSecretFormVariableKey },
  { name: 'eventsHook hmac key naming no variable', base: 'events-hook', rule: 'hmac-secret-variable', apply: (m) => void (m.capabilities.eventsHook.endpoint.hmacSignature.hmacSecretFormVariableKey = 'webhookSecret') },
  // 5. OAuth context.
  {
    name: 'oauth.accessToken without requiresOAuth',
    base: OAUTH,
    rule: 'oauth-context',
    apply: (m) => {
      delete m.requiresOAuth;
      delete m.oauthIntegrationKey;
    },
  },
  {
    name: 'oauth.baseURI in an approval request without requiresOAuth (the CI does not render it)',
    base: APPROVAL,
    rule: 'oauth-context',
    severity: 'warning',
    apply: (m) => void (m.capabilities.approval.creationRequest.endpoint.url = '{{oauth.baseURI}}/api/v1/changes'),
  },
  { name: 'oauth field the context does not have', base: OAUTH, rule: 'oauth-context', apply: (m) => void (hook(m).endpoint.headers[1].value = 'Bearer {{oauth.refreshToken}}') },
  // 6. Shared oauthIntegrationKey: a warning (see the test of its own).
  // 7. includeErrorResponseBody only with a static host.
  {
    name: 'includeErrorResponseBody with a {{host}} string variable host',
    base: CHAT,
    rule: 'error-response-host',
    apply: (m) => {
      m.formVariables.push({ key: 'host', name: 'Host', type: 'string', description: 'Your server.' });
      hook(m).endpoint.url = 'https://{{host}}/services/{{pathEncode webhookToken}}';
    },
  },
  {
    // A value such as `evil.example/` ends the authority early and moves the host (rendering facts,
    // section 7), but the framework's CI reads only the host name, so this is a warning.
    name: 'includeErrorResponseBody with a raw string variable in the user info',
    base: CHAT,
    rule: 'error-response-host',
    severity: 'warning',
    apply: (m) => void (hook(m).endpoint.url = hook(m).endpoint.url.replace('https://', 'https://launchdarkly:{{webhookToken}}@')),
  },
  {
    name: 'includeErrorResponseBody with a dynamicEnum host variable',
    base: INCIDENTS,
    rule: 'error-response-host',
    apply: (m) => {
      const region = variable(m, 'region');
      region.type = 'dynamicEnum';
      delete region.allowedValues;
      region.dynamicOptions = { endpoint: { url: 'https://api.example.com/regions', method: 'GET' }, parser: { optionsPath: '/regions', optionsItems: { label: '/name', value: '/id' } } };
    },
  },
  { name: 'includeErrorResponseBody with a uri variable starting the url', base: LOGS, rule: 'error-response-host', apply: (m) => void (hook(m).includeErrorResponseBody = true) },
  { name: 'includeErrorResponseBody with an enum host variable without allowedValues', base: INCIDENTS, rule: 'error-response-host', apply: (m) => void delete variable(m, 'region').allowedValues },
  {
    name: 'eventsHook includeErrorResponseBody with a string variable host',
    base: 'events-hook',
    rule: 'error-response-host',
    apply: (m) => {
      m.formVariables.push({ key: 'subdomain', name: 'Subdomain', type: 'string', description: 'Your account subdomain.' });
      m.capabilities.eventsHook.endpoint.url = 'https://{{subdomain}}.ingest.example.com/v1/rollouts';
    },
  },
  // 8. defaultValue only with isOptional, of the variable's type.
  { name: 'defaultValue without isOptional', base: CHAT, rule: 'default-value-type', apply: (m) => void delete variable(m, 'channel').isOptional },
  { name: 'boolean defaultValue written as a string', base: CHAT, rule: 'default-value-type', apply: (m) => void (variable(m, 'includeDetails').defaultValue = 'true') },
  { name: 'string defaultValue written as a boolean', base: CHAT, rule: 'default-value-type', apply: (m) => void (variable(m, 'channel').defaultValue = false) },
  { name: 'approvalFormVariables defaultValue without isOptional', base: APPROVAL, rule: 'default-value-type', apply: (m) => void delete approvalVariable(m, 'risk').isOptional },
  { name: 'environmentFormVariables string defaultValue as a boolean', base: APPROVAL, rule: 'default-value-type', apply: (m) => void (environmentVariable(m, 'changeTemplate').defaultValue = true) },
  // 9. isOptional needs a defaultValue.
  { name: 'optional string without default', base: CHAT, rule: 'optional-needs-default', apply: (m) => void delete variable(m, 'channel').defaultValue },
  { name: 'optional uri without default', base: ZOO, rule: 'optional-needs-default', apply: (m) => void delete variable(m, 'baseUrl').defaultValue },
  // 10. multiselect.
  {
    name: 'multiselect without options',
    base: ZOO,
    rule: 'multiselect-options',
    apply: (m) => {
      delete variable(m, 'pipelines').multiselectOptions;
      delete variable(m, 'pipelines').multiselectDefaultOptions;
    },
  },
  { name: 'multiselect with defaultValue', base: ZOO, rule: 'multiselect-options', apply: (m) => void (variable(m, 'pipelines').defaultValue = 'releases') },
  { name: 'multiselect with isSecret', base: ZOO, rule: 'multiselect-options', apply: (m) => void (variable(m, 'pipelines').isSecret = true) },
  { name: 'multiselect with allowedValues', base: ZOO, rule: 'multiselect-options', apply: (m) => void (variable(m, 'pipelines').allowedValues = ['releases']) },
  { name: 'multiselect with dynamicOptions', base: ZOO, rule: 'multiselect-options', apply: (m) => void (variable(m, 'pipelines').dynamicOptions = variable(m, 'workspace').dynamicOptions) },
  // 11. environmentSelector.
  { name: 'environmentSelector with allowedValues', base: ZOO, rule: 'environment-selector-keys', apply: (m) => void (variable(m, 'environments').allowedValues = ['production']) },
  { name: 'environmentSelector with defaultValue', base: ZOO, rule: 'environment-selector-keys', apply: (m) => void (variable(m, 'environments').defaultValue = 'production') },
  { name: 'environmentSelector with multiselectOptions', base: ZOO, rule: 'environment-selector-keys', apply: (m) => void (variable(m, 'environments').multiselectOptions = [{ label: 'Prod', value: 'production' }]) },
  { name: 'environmentSelector with isSecret', base: ZOO, rule: 'environment-selector-keys', apply: (m) => void (variable(m, 'environments').isSecret = true) },
  // 12. Only strings are secret.
  { name: 'secret on a boolean', base: CHAT, rule: 'secret-only-string', apply: (m) => void (variable(m, 'includeDetails').isSecret = true) },
  { name: 'secret on a uri', base: LOGS, rule: 'secret-only-string', apply: (m) => void (variable(m, 'instanceUrl').isSecret = true) },
  // 13. dynamicOptions exactly on dynamicEnum.
  { name: 'dynamicOptions on a string', base: ZOO, rule: 'dynamic-options', apply: (m) => void (variable(m, 'accountRef').dynamicOptions = variable(m, 'workspace').dynamicOptions) },
  { name: 'dynamicEnum without dynamicOptions', base: ZOO, rule: 'dynamic-options', apply: (m) => void delete variable(m, 'workspace').dynamicOptions },
  // 14. No capabilities means some otherCapabilities.
  { name: 'no capabilities and no otherCapabilities', base: 'other-capabilities-only', rule: 'other-capabilities', apply: (m) => void delete m.otherCapabilities },
  { name: 'legacy listing without otherCapabilities', base: 'legacy', rule: 'other-capabilities', apply: (m) => void delete m.otherCapabilities },
  // 15. Templates exist, render in strict mode, JSON ones render JSON, validation and member are not empty.
  { name: 'missing template file', base: CHAT, rule: 'template-render', apply: (_m, files) => void delete files['templates/default.json'] },
  { name: 'template path that names a folder', base: CHAT, rule: 'template-render', apply: (m) => void (hook(m).templates.default = 'templates') },
  { name: 'template path that leaves the folder', base: CHAT, rule: 'path-confinement', apply: (m) => void (hook(m).templates.default = '../other-integration/templates/default.json') },
  { name: 'absolute template path', base: CHAT, rule: 'path-confinement', apply: (m) => void (hook(m).templates.flag = '/etc/launchdarkly/flag.json') },
  { name: 'eventsHook template path that leaves the folder', base: 'events-hook', rule: 'path-confinement', apply: (m) => void (m.capabilities.eventsHook.templates.measuredRolloutRegressionDetected = '../regression.json.hbs') },
  { name: 'flagImport template path that leaves the folder', base: 'flag-import', rule: 'path-confinement', apply: (m) => void (m.capabilities.flagImport.templates.splitOverview = '../../import.json') },
  { name: 'empty template path', base: CHAT, rule: 'template-render', apply: (m) => void (hook(m).templates.default = '') },
  { name: 'template reading a form variable the manifest does not declare', base: CHAT, rule: 'template-render', apply: (_m, files) => edit(files, 'templates/flag.json', '"{{formVariables.channel}}"', '"{{formVariables.room}}"') },
  { name: 'JSON template broken by a form value written outside quotes', base: CHAT, rule: 'template-json', apply: (_m, files) => edit(files, 'templates/flag.json', '"{{formVariables.channel}}"', '{{formVariables.channel}}') },
  { name: 'template that does not parse', base: CHAT, rule: 'template-render', apply: (_m, files) => edit(files, 'templates/flag.json', '{{/if}}', '') },
  { name: 'template reading a field the CI event lacks', base: CHAT, rule: 'template-render', apply: (_m, files) => edit(files, 'templates/flag.json', '{{{key}}}', '{{{flagKey}}}') },
  { name: 'project template using comment unguarded', base: INCIDENTS, rule: 'template-render', apply: (_m, files) => edit(files, 'templates/project.json.hbs', '"action":', '"note": "{{{comment}}}",\n  "action":') },
  { name: 'template calling an unknown helper', base: INCIDENTS, rule: 'unknown-helper', apply: (_m, files) => edit(files, 'templates/flag.json.hbs', '{{formatWithOffset', '{{formatDate') },
  { name: 'JSON template with a trailing comma', base: CHAT, rule: 'template-json', apply: (_m, files) => edit(files, 'templates/flag.json', /("sentAt": \{\{timestamp\.seconds\}\})\n/, '$1,\n') },
  { name: '.json.hbs template with an unquoted string', base: INCIDENTS, rule: 'template-json', apply: (_m, files) => edit(files, 'templates/flag.json.hbs', '"class": "{{{verbKind}}}"', '"class": {{{verbKind}}}') },
  { name: 'upper-case .JSON template rendering invalid JSON', base: [SIGNED, 1], rule: 'template-json', apply: (_m, files) => edit(files, 'templates/Flag.JSON', '"title":', '"title" ') },
  { name: 'member JSON template missing a comma', base: INCIDENTS, rule: 'template-json', apply: (_m, files) => edit(files, 'templates/member.json.hbs', '"action": "{{{verbKind}}}",', '"action": "{{{verbKind}}}"') },
  { name: 'empty validation template', base: NOTIFY, rule: 'template-empty', apply: (_m, files) => void (files['templates/validation.txt'] = '') },
  { name: 'empty JSON validation template', base: CHAT, rule: 'template-empty', apply: (_m, files) => void (files['templates/validation.json'] = '') },
  { name: 'member template empty for the CI member event', base: INCIDENTS, rule: 'template-empty', apply: (_m, files) => void (files['templates/member.json.hbs'] = '{{#if comment}}{ "note": "{{{comment}}}" }{{/if}}') },
  // 16. Standard payload means no templates.
  {
    name: 'useStandardWebhookPayload with templates',
    base: STANDARD,
    rule: 'standard-payload-no-templates',
    apply: (m, files) => {
      hook(m).templates = { flag: 'templates/flag.json' };
      files['templates/flag.json'] = '{ "text": "{{{title.plainText}}}" }\n';
    },
  },
  { name: 'useStandardWebhookPayload with a templates/ folder', base: STANDARD, rule: 'standard-payload-no-templates', apply: (_m, files) => void (files['templates/.gitkeep'] = '') },
  // Beyond the CI: policies and what LaunchDarkly's Go renderer supports.
  {
    name: 'policy statement with both resources and notResources',
    base: CHAT,
    rule: 'policy-syntax',
    apply: (m) => void (hook(m).defaultPolicy[0].notResources = ['proj/*:env/test:flag/*']),
  },
  {
    name: 'policy statement with both actions and notActions',
    base: CHAT,
    rule: 'policy-syntax',
    apply: (m) => void (hook(m).defaultPolicy[0].notActions = ['updateTags']),
  },
  { name: 'policy resource segment without a name', base: CHAT, rule: 'policy-syntax', apply: (m) => void (hook(m).defaultPolicy[0].resources = ['proj/*:env:flag/*']) },
  { name: 'policy statement without actions', base: CHAT, rule: 'policy-syntax', apply: (m) => void delete hook(m).defaultPolicy[0].actions },
  { name: 'policy resource with an empty tag list', base: CHAT, rule: 'policy-syntax', apply: (m) => void (hook(m).defaultPolicy[0].resources = ['proj/*:env/*;:flag/*']) },
  // The framework's CI cannot find a partial either: its render fails.
  { name: 'partial in a template', base: NOTIFY, rule: 'template-render', apply: (_m, files) => void (files['templates/default.txt'] += '{{> footer}}\n') },
];

/** What the framework's CI accepts but `validate` warns about: warnings, never errors. */
const WARNINGS: Mutation[] = [
  {
    // The CI renders the project template with its project event, which has no comment: accepted
    // upstream, but real project events with one get invalid JSON.
    name: 'JSON template whose comment branch lacks a comma (invalid only for events the CI does not render)',
    base: INCIDENTS,
    rule: 'template-json',
    severity: 'warning',
    apply: (_m, files) => edit(files, 'templates/project.json.hbs', '"action":', '{{#if comment}}"note": "{{{comment}}}"{{/if}}\n  "action":'),
  },
  {
    name: 'comment used without {{#if}} (fine on the CI event, fails on events without one)',
    base: CHAT,
    rule: 'template-missing-field',
    severity: 'warning',
    apply: (_m, files) => edit(files, 'templates/flag.json', /\{\{#if comment\}\},(\n\s*\{ "label": "Comment", "value": "\{\{\{comment\}\}\}" \})\{\{\/if\}\}/, ',$1'),
  },
  { name: '{{ }} around event text in a JSON template', base: CHAT, rule: 'json-template-escaping', severity: 'warning', apply: (_m, files) => edit(files, 'templates/flag.json', '"{{{title.plainText}}}"', '"{{title.plainText}}"') },
  { name: 'policy action with a typo', base: CHAT, rule: 'policy-unknown-action', severity: 'warning', apply: (m) => void (hook(m).defaultPolicy[0].actions = ['updateOn', 'updateRule']) },
  { name: 'policy that lets no sample event through', base: CHAT, rule: 'policy-delivers-nothing', severity: 'warning', apply: (m) => void (hook(m).defaultPolicy = [{ effect: 'allow', resources: ['proj/no-such-project:env/*:flag/*'], actions: ['*'] }]) },
  {
    name: 'member template the default policy never serves',
    base: INCIDENTS,
    rule: 'policy-dead-template',
    severity: 'warning',
    apply: (m) => void (hook(m).defaultPolicy = [{ effect: 'allow', resources: ['proj/*:env/*:flag/*', 'proj/*', 'proj/*:env/*'], actions: ['*'] }]),
  },
  { name: 'default template rendering only whitespace for some events', base: NOTIFY, rule: 'template-empty-output', severity: 'warning', apply: (_m, files) => void (files['templates/default.txt'] = '{{#if comment}}{{{title.plainText}}}: {{{comment}}}{{/if}}\n') },
  // JavaScript Handlebars, which the framework's CI renders with, has these; production's Go renderer does not.
  {
    name: '{{else}} inside {{#equal}}',
    base: INCIDENTS,
    rule: 'go-handlebars-compat',
    severity: 'warning',
    apply: (_m, files) => edit(files, 'templates/default.json.hbs', '"severity": "info"', '"severity": "{{#equal kind "metric"}}warning{{else}}info{{/equal}}"'),
  },
  {
    name: 'inverted {{^equal}} block',
    base: INCIDENTS,
    rule: 'go-handlebars-compat',
    severity: 'warning',
    apply: (_m, files) => edit(files, 'templates/default.json.hbs', '"severity": "info"', '"severity": "{{^equal kind "metric"}}info{{/equal}}"'),
  },
  { name: 'inline partial in a template', base: NOTIFY, rule: 'go-handlebars-compat', severity: 'warning', apply: (_m, files) => void (files['templates/default.txt'] = '{{#*inline "line"}}{{{title.plainText}}}{{/inline}}' + files['templates/default.txt']) },
  // Rules 9 to 13 hold the approval capability's lists to what the CI holds top-level
  // formVariables to, as warnings: its CI does not check them there (the framework's own Custom
  // Approvals integration has an optional approval variable without a default).
  { name: 'optional approval form variable without default', base: APPROVAL, rule: 'optional-needs-default', severity: 'warning', apply: (m) => void delete approvalVariable(m, 'backoutPlan').defaultValue },
  {
    name: 'environment multiselect without options',
    base: APPROVAL,
    rule: 'multiselect-options',
    severity: 'warning',
    apply: (m) => {
      delete environmentVariable(m, 'reviewWindows').multiselectOptions;
      delete environmentVariable(m, 'reviewWindows').multiselectDefaultOptions;
    },
  },
  { name: 'secret on an approval enum', base: APPROVAL, rule: 'secret-only-string', severity: 'warning', apply: (m) => void (approvalVariable(m, 'risk').isSecret = true) },
  { name: 'environment dynamicEnum without dynamicOptions', base: APPROVAL, rule: 'dynamic-options', severity: 'warning', apply: (m) => void delete environmentVariable(m, 'assignmentGroup').dynamicOptions },
];

/** Edge cases the fact sheet allows, each a single change to a valid integration: no error. */
const ACCEPTED: Mutation[] = [
  {
    name: 'optional enum defaulting to "" (no preference), which is not one of its allowedValues',
    base: INCIDENTS,
    rule: '',
    severity: 'accept',
    apply: (m) => void (variable(m, 'severity').defaultValue = ''),
  },
  {
    name: 'multiselect preselecting a value its options no longer offer',
    base: ZOO,
    rule: '',
    severity: 'accept',
    apply: (m) => void (variable(m, 'pipelines').multiselectDefaultOptions = ['releases', 'archive']),
  },
  { name: 'template path with ".." that stays inside the folder', base: CHAT, rule: '', severity: 'accept', apply: (m) => void (hook(m).templates.default = 'templates/../templates/default.json') },
  { name: 'validation served by the flag template', base: CHAT, rule: '', severity: 'accept', apply: (m) => void (hook(m).templates.validation = 'templates/flag.json') },
  {
    name: 'template file name with spaces and accents',
    base: CHAT,
    rule: '',
    severity: 'accept',
    apply: (m, files) => {
      files['templates/défaut message.json'] = files['templates/default.json'];
      delete files['templates/default.json'];
      hook(m).templates.default = 'templates/défaut message.json';
    },
  },
  { name: 'policy tag with a wildcard', base: CHAT, rule: '', severity: 'accept', apply: (m) => void (hook(m).defaultPolicy = [{ effect: 'allow', resources: ['proj/*:env/*;crit*:flag/*'], actions: ['*'] }]) },
  { name: 'policy statement with notResources and notActions', base: CHAT, rule: '', severity: 'accept', apply: (m) => void (hook(m).defaultPolicy = [{ effect: 'allow', notResources: ['proj/*:env/test:flag/*'], notActions: ['updateTags'] }]) },
  { name: 'policy statement with the bare * resource', base: CHAT, rule: '', severity: 'accept', apply: (m) => void (hook(m).defaultPolicy = [{ resources: ['*'], actions: ['*'] }]) },
  { name: 'oauthIntegrationKey without requiresOAuth', base: CHAT, rule: '', severity: 'accept', apply: (m) => void (m.oauthIntegrationKey = 'kestrel-chat-client') },
  { name: 'requiresOAuth without oauthIntegrationKey', base: OAUTH, rule: '', severity: 'accept', apply: (m) => void delete m.oauthIntegrationKey },
  {
    name: 'optional signing secret with an empty default',
    base: SIGNED,
    rule: '',
    severity: 'accept',
    apply: (m) => {
      variable(m, 'signingSecret').isOptional = true;
      variable(m, 'signingSecret').defaultValue = '';
    },
  },
  { name: 'mixed-case scheme in links', base: CHAT, rule: '', severity: 'accept', apply: (m) => void (m.links.site = m.links.site.replace('https://', 'Https://')) },
  { name: 'includeErrorResponseBody with a string variable in the query string only', base: CHAT, rule: '', severity: 'accept', apply: (m) => void (hook(m).endpoint.url += '?room={{queryEncode channel}}') },
  {
    name: 'includeErrorResponseBody with a queryEncoded string variable as the user info password (the host is static)',
    base: CHAT,
    rule: '',
    severity: 'accept',
    apply: (m) => void (hook(m).endpoint.url = hook(m).endpoint.url.replace('https://', 'https://launchdarkly:{{queryEncode webhookToken}}@')),
  },
  { name: 'optional uri with an empty default', base: LOGS, rule: '', severity: 'accept', apply: (m) => void m.formVariables.push({ key: 'proxyUrl', name: 'Proxy', type: 'uri', description: 'Optional proxy.', isOptional: true, defaultValue: '' }) },
];

export const MUTATIONS: readonly Mutation[] = [...SCHEMA, ...RULES, ...WARNINGS, ...ACCEPTED];
