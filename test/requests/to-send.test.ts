import { loadIntegration } from '../../scripts/lib/integration/load';
import type { FormVariable } from '../../scripts/lib/integration/manifest';
import { curlValuesMissing, planRequests, requestsToSend, type SendChoice } from '../../scripts/lib/requests';
import { loadSamples } from '../../scripts/lib/samples/load';
import { signBody } from '../../scripts/lib/delivery';
import { createFixtureRoot, validFiles, validManifest } from '../helpers/fixture-root';

const samples = loadSamples();
const GIVEN = { channel: 'ops', signingSecret: 'hunter2-hunter2' };

type Hook = { endpoint: { headers: { name: string; value: string }[] }; templates: Record<string, string>; defaultPolicy: unknown[] };

/** The valid integration, its hook edited by `edit`, planned for `context` as send plans it. */
function planned(context: string, edit: (hook: Hook) => void = () => undefined, given: Record<string, string> = GIVEN) {
  const manifest = validManifest();
  edit((manifest.capabilities as { auditLogEventsHook: Hook }).auditLogEventsHook);
  const root = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
  return planRequests({ integration: loadIntegration(root, 'pigeon'), context, given, source: 'send', samples });
}

const ONE: SendChoice = { everySample: false, ignorePolicy: false };
const ALL: SendChoice = { everySample: true, ignorePolicy: false };

describe('requestsToSend', () => {
  it('gives the rendered request to send and the masked one to show', () => {
    const [outgoing] = requestsToSend(planned('flag/update-rules'), ONE);
    expect(outgoing.request.url).toBe('https://us.api.pigeon-post.example/hooks/ops');
    expect(outgoing.request.headers.find((header) => header.name === 'X-Pigeon-Signature')?.value).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(outgoing.shown)).not.toContain('hunter2');
  });

  it('sends to --to instead of the rendered url, in what is sent and what is shown', () => {
    const [outgoing] = requestsToSend(planned('flag/update-rules'), { ...ONE, to: 'http://127.0.0.1:9/in' });
    expect(outgoing.request.url).toBe('http://127.0.0.1:9/in');
    expect(outgoing.shown.url).toBe('http://127.0.0.1:9/in');
  });

  it('refuses, naming how to give it, a required form variable without a value', () => {
    expect(() => requestsToSend(planned('flag/update-rules', undefined, { signingSecret: 'hunter2-hunter2' }), ONE)).toThrow(
      'nothing sent: required form variable channel has no value (--var channel=... or LD_HOOK_KIT_VAR_CHANNEL)',
    );
  });

  it('says first that the integration has no endpoint, which no value given makes up for', () => {
    const noEndpoint = (hook: Hook) => delete (hook as Partial<Hook>).endpoint;
    expect(() => requestsToSend(planned('flag/update-rules', noEndpoint, {}), ONE)).toThrow(
      'nothing sent: pigeon has no endpoint in its auditLogEventsHook capability',
    );
  });

  it('refuses one event the policy drops, unless told to ignore the policy', () => {
    const plan = planned('project/create');
    expect(() => requestsToSend(plan, ONE)).toThrow(/^nothing sent: the default policy does not deliver project\/create .*--ignore-policy sends it anyway$/);
    expect(requestsToSend(plan, { ...ONE, ignorePolicy: true }).map(({ item }) => item.sample.ref)).toEqual(['project/create']);
  });

  it('with every sample, sends only what the policy delivers, and a template only dropped events reach stops nothing', () => {
    const plan = planned('all', (hook) => {
      hook.templates.project = 'templates/missing.json.hbs';
    });
    const refs = requestsToSend(plan, ALL).map(({ item }) => item.sample.ref);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.every((ref) => ref.startsWith('flag/'))).toBe(true);
    expect(refs).toEqual(plan.items.filter((item) => item.routing.delivered).map((item) => item.sample.ref));
    expect(() => requestsToSend(plan, { ...ALL, ignorePolicy: true })).toThrow(/^nothing sent: .*names "[^"]+", which does not exist in the integration folder \(samples? project\//);
  });

  it('says the policy delivers none of the samples when it lets nothing through', () => {
    const plan = planned('all', (hook) => {
      hook.defaultPolicy = [{ effect: 'allow', resources: ['proj/*:env/production:flag/*'], actions: ['noSuchAction'] }];
    });
    expect(() => requestsToSend(plan, ALL)).toThrow(/^nothing sent: the default policy delivers none of the \d+ samples \(`ld-hook-kit validate pigeon` explains, under policy-delivers-nothing\)$/);
    // The command it suggests runs as printed where send ran: with the --root given.
    expect(() => requestsToSend(plan, { ...ALL, root: '../my fork' })).toThrow("(`ld-hook-kit validate pigeon --root '../my fork'` explains");
  });

  it('says how many of the samples the policy delivers have no request when none has one', () => {
    const noFlagTemplate = (hook: Hook) => {
      hook.templates = { validation: 'templates/validation.json.hbs' };
    };
    const delivered = planned('all', noFlagTemplate).items.filter((item) => item.routing.delivered).length;
    expect(delivered).toBeGreaterThan(1);
    expect(() => requestsToSend(planned('all', noFlagTemplate), ALL)).toThrow(
      new RegExp(`^nothing sent: none of the ${delivered} samples it delivers has a request: pigeon has no flag or default template`),
    );
    const oneDelivered = (hook: Hook) => {
      noFlagTemplate(hook);
      hook.defaultPolicy = [{ effect: 'allow', resources: ['proj/*:env/production:flag/*'], actions: ['updateFallthrough'] }];
    };
    expect(planned('all', oneDelivered).items.filter((item) => item.routing.delivered)).toHaveLength(1);
    expect(() => requestsToSend(planned('all', oneDelivered), ALL)).toThrow(/^nothing sent: the one sample it delivers has no request: pigeon has no flag or default template/);
  });

  it('builds every request before any goes out: one no client can send stops them all, its reason masked', () => {
    const plan = planned('all', (hook) => {
      hook.endpoint.headers.push({ name: 'Transfer-Encoding', value: 'chunked' });
    });
    expect(() => requestsToSend(plan, ALL)).toThrow(/^nothing sent: invalid request: Transfer-Encoding is a header HTTP clients write themselves/);
  });
});

