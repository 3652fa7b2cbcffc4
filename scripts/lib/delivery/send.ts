import { HEADER_VALUE_CONTROL, HTTP_TOKEN, isClientManagedHeader, URL_CONTROL, writesUserinfo, writtenAuthority } from '../http-syntax';
import type { HttpRequest } from '../render/http-request';

export interface DeliveryAttempt {
  /** The HTTP status, or null when no answer came (network error, timeout). */
  status: number | null;
  /** What went wrong, in plain words, or null when an answer came. */
  error: string | null;
  /** Time the attempt took, from sending to the end of the read excerpt. */
  ms: number;
  /** The start of the answer's body (whitespace as sent, `maskExcerpt` applied), empty when there was none. */
  bodyExcerpt: string;
}

export interface DeliveryResult {
  /** True when an attempt got a 2xx answer. */
  delivered: boolean;
  /** Empty when the request was refused. */
  attempts: DeliveryAttempt[];
  /** Why the request could not be sent at all, so that no attempt was made. */
  refused?: string;
}

export interface DeliveryOptions {
  /** Per-attempt limit; once the status is in, the body excerpt gets at most a second more of it. */
  timeoutMs?: number;
  /** Attempts after the first one; LaunchDarkly retries once. */
  retries?: number;
  /** Called after each attempt with it and its 1-based number, for live progress. */
  onAttempt?: (attempt: DeliveryAttempt, number: number) => void;
  /**
   * Masks the secrets an answer echoes. It sees the whole text read, before the excerpt is cut
   * from it: masking the excerpt alone would leave the start of a secret the cut goes through.
   */
  maskExcerpt?: (text: string) => string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRIES = 1;
/** Characters of an answer's body kept in `bodyExcerpt`. */
const BODY_EXCERPT_CHARS = 500;
// Bytes read for the excerpt: enough for its characters in any encoding, and for the rest of a
// secret that starts among them (see maskExcerpt), without reading a huge body.
const EXCERPT_BYTES = 8 * 1024;
/** How long the excerpt may take once the status is in: the status answered already, and a body that stalls would hold the attempt to its timeout. */
const EXCERPT_WAIT_MS = 1000;

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  EPIPE: 'connection closed by the server while sending',
  UND_ERR_SOCKET: 'connection closed by the server before answering',
  UND_ERR_CLOSED: 'connection closed by the server before answering',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed (temporary DNS failure)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EPROTO: 'TLS handshake failed',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS handshake failed (is the server plain http?)',
  CERT_HAS_EXPIRED: 'TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate chain is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate cannot be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host name',
  HPE_INVALID_CONSTANT: 'the server did not answer with valid HTTP',
  UND_ERR_HEADERS_OVERFLOW: "the answer's headers are larger than fetch, which send uses, reads (16 KiB)",
};

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The first `code` found on the error, its cause chain, or an AggregateError's members. */
function errorCode(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 5) return undefined;
  const e = error as ErrorLike;
  if (typeof e.code === 'string') return e.code;
  if (Array.isArray(e.errors)) {
    for (const member of e.errors) {
      const code = errorCode(member, depth + 1);
      if (code) return code;
    }
  }
  return errorCode(e.cause, depth + 1);
}

function innermostMessage(error: unknown): string {
  let current: unknown = error;
  let message = String(error);
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const e = current as ErrorLike;
    if (typeof e.message === 'string' && e.message) message = e.message;
    current = e.cause;
  }
  return message;
}

function isTimeout(error: unknown): boolean {
  return Boolean(error && typeof error === 'object' && ((error as ErrorLike).name === 'TimeoutError' || (error as ErrorLike).name === 'AbortError'));
}

// fetch's own refusal, before any connection, of a port on the Fetch standard's list of ports
// browsers block (6000, 6665-6669, 10080...): it has no code. LaunchDarkly's client has no such list.
const FETCH_BAD_PORT =
  "port refused by fetch, which send uses, as browsers refuse it (LaunchDarkly's client does not: run the local receiver on " +
  'another port, or use ld-hook-kit curl)';

