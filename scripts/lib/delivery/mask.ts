// Handlebars' own escaping alone: the whole library would add 30 ms to receive's start-up.
const { escapeExpression } = require('handlebars/dist/cjs/handlebars/utils') as { escapeExpression(text: string): string };

import { looksLikeSignature, SIGNATURE_HEADER_NAME } from './signature';

/** What a masked secret is replaced with, everywhere the kit shows text. */
export const MASK = '****';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The inside of a JSON string literal holding `text`. */
function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * `text` as a URL parser re-encodes it in a path and in a query (a space as `%20`, an apostrophe
 * in a query as `%27`), and as a form encodes it (a space as `+`): how a server that echoes its
 * request url or a form gives a secret back.
 */
function urlParserForms(text: string): string[] {
  const url = new URL('http://host/');
  url.pathname = text;
  const inPath = url.pathname.slice(1);
  url.search = text;
  return [inPath, url.search.slice(1), new URLSearchParams({ '': text }).toString().slice(1)];
}

/** Each way one step of rendering or echoing re-encodes a text. */
function encodingsOf(text: string): string[] {
  return [
    // The helpers: `pathEncode`, `queryEncode`.
    encodeURI(text),
    encodeURIComponent(text),
    // Handlebars' HTML escaping of `{{…}}`.
    escapeExpression(text),
    ...urlParserForms(text),
  ];
}

