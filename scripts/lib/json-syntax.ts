/**
 * Strict JSON (RFC 8259, as JSON.parse reads it) with the position of the first error. The
 * message of JSON.parse changes between Node versions and gives only an offset, so the position
 * comes from this small scanner instead.
 */

export type JsonCheck =
  | { ok: true; value: unknown }
  | { ok: false; message: string; offset: number; line: number; column: number };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function describeChar(char: string | undefined): string {
  if (char === undefined) return 'the end of the text';
  const code = char.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\`${char}\``;
}

/** An object key written again in the same object: JSON.parse keeps the last value and drops the rest. */
export interface RepeatedKey {
  /** Where the object is: its keys and array indexes from the top. */
  path: (string | number)[];
  key: string;
  /** Offsets of the key's first writing and of this one. */
  firstOffset: number;
  offset: number;
}

const SPACE = /[ \t\n\r]*/y;
// Runs of plain characters, then each escape and the run after it: no backtracking per character.
const STRING = /"[^"\\\u0000-\u001f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\u0000-\u001f]*)*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** An object or array being read: `keys` (an object's, with where each is first written) marks an object. */
interface Container {
  close: '}' | ']';
  itemName: string;
  /** The item being read. */
  index: number;
  keys?: Map<string, number>;
}

class Scanner {
  private i = 0;
  private readonly path: (string | number)[] = [];
  constructor(
    private readonly text: string,
    /** Filled with the repeated keys when given. */
    private readonly repeats?: RepeatedKey[],
  ) {}

  document(): void {
    this.space();
    this.value();
    this.space();
    if (this.i < this.text.length) this.fail(`unexpected ${describeChar(this.text[this.i])} after the JSON value`);
  }

  private fail(message: string, offset = this.i): never {
    throw new JsonSyntaxError(message, offset);
  }

  /** Moves past what `pattern` (sticky) matches here; false when it matches nothing. */
  private skip(pattern: RegExp): boolean {
    pattern.lastIndex = this.i;
    try {
      if (!pattern.test(this.text)) return false;
    } catch {
      // A string of a great many escapes can overflow the matcher's stack: walk it instead.
      return false;
    }
    this.i = pattern.lastIndex;
    return true;
  }

  private space(): void {
    this.skip(SPACE);
  }

  /**
   * One value, containers included. Open containers are kept on a list rather than on the call
   * stack, so that no depth of nesting overflows it and the error found is the first in the text.
   */
  private value(): void {
    const open: Container[] = [];
    for (;;) {
      const char = this.text[this.i];
      if (char === '{' || char === '[') {
        const container: Container = char === '{' ? { close: '}', itemName: 'a property value', index: 0, keys: new Map() } : { close: ']', itemName: 'an array item', index: 0 };
        this.i++;
        this.space();
        if (this.text[this.i] === container.close) {
          this.i++;
        } else {
          open.push(container);
          this.item(container);
          continue;
        }
      } else {
        this.scalar(char);
      }
      // A value ended: the containers it ends go with it, up to one with another item to read.
      for (;;) {
        const container = open[open.length - 1];
        if (!container) return;
        this.path.pop();
        this.space();
        const next = this.text[this.i];
        if (next === ',') {
          const comma = this.i++;
          this.space();
          // At the comma: that is what to delete, often lines (or, in a template, a block) before the bracket.
          if (this.text[this.i] === container.close) this.fail(`trailing comma before \`${container.close}\``, comma);
          container.index++;
          this.item(container);
          break;
        }
        if (next !== container.close) this.fail(`expected \`,\` or \`${container.close}\` after ${container.itemName}, found ${describeChar(next)}`);
        this.i++;
        open.pop();
      }
    }
  }

  private scalar(char: string | undefined): void {
    if (char === '"') return this.string();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    this.fail(`expected a value, found ${describeChar(char)}`);
  }

  /** Reads up to where an item's value starts (past an object's key and colon), and notes the item in the path. */
  private item(container: Container): void {
    this.space();
    if (!container.keys) {
      this.path.push(container.index);
      return;
    }
    if (this.text[this.i] !== '"') this.fail(`expected a property name in double quotes, found ${describeChar(this.text[this.i])}`);
    const start = this.i;
    this.string();
    const key = this.repeats ? this.noteKey(container.keys, start, this.repeats) : '';
    this.space();
    if (this.text[this.i] !== ':') this.fail(`expected \`:\` after the property name, found ${describeChar(this.text[this.i])}`);
    this.i++;
    this.space();
    this.path.push(key);
  }

  /** The key that ends here, starting at `start`; a second writing of it is noted in `repeats`. */
  private noteKey(seen: Map<string, number>, start: number, repeats: RepeatedKey[]): string {
    const written = this.text.slice(start, this.i);
    const key = written.includes('\\') ? (JSON.parse(written) as string) : written.slice(1, -1);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, start);
    else repeats.push({ path: [...this.path], key, firstOffset: first, offset: start });
    return key;
  }

  private string(): void {
    // A well-formed string in one step; the walk below finds what is wrong with any other.
    if (this.skip(STRING)) return;
    this.i++;
    for (;;) {
      const char = this.text[this.i];
      if (char === undefined) this.fail('unterminated string');
      if (char === '"') {
        this.i++;
        return;
      }
      if (char === '\\') {
        const escape = this.text[this.i + 1];
        if (escape !== undefined && '"\\/bfnrt'.includes(escape)) {
          this.i += 2;
          continue;
        }
        if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) {
          this.i += 6;
          continue;
        }
        this.fail(`invalid escape \`\\${escape ?? ''}\` in a string`);
      }
      if (char.charCodeAt(0) < 0x20) this.fail(`${describeChar(char)} inside a string: write it escaped`);
      this.i++;
    }
  }

  private number(): void {
    if (!this.skip(NUMBER)) this.fail(`invalid number`);
  }
}

