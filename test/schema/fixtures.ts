/*
 * Valid manifests for a made-up partner, "Lumen Alerts". Each call returns a fresh object, so a
 * test may break one part of it without affecting the others.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const DESCRIPTION =
  'Send LaunchDarkly flag changes to Lumen Alerts channels so on-call engineers see what changed and when.';

export function minimalManifest(): JsonObject {
  return {
    name: 'Lumen Alerts',
    version: '1.0.0',
    overview: 'Post flag changes to Lumen Alerts channels.',
    description: DESCRIPTION,
    author: 'Lumen Labs',
    supportEmail: 'integrations@lumen-alerts.example',
    links: {
      site: 'https://lumen-alerts.example',
      privacyPolicy: 'https://lumen-alerts.example/privacy',
    },
    categories: ['notifications'],
    icons: {
      square: 'assets/images/square.svg',
      horizontal: 'assets/images/horizontal.svg',
    },
  };
}

function endpoint(path: string): JsonObject {
  return {
    url: `https://api.lumen-alerts.example/v2/${path}`,
    method: 'POST',
    headers: [
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Authorization', value: 'Bearer {{apiToken}}' },
    ],
  };
}

/** One form variable of each kind, with the optional keys each kind uses. */
function formVariables(): Json[] {
  return [
    {
      key: 'apiToken',
      name: 'API token',
      type: 'string',
      description: 'A Lumen Alerts token with permission to post messages.',
      placeholder: 'lumen_live_...',
      isSecret: true,
      disableAfterSaving: false,
    },
    {
      key: 'channelUrl',
      name: 'Channel URL',
      type: 'uri',
      description: 'Address of the channel that receives the messages.',
    },
    {
      key: 'region',
      name: 'Region',
      type: 'enum',
      description: 'Where your Lumen Alerts workspace is hosted.',
      allowedValues: ['us', 'eu'],
      isOptional: true,
      defaultValue: 'us',
    },
    {
      key: 'mentionOnCall',
      name: 'Mention on-call',
      type: 'boolean',
      description: 'Mention whoever is on call in each message.',
      isOptional: true,
      defaultValue: false,
      isHidden: false,
      hideEmpty: true,
    },
    {
      key: 'team',
      name: 'Team',
      type: 'dynamicEnum',
      description: 'The team whose channel receives the messages.',
      dynamicOptions: {
        endpoint: {
          url: 'https://api.lumen-alerts.example/v2/teams',
          method: 'GET',
          headers: [{ name: 'Authorization', value: 'Bearer {{apiToken}}' }],
          hmacSignature: { headerName: 'X-Lumen-Signature', hmacSecretFormVariableKey: 'apiToken' },
        },
        parser: {
          optionsPath: '/teams',
          optionsItems: { label: '/displayName', value: '/id' },
        },
      },
      dependsOn: [
        {
          variableKey: 'mentionOnCall',
          variableLocation: 'formVariables',
          action: 'showField',
          conditions: [{ operator: 'equalTo', value: 'true' }],
        },
      ],
    },
    {
      key: 'severities',
      name: 'Severities',
      type: 'multiselect',
      description: 'Message severities to use.',
      isOptional: true,
      multiselectOptions: [
        { label: 'Info', value: 'info' },
        { label: 'Warning', value: 'warning' },
      ],
      multiselectDefaultOptions: ['info'],
    },
  ];
}

function approvalParser(): JsonObject {
  return {
    approvalId: '/ticket/id',
    statusValue: '/ticket/state',
    statusDisplay: '/ticket/stateLabel',
    approvalMatcher: '^approved$',
    rejectionMatcher: '^(rejected|cancelled)$',
    urlTemplate: 'https://lumen-alerts.example/tickets/{{approvalId}}',
  };
}

