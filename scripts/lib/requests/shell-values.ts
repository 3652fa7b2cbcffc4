import Handlebars, { type HelperDelegate } from 'handlebars';
import type { FormVariable } from '../integration/manifest';
import type { OAuthContext } from '../render/context';
import { envNames, OAUTH_ENV } from './given-values';
import { launchDarklyHelpers } from '../render/helpers';
import type { HttpRequest } from '../render/http-request';
import { OAUTH_FIELDS, OAUTH_KEY_PREFIX, oauthStandIn } from './oauth-values';

/**
 * What a shell command (curl) reads from the environment instead of printing: each secret form
 * variable and the OAuth values, shown in the request by stand-ins; the base64 that
 * basicAuthHeaderValue makes of them, which the command computes; and which of them a template
 * transforms otherwise, which no shell command can do.
 */

/** A value a shell command reads from the environment: its stand-in in the shown request, and the variable that gives it. */
export interface ShellValue {
  /** The text that stands in for it in the shown request. */
  value: string;
  envName: string;
  /** What it is: a form variable's key, or `oauth.accessToken`. */
  key: string;
  /** A value was given (or is the manifest's default): what the command sends can be judged with it. */
  given: boolean;
  /** An optional form variable, which LaunchDarkly sends empty when it is left empty: the command takes an empty value too. */
  optional?: boolean;
}

/**
 * Stands in for secret variable number `index` in a shell command: lower-case letters and digits
 * survive every encoding helper and a URL parser unchanged.
 */
export function shellStandIn(index: number): string {
  return `ldhksecret${index}x`;
}

/**
 * Every secret of `variables` and, for an OAuth integration (`oauthGiven` set), both OAuth
 * values; `secretGiven` says which secrets have a real value.
 */
export function shellValuesOf(
  variables: FormVariable[],
  secretGiven: (key: string) => boolean,
  oauthGiven: Partial<OAuthContext> | undefined,
): ShellValue[] {
  const names = envNames(variables.map((variable) => variable.key));
  const secrets = variables
    .filter((variable) => variable.isSecret)
    .map((variable, index) => ({
      value: shellStandIn(index),
      envName: names.get(variable.key)!,
      key: variable.key,
      given: secretGiven(variable.key),
      ...(variable.isOptional ? { optional: true } : {}),
    }));
  const oauthReads = oauthGiven
    ? OAUTH_FIELDS.map((field) => ({ value: oauthStandIn(field), envName: OAUTH_ENV[field], key: OAUTH_KEY_PREFIX + field, given: Boolean(oauthGiven[field]) }))
    : [];
  return [...secrets, ...oauthReads];
}

/** A base64 a shell command computes when it runs: its stand-in in the shown request, and the text it encodes, with the shell values' stand-ins in it. */
export interface ShellBase64 {
  value: string;
  text: string;
}

/**
 * basicAuthHeaderValue for a shell command's request. A call whose user or password holds a
 * shell value writes `Basic ` and a stand-in for the base64 of `user:password`, which the command
 * computes from the environment when it runs; base64 of the stand-ins would leave nothing for it
 * to read. Other calls write what LaunchDarkly's helper does.
 */
export class ShellBasicAuth {
  private readonly byText = new Map<string, ShellBase64>();

  constructor(private readonly values: ShellValue[]) {}

  /** LaunchDarkly's helpers, with this basicAuthHeaderValue. */
  helpers(): Record<string, HelperDelegate> {
    return {
      ...launchDarklyHelpers,
      basicAuthHeaderValue: (user: unknown, password: unknown) => {
        const text = `${String(user)}:${String(password)}`;
        if (!this.values.some((value) => text.includes(value.value))) return launchDarklyHelpers.basicAuthHeaderValue(user, password);
        return new Handlebars.SafeString(`Basic ${this.standIn(text)}`);
      },
    };
  }

  /**
   * The same text has the same stand-in: rendered again, a request is the same. The stand-in ends
   * with base64's own punctuation, so that what a template would do to a real base64 after the
   * helper (queryEncode), it does to the stand-in too, which then no longer reads as one.
   */
  private standIn(text: string): string {
    let found = this.byText.get(text);
    if (!found) {
      found = { value: `ldhkbase64${this.byText.size}x+/=`, text };
      this.byText.set(text, found);
    }
    return found.value;
  }

  /** Every base64 stand-in written so far. */
  get computed(): ShellBase64[] {
    return [...this.byText.values()];
  }

  /** `request` with each base64 stand-in replaced by the text it encodes: where the shell values stand, for `transformedValues`. */
  expand(request: HttpRequest): HttpRequest {
    const computed = this.computed;
    if (computed.length === 0) return request;
    const expand = (text: string) => computed.reduce((done, base64) => done.split(base64.value).join(`[${base64.text}]`), text);
    return { ...request, url: expand(request.url), headers: request.headers.map((header) => ({ ...header, value: expand(header.value) })), body: expand(request.body) };
  }
}