/** 1-based line and column (in UTF-16 code units, as editors count) of an offset. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    // A line ends with \n, \r\n or a lone \r, as editors (and momoa, for the other findings) count.
    const ends = text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n');
    if (ends) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function checkJson(text: string): JsonCheck {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    try {
      new Scanner(text).document();
    } catch (scanError) {
      if (scanError instanceof JsonSyntaxError) {
        return { ok: false, message: scanError.message, offset: scanError.offset, ...positionAt(text, scanError.offset) };
      }
      throw scanError;
    }
    // The scanner accepts what JSON.parse refused: keep JSON.parse's word for it.
    return { ok: false, message: (error as Error).message, offset: 0, line: 1, column: 1 };
  }
}

// Every string of a JSON text in order, and whether a colon follows it (then it is a key).
const STRING_TOKEN = /"[^"\\]*(?:\\.[^"\\]*)*"(\s*:)?/g;

function keysWritten(text: string): number | undefined {
  let count = 0;
  STRING_TOKEN.lastIndex = 0;
  try {
    for (let match = STRING_TOKEN.exec(text); match !== null; match = STRING_TOKEN.exec(text)) if (match[1] !== undefined) count++;
  } catch {
    return undefined;
  }
  return count;
}

function keysParsed(value: unknown): number {
  let count = 0;
  const pending = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (item === null || typeof item !== 'object') continue;
    const children = Array.isArray(item) ? item : Object.values(item);
    if (!Array.isArray(item)) count += children.length;
    for (const child of children) pending.push(child);
  }
  return count;
}

/**
 * The keys written twice in one object of a valid JSON text, in the order they stand. `value`,
 * the text parsed, settles the usual case at once: each repeat leaves it one key short.
 */
export function repeatedKeys(text: string, value: unknown): RepeatedKey[] {
  if (keysWritten(text) === keysParsed(value)) return [];
  const repeats: RepeatedKey[] = [];
  new Scanner(text, repeats).document();
  return repeats;
}

/** The output line holding the error, cut around it, for a message. */
export function excerptAt(text: string, line: number, column: number, width = 60): string {
  const content = text.split(/\r\n|\r|\n/)[line - 1] ?? '';
  const start = Math.max(0, column - 1 - Math.floor(width / 2));
  const piece = content.slice(start, start + width);
  return (start > 0 ? '…' : '') + piece + (start + width < content.length ? '…' : '');
}
