import { ambiguousEnvironmentNotes, envNames, givenValues, misspeltEnvironmentNotes, oauthFromEnvironment, parseVarArguments, varsFromEnvironment } from '../../scripts/lib/requests/given-values';
import type { FormVariable, Manifest } from '../../scripts/lib/integration/manifest';
import { oauthValues } from '../../scripts/lib/requests/oauth-values';

const keyAndUrl: FormVariable[] = [
  { key: 'apiKey', name: 'API key', type: 'string', description: 'The key.', isSecret: true },
  { key: 'baseUrl', name: 'Base URL', type: 'uri', description: 'Where to post.' },
];

describe('parseVarArguments', () => {
  it('splits at the first = and keeps the rest of the value', () => {
    expect(parseVarArguments(['apiKey=a=b', 'prefix='])).toEqual({ apiKey: 'a=b', prefix: '' });
  });

  it('is a usage error without a key or an =', () => {
    for (const arg of ['apiKey', '=value']) {
      expect(() => parseVarArguments([arg])).toThrow(`--var takes key=value, got "${arg}"`);
    }
  });
});

describe('givenValues', () => {
  const manifest = { formVariables: keyAndUrl } as Manifest;

  it('never quotes a --var argument without an = that may hold a secret value', () => {
    for (const arg of ['apiKey:s3cret-value', '=s3cret-value', 's3cret-value']) {
      expect(() => givenValues(manifest, [arg], {})).toThrow('--var takes key=value, got an argument without a key or an "=" (not shown: it may hold a secret)');
      try {
        givenValues(manifest, [arg], {});
      } catch (error) {
        expect((error as Error).message).not.toContain('s3cret-value');
      }
    }
  });

  it('names a key given without a value, and quotes the argument where no variable is secret', () => {
    expect(() => givenValues(manifest, ['baseUrl'], {})).toThrow('--var baseUrl has no value: write --var baseUrl=<value>');
    const open = { formVariables: [keyAndUrl[1]] } as Manifest;
    expect(() => givenValues(open, ['baseUrl:https://x.example'], {})).toThrow('--var takes key=value, got "baseUrl:https://x.example"');
  });
});

describe('varsFromEnvironment', () => {
  it('reads LD_HOOK_KIT_VAR_<KEY> in upper case or as written, upper case first', () => {
    const env = { LD_HOOK_KIT_VAR_APIKEY: 'upper', LD_HOOK_KIT_VAR_apiKey: 'as-written', LD_HOOK_KIT_VAR_baseUrl: 'https://x.example', OTHER: 'no' };
    expect(varsFromEnvironment(keyAndUrl, env)).toEqual({ apiKey: 'upper', baseUrl: 'https://x.example' });
  });

  it('reads a key a shell name cannot hold (`api-key`) from a name it can, the one curl prints', () => {
    const dashed: FormVariable[] = [{ key: 'api-key.v2', name: 'API key', type: 'string', description: 'The key.', isSecret: true }];
    expect(envNames(['api-key.v2']).get('api-key.v2')).toBe('LD_HOOK_KIT_VAR_API_KEY_V2');
    expect(varsFromEnvironment(dashed, { LD_HOOK_KIT_VAR_API_KEY_V2: 'k' })).toEqual({ 'api-key.v2': 'k' });
  });

  it('never gives one variable to two keys: those that would share a name are numbered in manifest order', () => {
    const twins = [
      { key: 'apiKey', name: 'API key', type: 'string', description: 'The key.', isSecret: true },
      { key: 'apikey', name: 'Label', type: 'string', description: 'A label.' },
      { key: 'api-key', name: 'Other', type: 'string', description: 'Another.' },
      { key: 'api_key', name: 'Fourth', type: 'string', description: 'And another.' },
    ] as FormVariable[];
    const keys = twins.map((variable) => variable.key);
    expect(keys.map((key) => envNames(keys).get(key))).toEqual([
      'LD_HOOK_KIT_VAR_APIKEY_1',
      'LD_HOOK_KIT_VAR_APIKEY_2',
      'LD_HOOK_KIT_VAR_API_KEY_1',
      'LD_HOOK_KIT_VAR_API_KEY_2',
    ]);
    // The shared name, and the keys as written, are nobody's: a secret set there cannot reach the label.
    const shared = { LD_HOOK_KIT_VAR_APIKEY: 'secret', LD_HOOK_KIT_VAR_apiKey: 'secret', LD_HOOK_KIT_VAR_apikey: 'secret' };
    expect(varsFromEnvironment(twins, shared)).toEqual({});
    expect(varsFromEnvironment(twins, { LD_HOOK_KIT_VAR_APIKEY_1: 'secret', LD_HOOK_KIT_VAR_API_KEY_1: 'other' })).toEqual({
      apiKey: 'secret',
      'api-key': 'other',
    });
  });

  it("never numbers a shared name into another key's name: a secret set there cannot reach the other key", () => {
    const crowded = [
      { key: 'apiKey', name: 'API key', type: 'string', description: 'The key.', isSecret: true },
      { key: 'apikey', name: 'Backup key', type: 'string', description: 'Another key.', isSecret: true },
      { key: 'apikey_1', name: 'Path', type: 'string', description: 'Printed in the url.' },
    ] as FormVariable[];
    const keys = crowded.map((variable) => variable.key);
    expect([...envNames(keys)]).toEqual([
      ['apiKey', 'LD_HOOK_KIT_VAR_APIKEY_2'],
      ['apikey', 'LD_HOOK_KIT_VAR_APIKEY_3'],
      ['apikey_1', 'LD_HOOK_KIT_VAR_APIKEY_1'],
    ]);
    expect(varsFromEnvironment(crowded, { LD_HOOK_KIT_VAR_APIKEY_1: 'plain', LD_HOOK_KIT_VAR_APIKEY_2: 'secret' })).toEqual({
      apikey_1: 'plain',
      apiKey: 'secret',
    });
    expect(ambiguousEnvironmentNotes(crowded, { LD_HOOK_KIT_VAR_APIKEY: 'x' })).toEqual([
      'LD_HOOK_KIT_VAR_APIKEY is ambiguous here (apiKey, apikey): use LD_HOOK_KIT_VAR_APIKEY_2 for apiKey or LD_HOOK_KIT_VAR_APIKEY_3 for apikey',
    ]);
  });
});

