import * as fs from 'node:fs';
import { describeFileError } from './errors';
import { positionAt } from './json-syntax';

/**
 * Text files the kit reads (templates, events) must be UTF-8 without a byte order mark. When they
 * are not, `readable` is the text without its byte order mark, which starts at `startsAt` in the
 * file's text (1 after the mark): places in it are counted as editors show them, without the mark.
 */
export type DecodedText =
  | { ok: true; text: string }
  | { ok: false; problem: TextProblem; message: string; line: number; column: number; readable: string; startsAt: number };

/** `bom`: UTF-8 that starts with a byte order mark; `encoding`: bytes that are not UTF-8. */
export type TextProblem = 'bom' | 'encoding';

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
    const startsAt = lenient.startsWith('\uFEFF') ? 1 : 0;
    const readable = lenient.slice(startsAt);
    const offset = Math.max(0, readable.indexOf('\uFFFD'));
    return { ok: false, problem: 'encoding', message: 'is not valid UTF-8 text; save it as UTF-8', ...positionAt(readable, offset), readable, startsAt };
  }
  if (text.startsWith('\uFEFF')) {
    return {
      ok: false,
      problem: 'bom',
      message: 'starts with a byte order mark (BOM); save it as UTF-8 without a BOM',
      line: 1,
      column: 1,
      readable: text.slice(1),
      startsAt: 1,
    };
  }
  return { ok: true, text };
}

/**
 * A text file read and decoded, or why not: `code` is the system's error code when the file could
 * not be read (each caller words `ENOENT` its own way), absent when its bytes are not UTF-8 text,
 * which comes with the line and column of the first bad byte.
 */
export type TextFile =
  | { ok: true; text: string }
  | {
      ok: false;
      code?: string;
      problem?: TextProblem;
      reason: string;
      line?: number;
      column?: number;
      /** With `problem`: the text as far as it can be read, without the BOM or with U+FFFD for each bad byte. */
      readable?: string;
      /** With `problem`: where `readable` starts in the file's text, 1 after a BOM. */
      startsAt?: number;
    };

/** What a path is when it is not a file or folder: reading a pipe or a device would block or never end. */
export function specialKind(stat: fs.Stats): string | undefined {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return undefined;
}

/**
 * The most the kit reads of a manifest or a template: real ones hold a few kilobytes. Handlebars
 * can take a thousand times a template's size in memory to compile it, so a template of a few
 * megabytes would exhaust Node's heap and end the run for every integration.
 */
export const MAX_SOURCE_BYTES = 256 * 1024;

/**
 * The most the kit reads of a change-history event file: real events hold a few kilobytes (a
 * flag with thousands of targets, some hundreds), and one of hundreds of megabytes would take
 * seconds and gigabytes to parse, or be past what a JavaScript string can hold.
 */
export const MAX_EVENT_BYTES = 4 * 1024 * 1024;

/** A file larger than `maxBytes` is refused unread, with the code `EFBIG`; `what` names the kind of file in the message. */
export function readTextFile(file: string, maxBytes = Infinity, what = 'a manifest or template'): TextFile {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    const special = specialKind(stat);
    if (special) return { ok: false, code: 'ENOTFILE', reason: `it is ${special}, not a file` };
    if (stat.isFile() && stat.size > maxBytes) {
      const sizes = `${stat.size.toLocaleString('en-US')} bytes, more than the ${maxBytes.toLocaleString('en-US')}`;
      return { ok: false, code: 'EFBIG', reason: `it holds ${sizes} the kit reads of ${what} (real ones hold a few thousand)` };
    }
    bytes = fs.readFileSync(file);
  } catch (error) {
    return { ok: false, code: (error as NodeJS.ErrnoException).code, reason: describeFileError(error) };
  }
  const decoded = decodeText(bytes);
  if (decoded.ok) return decoded;
  const { problem, message: reason, line, column, readable, startsAt } = decoded;
  return { ok: false, problem, reason, line, column, readable, startsAt };
}