// What fetch throws at an answer of 100 Continue it did not ask for: it drops the connection,
// where Go's client, LaunchDarkly's, reads on to the answer that follows.
const FETCH_INTERIM_ANSWER = { code: 'UND_ERR_SOCKET', message: 'bad response' };
const INTERIM_ANSWER_WORDS =
  "the server answered 100 Continue before its answer, which fetch, which send uses, cannot read past (LaunchDarkly's client reads on to the answer: " +
  'ld-hook-kit curl shows it)';

/** Plain words for what fetch threw; undici hides the useful part in `cause.code`. */
export function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (isTimeout(error)) return `timed out after ${timeoutMs} ms`;
  const code = errorCode(error);
  const message = innermostMessage(error);
  if (code === FETCH_INTERIM_ANSWER.code && message === FETCH_INTERIM_ANSWER.message) return INTERIM_ANSWER_WORDS;
  if (code && NETWORK_ERRORS[code]) return NETWORK_ERRORS[code];
  if (!code && message === 'bad port') return FETCH_BAD_PORT;
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/**
 * The start of the answer's body, read for at most `waitMs`: what came by then, marked `…` when
 * more may follow.
 */
async function readExcerpt(response: Response, waitMs: number, mask: (text: string) => string): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  let gaveUp = false;
  // Cancelling ends the pending read as if the body had ended.
  const giveUp = setTimeout(() => {
    gaveUp = true;
    void reader.cancel().catch(() => undefined);
  }, waitMs);
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) {
        ended = !gaveUp;
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    clearTimeout(giveUp);
    // A body longer than the excerpt is not worth waiting for; cancelling frees the connection.
    await reader.cancel().catch(() => undefined);
  }
  const text = mask(Buffer.concat(chunks).toString('utf8'));
  if (text.length > BODY_EXCERPT_CHARS) return `${text.slice(0, BODY_EXCERPT_CHARS)}…`;
  return ended ? text : `${text}…`;
}

/**
 * Why this header cannot go out as written. Neither message quotes the value: it may hold a secret.
 * A header HTTP clients write themselves is refused rather than guessed at: clients drop,
 * override or refuse it, and which LaunchDarkly's does is unknown.
 */
function headerProblem(name: string, value: string): string | undefined {
  if (!HTTP_TOKEN.test(name)) return `${JSON.stringify(name)} is not an HTTP header name`;
  if (isClientManagedHeader(name)) {
    return `${name} is a header HTTP clients write themselves, which LaunchDarkly's may drop, override or refuse (validate's header-client-managed rule)`;
  }
  if (HEADER_VALUE_CONTROL.test(value)) return `the value of header ${name} holds a line break or another control character, which HTTP forbids`;
  return undefined;
}

/**
 * A header value as fetch must be given it to send its UTF-8 bytes, as Go's HTTP client sends a
 * string (LaunchDarkly renders with Go): fetch sends each character of a value as one byte.
 */
function asUtf8Bytes(value: string): string {
  return Buffer.from(value, 'utf8').toString('latin1');
}

/**
 * A user name and password in the URL, taken out of it (fetch refuses such a URL, quoting it
 * password and all) and made the Basic authorization Go's HTTP client, LaunchDarkly's, sends for
 * them unless the request has an Authorization header of its own. Undefined without any; a
 * problem for a %-escape that does not decode (Go refuses to parse such a URL).
 */
function urlCredentials(url: URL): { authorization: string } | { problem: string } | undefined {
  if (!url.username && !url.password) return undefined;
  const user = percentDecodedBytes(url.username);
  const password = percentDecodedBytes(url.password);
  if (!user || !password) return { problem: 'invalid request: the user name or password in the URL holds a % that starts no escape' };
  url.username = '';
  url.password = '';
  return { authorization: `Basic ${Buffer.concat([user, Buffer.from(':'), password]).toString('base64')}` };
}

