import type * as Momoa from '@humanwhocodes/momoa';
import { checkJson, positionAt, repeatedKeys } from '../json-syntax';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../json-value';

// Loaded on first use: most files parse with JSON.parse and never need positions.
function parseJsonTree(text: string): unknown {
  return (require('@humanwhocodes/momoa') as typeof Momoa).parse(text, { mode: 'json' });
}

export interface Position {
  line: number;
  column: number;
}

/** A parsed JSON file that can say where each value (or object key) stands in the text. */
export interface JsonDocument {
  value: unknown;
  /** Position of the value at an RFC 6901 JSON pointer ("" is the whole document). */
  locate(pointer: string): Position | undefined;
  /** Position of the key `key` inside the object at `pointer`. */
  locateKey(pointer: string, key: string): Position | undefined;
  /** Keys written again in the same object, where JSON.parse kept the last and dropped the others. */
  repeatedKeys(): RepeatedKeyAt[];
  /**
   * Where the file writes the character at `within` (1-based line and column of the decoded text)
   * of the string at `pointer`; undefined when there is no such string or place.
   */
  locateInString(pointer: string, within: Position): Position | undefined;
  /** The value at `pointer` as written, and its offsets in the file. */
  written(pointer: string): { start: number; end: number; text: string } | undefined;
}

export interface RepeatedKeyAt {
  /** JSON pointer of the object that holds the key. */
  pointer: string;
  key: string;
  /** Where the key is written again, and where it was first. */
  at: Position;
  first: Position;
}

export type JsonParseResult =
  | { ok: true; document: JsonDocument }
  | { ok: false; message: string; line: number; column: number };

// Minimal view of momoa's tree: only what locating needs.
interface TreeNode {
  type: string;
  loc: { start: Position & { offset: number }; end: { offset: number } };
  members?: { name: TreeNode & { value?: string }; value: TreeNode }[];
  elements?: { value: TreeNode }[];
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function pointerFrom(segments: (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function child(node: TreeNode, segment: string): TreeNode | undefined {
  if (node.type === 'Object') {
    // The last duplicate key wins, as in JSON.parse.
    const members = node.members ?? [];
    for (let i = members.length - 1; i >= 0; i--) {
      if (members[i].name.value === segment) return members[i].value;
    }
    return undefined;
  }
  if (node.type === 'Array' && /^(0|[1-9]\d*)$/.test(segment)) {
    return node.elements?.[Number(segment)]?.value;
  }
  return undefined;
}

function find(tree: TreeNode, pointer: string): TreeNode | undefined {
  let node: TreeNode | undefined = tree;
  for (const segment of pointerSegments(pointer)) {
    node = node && child(node, segment);
  }
  return node;
}

const BOM = '\uFEFF';

const SHORT_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** The characters a JSON string token's inside (`raw`, valid JSON) stands for, each with its offset in `raw`. */
function decodedCharacters(raw: string): { char: string; offset: number }[] {
  const characters: { char: string; offset: number }[] = [];
  for (let i = 0; i < raw.length; ) {
    if (raw[i] !== '\\') {
      characters.push({ char: raw[i], offset: i });
      i++;
    } else if (raw[i + 1] === 'u') {
      characters.push({ char: String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16)), offset: i });
      i += 6;
    } else {
      characters.push({ char: SHORT_ESCAPES[raw[i + 1]] ?? raw[i + 1], offset: i });
      i += 2;
    }
  }
  return characters;
}

/**
 * The offset in `raw` of the character at `within` of the decoded text, counting lines as
 * Handlebars does (at \r\n, a lone \r or \n); the end of the text is a place too.
 */
function rawOffsetOf(raw: string, within: Position): number | undefined {
  const characters = decodedCharacters(raw);
  let line = 1;
  let column = 1;
  for (let i = 0; i < characters.length; i++) {
    if (line === within.line && column === within.column) return characters[i].offset;
    const { char } = characters[i];
    if (char === '\n' || (char === '\r' && characters[i + 1]?.char !== '\n')) {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  return line === within.line && column === within.column ? raw.length : undefined;
}

/**
 * Parses JSON text strictly (as JSON.parse does), keeping positions. Syntax errors come back
 * as data with a line and column, never as an exception. `startsAt`: where the text starts in its
 * file (1 after a byte order mark), so that `written` gives offsets in the file.
 */
export function parseJsonWithPositions(text: string, options: { startsAt?: number } = {}): JsonParseResult {
  if (text.startsWith(BOM)) {
    return {
      ok: false,
      message: 'the file starts with a byte order mark (BOM); save it as UTF-8 without a BOM',
      line: 1,
      column: 1,
    };
  }
  if (text.trim() === '') {
    return { ok: false, message: 'the file is empty; it must hold a JSON document', line: 1, column: 1 };
  }
  const checked = checkJson(text);
  if (!checked.ok) {
    const { message, line, column } = checked;
    const cutShort = message.endsWith('the end of the text') ? ': the file is cut short, or a closing `}`, `]` or `"` is missing' : '';
    return { ok: false, message: `invalid JSON: ${message}${cutShort}`, line, column };
  }
  const value = checked.value;
  if (nestsDeeperThan(value, MAX_JSON_DEPTH)) {
    return { ok: false, message: `the JSON nests more than ${MAX_JSON_DEPTH} levels deep, which no manifest or event needs`, line: 1, column: 1 };
  }
  // Positions are wanted only when something is reported, so the slower tree is built on demand.
  let tree: TreeNode | undefined;
  const getTree = (): TreeNode => (tree ??= (parseJsonTree(text) as unknown as { body: TreeNode }).body);
  return {
    ok: true,
    document: {
      value,
      locate: (pointer) => find(getTree(), pointer)?.loc.start,
      locateKey(pointer, key) {
        const node = find(getTree(), pointer);
        const members = node?.type === 'Object' ? node.members ?? [] : [];
        // The last duplicate, as `child` takes: the one JSON.parse keeps and the rules judged.
        return members.findLast((m) => m.name.value === key)?.name.loc.start;
      },
      locateInString(pointer, within) {
        const node = find(getTree(), pointer);
        if (node?.type !== 'String') return undefined;
        const offset = rawOffsetOf(text.slice(node.loc.start.offset + 1, node.loc.end.offset - 1), within);
        // A JSON string holds no line break as written: the place is on the line of its quote.
        return offset === undefined ? undefined : { line: node.loc.start.line, column: node.loc.start.column + 1 + offset };
      },
      written(pointer) {
        const loc = find(getTree(), pointer)?.loc;
        const shift = options.startsAt ?? 0;
        return loc && { start: loc.start.offset + shift, end: loc.end.offset + shift, text: text.slice(loc.start.offset, loc.end.offset) };
      },
      repeatedKeys: () =>
        repeatedKeys(text, value).map((repeat) => ({
          pointer: pointerFrom(repeat.path),
          key: repeat.key,
          at: positionAt(text, repeat.offset),
          first: positionAt(text, repeat.firstOffset),
        })),
    },
  };
}
