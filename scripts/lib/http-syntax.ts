import { isIPv4 } from 'node:net';

/** An HTTP token (RFC 9110): all a method or a header name may be. */
export const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Control characters other than tab: they end or break a header line, and clients (Go's, fetch) refuse a value with one. */
export const HEADER_VALUE_CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** Control characters, tab included: Go's URL parser refuses a URL with one, and WHATWG's (fetch's) cuts tabs and line breaks out. */
export const URL_CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * What a URL writes between `scheme://` and its path, query or fragment (user name and password
 * included), as written; undefined for one not written `scheme://…`.
 */
export function writtenAuthority(url: string): string | undefined {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(url)?.[1];
}

/** True when a URL writes a user name or password where Go's parser and curl read one: `scheme://user:password@host`. */
export function writesUserinfo(url: string): boolean {
  return writtenAuthority(url)?.includes('@') ?? false;
}

export const HTTP_TOKEN_CHARACTERS = "letters, digits and ! # $ % & ' * + - . ^ _ ` | ~";

/**
 * Headers an HTTP client writes itself, from the connection it holds and the body it sends. Given
 * with a request, such a header is dropped, replaced or refused, depending on the client and the
 * value (Node's fetch refuses Transfer-Encoding, Upgrade and Expect): the sender decides, not the
 * manifest.
 */
const CLIENT_MANAGED_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'content-length',
  'expect',
  'host',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export function isClientManagedHeader(name: string): boolean {
  return CLIENT_MANAGED_HEADERS.has(name.toLowerCase());
}

/** `U+20AC`: a character by its code point, for characters a message cannot show as they are. */
export function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A character beyond ASCII, whole (an emoji included). HTTP carries header values as bytes:
 * clients encode such a character differently (UTF-8, Latin-1) or refuse it.
 */
export const NON_ASCII = /[^\u0000-\u007f]/u;

/** True for an address only this machine reaches, however it is written (`127.1`, `0x7f000001`, `0:0:0:0:0:0:0:1`). */
export function isLoopback(host: string): boolean {
  let name: string;
  try {
    // The URL parser writes every form of an IP address one way.
    name = new URL(`http://${host.includes(':') ? `[${host}]` : host}/`).hostname;
  } catch {
    return false;
  }
  // Only address literals count: a name such as `127.lan` can resolve to anything.
  return name === 'localhost' || name === '[::1]' || /^\[::ffff:7f/.test(name) || (isIPv4(name) && name.startsWith('127.'));
}
