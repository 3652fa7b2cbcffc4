import { USAGE_EXIT_CODE, UserError } from '../errors';
import type { FormVariable, Manifest } from '../integration/manifest';
import { OAUTH_FIELDS, type FormValues, type OAuthContext } from './context';

/**
 * Where unset form variables get their values:
 * - `preview`: the framework's preview placeholders (`$APIKEY`, `true` for booleans);
 * - `ci`: what the framework's CI renders with (the key itself, `https://<key>.com` for uris,
 *   `true` for booleans), ignoring defaults as that CI does;
 * - `send`: nothing; a required variable without a value is an error.
 */
export type ValueSource = 'preview' | 'ci' | 'send';

export interface ResolvedFormValues {
  values: FormValues;
  /** Values of `isSecret` variables that the user supplied: never to be printed. */
  secrets: string[];
  /** Keys of required variables that have no value (only with `send`). */
  missing: string[];
}

export const ENV_PREFIX = 'LD_HOOK_KIT_VAR_';

function upperCaseName(key: string): string {
  return ENV_PREFIX + key.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

/**
 * The environment variable that gives a form variable's value, among the manifest's `keys`: its
 * key in upper case, with each character a shell name cannot hold (`api-key`) as `_`, so `export`
 * takes it. Keys that come out the same (`apiKey` and `apikey`) are numbered in manifest order
 * (`_1`, `_2`): one variable must never give two values, a secret's to another, and Windows
 * does not tell names apart by case.
 */
export function envNameOf(key: string, keys: readonly string[]): string {
  const upper = upperCaseName(key);
  const sharing = keys.filter((other) => upperCaseName(other) === upper);
  return sharing.length > 1 ? `${upper}_${sharing.indexOf(key) + 1}` : upper;
}

export const PREVIEW_OAUTH: OAuthContext = { baseURI: '$OAUTH_BASE_URI', accessToken: '$OAUTH_ACCESS_TOKEN' };

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
export const CI_OAUTH: OAuthContext = { baseURI: 'https://oauth.example.com', accessToken: 'oauth-access-token' };

function placeholder(variable: FormVariable, source: ValueSource): string | boolean {
  if (variable.type === 'boolean') return true;
  if (source === 'ci') return variable.type === 'uri' ? `https://${variable.key}.com` : variable.key;
  return '$' + variable.key.toUpperCase();
}

/** The choices of an enum variable, when its manifest lists them as it should. */
function allowedValuesOf(variable: FormVariable): string[] | undefined {
  const allowed: unknown = variable.allowedValues;
  const listed = variable.type === 'enum' && Array.isArray(allowed) && allowed.length > 0 && allowed.every((value) => typeof value === 'string');
  return listed ? (allowed as string[]) : undefined;
}

/** A given value as the variable's type takes it: a usage error when the form would not let it be chosen. */
function coerce(variable: FormVariable, raw: string): string | boolean {
  const shown = variable.isSecret ? 'the value given' : `"${raw}"`;
  const allowed = allowedValuesOf(variable);
  if (allowed && !allowed.includes(raw)) {
    const choices = allowed.map((value) => `"${value}"`).join(', ');
    throw new UserError(`form variable ${variable.key} is an enum: give one of its allowedValues (${choices}), not ${shown}`, USAGE_EXIT_CODE);
  }
  if (variable.type !== 'boolean') return raw;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new UserError(`form variable ${variable.key} is a boolean: give true or false, not ${shown}`, USAGE_EXIT_CODE);
}

/**
 * A record keyed by form-variable keys, which may be any text without spaces: `toString`,
 * `constructor` and `__proto__` are keys like any other here, not Object.prototype's.
 */
function keyedRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Sets `key` as an own property even when it is `__proto__`, which assignment would take for the prototype. */
function setValue(values: FormValues, key: string, value: FormValues[string]): void {
  Object.defineProperty(values, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Parses `--var key=value` arguments. */
export function parseVarArguments(args: string[]): Record<string, string> {
  const given = keyedRecord<string>();
  for (const arg of args) {
    const equals = arg.indexOf('=');
    if (equals <= 0) throw new UserError(`--var takes key=value, got "${arg}"`, USAGE_EXIT_CODE);
    given[arg.slice(0, equals)] = arg.slice(equals + 1);
  }
  return given;
}

/** `LD_HOOK_KIT_VAR_<KEY>` values from the environment, keyed by form variable key. */
export function varsFromEnvironment(variables: FormVariable[], env: NodeJS.ProcessEnv): Record<string, string> {
  const found = keyedRecord<string>();
  const keys = variables.map((variable) => variable.key);
  for (const variable of variables) {
    const name = envNameOf(variable.key, keys);
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
  const notes: string[] = [];
  for (const upper of new Set(keys.map(upperCaseName))) {
    const sharing = keys.filter((key) => upperCaseName(key) === upper);
    if (sharing.length < 2) continue;
    const names = new Set([upper, ...sharing.map((key) => ENV_PREFIX + key)]);
    const uses = orList(sharing.map((key) => `${envNameOf(key, keys)} for ${key}`));
    for (const name of Object.keys(env)) {
      if (names.has(name) && env[name] !== undefined) notes.push(`${name} is ambiguous here (${sharing.join(', ')}): use ${uses}`);
    }
  }
  return notes;
}

export interface GivenValues {
  /** Values by form variable key. */
  values: Record<string, string>;
  /** What the user should know about the environment variables read: ambiguous names, which give nothing. */
  notes: string[];
}

/** What the user gave: `LD_HOOK_KIT_VAR_<KEY>` from `env`, overridden by `--var key=value` arguments. */
export function givenValues(manifest: Manifest | undefined, varArguments: string[], env: NodeJS.ProcessEnv): GivenValues {
  const variables = Array.isArray(manifest?.formVariables) ? manifest!.formVariables! : [];
  return {
    values: Object.assign(keyedRecord<string>(), varsFromEnvironment(variables, env), parseVarArguments(varArguments)),
    notes: ambiguousEnvironmentNotes(variables, env),
  };
}

/**
 * Gives each form variable a value: the one given, else its default (not for `ci`), else what
 * `source` says.
 * A given key that the manifest does not declare is an error, so typos do not pass silently.
 */
export function resolveFormValues(
  variables: FormVariable[],
  given: Record<string, string>,
  source: ValueSource,
): ResolvedFormValues {
  const known = new Set(variables.map((variable) => variable.key));
  const unknown = Object.keys(given).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    const list = variables.map((variable) => variable.key).join(', ') || 'none';
    throw new UserError(`unknown form variable ${unknown.join(', ')}; this integration has: ${list}`, USAGE_EXIT_CODE);
  }
  // An ordinary object, as Handlebars prints it in its messages (a null-prototype one cannot be).
  const values: FormValues = {};
  const secrets: string[] = [];
  const missing: string[] = [];
  for (const variable of variables) {
    const raw = Object.hasOwn(given, variable.key) ? given[variable.key] : undefined;
    // LaunchDarkly's form does not save a required field left empty: nothing to send with.
    if (raw === '' && source === 'send' && !variable.isOptional) {
      missing.push(variable.key);
    } else if (raw !== undefined) {
      setValue(values, variable.key, coerce(variable, raw));
      if (variable.isSecret && raw !== '') secrets.push(raw);
    } else if (variable.defaultValue !== undefined && source !== 'ci') {
      setValue(values, variable.key, variable.defaultValue);
      if (variable.isSecret && typeof variable.defaultValue === 'string' && variable.defaultValue !== '') secrets.push(variable.defaultValue);
    } else if (source === 'send') {
      if (variable.isOptional) setValue(values, variable.key, variable.type === 'boolean' ? false : '');
      else missing.push(variable.key);
    } else {
      setValue(values, variable.key, placeholder(variable, source));
    }
  }
  return { values, secrets, missing };
}