/**
 * The Basic authorization a request's url makes of its user name and password, as it goes out
 * (see urlCredentials); undefined without any, or where they cannot go out.
 */
export function urlAuthorization(url: string): string | undefined {
  try {
    const credentials = urlCredentials(new URL(url));
    return credentials && 'authorization' in credentials ? credentials.authorization : undefined;
  } catch {
    return undefined;
  }
}

/** The bytes a %-encoded text stands for, as Go's URL parser reads them (`%ff` too, which is no UTF-8); undefined for a % that starts no escape. */
function percentDecodedBytes(text: string): Buffer | undefined {
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return undefined;
  const parts = text.split(/(%[0-9A-Fa-f]{2})/);
  return Buffer.concat(parts.map((part) => (part.startsWith('%') && part.length === 3 ? Buffer.from([parseInt(part.slice(1), 16)]) : Buffer.from(part, 'utf8'))));
}

// What Go's URL parser takes in a user name and password (RFC 3986's userinfo, and `@`); WHATWG's
// would encode the rest quietly.
const GO_USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;

/**
 * Why Go's URL parser, LaunchDarkly's, refuses the user name and password the URL writes (before
 * its `@`): a character RFC 3986 does not allow there, such as a space or a backslash, which the
 * WHATWG parser fetch uses would encode, or read as a `/` and so take another host.
 */
function userinfoProblem(url: string): string | undefined {
  const authority = writtenAuthority(url);
  const at = authority?.lastIndexOf('@') ?? -1;
  if (at < 0 || GO_USERINFO.test(authority!.slice(0, at))) return undefined;
  return (
    'invalid request: the user name or password in the URL holds a character a URL does not allow there (a space, say), which Go\'s ' +
    'URL parser, LaunchDarkly\'s, refuses: write the value with queryEncode'
  );
}

/** Why Go's URL parser, LaunchDarkly's, refuses the URL's host part as written, where WHATWG's (fetch's, curl's) takes it. */
export function writtenUrlProblem(url: string): string | undefined {
  return userinfoProblem(url) ?? authorityProblem(url);
}

/** Why a backslash before the URL's path would send elsewhere: fetch reads it as `/`, Go's parser as part of the host. */
function authorityProblem(url: string): string | undefined {
  return writtenAuthority(url)?.includes('\\') ? 'invalid request: the URL holds a backslash before its path, which fetch reads as a slash and Go\'s URL parser, LaunchDarkly\'s, as part of the host' : undefined;
}

