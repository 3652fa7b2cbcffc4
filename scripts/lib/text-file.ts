import { positionAt } from './json-syntax';

/** Text files the kit reads (templates, events) must be UTF-8 without a byte order mark. */
export type DecodedText = { ok: true; text: string } | { ok: false; message: string; line: number; column: number };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes file bytes, or says why they are not UTF-8 text: LaunchDarkly would send a BOM as the
 * first bytes of a body, and bytes that are not UTF-8 as they are, which no receiver reads right.
 */
export function decodeText(bytes: Buffer): DecodedText {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    // Where the first bad byte is: the lenient decoding marks it with U+FFFD.
    const lenient = bytes.toString('utf8');
    const offset = Math.max(0, lenient.indexOf('\uFFFD'));
    return { ok: false, message: 'is not valid UTF-8 text; save it as UTF-8', ...positionAt(lenient, offset) };
  }
  if (text.startsWith('\uFEFF')) {
    return { ok: false, message: 'starts with a byte order mark (BOM); save it as UTF-8 without a BOM', line: 1, column: 1 };
  }
  return { ok: true, text };
}
