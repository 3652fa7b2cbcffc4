import { loadIntegration } from '../../scripts/lib/integration/load';
import { NothingToRenderError, planRequests } from '../../scripts/lib/requests';
import { loadSamples } from '../../scripts/lib/samples/load';
import { createFixtureRoot, validFiles, validManifest } from '../helpers/fixture-root';

const samples = loadSamples();

/** The problem planRequests reports for the default sample when templates/flag.json.hbs is `flagTemplate`. */
function problemWith(flagTemplate: string, given: Record<string, string> = {}): string | undefined {
  const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: { ...validFiles(), 'templates/flag.json.hbs': flagTemplate } } });
  const planned = planRequests({ integration: loadIntegration(root, 'pigeon'), given, source: 'preview', samples });
  expect(planned.items).toHaveLength(1);
  expect(planned.items[0].failed).toBe(true);
  return planned.items[0].problem;
}

describe('planRequests: a template that reads what the event lacks', () => {
  it('names the absent parent as the template writes it, where Handlebars names only the last segment', () => {
    const problem = problemWith('{"text": "{{{title.plainText}}}",\n "who": "{{{nobody.name}}}"}');
    expect(problem).toMatch(/templates\/flag\.json\.hbs:2:/);
    expect(problem).toContain('`nobody` is not defined in the event');
    expect(problem).not.toContain('`name`');
  });

  it('names the absent property on an object the event has', () => {
    expect(problemWith('{"text": "{{{title.nope}}}"}')).toContain('`title.nope` is not defined in the event');
  });

  it('says a form variable the manifest does not declare is not one, listing those it declares', () => {
    const problem = problemWith('{"text": "{{{formVariables.channnel}}}"}');
    expect(problem).toContain('`formVariables.channnel` is not a form variable of this manifest');
    expect(problem).toMatch(/it declares [^)]*\bchannel\b/);
  });

  it('points at an absent parent inside a block, which JavaScript reports without a position', () => {
    const problem = problemWith('{"text": "{{#with title}}{{{nobody.deeper.name}}}{{/with}}"}');
    expect(problem).toMatch(/templates\/flag\.json\.hbs:1:\d+: /);
    expect(problem).toContain('is not defined in the event');
  });

  it('says a property read on a string has no such property, an empty string included (Handlebars prints nothing after "in")', () => {
    expect(problemWith('{"text": "{{formVariables.channel.id}}"}', { channel: '' })).toMatch(
      /templates\/flag\.json\.hbs:1:13: `formVariables\.channel` is a string, which has no property `id`$/,
    );
    expect(problemWith('{"text": "{{{member.displayName.first}}}"}')).toMatch(
      /templates\/flag\.json\.hbs:1:14: `member\.displayName` is a string, which has no property `first`$/,
    );
  });

  it('names a block\'s own context `this` (or `..`) when a property is read on it and it is a string, rather than garbling the path', () => {
    expect(problemWith('{"a": "{{#with formVariables.channel}}{{x.y}}{{/with}}"}', { channel: 'ops' })).toMatch(
      /flag\.json\.hbs:1:\d+: `this` is a string, which has no property `x`$/,
    );
    expect(problemWith('{"a": "{{#each formVariables}}{{#with this}}{{deeper.x}}{{/with}}{{/each}}"}', { channel: 'ops' })).toMatch(
      /: `this` is a string, which has no property `deeper`$/,
    );
    expect(problemWith('{"a": "{{#with formVariables.channel}}{{#with ../title}}{{../x.y}}{{/with}}{{/with}}"}', { channel: 'ops' })).toMatch(
      /: `\.\.` is a string, which has no property `x`$/,
    );
  });

  it('names the absent part of an endpoint header as the header writes it', () => {
    const manifest = validManifest();
    const hook = (manifest.capabilities as { auditLogEventsHook: { endpoint: Record<string, unknown> } }).auditLogEventsHook;
    hook.endpoint = { ...hook.endpoint, headers: [{ name: 'X-Project', value: '{{context.projekt.key}}' }] };
    const root = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const [item] = planRequests({ integration: loadIntegration(root, 'pigeon'), given: {}, source: 'preview', samples }).items;
    expect(item.problem).toContain('header 1 (X-Project): `context.projekt` is not defined in the event');
  });

  it('gives no position when several paths could have failed, rather than a guess', () => {
    // Either path may be the one that ran; naming one of them could send the reader to the wrong line.
    const problem = problemWith('{"text": "{{#if kind}}{{else}}{{foo.x.z}}{{/if}}{{bar.x.y}}"}');
    expect(problem).toMatch(/^integrations\/pigeon\/templates\/flag\.json\.hbs: /);
    expect(problem).not.toContain('`foo`');
  });
});