function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * The inside of a JSON string literal holding `text` as other encoders write it: Go's escapes
 * `<`, `>`, `&` and the line separators; an ASCII-only one (Python's default) everything past
 * ASCII; PHP's `/` too, as `\/` (a base64 secret holds slashes).
 */
function otherJsonEncoders(text: string): string[] {
  const go = jsonEscaped(text).replace(/[<>&\u2028\u2029]/g, unicodeEscape);
  const php = jsonEscaped(text).replace(/[^\u0000-\u007f]/g, unicodeEscape).replace(/\//g, '\\/');
  return [go, go.replace(/[^\u0000-\u007f]/g, unicodeEscape), php];
}

/**
 * Every way a secret can appear in what the kit prints: as given; through one or two encodings
 * in a row (a helper's output HTML-escaped by `{{…}}`, an escaped text re-encoded by a URL
 * parser, see encodingsOf); JSON-escaped and then encoded (event text LaunchDarkly JSON-escapes
 * for a JSON template, which `{{…}}` then HTML-escapes); as UTF-8 bytes read as Latin-1 (a header echoed back); as other JSON
 * encoders write it (a sender's raw body); and each of those inside a JSON string, once (a JSON
 * body) or twice (that body inside `--format json` output).
 */
function secretForms(secret: string): string[] {
  const onceEncoded = encodingsOf(secret);
  const rendered = [
    secret,
    ...onceEncoded,
    ...onceEncoded.flatMap(encodingsOf),
    ...encodingsOf(jsonEscaped(secret)),
    Buffer.from(secret, 'utf8').toString('latin1'),
    ...otherJsonEncoders(secret),
  ];
  const forms = new Set<string>();
  for (const form of rendered) {
    const once = jsonEscaped(form);
    forms.add(form).add(once).add(jsonEscaped(once));
  }
  return [...forms];
}

// Runs of base64 (or base64url) that may carry a secret, such as `basicAuthHeaderValue`'s
// `user:password`; padding may be written as an HTML entity.
const BASE64_RUN = /[A-Za-z0-9+/_-]{8,}(?:=|&#x3D;){0,2}/g;

// Shorter secrets would match inside the decoded bytes of ordinary words: they are looked for
// only where basicAuthHeaderValue puts them, on either side of the `user:password` colon.
const BASE64_MIN_SECRET = 4;

/** What the kit writes where it cut a text short: an answer's excerpt, a long value a message quotes. */
const CUT = '…';

// A shorter start of a secret, where a cut ends it, tells next to nothing of the secret, and many
// a word ends with one.
const MIN_CUT_START = 4;

/** ASCII letters in lower case: what a URL parser does to a host, keeping every character where it was. */
function asciiLowerCase(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** The length of the longest start of `secret`, short of all of it, that `text` ends with: what a cut left of it; 0 for none. */
function cutStartLength(text: string, secret: string): number {
  for (let length = Math.min(secret.length - 1, text.length); length >= MIN_CUT_START; length--) {
    const from = text.length - length;
    if (text[from] === secret[0] && secret.startsWith(text.slice(from))) return length;
  }
  return 0;
}

/** Where in `decoded` a secret is, or -1; with `cut`, where the decoded text ends cut short, the start of one there too. */
function secretIn(decoded: string, secrets: readonly string[], cut: boolean): number {
  for (const secret of secrets) {
    if (secret.length >= BASE64_MIN_SECRET) {
      const at = decoded.indexOf(secret);
      if (at >= 0) return at;
      const started = cut ? cutStartLength(decoded, secret) : 0;
      if (started > 0) return decoded.length - started;
    } else if (decoded.endsWith(`:${secret}`) || decoded.startsWith(`${secret}:`)) {
      return 0;
    }
  }
  return -1;
}

/**
 * The run with the base64 that holds a secret masked. A word may be glued before the base64
 * (`Basic+`, `/hooks/`, `%20`), so each of the four places it may start is tried, and a word
 * that a separator ends is kept.
 */
function maskedRun(run: string, secrets: readonly string[], cut: boolean): string {
  const text = run.replace(/&#x3D;/g, '=');
  // Compared as bytes, so that a position in the decoded text is one in the base64.
  const secretBytes = secrets.map((secret) => Buffer.from(secret, 'utf8').toString('latin1'));
  for (let k = 0; k < 4; k++) {
    const at = secretIn(Buffer.from(text.slice(k), 'base64').toString('latin1'), secretBytes, cut);
    if (at < 0) continue;
    // Kept: up to the first separator on a group boundary before the group that holds the secret's
    // first byte. Base64 itself holds `+` and `/`, so later ones may be part of it.
    const secretStart = k + Math.floor(at / 3) * 4;
    let start = k;
    for (let i = k; i <= secretStart; i += 4) {
      if (i > 0 && /[+/_-]/.test(run[i - 1])) {
        start = i;
        break;
      }
    }
    return run.slice(0, start) + MASK;
  }
  return run;
}

// A shorter form also occurs inside the tool's own words ("timed ou**** af****er" for `t`), where
// masking it would show the secret by where the masks fall.
const ANYWHERE_MIN_LENGTH = 8;

/** Percent-escapes in either case of their hex digits: `%2f` is `%2F` (RFC 3986), and servers write either. */
function anyCaseEscapes(pattern: string): string {
  return pattern.replace(/%[0-9A-F]{2}/g, (escape) => escape.replace(/[A-F]/g, (digit) => `[${digit}${digit.toLowerCase()}]`));
}

/** Where a form is masked: anywhere when long, else only where no letter or digit touches its ends. */
function formPattern(form: string): string {
  const escaped = anyCaseEscapes(escapeRegExp(form));
  if (form.length >= ANYWHERE_MIN_LENGTH) return escaped;
  const before = /^[A-Za-z0-9]/.test(form) ? '(?<![A-Za-z0-9])' : '';
  const after = /[A-Za-z0-9]$/.test(form) ? '(?![A-Za-z0-9])' : '';
  return before + escaped + after;
}

// A run of text without whitespace: a URL, with whatever quotes a secret in it holds.
const URL_RUN = /\S+/g;
const ESCAPE = /%[0-9A-Fa-f]{2}/g;
const UNRESERVED = /^[A-Za-z0-9._~-]$/;

/**
 * The run with the secrets masked that it holds once its escaped unreserved characters are read:
 * `%53EKRIT` is `SEKRIT` to every URL parser (RFC 3986, section 2.3), so a client may send it so.
 * The rest of the run is kept as written.
 */
function maskedEscapedRun(run: string, forms: RegExp): string {
  // The decoded run, and for each of its code units the span of the run it was read from.
  let decoded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const read = (text: string, start: number, end: number): void => {
    decoded += text;
    starts.push(start);
    ends.push(end);
  };
  let plainFrom = 0;
  for (const escape of run.matchAll(ESCAPE)) {
    const char = String.fromCharCode(parseInt(escape[0].slice(1), 16));
    if (!UNRESERVED.test(char)) continue;
    for (let i = plainFrom; i < escape.index; i++) read(run[i], i, i + 1);
    read(char, escape.index, escape.index + 3);
    plainFrom = escape.index + 3;
  }
  if (plainFrom === 0) return run;
  for (let i = plainFrom; i < run.length; i++) read(run[i], i, i + 1);
  let masked = '';
  let kept = 0;
  for (const found of decoded.matchAll(forms)) {
    masked += run.slice(kept, starts[found.index]) + MASK;
    kept = ends[found.index + found[0].length - 1];
  }
  return masked + run.slice(kept);
}

/**
 * The text with the start of a form masked where a cut (`…`) ends it: the cut left out the rest,
 * so that no whole form matched. Under 8 characters, where it stands alone, as formPattern has it.
 */
function maskedCutStarts(text: string, forms: readonly string[]): string {
  const pieces = text.split(CUT);
  const foldedForms = forms.map(asciiLowerCase);
  for (let i = 0; i < pieces.length - 1; i++) {
    const piece = pieces[i];
    const folded = asciiLowerCase(piece);
    let length = 0;
    for (const form of foldedForms) {
      const started = cutStartLength(folded, form);
      const glued = started > 0 && form.length < ANYWHERE_MIN_LENGTH && /^[a-z0-9]/.test(form) && /[A-Za-z0-9]/.test(piece[piece.length - started - 1] ?? '');
      if (!glued) length = Math.max(length, started);
    }
    if (length > 0) pieces[i] = piece.slice(0, piece.length - length) + MASK;
  }
  return pieces.join(CUT);
}

/**
 * Replaces every occurrence of every non-empty secret in `text` with `****`, in any of the forms
 * rendering and printing give it, with escaped unreserved URL characters read, and any base64 run
 * that decodes to text holding a secret. A form under 8 characters is masked where it stands
 * alone, not inside a longer word. Letters match in either case. Where the kit cut a text short
 * (`…`), the start of a secret the cut left is masked too, in any of those forms.
 *
 * One pass with one alternation, longest first: a secret that contains another is masked whole,
 * and a mask already written is never rescanned (a secret like `*` cannot eat the stars).
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  const given = secrets.filter((secret) => secret !== '');
  if (given.length === 0) return text;
  const forms = [...new Set(given.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  // In any case: a URL parser writes a host in lower case, and servers echo a value in either.
  const pattern = new RegExp(forms.map(formPattern).join('|'), 'gi');
  const masked = text.replace(pattern, MASK).replace(URL_RUN, (run) => (run.includes('%') ? maskedEscapedRun(run, pattern) : run));
  const uncut = masked.includes(CUT) ? maskedCutStarts(masked, forms) : masked;
  return uncut.replace(BASE64_RUN, (run, at: number) => maskedRun(run, given, uncut.startsWith(CUT, at + run.length)));
}

/**
 * Header names that carry credentials by convention: `Authorization`, `Cookie`, `X-API-Key`, `X-Auth-Token`...
 * Signatures count too (SIGNATURE_HEADER_NAME, or a value of their shape, since a manifest's headerName may be
 * any name, `X-Acme-Check`): one over a body the log shows lets anyone test guesses at the secret.
 */
const CREDENTIAL_HEADER = /^(proxy-)?authorization$|^(set-)?cookie$|token|secret|key|passw(or)?d|credential|auth|session/i;

/**
 * A received header's value as the receiver shows it: masked when its name says it carries a
 * credential or its value has a signature's shape, keeping an authentication scheme
 * (`Bearer ****`) so its kind still shows.
 */
export function shownHeaderValue(name: string, value: string): string {
  const credential = CREDENTIAL_HEADER.test(name) || SIGNATURE_HEADER_NAME.test(name) || looksLikeSignature(value);
  if (!credential || value === '' || value === MASK) return value;
  const scheme = /^(Basic|Bearer|Token|Digest|ApiKey|Key) +\S/i.exec(value)?.[1];
  return scheme ? `${scheme} ${MASK}` : MASK;
}
