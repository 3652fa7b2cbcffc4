import rule from '../../scripts/lib/rules/checks/hmac-secret-variable';
import { checkManifest, clone, validManifest } from '../helpers/fixture-root';

type Json = Record<string, any>;

function manifestWith(edit: (manifest: Json) => void): Json {
  const manifest = clone(validManifest()) as Json;
  edit(manifest);
  return manifest;
}

describe('hmac-secret-variable', () => {
  it('is an error for CI rule 4', () => {
    expect(rule.severity).toBe('error');
    expect(rule.ciRule).toBe(4);
  });

  it('is silent when the signing secret is a secret string variable', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
  });

  it('is silent without hmacSignature', () => {
    const manifest = manifestWith((m) => delete m.capabilities.auditLogEventsHook.endpoint.hmacSignature);
    expect(checkManifest(rule, manifest)).toEqual([]);
  });

  it('reports a key that names no form variable', () => {
    const manifest = manifestWith((m) => (m.capabilities.auditLogEventsHook.endpoint.hmacSignature.hmacSecretFormVariableKey = 'secret'));
    expect(checkManifest(rule, manifest)).toEqual([
      {
        message: 'hmacSecretFormVariableKey "secret" names no form variable; add a string form variable "secret" with isSecret: true',
        pointer: '/capabilities/auditLogEventsHook/endpoint/hmacSignature/hmacSecretFormVariableKey',
      },
    ]);
  });

  it('names the declared key a misspelt one is close to, instead of asking for a new variable', () => {
    const misspelt = manifestWith((m) => (m.capabilities.auditLogEventsHook.endpoint.hmacSignature.hmacSecretFormVariableKey = 'signingSecre'));
    expect(checkManifest(rule, misspelt)).toEqual([
      {
        message: 'hmacSecretFormVariableKey "signingSecre" names no form variable; did you mean "signingSecret"?',
        pointer: '/capabilities/auditLogEventsHook/endpoint/hmacSignature/hmacSecretFormVariableKey',
      },
    ]);
    const otherCase = manifestWith((m) => (m.capabilities.auditLogEventsHook.endpoint.hmacSignature.hmacSecretFormVariableKey = 'signingsecret'));
    expect(checkManifest(rule, otherCase)).toEqual([{ message: expect.stringContaining('did you mean "signingSecret"?'), pointer: expect.any(String) }]);
  });

  it('reports an hmacSignature without a secret key', () => {
    const manifest = manifestWith((m) => (m.capabilities.auditLogEventsHook.endpoint.hmacSignature = { headerName: 'X-Sig' }));
    expect(checkManifest(rule, manifest)).toEqual([
      {
        message: expect.stringContaining('hmacSignature names no secret'),
        pointer: '/capabilities/auditLogEventsHook/endpoint/hmacSignature',
      },
    ]);
  });

  it('accepts an empty key when a secret string variable has that key, as the schema allows', () => {
    const manifest = manifestWith((m) => {
      m.formVariables[1].key = '';
      m.capabilities.auditLogEventsHook.endpoint.hmacSignature.hmacSecretFormVariableKey = '';
    });
    expect(checkManifest(rule, manifest)).toEqual([]);
    const noSuchVariable = manifestWith((m) => (m.capabilities.auditLogEventsHook.endpoint.hmacSignature.hmacSecretFormVariableKey = ''));
    expect(checkManifest(rule, noSuchVariable)).toEqual([
      { message: expect.stringContaining('hmacSignature names no secret'), pointer: '/capabilities/auditLogEventsHook/endpoint/hmacSignature' },
    ]);
  });

  it('reports a secret variable that is not marked isSecret', () => {
    const manifest = manifestWith((m) => delete m.formVariables[1].isSecret);
    expect(checkManifest(rule, manifest)).toEqual([
      { message: 'form variable "signingSecret" holds the HMAC signing secret, so it must have isSecret: true', pointer: '/formVariables/1' },
    ]);
    const explicitFalse = manifestWith((m) => (m.formVariables[1].isSecret = false));
    expect(checkManifest(rule, explicitFalse)).toEqual([
      { message: expect.stringContaining('must have isSecret: true'), pointer: '/formVariables/1/isSecret' },
    ]);
  });

  it('reports a secret variable that is not a string', () => {
    const manifest = manifestWith((m) => (m.formVariables[1].type = 'uri'));
    expect(checkManifest(rule, manifest)).toEqual([
      {
        message: 'form variable "signingSecret" holds the HMAC signing secret, so its type must be "string", not "uri"',
        pointer: '/formVariables/1/type',
      },
    ]);
  });

  it('checks the eventsHook endpoint too', () => {
    const manifest = manifestWith((m) => {
      m.capabilities.eventsHook = {
        endpoint: { url: 'https://x.example', method: 'POST', hmacSignature: { hmacSecretFormVariableKey: 'channel' } },
        templates: {},
      };
    });
    expect(checkManifest(rule, manifest)).toEqual([
      { message: expect.stringContaining('"channel" holds the HMAC signing secret, so it must have isSecret'), pointer: '/formVariables/0' },
    ]);
  });

  it('does not throw on malformed parts', () => {
    const shapes: ((m: Json) => void)[] = [
      (m) => (m.formVariables = 'none'),
      (m) => (m.formVariables = [null, 3, 'x']),
      (m) => (m.capabilities.auditLogEventsHook.endpoint = 'https://x.example'),
      (m) => (m.capabilities.auditLogEventsHook.endpoint.hmacSignature = true),
      (m) => (m.capabilities = []),
    ];
    for (const shape of shapes) expect(() => checkManifest(rule, manifestWith(shape))).not.toThrow();
    expect(checkManifest(rule, manifestWith((m) => (m.formVariables = [null, 3])))).toEqual([
      { message: expect.stringContaining('names no form variable'), pointer: expect.any(String) },
    ]);
  });
});