describe('planRequests: a secret form variable keyed __proto__', () => {
  it('is rendered with the value given, and shown masked', () => {
    const manifest = validManifest();
    (manifest.formVariables as unknown[]).push({ key: '__proto__', name: 'Odd key', type: 'string', description: 'A key.', isSecret: true });
    const files = { ...validFiles(), 'templates/flag.json.hbs': '{"key": "{{{formVariables.__proto__}}}"}' };
    const root = createFixtureRoot({ pigeon: { manifest, files } });
    const given = { channel: 'ops', ...JSON.parse('{"__proto__": "hunter2"}') };
    const [item] = planRequests({ integration: loadIntegration(root, 'pigeon'), given, source: 'preview', samples }).items;
    expect(item.rendered?.request.body).toBe('{"key": "hunter2"}');
    expect(item.shown?.body).toBe('{"key": "****"}');
  });
});

describe('planRequests: the signature header', () => {
  it('is masked when the body it signs holds a secret the shown body masks, though a placeholder keyed it', () => {
    const manifest = validManifest();
    (manifest.formVariables as unknown[]).push({ key: 'apiKey', name: 'API key', type: 'string', description: 'A key.', isSecret: true });
    const files = { ...validFiles(), 'templates/flag.json.hbs': '{"key": "{{formVariables.apiKey}}"}' };
    const root = createFixtureRoot({ pigeon: { manifest, files } });
    const plan = (given: Record<string, string>) =>
      planRequests({ integration: loadIntegration(root, 'pigeon'), given: { channel: 'ops', ...given }, source: 'preview', samples }).items[0];
    const signature = (item: ReturnType<typeof plan>) => item.shown?.headers.find((header) => header.name === 'X-Pigeon-Signature')?.value;
    // Keyed with the known placeholder $SIGNINGSECRET over a body holding hunter2: a check on guesses at it.
    expect(signature(plan({ apiKey: 'hunter2' }))).toBe('****');
    // Over a body that is shown as it is sent, the placeholder's signature tells nothing.
    expect(signature(plan({}))).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('planRequests: OAuth values', () => {
  function oauthPlan(oauth: Record<string, string> | undefined, showSecretsAs?: 'mask' | 'shell', readsOAuth = true) {
    const manifest = validManifest({ requiresOAuth: true, oauthIntegrationKey: 'pigeon' });
    const endpoint = (manifest.capabilities as { auditLogEventsHook: { endpoint: Record<string, unknown> } }).auditLogEventsHook.endpoint;
    if (readsOAuth) {
      endpoint.url = '{{oauth.baseURI}}/hooks/{{channel}}';
      endpoint.headers = [{ name: 'Authorization', value: 'Bearer {{oauth.accessToken}}' }];
    }
    const root = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const given = { channel: 'ops', signingSecret: 'sig' };
    return planRequests({ integration: loadIntegration(root, 'pigeon'), given, source: 'preview', samples, oauth, showSecretsAs });
  }

  it('renders the placeholders when none is given, which send cannot send', () => {
    const planned = oauthPlan(undefined);
    const [item] = planned.items;
    expect(item.rendered?.request.url).toBe('$OAUTH_BASE_URI/hooks/ops');
    expect(item.rendered?.request.headers).toContainEqual({ name: 'Authorization', value: 'Bearer $OAUTH_ACCESS_TOKEN' });
    expect(planned.oauthUnset).toEqual(['baseURI', 'accessToken']);
    expect(item.unsendable).toBe(
      'it reads oauth.baseURI and oauth.accessToken, which LaunchDarkly takes from the OAuth connection; ' +
        'set LD_HOOK_KIT_OAUTH_BASE_URI and LD_HOOK_KIT_OAUTH_ACCESS_TOKEN',
    );
    expect(oauthPlan(undefined, 'mask', false).oauthUnset).toEqual([]);
  });

  it('renders the values given and shows the access token masked', () => {
    const planned = oauthPlan({ baseURI: 'https://api.pigeon.example', accessToken: 'tok-3n1gma' });
    const [item] = planned.items;
    expect(item.rendered?.request.url).toBe('https://api.pigeon.example/hooks/ops');
    expect(item.rendered?.request.headers).toContainEqual({ name: 'Authorization', value: 'Bearer tok-3n1gma' });
    expect(item.shown?.url).toBe('https://api.pigeon.example/hooks/ops');
    expect(item.shown?.headers).toContainEqual({ name: 'Authorization', value: 'Bearer ****' });
    expect(planned.secrets).toContain('tok-3n1gma');
    expect(planned.oauthUnset).toEqual([]);
    expect(item.unsendable).toBeUndefined();
  });

  it('masks the access token where another value given holds it, as a base URI may', () => {
    const [item] = oauthPlan({ baseURI: 'https://api.pigeon.example/tok-3n1gma', accessToken: 'tok-3n1gma' }).items;
    expect(item.rendered?.request.url).toBe('https://api.pigeon.example/tok-3n1gma/hooks/ops');
    expect(item.shown?.url).toBe('https://api.pigeon.example/****/hooks/ops');
    // A shell command reads both from the environment, and must send what it shows.
    const [shell] = oauthPlan({ baseURI: 'https://api.pigeon.example/tok-3n1gma', accessToken: 'tok-3n1gma' }, 'shell').items;
    expect(shell.shown?.url).not.toContain('tok-3n1gma');
    expect(shell.shown?.url).not.toContain('****');
  });

  it('for a shell command, stands both values in for the environment variables that give them', () => {
    const planned = oauthPlan({ accessToken: 'tok-3n1gma' }, 'shell');
    const reads = planned.shellValues.filter((value) => value.key.startsWith('oauth.'));
    expect(reads.map(({ key, envName }) => ({ key, envName }))).toEqual([
      { key: 'oauth.baseURI', envName: 'LD_HOOK_KIT_OAUTH_BASE_URI' },
      { key: 'oauth.accessToken', envName: 'LD_HOOK_KIT_OAUTH_ACCESS_TOKEN' },
    ]);
    const [item] = planned.items;
    expect(item.shown?.url).toBe(`${reads[0].value}/hooks/ops`);
    expect(JSON.stringify(item.shown)).not.toContain('tok-3n1gma');
    expect(item.unsendable).toBeUndefined();
  });

  it('for a shell command, still says what send would refuse, judged without the placeholders', () => {
    const manifest = validManifest({ requiresOAuth: true, oauthIntegrationKey: 'pigeon' });
    const endpoint = (manifest.capabilities as { auditLogEventsHook: { endpoint: Record<string, unknown> } }).auditLogEventsHook.endpoint;
    endpoint.url = '{{oauth.baseURI}}/hooks';
    endpoint.headers = [{ name: 'Host', value: 'pigeon.example' }];
    const root = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const given = { channel: 'ops', signingSecret: 'sig' };
    const [item] = planRequests({ integration: loadIntegration(root, 'pigeon'), given, source: 'preview', samples, showSecretsAs: 'shell' }).items;
    expect(item.unsendable).toMatch(/Host is a header HTTP clients write themselves/);
  });
});

describe('planRequests: secrets in problems', () => {
  it('masks a secret the error quotes, but never inside the place: a short secret leaves the path whole', () => {
    // `t` occurs in the path; a failing `in` lookup on the secret quotes its value.
    const problem = problemWith('{"text": "{{formVariables.signingSecret.deeper.x}}"}', { signingSecret: 't' });
    expect(problem).toMatch(/^integrations\/pigeon\/templates\/flag\.json\.hbs(:\d+:\d+)?: /);
    expect(problem).toContain('`formVariables.signingSecret` is a string, which has no property `deeper`');
    expect(problem).not.toContain('****');
  });
});

describe('planRequests: a template asked for by kind', () => {
  it('is refused up front, as a usage error, when the integration has no template of that kind', () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    const plan = { integration: loadIntegration(root, 'pigeon'), given: {}, source: 'preview' as const, samples, templateKind: 'member' as const };
    expect(() => planRequests(plan)).toThrow(expect.objectContaining({ exitCode: 2, message: 'pigeon has no member template (it has: flag, default, validation)' }));
  });

  it('without a named event, renders one the template receives: the canonical event of its kind, a flag change for flag templates', () => {
    const manifest = validManifest();
    const hook = (manifest.capabilities as { auditLogEventsHook: Record<string, unknown> }).auditLogEventsHook;
    hook.templates = { flag: 'templates/flag.json.hbs', member: 'templates/flag.json.hbs', validation: 'templates/flag.json.hbs' };
    const root = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const refOf = (templateKind?: 'flag' | 'member' | 'validation') =>
      planRequests({ integration: loadIntegration(root, 'pigeon'), given: {}, source: 'preview', samples, templateKind }).items.map((item) => item.sample.ref);
    expect(refOf()).toEqual(['flag/update-rules']);
    expect(refOf('flag')).toEqual(['flag/update-rules']);
    // LaunchDarkly sends the validation template with an environment event.
    expect(refOf('validation')).toEqual(['environment/create']);
    expect(refOf('member')).toEqual(['member/update-role']);
  });

  it('does not matter to the standard webhook payload, which uses no template', () => {
    const manifest = validManifest();
    const hook = (manifest.capabilities as { auditLogEventsHook: Record<string, unknown> }).auditLogEventsHook;
    delete hook.templates;
    hook.useStandardWebhookPayload = true;
    const root = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const plan = { integration: loadIntegration(root, 'pigeon'), given: {}, source: 'preview' as const, samples, templateKind: 'member' as const };
    const [item] = planRequests(plan).items;
    expect(item.failed).toBeFalsy();
    expect(JSON.parse(item.rendered!.request.body)).toHaveProperty('kind', 'member');
  });
});

describe('planRequests: the validation template', () => {
  it('is delivered whatever the policy says, since testing the connection sends it', () => {
    const manifest = validManifest();
    const hook = (manifest.capabilities as { auditLogEventsHook: Record<string, unknown> }).auditLogEventsHook;
    hook.templates = { flag: 'templates/flag.json.hbs', validation: 'templates/flag.json.hbs' };
    hook.defaultPolicy = [{ effect: 'allow', resources: ['proj/*:env/production:flag/*'], actions: ['updateOn'] }];
    const root = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const plan = { integration: loadIntegration(root, 'pigeon'), given: {}, source: 'preview' as const, samples, context: 'environment/create' };
    expect(planRequests(plan).items[0].routing.delivered).toBe(false);
    const [item] = planRequests({ ...plan, templateKind: 'validation' }).items;
    expect(item.routing).toMatchObject({ delivered: true, decidedBy: null });
    expect(item.routing.reason).toContain('validate connection');
    expect(item.rendered?.template).toEqual({ kind: 'validation', file: 'templates/flag.json.hbs' });
    expect(JSON.parse(item.rendered!.request.body)).toMatchObject({ text: expect.stringContaining('created the environment') });
  });
});

describe('planRequests: an integration without auditLogEventsHook', () => {
  it('is nothing to render, which fails (exit 1) as send does', () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest({ capabilities: {}, otherCapabilities: ['sso'] }), files: validFiles() } });
    const plan = () => planRequests({ integration: loadIntegration(root, 'pigeon'), given: {}, source: 'preview', samples });
    expect(plan).toThrow(NothingToRenderError);
    expect(plan).toThrow(expect.objectContaining({ exitCode: 1, message: 'pigeon has no auditLogEventsHook capability: it sends no change-history events' }));
  });
});