describe('ambiguousEnvironmentNotes', () => {
  const twins = [
    { key: 'apiKey', name: 'API key', type: 'string', description: 'The key.', isSecret: true },
    { key: 'apikey', name: 'Label', type: 'string', description: 'A label.' },
    { key: 'region', name: 'Region', type: 'string', description: 'A region.' },
  ] as FormVariable[];

  it('notes a shared name that is set, which gives nothing, naming the numbered ones to use and never the value', () => {
    const env = { LD_HOOK_KIT_VAR_APIKEY: 'hunter2', LD_HOOK_KIT_VAR_REGION: 'eu' };
    const notes = ambiguousEnvironmentNotes(twins, env);
    expect(notes).toEqual([
      'LD_HOOK_KIT_VAR_APIKEY is ambiguous here (apiKey, apikey): use LD_HOOK_KIT_VAR_APIKEY_1 for apiKey or LD_HOOK_KIT_VAR_APIKEY_2 for apikey',
    ]);
    expect(notes.join('')).not.toContain('hunter2');
    // The note is what varsFromEnvironment does: it gives neither key the value.
    expect(varsFromEnvironment(twins, env)).toEqual({ region: 'eu' });
    expect(givenValues({ formVariables: twins } as Manifest, [], env)).toEqual({ values: { region: 'eu' }, notes, secrets: [] });
  });

  it('lists the values given to secret variables, and no others', () => {
    const env = { LD_HOOK_KIT_VAR_APIKEY_1: 'hunter2', LD_HOOK_KIT_VAR_REGION: 'eu' };
    expect(givenValues({ formVariables: twins } as Manifest, ['apikey=label'], env).secrets).toEqual(['hunter2']);
    expect(givenValues({ formVariables: twins } as Manifest, ['apiKey='], {}).secrets).toEqual([]);
  });

  it('notes a sharing key as written too, set even empty, and lists three keys that share a name', () => {
    expect(ambiguousEnvironmentNotes(twins, { LD_HOOK_KIT_VAR_apikey: '' })).toEqual([
      'LD_HOOK_KIT_VAR_apikey is ambiguous here (apiKey, apikey): use LD_HOOK_KIT_VAR_APIKEY_1 for apiKey or LD_HOOK_KIT_VAR_APIKEY_2 for apikey',
    ]);
    const triplets = [...twins, { key: 'API-KEY', name: 'Third', type: 'string', description: 'A third.' }, { key: 'APIKEY', name: 'Fourth', type: 'string', description: 'A fourth.' }] as FormVariable[];
    expect(ambiguousEnvironmentNotes(triplets, { LD_HOOK_KIT_VAR_APIKEY: 'x' })).toEqual([
      'LD_HOOK_KIT_VAR_APIKEY is ambiguous here (apiKey, apikey, APIKEY): ' +
        'use LD_HOOK_KIT_VAR_APIKEY_1 for apiKey, LD_HOOK_KIT_VAR_APIKEY_2 for apikey or LD_HOOK_KIT_VAR_APIKEY_3 for APIKEY',
    ]);
  });

  it('says nothing of the numbered names, of names no keys share, or of names not set', () => {
    expect(ambiguousEnvironmentNotes(twins, { LD_HOOK_KIT_VAR_APIKEY_1: 'k', LD_HOOK_KIT_VAR_REGION: 'eu', LD_HOOK_KIT_VAR_APIKEY: undefined })).toEqual([]);
    expect(ambiguousEnvironmentNotes(keyAndUrl, { LD_HOOK_KIT_VAR_APIKEY: 'k' })).toEqual([]);
  });
});