/** Every top-level key and every capability, each with realistic, valid content. */
export function fullManifest(): JsonObject {
  return {
    ...minimalManifest(),
    details:
      'Each change names the flag, the environment, who made it and a link back to LaunchDarkly, in the channel you choose.',
    links: {
      site: 'https://lumen-alerts.example',
      launchdarklyDocs: 'https://docs.launchdarkly.com/integrations/lumen-alerts',
      privacyPolicy: 'https://lumen-alerts.example/privacy',
      supportWebsite: 'HTTP://support.lumen-alerts.example',
    },
    categories: ['notifications', 'monitoring', 'messaging'],
    formVariables: formVariables(),
    legacy: { kind: 'webhooks' },
    otherCapabilities: ['webhooks', 'sso'],
    requiresOAuth: false,
    hideOnIntegrationsPage: false,
    oauthIntegrationKey: 'lumen-alerts',
    allowIntegrationConfigurations: true,
    capabilities: {
      auditLogEventsHook: {
        endpoint: {
          ...endpoint('events'),
          hmacSignature: { headerName: 'X-Lumen-Signature', hmacSecretFormVariableKey: 'apiToken' },
        },
        templates: {
          flag: 'templates/flag.json.hbs',
          project: 'templates/project.json.hbs',
          environment: 'templates/environment.json.hbs',
          member: 'templates/member.json.hbs',
          default: 'templates/default.json.hbs',
          validation: 'templates/validation.json.hbs',
        },
        defaultPolicy: [
          { effect: 'allow', actions: ['*'], resources: ['proj/*:env/production:flag/*'] },
          { effect: 'deny', notActions: ['updateOn'], notResources: ['proj/*:env/test:flag/*'] },
        ],
        includeErrorResponseBody: false,
        deliveryMethod: 'custom',
        useStandardWebhookPayload: false,
      },
      buttonAction: {
        actionRequest: { endpoint: endpoint('incidents') },
        requestBodyTemplates: [
          { key: 'open-incident', jsonBody: '{"flag": "{{flag.key}}"}', requiredContext: ['flag', 'environment'] },
        ],
      },
      reservedCustomProperties: [
        { name: 'Lumen incident', key: 'lumen.incident', description: 'The incident this flag is tied to.' },
      ],
      trigger: {
        documentation: 'https://docs.lumen-alerts.example/launchdarkly-triggers',
        auth: 'sharedSecret',
        parser: { eventName: '/alert/title', value: '/alert/status', url: '/alert/link' },
        defaultEventName: 'A Lumen alert',
        testEventNameRegexp: '^test',
      },
      approval: {
        name: 'Lumen change review',
        environmentFormVariables: [
          {
            key: 'reviewBoard',
            name: 'Review board',
            type: 'string',
            description: 'Board that receives the change requests of this environment.',
          },
        ],
        approvalFormVariables: [
          {
            key: 'priority',
            name: 'Priority',
            type: 'enum',
            description: 'How urgent the change is.',
            allowedValues: ['low', 'high'],
            isOptional: true,
            defaultValue: 'low',
          },
        ],
        allowAdditionalApprovalFormVariables: false,
        allowApprovalIntegrationConfigurations: true,
        creationRequest: {
          endpoint: endpoint('reviews'),
          jsonBody: '{"title": "{{title}}"}',
          parser: approvalParser(),
        },
        statusRequest: { endpoint: { ...endpoint('reviews/{{approvalId}}'), method: 'GET' }, parser: approvalParser() },
        postApplyRequest: { endpoint: endpoint('reviews/{{approvalId}}/applied'), parser: approvalParser() },
        deletionRequest: { endpoint: { ...endpoint('reviews/{{approvalId}}'), method: 'DELETE' }, parser: approvalParser() },
        memberListRequest: {
          endpoint: { ...endpoint('users'), method: 'GET' },
          parser: { memberArrayPath: '/users', memberItems: { email: '/email', memberId: '/id' } },
        },
      },
      featureStore: {
        formVariables: [
          {
            key: 'storeId',
            name: 'Store ID',
            type: 'string',
            description: 'The edge store that receives the flag data.',
          },
        ],
        validationRequest: {
          endpoint: { ...endpoint('stores/{{storeId}}'), method: 'GET' },
          parser: { success: '/ok', errors: '/errors' },
        },
        featureStoreRequest: {
          endpoint: { ...endpoint('stores/{{storeId}}/flags'), method: 'PUT' },
          payloadPrefix: '{"flags": ',
          payloadSuffix: '}',
        },
      },
      flagLink: {
        header: 'Lumen incidents',
        emptyState: { title: 'No incidents linked', leadText: 'Link a Lumen incident to this flag from Lumen Alerts.' },
        metadata: { incidentUrl: { type: 'uri' }, severity: { type: 'string' } },
        uiBlocks: {
          image: { sourceUrl: '{{metadata.avatar}}', isAvatar: true, isIcon: false },
          name: 'Lumen incident',
          title: {
            linkToReference: true,
            elements: [
              { text: '{{metadata.severity}}', isBold: true },
              { text: 'incident', url: '{{metadata.incidentUrl}}' },
            ],
          },
          description: '{{description}}',
          context: { elements: [{ text: '{{timestamp}}', isTimestamp: true }] },
        },
      },
      hideConfiguration: false,
      externalConfigurationURL: 'https://lumen-alerts.example/settings/launchdarkly',
      externalConfigurationPages: {
        createUrl: 'https://lumen-alerts.example/launchdarkly/new',
        editUrl: 'https://lumen-alerts.example/launchdarkly/edit',
      },
      internalConfigurationURL: '/settings/integrations/lumen-alerts?tab=configure',
      syncedSegment: {
        jsonResponseBody: '{"accepted": true}',
        requestParser: {
          environmentIdPath: '/environmentId',
          contextKindPath: '/contextKind',
          cohortIdPath: '/cohort/id',
          cohortNamePath: '/cohort/name',
          cohortUrlPath: '/cohort/url',
          memberArrayPath: '/members',
          addMemberArrayPath: '/added',
          removeMemberArrayPath: '/removed',
          arrayInclusion: { path: '/cohorts', matcher: '{{cohortId}}' },
          memberArrayParser: {
            memberIdPath: '/userId',
            booleanMembershipPath: '/inCohort',
            cohortNamePath: '/cohortName',
            cohortIdPath: '/cohortId',
          },
        },
      },
      bigSegmentStore: { dbStyle: 'redis' },
      flagImport: {
        includeErrorResponseBody: true,
        templates: {
          splitOverview: 'templates/split-overview.json.hbs',
          splitDetails: 'templates/split-details.json.hbs',
          statsig: 'templates/statsig.json.hbs',
        },
      },
      eventsHook: {
        endpoint: endpoint('rollouts'),
        templates: {
          measuredRolloutRegressionDetected: 'templates/regression.json.hbs',
          measuredRolloutReverted: 'templates/reverted.json.hbs',
          errorMonitoringNewIssueFound: 'templates/new-issue.json.hbs',
        },
        includeErrorResponseBody: false,
        triggers: ['measuredRolloutRegressionDetected'],
      },
      flagCleanup: {
        formVariables: [
          {
            key: 'repository',
            name: 'Repository',
            type: 'string',
            description: 'The repository to open cleanup pull requests in.',
          },
        ],
      },
    },
  };
}

/** A manifest for a change-history hook only, the kind ld-hook-kit is mostly used for. */
export function auditLogHookManifest(): JsonObject {
  return {
    ...minimalManifest(),
    formVariables: [
      {
        key: 'webhookUrl',
        name: 'Webhook URL',
        type: 'uri',
        description: 'The Lumen Alerts webhook that receives the events.',
      },
    ],
    capabilities: {
      auditLogEventsHook: {
        endpoint: { url: '{{webhookUrl}}', method: 'POST' },
        templates: { default: 'templates/default.json.hbs' },
        defaultPolicy: [{ effect: 'allow', actions: ['*'], resources: ['proj/*:env/*:flag/*'] }],
      },
    },
  };
}