describe('planRequests: events without a request', () => {
  it('marks the problem of an integration without an endpoint as nothing to render, for every event', () => {
    const manifest = validManifest();
    delete (manifest.capabilities as any).auditLogEventsHook.endpoint;
    const root = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const planned = planRequests({ integration: loadIntegration(root, 'pigeon'), context: 'all', given: {}, source: 'preview', samples });
    expect(planned.items.map((item) => [item.problem, item.nothingToRender])).toEqual(
      planned.items.map(() => ['pigeon has no endpoint in its auditLogEventsHook capability', true]),
    );
  });

  it('does not mark an event no template serves, which is the event\'s answer, not the integration\'s', () => {
    const manifest = validManifest();
    (manifest.capabilities as any).auditLogEventsHook.templates = { flag: 'templates/flag.json.hbs' };
    const root = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    const [item] = planRequests({ integration: loadIntegration(root, 'pigeon'), context: 'member/invite', given: {}, source: 'preview', samples }).items;
    expect(item.problem).toBe('pigeon has no member or default template: LaunchDarkly sends nothing for this event');
    expect(item).not.toHaveProperty('nothingToRender');
    expect(item).not.toHaveProperty('failed');
  });
});

describe('planRequests: what the shown request and the shell judgement are made with', () => {
  type Endpoint = { url: string; headers: { name: string; value: string }[]; hmacSignature?: { headerName: string; hmacSecretFormVariableKey: string } };
  function planWith(edit: (manifest: Record<string, unknown>, endpoint: Endpoint) => void, given: Record<string, string>, options: { showSecretsAs?: 'mask' | 'shell'; oauth?: Record<string, string> } = {}, files: Record<string, string> = {}) {
    const manifest = validManifest();
    edit(manifest, (manifest.capabilities as { auditLogEventsHook: { endpoint: Endpoint } }).auditLogEventsHook.endpoint);
    const root = createFixtureRoot({ pigeon: { manifest, files: { ...validFiles(), ...files } } });
    return planRequests({ integration: loadIntegration(root, 'pigeon'), given, source: 'preview', samples, ...options });
  }

  it('for a shell command, keeps the signature a variable that is no secret made, though the shown body stands in for a secret', () => {
    const [item] = planWith(
      (_manifest, endpoint) => {
        endpoint.hmacSignature = { headerName: 'X-Pigeon-Signature', hmacSecretFormVariableKey: 'channel' };
      },
      { channel: 'ops', signingSecret: 'hunter2' },
      { showSecretsAs: 'shell' },
      { 'templates/flag.json.hbs': '{"s": "{{{formVariables.signingSecret}}}"}' },
    ).items;
    const signature = (request?: { headers: { name: string; value: string }[] }) => request?.headers.find((header) => header.name === 'X-Pigeon-Signature')?.value;
    expect(item.shown?.body).not.toContain('hunter2');
    expect(signature(item.shown)).toMatch(/^[0-9a-f]{64}$/);
    expect(signature(item.shown)).toBe(signature(item.rendered?.request));
  });

  it('signs nothing when the signing variable holds no text', () => {
    const [item] = planWith(
      (manifest, endpoint) => {
        (manifest.formVariables as unknown[]).push({ key: 'flagged', name: 'Flagged', type: 'boolean', description: 'A switch.' });
        endpoint.hmacSignature = { headerName: 'X-Pigeon-Signature', hmacSecretFormVariableKey: 'flagged' };
      },
      { channel: 'ops' },
    ).items;
    expect(item.rendered?.request.headers.map((header) => header.name)).toEqual(['Content-Type']);
  });

  it('quotes no part of a secret in why send would refuse the request: the scheme a url starting with one has', () => {
    const url = (secret: string) =>
      planWith(
        (_manifest, endpoint) => {
          endpoint.url = '{{{signingSecret}}}/hooks';
        },
        { channel: 'ops', signingSecret: secret },
      ).items[0].unsendable;
    // user:password given where a url was meant: the URL parser takes `user:` for the scheme, in lower case.
    expect(url('Hunter2-user:pass-word')).toBe("invalid request: the URL's scheme is not http or https");
    expect(url('hunter2://pigeon.example')).toBe("invalid request: the URL's scheme is not http or https");
  });
});