/** The URL to send to, or undefined with the problem added to `problems`. */
function parsedUrl(text: string, problems: string[]): URL | undefined {
  // Checked before parsing: the URL parser would cut tabs and line breaks out without a word.
  if (URL_CONTROL.test(text)) {
    problems.push('invalid request: the URL holds a line break or another control character, which HTTP forbids');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push('invalid request: the URL is not absolute');
    return undefined;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  // Not quoted: a secret may begin the url, and its part before a colon be the scheme.
  problems.push("invalid request: the URL's scheme is not http or https");
  return undefined;
}

/** The request as fetch wants it, or why it cannot be sent at all (no attempt can fix that). */
function prepare(request: HttpRequest): { url: URL; headers: Headers; body: Uint8Array | undefined } | string {
  // Every problem at once, in the order of the request: one fix and run per problem would be a chore.
  const problems: string[] = [];
  const userinfo = writtenUrlProblem(request.url);
  if (userinfo) problems.push(userinfo);
  const url = userinfo ? undefined : parsedUrl(request.url, problems);
  // fetch's parser finds a user name in `http:u:p@host` and `http:///u:p@host`; Go's finds none there.
  if (url && (url.username || url.password) && !writesUserinfo(request.url)) {
    problems.push('invalid request: the URL holds a user name or password not written as scheme://user:password@host, which Go\'s URL parser, LaunchDarkly\'s, reads otherwise');
  }
  const credentials = url && urlCredentials(url);
  if (credentials && 'problem' in credentials) problems.push(credentials.problem);
  if (!HTTP_TOKEN.test(request.method)) problems.push(`invalid request: "${request.method}" is not an HTTP method`);
  const headers = new Headers();
  for (const header of request.headers) {
    const problem = headerProblem(header.name, header.value);
    if (problem) problems.push(`invalid request: ${problem}`);
    // Cannot throw: the name is a token, and the value has no control character and only bytes.
    else headers.append(header.name, asUtf8Bytes(header.value));
  }
  const method = request.method.toUpperCase();
  const bodyless = method === 'GET' || method === 'HEAD';
  if (bodyless && request.body !== '') {
    // Dropping the body would deliver another request than LaunchDarkly's, which sends it.
    problems.push(`fetch, which send uses, cannot send a body with ${method}; LaunchDarkly sends the rendered template as the body (curl can: ld-hook-kit curl)`);
  }
  if (problems.length > 0 || !url) return problems.join('; ');
  // An empty one counts as none, as Go's client counts it.
  if (credentials && 'authorization' in credentials && !headers.get('Authorization')) headers.set('Authorization', credentials.authorization);
  // Bytes, not a string: fetch would add "Content-Type: text/plain" to a string body without one.
  return { url, headers, body: bodyless ? undefined : Buffer.from(request.body, 'utf8') };
}

/** Why the request cannot be sent at all (a URL, method or header no HTTP client sends); undefined when it can. */
export function whyUnsendable(request: HttpRequest): string | undefined {
  const prepared = prepare(request);
  return typeof prepared === 'string' ? prepared : undefined;
}

async function attempt(
  request: HttpRequest,
  prepared: Exclude<ReturnType<typeof prepare>, string>,
  timeoutMs: number,
  maskExcerpt: (text: string) => string,
): Promise<DeliveryAttempt> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(prepared.url, {
      method: request.method,
      headers: prepared.headers,
      body: prepared.body,
      // LaunchDarkly posts to the URL it was given; a redirect is an answer, not somewhere to go.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    let bodyExcerpt = '';
    try {
      bodyExcerpt = await readExcerpt(response, Math.min(EXCERPT_WAIT_MS, timeoutMs - elapsed()), maskExcerpt);
    } catch {
      // The status already answered the question; a body cut short by the timeout only loses the excerpt.
    }
    return { status: response.status, error: null, ms: elapsed(), bodyExcerpt };
  } catch (error) {
    return { status: null, error: describeNetworkError(error, timeoutMs), ms: elapsed(), bodyExcerpt: '' };
  }
}

function isSuccess(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}

/**
 * Sends a finished request the way LaunchDarkly delivers a hook: the exact body bytes, the
 * request's method, URL and headers; one retry after a non-2xx answer, a network error or a
 * timeout; never a retry after a 2xx. Network trouble is reported in the result, never thrown.
 * Redirects are not followed: a 3xx counts as a failed attempt.
 */
export async function deliver(request: HttpRequest, options: DeliveryOptions = {}): Promise<DeliveryResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retries = Math.max(0, Math.floor(options.retries ?? DEFAULT_RETRIES));
  const prepared = prepare(request);
  if (typeof prepared === 'string') return { delivered: false, attempts: [], refused: prepared };
  const attempts: DeliveryAttempt[] = [];
  for (let number = 1; number <= retries + 1; number++) {
    const result = await attempt(request, prepared, timeoutMs, options.maskExcerpt ?? ((text) => text));
    attempts.push(result);
    options.onAttempt?.(result, number);
    if (isSuccess(result.status)) return { delivered: true, attempts };
  }
  return { delivered: false, attempts };
}