describe('requestsToSend: what it refuses, and how it says so', () => {
  it('names a single sample a broken template stopped as one sample', () => {
    const plan = planned('flag/update-rules', (hook) => {
      hook.templates.flag = 'templates/missing.json.hbs';
    });
    expect(() => requestsToSend(plan, ONE)).toThrow(/^nothing sent: .*names "[^"]+", which does not exist in the integration folder \(sample flag\/update-rules\)$/);
  });

  it('names every sample one problem stopped on one line', () => {
    const plan = planned('all', (hook) => {
      hook.templates.flag = 'templates/missing.json.hbs';
    });
    const flagRefs = plan.items.filter((item) => item.routing.delivered && item.sample.ref.startsWith('flag/')).map((item) => item.sample.ref);
    expect(flagRefs.length).toBeGreaterThan(1);
    expect(() => requestsToSend(plan, ALL)).toThrow(`which does not exist in the integration folder (samples ${flagRefs.join(', ')})`);
  });

  it('refuses a default policy LaunchDarkly would not accept', () => {
    const plan = planned('flag/update-rules', (hook) => {
      hook.defaultPolicy = [{ effect: 'allow', resources: ['proj/*:env/production:flag/*'], actions: ['*'] }, { effect: 'maybe', resources: [], actions: [] }];
    });
    expect(() => requestsToSend(plan, ONE)).toThrow(/^nothing sent: the default policy is invalid, so LaunchDarkly would not accept it: .* \(validate's policy-syntax\)$/);
    // --ignore-policy sends what a valid policy drops; it does not make LaunchDarkly accept an invalid one.
    expect(() => requestsToSend(plan, { ...ONE, ignorePolicy: true })).toThrow(/^nothing sent: the default policy is invalid/);
  });

  it('with every sample, says when none of those the policy delivers has a request, and why', () => {
    const plan = planned('all', (hook) => {
      hook.templates = { project: 'templates/flag.json.hbs' };
    });
    expect(() => requestsToSend(plan, ALL)).toThrow(/^nothing sent: none of the \d+ samples it delivers has a request: pigeon has no flag or default template/);
  });

  it('masks a secret in the reason a request cannot be sent', () => {
    const plan = planned('flag/update-rules', (hook) => {
      (hook.endpoint as unknown as { url: string }).url = '{{signingSecret}}://pigeon.example/hooks';
    });
    expect(() => requestsToSend(plan, ONE)).toThrow("nothing sent: invalid request: the URL's scheme is not http or https (sample flag/update-rules)");
  });
});

describe('requestsToSend: a signing key that is empty', () => {
  /** The valid integration with its signing key, and the key of the secret variable when `variableToo`, empty: the schema allows both. */
  function emptyKeyed(variableToo: boolean, given: Record<string, string>) {
    const manifest = validManifest() as any;
    if (variableToo) manifest.formVariables.find((variable: FormVariable) => variable.key === 'signingSecret').key = '';
    manifest.capabilities.auditLogEventsHook.endpoint.hmacSignature.hmacSecretFormVariableKey = '';
    const root = createFixtureRoot({ pigeon: { manifest, files: validFiles() } });
    return planRequests({ integration: loadIntegration(root, 'pigeon'), context: 'flag/update-rules', given, source: 'send', samples });
  }

  it('signs with the secret variable whose key is empty, as validate accepts it', () => {
    const [outgoing] = requestsToSend(emptyKeyed(true, { channel: 'ops', '': 'hunter2-hunter2' }), ONE);
    const signature = outgoing.request.headers.find((header) => header.name === 'X-Pigeon-Signature');
    expect(signature?.value).toBe(signBody(outgoing.request.body, 'hunter2-hunter2'));
  });

  it('refuses, as validate does, an empty key that no variable has, rather than send unsigned', () => {
    expect(() => requestsToSend(emptyKeyed(false, GIVEN), ONE)).toThrow('hmacSignature.hmacSecretFormVariableKey names no form variable ("")');
  });

  it('refuses, as validate does, a signature with no signing key at all, rather than send unsigned', () => {
    const plan = planned('flag/update-rules', (hook) => {
      delete (hook.endpoint as unknown as { hmacSignature: Record<string, unknown> }).hmacSignature.hmacSecretFormVariableKey;
    });
    expect(() => requestsToSend(plan, ONE)).toThrow(
      "nothing sent: hmacSignature has no hmacSecretFormVariableKey naming the secret that signs, so the request would go unsigned and LaunchDarkly would not accept the integration (validate's hmac-secret-variable)",
    );
  });
});

describe('curlValuesMissing', () => {
  const variables = validManifest().formVariables as FormVariable[];

  it('names a required value not given, and says the command sends its placeholder instead', () => {
    expect(curlValuesMissing(variables, {})).toBe(
      'required form variable channel has no value (--var channel=... or LD_HOOK_KIT_VAR_CHANNEL): ' +
        'the command sends its placeholder, where LaunchDarkly and send would send nothing',
    );
  });

  it('says the empty value given goes instead, when that is what was given', () => {
    expect(curlValuesMissing(variables, { channel: '' })).toMatch(/channel was given empty, .*: the command sends the empty value given, where/);
  });

  it('asks nothing for a secret, which the command reads when it runs, nor when every other required value is given', () => {
    expect(curlValuesMissing(variables, { channel: 'ops' })).toBeUndefined();
    const secretRequired = variables.map((variable) => (variable.key === 'signingSecret' ? { ...variable, isOptional: false } : variable));
    expect(curlValuesMissing(secretRequired, { channel: 'ops' })).toBeUndefined();
  });
});
