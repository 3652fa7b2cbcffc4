// What the user gives on the command line and in the environment: `--var key=value` arguments,
// `LD_HOOK_KIT_VAR_<KEY>` form values and the OAuth values.

import { USAGE_EXIT_CODE, UserError } from '../errors';
import type { FormVariable, Manifest } from '../integration/manifest';
import { OAUTH_FIELDS, type OAuthContext } from '../render/context';
import { closest } from '../suggest';

export const ENV_PREFIX = 'LD_HOOK_KIT_VAR_';

function upperCaseName(key: string): string {
  return ENV_PREFIX + key.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

/**
 * The environment variable that gives each form variable's value, by key: its key in upper case,
 * with each character a shell name cannot hold (`api-key`) as `_`, so `export` takes it. Keys
 * that come out the same (`apiKey` and `apikey`) are numbered in manifest order (`_1`, `_2`),
 * skipping any number that would make another key's name (`apikey_1`): one variable must never
 * give two values, a secret's to another, and Windows does not tell names apart by case.
 */
export function envNames(keys: readonly string[]): Map<string, string> {
  const sharing = new Map<string, string[]>();
  for (const key of keys) {
    const upper = upperCaseName(key);
    sharing.set(upper, [...(sharing.get(upper) ?? []), key]);
  }
  // Every plain name is taken, a shared one too: set, it gives nothing (ambiguousEnvironmentNotes says why).
  const taken = new Set(sharing.keys());
  const names = new Map<string, string>();
  for (const [upper, group] of sharing) {
    if (group.length === 1) {
      names.set(group[0], upper);
      continue;
    }
    let number = 0;
    for (const key of group) {
      if (names.has(key)) continue;
      do number += 1;
      while (taken.has(`${upper}_${number}`));
      taken.add(`${upper}_${number}`);
      names.set(key, `${upper}_${number}`);
    }
  }
  return names;
}

/** The environment variables that give the OAuth values, which LaunchDarkly takes from the partner's OAuth connection. */
export const OAUTH_ENV: Readonly<Record<keyof OAuthContext, string>> = {
  baseURI: 'LD_HOOK_KIT_OAUTH_BASE_URI',
  accessToken: 'LD_HOOK_KIT_OAUTH_ACCESS_TOKEN',
};

/** The OAuth values `env` gives; an empty one counts as not given. */
export function oauthFromEnvironment(env: NodeJS.ProcessEnv): Partial<OAuthContext> {
  const given: Partial<OAuthContext> = {};
  for (const field of OAUTH_FIELDS) {
    const value = env[OAUTH_ENV[field]];
    if (value) given[field] = value;
  }
  return given;
}

/**
 * A record keyed by form-variable keys, which may be any text without spaces: `toString`,
 * `constructor` and `__proto__` are keys like any other here, not Object.prototype's.
 */
function keyedRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * The usage error for a `--var` argument without a key or an `=`. Where a variable is secret the
 * argument is quoted only when it is a key: `--var token:abc`, `--var =abc` (a key left unset in
 * a shell) or a value without its key may be the secret itself.
 */
function malformedVarArgument(arg: string, variables: readonly FormVariable[]): UserError {
  if (variables.some((variable) => variable.key === arg)) {
    return new UserError(`--var ${arg} has no value: write --var ${arg}=<value>`, USAGE_EXIT_CODE);
  }
  if (variables.some((variable) => variable.isSecret === true)) {
    return new UserError('--var takes key=value, got an argument without a key or an "=" (not shown: it may hold a secret)', USAGE_EXIT_CODE);
  }
  return new UserError(`--var takes key=value, got "${arg}"`, USAGE_EXIT_CODE);
}

/** Parses `--var key=value` arguments; `variables`, the manifest's, decide what a usage error may quote. */
export function parseVarArguments(args: string[], variables: readonly FormVariable[] = []): Record<string, string> {
  const given = keyedRecord<string>();
  for (const arg of args) {
    const equals = arg.indexOf('=');
    if (equals <= 0) throw malformedVarArgument(arg, variables);
    given[arg.slice(0, equals)] = arg.slice(equals + 1);
  }
  return given;
}

/** `LD_HOOK_KIT_VAR_<KEY>` values from the environment, keyed by form variable key. */
export function varsFromEnvironment(variables: FormVariable[], env: NodeJS.ProcessEnv): Record<string, string> {
  const found = keyedRecord<string>();
  const names = envNames(variables.map((variable) => variable.key));
  for (const variable of variables) {
    const name = names.get(variable.key)!;
    // The key as written too, unless it is numbered: another key's name may differ only in case.
    const value = env[name] ?? (name === upperCaseName(variable.key) ? env[ENV_PREFIX + variable.key] : undefined);
    if (value !== undefined) found[variable.key] = value;
  }
  return found;
}

/** "a, b or c". */
function orList(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}` : items.join('');
}

/**
 * A note for each `LD_HOOK_KIT_VAR_` name set in `env` that varsFromEnvironment ignores because
 * keys share it (`LD_HOOK_KIT_VAR_APIKEY` for `apiKey` and `apikey`, or one of those keys as
 * written), naming the numbered ones to use instead. Notes never hold the value.
 */
export function ambiguousEnvironmentNotes(variables: FormVariable[], env: NodeJS.ProcessEnv): string[] {
  const keys = variables.map((variable) => variable.key);
  const namesByKey = envNames(keys);
  const notes: string[] = [];
  for (const upper of new Set(keys.map(upperCaseName))) {
    const sharing = keys.filter((key) => upperCaseName(key) === upper);
    if (sharing.length < 2) continue;
    const names = new Set([upper, ...sharing.map((key) => ENV_PREFIX + key)]);
    const uses = orList(sharing.map((key) => `${namesByKey.get(key)} for ${key}`));
    for (const name of Object.keys(env)) {
      if (names.has(name) && env[name] !== undefined) notes.push(`${name} is ambiguous here (${sharing.join(', ')}): use ${uses}`);
    }
  }
  return notes;
}

/**
 * A note for each `LD_HOOK_KIT_VAR_` name set in `env` that no form variable reads but one's
 * name is a near spelling of (`…_WEBHOOKIDD` for `…_WEBHOOKID`): it gives nothing, silently.
 * Names far from all of them are left alone: they may be meant for another integration.
 */
export function misspeltEnvironmentNotes(variables: FormVariable[], env: NodeJS.ProcessEnv): string[] {
  const keys = variables.map((variable) => variable.key);
  const names = [...envNames(keys).values()];
  const read = new Set([...names, ...keys.map(upperCaseName), ...keys.map((key) => ENV_PREFIX + key)]);
  const suffixes = names.map((name) => name.slice(ENV_PREFIX.length));
  const notes: string[] = [];
  for (const name of Object.keys(env)) {
    if (!name.startsWith(ENV_PREFIX) || read.has(name) || env[name] === undefined) continue;
    // One edit in a short name: two would make HOST a typo of PORT.
    const [meant] = closest(name.slice(ENV_PREFIX.length), suffixes, { limit: 1, tolerance: (candidate) => (candidate.length < 8 ? 1 : 2) });
    if (meant !== undefined) notes.push(`${name} gives no form variable of this integration: did you mean ${ENV_PREFIX}${meant}?`);
  }
  return notes;
}

export interface GivenValues {
  /** Values by form variable key. */
  values: Record<string, string>;
  /** What the user should know about the environment variables read: ambiguous names, which give nothing. */
  notes: string[];
  /** The non-empty values given to variables marked isSecret: masked wherever the user's input is quoted. */
  secrets: string[];
}

/** What the user gave: `LD_HOOK_KIT_VAR_<KEY>` from `env`, overridden by `--var key=value` arguments. */
export function givenValues(manifest: Manifest | undefined, varArguments: string[], env: NodeJS.ProcessEnv): GivenValues {
  const variables = Array.isArray(manifest?.formVariables) ? manifest!.formVariables! : [];
  const values = Object.assign(keyedRecord<string>(), varsFromEnvironment(variables, env), parseVarArguments(varArguments, variables));
  const secrets = variables.flatMap((variable) => {
    const value = variable?.isSecret === true && typeof variable.key === 'string' && Object.hasOwn(values, variable.key) ? values[variable.key] : '';
    return value === '' ? [] : [value];
  });
  return { values, notes: [...ambiguousEnvironmentNotes(variables, env), ...misspeltEnvironmentNotes(variables, env)], secrets };
}