/** The request's parts, each of which a template renders on its own: method, url, each header, body. */
function requestParts(request: HttpRequest): string[] {
  return [request.method, request.url, ...request.headers.map((header) => `${header.name}: ${header.value}`), request.body];
}

/**
 * When no value is given, what is likely in one and changed by what a template can apply: in a
 * token, `=` (HTML escaping; base64 padding) and `+`, `/` (the encoding helpers); in a base URI,
 * `:` and `/` (the encoding helpers; HTML escaping leaves an ordinary URI as it is).
 */
function likelyCharacters(value: ShellValue): string {
  return value.key === OAUTH_KEY_PREFIX + 'baseURI' ? '://' : '=+/';
}

/** A shell value a template transforms in a request (see `transformedValues`). */
export interface TransformedValue {
  key: string;
  /**
   * Transformed past recognition somewhere (base64): a command built from the request never
   * reads the value there, and sends what its stand-in became instead.
   */
  hidden: boolean;
  /** The value given comes out changed: the command, which sends what the environment holds unchanged, cannot send what LaunchDarkly would. */
  givenChanged: boolean;
}

/** `probed` with each probe put back to the stand-in it extends: equal to the request rendered with the stand-ins when the template wrote the probes as they are. */
function withStandIns(probed: HttpRequest, probes: ReadonlyMap<ShellValue, string>): string[] {
  // Longest first, so that no probe is put back inside a longer one.
  const longestFirst = [...probes].sort(([, a], [, b]) => b.length - a.length);
  return requestParts(probed).map((part) => longestFirst.reduce((text, [value, probe]) => text.split(probe).join(value.value), part));
}

/**
 * The values of `values` whose probe (see `transformedValues`) comes out changed in the request:
 * few, if any, in a request with many. So a group is probed at once: a request with no part changed
 * clears the whole group in one render; a changed part that shows one value's stand-in alone is
 * that value's doing, once the rest of the group, probed without it, changes nothing; else the
 * group is halved. That takes a few renders where one per value would take as many as there are
 * values, each of which renders every header.
 */
function changingValues(
  shown: HttpRequest,
  values: ShellValue[],
  probeOf: (value: ShellValue) => string,
  renderWith: (probes: ReadonlyMap<ShellValue, string>) => HttpRequest,
): ShellValue[] {
  const shownParts = requestParts(shown);
  const changedParts = (group: ShellValue[]): number[] => {
    if (group.length === 0) return [];
    const probes = new Map(group.map((value) => [value, probeOf(value)]));
    return withStandIns(renderWith(probes), probes).flatMap((part, index) => (part === shownParts[index] ? [] : [index]));
  };
  const changingAmong = (group: ShellValue[]): ShellValue[] => {
    const changed = changedParts(group);
    if (changed.length === 0) return [];
    if (group.length === 1) return group;
    const shownIn = changed.map((index) => group.filter((value) => shownParts[index].includes(value.value)));
    if (shownIn.every((shownValues) => shownValues.length === 1)) {
      const blamed = new Set(shownIn.flat());
      const rest = group.filter((value) => !blamed.has(value));
      if (changedParts(rest).length === 0) return group.filter((value) => blamed.has(value));
    }
    const half = Math.ceil(group.length / 2);
    return [...changingAmong(group.slice(0, half)), ...changingAmong(group.slice(half))];
  };
  return changingAmong(values);
}

/**
 * The shell values a template transforms in `shown` (an encoding helper, HTML escaping, base64):
 * rendered with characters such values hold that those change (and, for a value given, with that
 * value) after its stand-in, the request is not the shown one with that value where the stand-in
 * stood. A value given is probed both ways: the command reads the environment's, which may not be
 * the one given. `hidden` when the same goes for letters and digits, which only base64 changes.
 * `renderWith` renders the request with each value of `probes` in place of its stand-in.
 */
export function transformedValues(
  shown: HttpRequest,
  values: ShellValue[],
  given: (value: ShellValue) => string | undefined,
  renderWith: (probes: ReadonlyMap<ShellValue, string>) => HttpRequest,
): TransformedValue[] {
  const likely = new Set(changingValues(shown, values, (value) => value.value + likelyCharacters(value), renderWith));
  const givenValues = values.filter((value) => given(value) !== undefined);
  const givenChanged = new Set(changingValues(shown, givenValues, (value) => value.value + given(value)!, renderWith));
  const transformed = values.filter((value) => likely.has(value) || givenChanged.has(value));
  const hidden = new Set(changingValues(shown, transformed, (value) => `${value.value}plain0`, renderWith));
  return transformed.map((value) => ({ key: value.key, hidden: hidden.has(value), givenChanged: givenChanged.has(value) }));
}