describe('oauthFromEnvironment', () => {
  it('gives no entry for an OAuth value unset or empty, so the preview placeholder stays in its place', () => {
    // toStrictEqual: an own `accessToken: undefined` (or '') would override the placeholder it is spread over.
    expect(oauthFromEnvironment({ LD_HOOK_KIT_OAUTH_BASE_URI: 'https://oauth.example', LD_HOOK_KIT_OAUTH_ACCESS_TOKEN: '' })).toStrictEqual({
      baseURI: 'https://oauth.example',
    });
    const { sent } = oauthValues(oauthFromEnvironment({}), false);
    expect([sent.baseURI, sent.accessToken]).toEqual(['$OAUTH_BASE_URI', '$OAUTH_ACCESS_TOKEN']);
  });
});

describe('misspeltEnvironmentNotes', () => {
  it('names the variable a near spelling of a read name meant, never its value', () => {
    const env = { LD_HOOK_KIT_VAR_APIKEYY: 's3cret-value', LD_HOOK_KIT_VAR_BASE_URL: 'https://x.example' };
    expect(misspeltEnvironmentNotes(keyAndUrl, env)).toEqual([
      'LD_HOOK_KIT_VAR_APIKEYY gives no form variable of this integration: did you mean LD_HOOK_KIT_VAR_APIKEY?',
      'LD_HOOK_KIT_VAR_BASE_URL gives no form variable of this integration: did you mean LD_HOOK_KIT_VAR_BASEURL?',
    ]);
    expect(givenValues({ formVariables: keyAndUrl } as Manifest, [], env).notes.join('\n')).not.toContain('s3cret-value');
  });

  it('leaves alone the names it reads, names far from all of them (another integration\'s) and other variables', () => {
    const env = { LD_HOOK_KIT_VAR_APIKEY: 'k', LD_HOOK_KIT_VAR_baseUrl: 'u', LD_HOOK_KIT_VAR_WEBHOOKTOKEN: 't', LD_HOOK_KIT_VAR_APIKEYY: undefined, APIKEYY: 'x' };
    expect(misspeltEnvironmentNotes(keyAndUrl, env)).toEqual([]);
  });

  it('takes two edits for a typo only in a long name: HOST is no typo of PORT', () => {
    const hostAndPort: FormVariable[] = [
      { key: 'port', name: 'Port', type: 'string', description: 'The port.' },
      { key: 'webhookToken', name: 'Token', type: 'string', description: 'The token.' },
    ];
    expect(misspeltEnvironmentNotes(hostAndPort, { LD_HOOK_KIT_VAR_HOST: 'h' })).toEqual([]);
    expect(misspeltEnvironmentNotes(hostAndPort, { LD_HOOK_KIT_VAR_PORTS: '1' })).toHaveLength(1);
    expect(misspeltEnvironmentNotes(hostAndPort, { LD_HOOK_KIT_VAR_WEBHOOK_TOKN: 't' })).toHaveLength(1);
  });
});