describe('planRequests: OAuth values a shell command cannot send as a template has them', () => {
  function shellPlan(oauth: Record<string, string>, authorization: string) {
    const manifest = validManifest({ requiresOAuth: true, oauthIntegrationKey: 'pigeon' });
    const endpoint = (manifest.capabilities as { auditLogEventsHook: { endpoint: Record<string, unknown> } }).auditLogEventsHook.endpoint;
    endpoint.url = '{{oauth.baseURI}}/hooks/{{channel}}';
    endpoint.headers = [{ name: 'Authorization', value: authorization }];
    const root = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    return planRequests({ integration: loadIntegration(root, 'pigeon'), given: { channel: 'ops', signingSecret: 'sig' }, source: 'preview', samples, oauth, showSecretsAs: 'shell' });
  }

  it('judges an escaped access token by the characters tokens hold, given one or not: the command reads the environment\'s', () => {
    expect(shellPlan({ accessToken: 'plain42' }, 'Bearer {{oauth.accessToken}}').items[0].transformed).toEqual(['oauth.accessToken']);
    expect(shellPlan({}, 'Bearer {{oauth.accessToken}}').items[0].transformed).toEqual(['oauth.accessToken']);
    expect(shellPlan({}, 'Bearer {{{oauth.accessToken}}}').items[0].transformed).toBeUndefined();
  });

  it('says a shell command cannot send a token given that the template changes, nor one base64 hides', () => {
    const [escaped] = shellPlan({ accessToken: 'a=b' }, 'Bearer {{oauth.accessToken}}').items;
    expect(escaped.transformed).toBeUndefined();
    expect(escaped.shellCannot).toEqual([
      'the template transforms the value given for oauth.accessToken (an encoding helper or HTML escaping), which the command would send unchanged',
    ]);
    expect(shellPlan({ accessToken: 'plain42' }, 'Bearer {{oauth.accessToken}}').items[0].shellCannot).toBeUndefined();
    // queryEncode over basicAuthHeaderValue: the shell would have to encode the base64 it computes.
    const [hidden] = shellPlan({}, '{{queryEncode (basicAuthHeaderValue "user" oauth.accessToken)}}').items;
    expect(hidden.shellCannot).toEqual([
      'the template transforms oauth.accessToken past recognition (base64, say), so the command would never read it from LD_HOOK_KIT_OAUTH_ACCESS_TOKEN',
    ]);
  });

  it('leaves the base64 of basicAuthHeaderValue over a shell value to the shell, with the values as they stand in it', () => {
    const planned = shellPlan({ accessToken: 'a=b' }, '{{basicAuthHeaderValue "user" oauth.accessToken}}');
    const [item] = planned.items;
    expect(planned.shellBase64).toEqual([{ value: 'ldhkbase640x+/=', text: 'user:ldhkoauthaccesstokenx' }]);
    expect(item.shown?.headers).toContainEqual({ name: 'Authorization', value: 'Basic ldhkbase640x+/=' });
    expect(item.rendered?.request.headers).toContainEqual({ name: 'Authorization', value: `Basic ${Buffer.from('user:a=b').toString('base64')}` });
    expect(item.transformed).toBeUndefined();
    expect(item.shellCannot).toBeUndefined();
    // Encoded before the helper, the value is transformed inside the base64: the shell cannot.
    const [encoded] = shellPlan({}, '{{basicAuthHeaderValue "user" (queryEncode oauth.accessToken)}}').items;
    expect(encoded.transformed).toEqual(['oauth.accessToken']);
    // Without a shell value in it, the helper writes the base64 as LaunchDarkly does.
    const plain = shellPlan({}, '{{basicAuthHeaderValue "user" "pw"}}');
    expect(plain.items[0].shown?.headers).toContainEqual({ name: 'Authorization', value: `Basic ${Buffer.from('user:pw').toString('base64')}` });
    expect(plain.shellBase64).toEqual([]);
  });

  it('judges what send would refuse with the OAuth values given', () => {
    expect(shellPlan({ baseURI: 'ftp://pigeon.example' }, 'Bearer {{{oauth.accessToken}}}').items[0].unsendable).toBe("invalid request: the URL's scheme is not http or https");
  });
});

