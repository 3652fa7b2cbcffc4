import { resolveFormValues } from '../../scripts/lib/render/form-values';
import { givenValues, parseVarArguments } from '../../scripts/lib/requests/given-values';
import type { FormVariable, Manifest } from '../../scripts/lib/integration/manifest';
import { UserError } from '../../scripts/lib/errors';

const variables: FormVariable[] = [
  { key: 'apiKey', name: 'API key', type: 'string', description: 'The key.', isSecret: true },
  { key: 'baseUrl', name: 'Base URL', type: 'uri', description: 'Where to post.' },
  { key: 'region', name: 'Region', type: 'enum', description: 'Region.', allowedValues: ['eu', 'us'], isOptional: true, defaultValue: 'eu' },
  { key: 'verbose', name: 'Verbose', type: 'boolean', description: 'More detail.', isOptional: true, defaultValue: false },
  { key: 'prefix', name: 'Prefix', type: 'string', description: 'Title prefix.', isOptional: true, defaultValue: '' },
  { key: 'tag', name: 'Tag', type: 'string', description: 'A tag.', isOptional: true },
] as FormVariable[];

describe('resolveFormValues', () => {
  it('fills preview placeholders, but keeps defaults', () => {
    expect(resolveFormValues(variables, {}, 'preview')).toEqual({
      values: { apiKey: '$APIKEY', baseUrl: '$BASEURL', region: 'eu', verbose: false, prefix: '', tag: '$TAG' },
      secrets: [],
      missing: [],
    });
  });

  it('gives every type without a default the framework preview\'s placeholder: $ and the key in upper case, true for a boolean', () => {
    const undefaulted = [
      { key: 'apiKey', name: 'API key', type: 'string', description: 'The key.' },
      { key: 'baseUrl', name: 'Base URL', type: 'uri', description: 'Where to post.' },
      { key: 'region', name: 'Region', type: 'enum', description: 'Region.', allowedValues: ['eu', 'us'] },
      { key: 'channelId', name: 'Channel', type: 'dynamicEnum', description: 'Channel.', dynamicOptions: {} },
      { key: 'verbose', name: 'Verbose', type: 'boolean', description: 'More detail.' },
    ] as FormVariable[];
    expect(resolveFormValues(undefaulted, {}, 'preview').values).toEqual({
      apiKey: '$APIKEY',
      baseUrl: '$BASEURL',
      region: '$REGION',
      channelId: '$CHANNELID',
      verbose: true,
    });
  });

  it('renders as the framework CI does: keys, https://<key>.com for uris, true for booleans, defaults ignored', () => {
    expect(resolveFormValues(variables, {}, 'ci').values).toEqual({
      apiKey: 'apiKey',
      baseUrl: 'https://baseUrl.com',
      region: 'region',
      verbose: true,
      prefix: 'prefix',
      tag: 'tag',
    });
  });

  it('sends only real values: defaults, empty optional values, and lists required ones that have none', () => {
    expect(resolveFormValues(variables, {}, 'send')).toEqual({
      values: { region: 'eu', verbose: false, prefix: '', tag: '' },
      secrets: [],
      missing: ['apiKey', 'baseUrl'],
    });
  });

  it('prefers given values, coerces booleans and remembers non-empty secrets', () => {
    const given = { apiKey: 's3cr3t', baseUrl: 'https://hooks.example', verbose: 'true' };
    expect(resolveFormValues(variables, given, 'send')).toEqual({
      values: { apiKey: 's3cr3t', baseUrl: 'https://hooks.example', region: 'eu', verbose: true, prefix: '', tag: '' },
      secrets: ['s3cr3t'],
      missing: [],
    });
    expect(resolveFormValues(variables, { apiKey: '' }, 'ci').secrets).toEqual([]);
  });

  it('refuses a boolean that is neither true nor false, and keys the manifest does not declare', () => {
    expect(() => resolveFormValues(variables, { verbose: 'yes' }, 'preview')).toThrow('form variable verbose is a boolean: give true or false, not "yes"');
    const secretFlag = [{ key: 'flag', name: 'Flag', type: 'boolean', description: 'A flag.', isSecret: true }] as FormVariable[];
    expect(() => resolveFormValues(secretFlag, { flag: 'hunter2' }, 'preview')).toThrow('form variable flag is a boolean: give true or false, not the value given');
    const unknown = (): unknown => resolveFormValues(variables, { apikey: 'x' }, 'preview');
    expect(unknown).toThrow(UserError);
    expect(unknown).toThrow('unknown form variable apikey; did you mean apiKey? this integration has: apiKey, baseUrl, region, verbose, prefix, tag');
  });

  it('refuses an enum value outside its allowedValues, listing them, as it refuses a boolean that is neither true nor false', () => {
    expect(resolveFormValues(variables, { region: 'us' }, 'preview').values.region).toBe('us');
    const outside = (): unknown => resolveFormValues(variables, { region: 'https://evil.example' }, 'send');
    expect(outside).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(outside).toThrow('form variable region is an enum: give one of its allowedValues ("eu", "us"), not "https://evil.example"');
    for (const source of ['preview', 'ci', 'send'] as const) {
      expect(() => resolveFormValues(variables, { region: 'EU' }, source)).toThrow(/form variable region is an enum/);
    }
    // An optional enum given empty is no choice the form offers either, as an empty boolean is not.
    expect(() => resolveFormValues(variables, { region: '' }, 'send')).toThrow('form variable region is an enum: give one of its allowedValues ("eu", "us"), not ""');
    const secretChoice = [{ key: 'tier', name: 'Tier', type: 'enum', description: 'A tier.', allowedValues: ['a', 'b'], isSecret: true }] as FormVariable[];
    expect(() => resolveFormValues(secretChoice, { tier: 'hunter2' }, 'preview')).toThrow(
      'form variable tier is an enum: give one of its allowedValues ("a", "b"), not the value given',
    );
    // Without a list of choices (a manifest the schema refuses, which validate reports), any value goes.
    const unlisted = [{ key: 'tier', name: 'Tier', type: 'enum', description: 'A tier.' }] as FormVariable[];
    expect(resolveFormValues(unlisted, { tier: 'anything' }, 'send').values.tier).toBe('anything');
    const emptyList = [{ key: 'tier', name: 'Tier', type: 'enum', description: 'A tier.', allowedValues: [] }] as unknown as FormVariable[];
    expect(resolveFormValues(emptyList, { tier: 'anything' }, 'send').values.tier).toBe('anything');
  });

  it('refuses an enum value outside its allowedValues from LD_HOOK_KIT_VAR_<KEY> as from --var', () => {
    const given = givenValues({ formVariables: variables } as Manifest, [], { LD_HOOK_KIT_VAR_REGION: 'mars' }).values;
    expect(() => resolveFormValues(variables, given, 'preview')).toThrow('form variable region is an enum: give one of its allowedValues ("eu", "us"), not "mars"');
  });

  it('sends an optional boolean without a value or default as false, not as an empty string', () => {
    const flag = [{ key: 'notify', name: 'Notify', type: 'boolean', description: 'Notify too.', isOptional: true }] as FormVariable[];
    expect(resolveFormValues(flag, {}, 'send')).toEqual({ values: { notify: false }, secrets: [], missing: [] });
  });

  it('keeps each value chosen of a secret multiselect as a secret, and quotes neither them nor its options in errors', () => {
    const secretEnvs = [
      { key: 'envs', name: 'Envs', type: 'multiselect', description: 'Environments.', isSecret: true, multiselectOptions: [{ label: 'A', value: 'alphaSECRET' }, { label: 'B', value: 'betaSECRET' }] },
    ] as FormVariable[];
    expect(resolveFormValues(secretEnvs, { envs: 'alphaSECRET,betaSECRET' }, 'preview').secrets).toEqual(['alphaSECRET', 'betaSECRET']);
    expect(resolveFormValues([{ ...secretEnvs[0], multiselectDefaultOptions: ['betaSECRET'] }], {}, 'preview').secrets).toEqual(['betaSECRET']);
    expect(() => resolveFormValues(secretEnvs, { envs: 'alphaSECRET,gammaSECRET' }, 'preview')).toThrow(
      /^form variable envs is a multiselect: choose among the values of its multiselectOptions, not a value given$/,
    );
    expect(() => resolveFormValues(secretEnvs, { envs: '["alphaSECRET"' }, 'preview')).toThrow(/JSON array of strings, not the value given$/);
  });

  it('gives a multiselect the list of its chosen values: given by commas or as a JSON array, its default options, or none', () => {
    const envs = [
      { key: 'envs', name: 'Envs', type: 'multiselect', description: 'Environments.', isOptional: true, multiselectOptions: [{ label: 'A', value: 'a' }, { label: 'B b', value: 'b,c' }], multiselectDefaultOptions: ['a'] },
      { key: 'teams', name: 'Teams', type: 'multiselect', description: 'Teams.', isOptional: true, multiselectOptions: [{ label: 'Ops', value: 'ops' }] },
    ] as FormVariable[];
    expect(resolveFormValues(envs, {}, 'preview').values).toEqual({ envs: ['a'], teams: ['$TEAMS'] });
    expect(resolveFormValues(envs, {}, 'send').values).toEqual({ envs: ['a'], teams: [] });
    expect(resolveFormValues(envs, { envs: 'a', teams: ' ops ' }, 'send').values).toEqual({ envs: ['a'], teams: ['ops'] });
    expect(resolveFormValues(envs, { envs: '["a", "b,c"]', teams: '' }, 'send').values).toEqual({ envs: ['a', 'b,c'], teams: [] });
    expect(() => resolveFormValues(envs, { teams: 'ops,dev' }, 'preview')).toThrow('form variable teams is a multiselect: choose among the values of its multiselectOptions ("ops"), not "dev"');
    expect(() => resolveFormValues(envs, { teams: '["ops"' }, 'preview')).toThrow('form variable teams is a multiselect: give its values separated by commas, or a JSON array of strings, not "["ops""');
    // A required one with nothing chosen is left empty, however the nothing is written.
    const required = envs.map((variable) => ({ ...variable, isOptional: false }));
    for (const none of ['', '[]', ' ']) {
      expect([none, resolveFormValues(required, { envs: none, teams: 'ops' }, 'send')]).toEqual([none, { values: { teams: ['ops'] }, secrets: [], missing: ['envs'], givenEmpty: ['envs'] }]);
    }
    // The CI renders with the key, as for every variable that is not a boolean or a uri.
    expect(resolveFormValues(envs, {}, 'ci').values).toEqual({ envs: 'envs', teams: 'teams' });
  });

  it("does not count a secret's empty default as a secret to mask, as it does a non-empty one", () => {
    const secretDefaults = [
      { key: 'token', name: 'Token', type: 'string', description: 'A token.', isSecret: true, isOptional: true, defaultValue: 'default-token' },
      { key: 'pin', name: 'PIN', type: 'string', description: 'A PIN.', isSecret: true, isOptional: true, defaultValue: '' },
    ] as FormVariable[];
    for (const source of ['preview', 'send'] as const) {
      expect(resolveFormValues(secretDefaults, {}, source)).toEqual({ values: { token: 'default-token', pin: '' }, secrets: ['default-token'], missing: [] });
    }
  });

  it('does not name an unknown key that is no near spelling of one where a variable is secret: it may be the start of a secret given without its key', () => {
    // `--var c2VjcmV0LXRva2Vu==`: base64 padding makes the secret's start the key.
    const given = parseVarArguments(['c2VjcmV0LXRva2Vu==', 'apikey=x']);
    const error = /^unknown form variable apikey, a key not shown \(a secret given without its key would show its start there, up to an "=" in it\); this integration has: apiKey, /;
    expect(() => resolveFormValues(variables, given, 'send')).toThrow(error);
    expect(() => resolveFormValues(variables, given, 'send')).not.toThrow(/c2Vj/);
    expect(() => resolveFormValues(variables, parseVarArguments(['sk_live_Abc=Def']), 'preview')).toThrow(/^unknown form variable a key not shown \(/);
    // Without a secret, every key is named.
    const open = variables.filter((variable) => !variable.isSecret);
    expect(() => resolveFormValues(open, parseVarArguments(['sk_live_Abc=Def']), 'preview')).toThrow(/^unknown form variable sk_live_Abc; this integration has/);
  });

  it('names every unknown key, and says "none" when the integration declares no form variables', () => {
    expect(() => resolveFormValues(variables, { apikey: 'x', baseurl: 'y' }, 'preview')).toThrow(
      /^unknown form variable apikey, baseurl; this integration has: apiKey, baseUrl, region, verbose, prefix, tag$/,
    );
    expect(() => resolveFormValues([], { apiKey: 'x' }, 'preview')).toThrow(/^unknown form variable apiKey; this integration has: none$/);
  });
});

describe('form variables named like Object.prototype members', () => {
  const named = (key: string, extra: Partial<FormVariable> = {}) =>
    ({ key, name: key, type: 'string', description: 'A key like any other.', isOptional: true, ...extra }) as FormVariable;
  const prototypeNamed = [named('toString'), named('__proto__', { defaultValue: 'proto default' }), named('constructor')];

  it('are keys like any other: given, defaulted, placeheld and sent', () => {
    const given = parseVarArguments(['toString=given', '__proto__=given too']);
    expect(Object.keys(given)).toEqual(['toString', '__proto__']);
    const values = resolveFormValues(prototypeNamed, given, 'send').values;
    expect(Object.entries(values)).toEqual([['toString', 'given'], ['__proto__', 'given too'], ['constructor', '']]);
    expect(Object.entries(resolveFormValues(prototypeNamed, {}, 'preview').values)).toEqual([
      ['toString', '$TOSTRING'],
      ['__proto__', 'proto default'],
      ['constructor', '$CONSTRUCTOR'],
    ]);
    expect(Object.entries(resolveFormValues(prototypeNamed, {}, 'ci').values)).toEqual([
      ['toString', 'toString'],
      ['__proto__', '__proto__'],
      ['constructor', 'constructor'],
    ]);
  });

  it('come from the environment too, and a key the manifest lacks is still unknown', () => {
    const fromEnv = givenValues({ formVariables: prototypeNamed } as Manifest, ['toString=arg'], { LD_HOOK_KIT_VAR___PROTO__: 'env' }).values;
    expect(Object.entries(fromEnv)).toEqual([['__proto__', 'env'], ['toString', 'arg']]);
    expect(() => resolveFormValues([named('other')], parseVarArguments(['__proto__=x']), 'preview')).toThrow('unknown form variable __proto__');
  });
});
