import { MASK } from '../delivery/mask';
import type { OAuthContext } from '../render/context';
import { PREVIEW_OAUTH } from '../render/form-values';
import { OAUTH_ENV } from './given-values';

export { OAUTH_FIELDS } from '../render/context';

/**
 * The OAuth values a `requiresOAuth` integration renders with: those given, the preview's
 * placeholders for the others, and which of them the templates read as they render.
 */

/** How a shell value names an OAuth field: `oauth.accessToken`. */
export const OAUTH_KEY_PREFIX = 'oauth.';

export function isOAuthKey(key: string): boolean {
  return key.startsWith(OAUTH_KEY_PREFIX);
}

export function oauthField(key: string): keyof OAuthContext {
  return key.slice(OAUTH_KEY_PREFIX.length) as keyof OAuthContext;
}

/** Stands in for an OAuth field in a shell command, as `shellStandIn` does for a secret. */
export function oauthStandIn(field: keyof OAuthContext): string {
  return `ldhkoauth${field.toLowerCase()}x`;
}

/** The OAuth values of a shell command's request: stand-ins for the environment variables. */
export function shellOAuth(): OAuthContext {
  return { baseURI: oauthStandIn('baseURI'), accessToken: oauthStandIn('accessToken') };
}

/** The OAuth values an integration renders with, and which of them its templates read. */
export interface OAuthValues {
  /** For the request to send: the values given, else the preview placeholders. */
  sent: OAuthContext;
  /** For the request to print: a given access token masked; for a shell command, both as stand-ins. */
  shown: OAuthContext;
  /** Filled as templates render: which fields they read. */
  read: Set<keyof OAuthContext>;
}

/** `values`, noting in `read` each field a template reads. */
function recordingReads(values: OAuthContext, read: Set<keyof OAuthContext>): OAuthContext {
  return {
    get baseURI() {
      read.add('baseURI');
      return values.baseURI;
    },
    get accessToken() {
      read.add('accessToken');
      return values.accessToken;
    },
  };
}

export function oauthValues(given: Partial<OAuthContext>, forShell: boolean): OAuthValues {
  const sent: OAuthContext = { ...PREVIEW_OAUTH, ...given };
  const shown: OAuthContext = forShell ? shellOAuth() : { ...sent, ...(given.accessToken ? { accessToken: MASK } : {}) };
  const read = new Set<keyof OAuthContext>();
  return { sent: recordingReads(sent, read), shown: recordingReads(shown, read), read };
}

/** `reads oauth.…, which …; set LD_HOOK_KIT_OAUTH_…`: why a request with OAuth placeholders cannot be sent, and what gives the values. */
export function describeUnsetOAuth(fields: (keyof OAuthContext)[]): string {
  const read = fields.map((field) => `oauth.${field}`).join(' and ');
  const names = fields.map((field) => OAUTH_ENV[field]).join(' and ');
  return `reads ${read}, which LaunchDarkly takes from the OAuth connection; set ${names}`;
}
