import Handlebars, { type HelperDelegate, type HelperOptions } from 'handlebars';

/** LaunchDarkly's own helpers: templates may use these and Handlebars' built-ins, nothing else. */
export const LAUNCHDARKLY_HELPERS = [
  'equal',
  'equalWithElse',
  'pathEncode',
  'queryEncode',
  'basicAuthHeaderValue',
  'formatWithOffset',
] as const;

export const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'log'] as const;

export const KNOWN_HELPERS: ReadonlySet<string> = new Set<string>([...LAUNCHDARKLY_HELPERS, ...BUILTIN_HELPERS]);

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `yyyy-mm-dd h:MM:ss` in UTC, with a 12-hour hour that is not padded, as LaunchDarkly prints it. */
function simpleTime(date: Date): string {
  const hour12 = date.getUTCHours() % 12 || 12;
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${hour12}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

export function formatWithOffset(milliseconds: unknown, offsetSeconds: unknown, format: unknown): number | string {
  const instant = Number(milliseconds) + 1000 * Number(offsetSeconds);
  switch (format) {
    case 'seconds':
      return Math.round(instant / 1000);
    case 'rfc3339':
      return new Date(instant).toISOString();
    case 'simple':
      return simpleTime(new Date(instant));
    default:
      return instant;
  }
}

// Handlebars passes its options object as the last argument; these helpers ignore it.
export const launchDarklyHelpers: Record<(typeof LAUNCHDARKLY_HELPERS)[number], HelperDelegate> = {
  // The Go renderer's `equal` has no else branch, so neither has ours: a preview must not show
  // what production cannot do (the go-handlebars-compat rule says why it is wrong).
  equal(this: unknown, a: unknown, b: unknown, options: HelperOptions) {
    return a === b ? options.fn(this) : '';
  },
  equalWithElse(this: unknown, a: unknown, b: unknown, options: HelperOptions) {
    return a === b ? options.fn(this) : options.inverse(this);
  },
  pathEncode: (value: unknown) => encodeURI(String(value)),
  queryEncode: (value: unknown) => encodeURIComponent(String(value)),
  // A safe string: header values use `{{basicAuthHeaderValue a b}}`, and base64's `=` padding
  // must not come out as an HTML entity.
  basicAuthHeaderValue: (user: unknown, password: unknown) =>
    new Handlebars.SafeString('Basic ' + Buffer.from(`${String(user)}:${String(password)}`).toString('base64')),
  formatWithOffset: (ms: unknown, offset: unknown, format: unknown) => formatWithOffset(ms, offset, format),
};

/**
 * The helpers as the framework's CI has them: it renders with JavaScript Handlebars, where
 * `equal` does have an else branch. Only judging what that CI accepts uses these.
 */
export const frameworkCiHelpers: typeof launchDarklyHelpers = {
  ...launchDarklyHelpers,
  equal: launchDarklyHelpers.equalWithElse,
};