describe('planRequests: at', () => {
  it('renders each event as if it happened at the time given, as send does unless told to keep the timestamp', () => {
    const files = { ...validFiles(), 'templates/flag.json.hbs': '{"ms": {{timestamp.milliseconds}} }' };
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files } });
    const plan = { integration: loadIntegration(root, 'pigeon'), given: { channel: 'ops' }, source: 'preview' as const, samples };
    const item = planRequests({ ...plan, at: new Date(5000) }).items[0];
    expect(item.problem).toBeUndefined();
    expect(JSON.parse(item.rendered!.request.body)).toEqual({ ms: 5000 });
    expect(JSON.parse(planRequests(plan).items[0].rendered!.request.body).ms).not.toBe(5000);
  });
});

describe('planRequests: a JSON template whose body is not JSON', () => {
  const planWith = (file: string, template: string, given: Record<string, string> = {}) => {
    const manifest = validManifest() as any;
    manifest.capabilities.auditLogEventsHook.templates.flag = file;
    const root = createFixtureRoot({ pigeon: { manifest, files: { ...validFiles(), [file]: template } } });
    return planRequests({ integration: loadIntegration(root, 'pigeon'), given, source: 'preview', samples }).items[0];
  };

  it('says where the body breaks and where the template wrote that, and still shows the request', () => {
    const item = planWith('templates/flag.json.hbs', '{\n  "a": 1\n  {{#if title}}"b": 2{{/if}}\n}');
    expect(item.failed).toBeUndefined();
    expect(item.shown!.body).toContain('"b": 2');
    expect(item.bodyProblem).toBe(
      'the body is not valid JSON at line 3, column 3: expected `,` or `}` after a property value, found `"`; ' +
        'the template wrote it at integrations/pigeon/templates/flag.json.hbs:3:16',
    );
  });

  it('judges the body as sent, with the secret, but neither quotes nor counts in it when the body shown masks one', () => {
    const template = '{"s": "{{{formVariables.signingSecret}}}", "n": 1}';
    // A quote in the secret breaks the body sent; the body shown, with the mask, is JSON.
    const quoted = planWith('templates/flag.json.hbs', template, { signingSecret: 'hunter2"and-more' });
    expect(quoted.bodyProblem).toBe('the body sent is not valid JSON; the template wrote it at integrations/pigeon/templates/flag.json.hbs:1:8');
    // The masked secret in number position makes the body shown no JSON, but the body sent is.
    expect(planWith('templates/flag.json.hbs', '{"n": {{{formVariables.signingSecret}}}}', { signingSecret: '42' }).bodyProblem).toBeUndefined();
  });

  it('says what breaks but gives no body column for a curl command, which prints the body quoted for the shell', () => {
    const manifest = validManifest() as any;
    const root = createFixtureRoot({ pigeon: { manifest, files: { ...validFiles(), 'templates/flag.json.hbs': '{"t": "{{{title.plainText}}}" "n": 1}' } } });
    const [item] = planRequests({ integration: loadIntegration(root, 'pigeon'), given: {}, source: 'preview', samples, showSecretsAs: 'shell' }).items;
    expect(item.bodyProblem).toMatch(/^the body is not valid JSON: expected `,` or `\}` after a property value, found `"`; the template wrote it at integrations\/pigeon\/templates\/flag\.json\.hbs:1:31$/);
  });

  it('says nothing of a body that is JSON, nor of a template that is not a JSON one', () => {
    expect(planWith('templates/flag.json.hbs', '{"a": 1}').bodyProblem).toBeUndefined();
    expect(planWith('templates/flag.txt', 'a: {{{title.plainText}}}').bodyProblem).toBeUndefined();
  });
});
