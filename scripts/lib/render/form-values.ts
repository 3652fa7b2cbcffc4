import { USAGE_EXIT_CODE, UserError } from '../errors';
import { closest } from '../suggest';
import type { FormVariable } from '../integration/manifest';
import type { FormValues, OAuthContext } from './context';

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
  /** Values of `isSecret` variables, given by the user or the manifest's `defaultValue`: never to be printed. */
  secrets: string[];
  /** Keys of required variables that have no value (only with `send`). */
  missing: string[];
  /** Those of `missing` that were given, empty. */
  givenEmpty?: string[];
}

export const PREVIEW_OAUTH: OAuthContext = { baseURI: '$OAUTH_BASE_URI', accessToken: '$OAUTH_ACCESS_TOKEN' };

export const CI_OAUTH: OAuthContext = { baseURI: 'https://oauth.example.com', accessToken: 'oauth-access-token' };

function placeholder(variable: FormVariable, source: ValueSource): FormValues[string] {
  if (variable.type === 'boolean') return true;
  if (source === 'ci') return variable.type === 'uri' ? `https://${variable.key}.com` : variable.key;
  const text = '$' + variable.key.toUpperCase();
  // A multiselect gives the template a list of the chosen values: one stands in for them.
  return variable.type === 'multiselect' ? [text] : text;
}

/** The values a multiselect variable offers, when its manifest lists them as it should. */
function multiselectValuesOf(variable: FormVariable): string[] | undefined {
  const options: unknown = variable.multiselectOptions;
  if (!Array.isArray(options)) return undefined;
  const values = options.map((option: unknown) => (typeof option === 'object' && option !== null ? (option as { value?: unknown }).value : undefined));
  return isTextList(values) ? values : undefined;
}

/**
 * A multiselect's chosen values from what was given: a JSON array of strings, or the values
 * separated by commas (`a,b`); nothing for an empty text. A usage error for a value the form
 * does not offer.
 */
function chosenValues(variable: FormVariable, raw: string): string[] {
  let chosen: unknown = raw.trim() === '' ? [] : raw.split(',').map((value) => value.trim());
  if (raw.trimStart().startsWith('[')) {
    try {
      chosen = JSON.parse(raw);
    } catch {
      chosen = undefined;
    }
    if (!isTextList(chosen)) {
      const shown = variable.isSecret ? 'the value given' : `"${raw}"`;
      throw new UserError(`form variable ${variable.key} is a multiselect: give its values separated by commas, or a JSON array of strings, not ${shown}`, USAGE_EXIT_CODE);
    }
  }
  const offered = multiselectValuesOf(variable);
  const unknown = offered ? (chosen as string[]).filter((value) => !offered.includes(value)) : [];
  if (offered && unknown.length > 0) {
    // A secret's options are secrets too: named neither what was given nor what it offers.
    const choices = variable.isSecret ? '' : ` (${offered.map((value) => `"${value}"`).join(', ')})`;
    const given = variable.isSecret ? `${unknown.length === 1 ? 'a value' : 'values'} given` : unknown.map((value) => `"${value}"`).join(', ');
    throw new UserError(`form variable ${variable.key} is a multiselect: choose among the values of its multiselectOptions${choices}, not ${given}`, USAGE_EXIT_CODE);
  }
  return chosen as string[];
}

/** The choices of an enum variable, when its manifest lists them as it should. */
function allowedValuesOf(variable: FormVariable): string[] | undefined {
  const allowed: unknown = variable.allowedValues;
  const listed = variable.type === 'enum' && Array.isArray(allowed) && allowed.length > 0 && allowed.every((value) => typeof value === 'string');
  return listed ? (allowed as string[]) : undefined;
}

/** A given value as the variable's type takes it: a usage error when the form would not let it be chosen. */
function coerce(variable: FormVariable, raw: string): FormValues[string] {
  if (variable.type === 'multiselect') return chosenValues(variable, raw);
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

/** The texts of a secret's value that output must never show: the value, or each value chosen. */
function secretTexts(value: FormValues[string]): string[] {
  const texts = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return texts.filter((text) => text !== '');
}

function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** What LaunchDarkly gives for a variable left empty: unchecked, no text, nothing chosen. */
function emptyValue(variable: FormVariable): FormValues[string] {
  if (variable.type === 'boolean') return false;
  return variable.type === 'multiselect' ? [] : '';
}

/** Sets `key` as an own property even when it is `__proto__`, which assignment would take for the prototype. */
export function setFormValue(values: FormValues, key: string, value: FormValues[string]): void {
  Object.defineProperty(values, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The usage error for keys given that no form variable has. Where a variable is secret, a key is
 * quoted only when it is a near spelling of one: a secret given without its key (`--var <secret>`)
 * makes its start, up to an `=` in it (base64's padding), the key.
 */
function unknownKeysError(variables: FormVariable[], unknown: string[], known: Set<string>): UserError {
  const list = variables.map((variable) => variable.key).join(', ') || 'none';
  const meant = unknown.map((key) => closest(key, known, { limit: 1 })[0]);
  const secretive = variables.some((variable) => variable.isSecret === true);
  const shown = unknown.filter((_key, index) => !secretive || meant[index] !== undefined);
  const hidden = unknown.length - shown.length;
  const unshown = hidden === 0 ? [] : [`${hidden === 1 ? 'a key' : `${hidden} keys`} not shown (a secret given without its key would show its start there, up to an "=" in it)`];
  const hint = unknown.length === 1 && meant[0] !== undefined ? `did you mean ${meant[0]}? ` : '';
  return new UserError(`unknown form variable ${[...shown, ...unshown].join(', ')}; ${hint}this integration has: ${list}`, USAGE_EXIT_CODE);
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
  if (unknown.length > 0) throw unknownKeysError(variables, unknown, known);
  // An ordinary object, as Handlebars prints it in its messages (a null-prototype one cannot be).
  const values: FormValues = {};
  const secrets: string[] = [];
  const missing: string[] = [];
  const givenEmpty: string[] = [];
  for (const variable of variables) {
    const raw = Object.hasOwn(given, variable.key) ? given[variable.key] : undefined;
    // LaunchDarkly's form does not save a required field left empty, nor a required multiselect
    // with nothing chosen: nothing to send with.
    const requiredToSend = source === 'send' && !variable.isOptional;
    const value = raw === undefined || (raw === '' && requiredToSend) ? undefined : coerce(variable, raw);
    const leftEmpty = raw !== undefined && (value === undefined || (Array.isArray(value) && value.length === 0));
    if (requiredToSend && leftEmpty) {
      missing.push(variable.key);
      givenEmpty.push(variable.key);
    } else if (value !== undefined) {
      setFormValue(values, variable.key, value);
      if (variable.isSecret) secrets.push(...secretTexts(value));
    } else if (variable.defaultValue !== undefined && source !== 'ci') {
      setFormValue(values, variable.key, variable.defaultValue);
      if (variable.isSecret) secrets.push(...secretTexts(variable.defaultValue));
    } else if (variable.type === 'multiselect' && isTextList(variable.multiselectDefaultOptions) && source !== 'ci') {
      setFormValue(values, variable.key, variable.multiselectDefaultOptions);
      if (variable.isSecret) secrets.push(...secretTexts(variable.multiselectDefaultOptions));
    } else if (source === 'send') {
      if (variable.isOptional) setFormValue(values, variable.key, emptyValue(variable));
      else missing.push(variable.key);
    } else {
      setFormValue(values, variable.key, placeholder(variable, source));
    }
  }
  return { values, secrets, missing, ...(givenEmpty.length > 0 ? { givenEmpty } : {}) };
}
