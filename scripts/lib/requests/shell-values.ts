import type { FormVariable } from '../integration/manifest';
import type { OAuthContext } from '../render/context';
import { envNameOf, OAUTH_ENV } from '../render/form-values';
import type { HttpRequest } from '../render/types';
import { OAUTH_FIELDS, OAUTH_KEY_PREFIX, oauthStandIn } from './oauth-values';

/**
 * What a shell command (curl) reads from the environment instead of printing: each secret form
 * variable and the OAuth values, shown in the request by stand-ins; and which of them a template
 * transforms, which no shell command can do.
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
  const keys = variables.map((variable) => variable.key);
  const secrets = variables
    .filter((variable) => variable.isSecret)
    .map((variable, index) => ({ value: shellStandIn(index), envName: envNameOf(variable.key, keys), key: variable.key, given: secretGiven(variable.key) }));
  const oauthReads = oauthGiven
    ? OAUTH_FIELDS.map((field) => ({ value: oauthStandIn(field), envName: OAUTH_ENV[field], key: OAUTH_KEY_PREFIX + field, given: Boolean(oauthGiven[field]) }))
    : [];
  return [...secrets, ...oauthReads];
}

function requestText(request: HttpRequest): string {
  return [request.method, request.url, ...request.headers.map((header) => `${header.name}: ${header.value}`), request.body].join('\n');
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
}

/** `probed` with each `probe` put back to the stand-in it extends: equal to the request rendered with the stand-in when the template wrote the probe as it is. */
function withStandIn(probed: HttpRequest, probe: string, value: ShellValue): string {
  return requestText(probed).split(probe).join(value.value);
}

/**
 * The shell values a template transforms in `shown` (an encoding helper, HTML escaping, base64):
 * rendered with the value given (or, when none is, with characters such values hold that those
 * change) after its stand-in, the request is not the shown one with that value where the stand-in
 * stood. `hidden` when the same goes for letters and digits, which only base64 changes.
 */
export function transformedValues(
  shown: HttpRequest,
  values: ShellValue[],
  given: (value: ShellValue) => string | undefined,
  renderWith: (value: ShellValue, probe: string) => HttpRequest,
): TransformedValue[] {
  const text = requestText(shown);
  const changes = (value: ShellValue, probe: string) => withStandIn(renderWith(value, probe), probe, value) !== text;
  return values.flatMap((value) => {
    if (!changes(value, value.value + (given(value) ?? likelyCharacters(value)))) return [];
    return [{ key: value.key, hidden: changes(value, `${value.value}plain0`) }];
  });
}
