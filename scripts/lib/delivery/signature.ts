import { createHmac, timingSafeEqual } from 'node:crypto';
import { DEFAULT_SIGNATURE_HEADER, type HttpRequest } from '../render/http-request';

export { DEFAULT_SIGNATURE_HEADER };

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * The signature LaunchDarkly puts in the signature header: the lowercase hex HMAC-SHA256 of the
 * exact body bytes, keyed with the shared secret. A string body is taken as its UTF-8 bytes.
 */
export function signBody(body: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** True when a signature header value has the form LaunchDarkly's takes, whatever it signs: 64 hex digits, around them only whitespace. */
export function isHexSignature(headerValue: string): boolean {
  return HEX_SHA256.test(headerValue.trim());
}

/** Header names that say they carry a signature (`X-Hub-Signature-256`, `X-Hmac-Sha256`). */
export const SIGNATURE_HEADER_NAME = /signature|hmac/i;

/** A hex HMAC-SHA256 as LaunchDarkly sends it, or with its algorithm before it as other senders write it (`sha256=…`). */
export function looksLikeSignature(headerValue: string): boolean {
  return isHexSignature(headerValue.replace(/^\s*[a-z0-9-]+=/i, ''));
}

/**
 * Checks a signature header value against the raw request body, for receivers written in Node:
 *
 * ```ts
 * const raw = Buffer.concat(chunks); // the bytes as received, before JSON.parse
 * if (!verifySignature(raw, secret, req.headers['x-ld-signature'] as string | undefined)) reject(401);
 * ```
 *
 * Verify before parsing: re-serialising parsed JSON does not give back the signed bytes. The
 * comparison takes constant time, and a missing, wrong-length or non-hex header is simply `false`
 * (never an exception). Hex case is ignored; surrounding whitespace is tolerated.
 */
export function verifySignature(rawBody: Buffer, secret: string, headerValue: string | undefined): boolean {
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = typeof headerValue === 'string' ? headerValue.trim() : '';
  if (!isHexSignature(given)) {
    // Same work as a real comparison, so a malformed header is not told apart by timing.
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

/** A copy of the request carrying the signature of its body (replacing any header of that name). */
export function signRequest(request: HttpRequest, secret: string, headerName: string = DEFAULT_SIGNATURE_HEADER): HttpRequest {
  const lower = headerName.toLowerCase();
  return {
    ...request,
    headers: [...request.headers.filter((header) => header.name.toLowerCase() !== lower), { name: headerName, value: signBody(request.body, secret) }],
  };
}
