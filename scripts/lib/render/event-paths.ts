import { isRecord } from '../json-value';

/**
 * Paths into a change-history event, as the template checks see them. A concrete path names one
 * value (`['tags', 0]`); a pattern may hold WILDCARD where a template iterates (`{{#each tags}}`
 * gives `['tags', WILDCARD]`), because which element or key a block visits is not known statically.
 */

/** Matches any one key or index. Not a string an event could hold as a key in practice. */
export const WILDCARD = '\u0000*';

export type PathSegment = string;
export type Pattern = readonly PathSegment[];
export type EventPath = readonly (string | number)[];

function children(value: unknown, segment: PathSegment): unknown[] {
  if (segment === WILDCARD) {
    if (Array.isArray(value)) return value;
    if (isRecord(value)) return Object.values(value);
    return [];
  }
  if (Array.isArray(value)) {
    // Handlebars reads `tags.0` / `tags.[0]` as an index, and `length` as the array's length.
    if (/^(0|[1-9]\d*)$/.test(segment)) return segment in value ? [value[Number(segment)]] : [];
    return segment === 'length' ? [value.length] : [];
  }
  if (isRecord(value) && Object.prototype.hasOwnProperty.call(value, segment)) return [value[segment]];
  return [];
}

/** Every value the pattern reaches in `root` (none when some segment is absent). */
export function valuesAt(root: unknown, pattern: Pattern): unknown[] {
  let current: unknown[] = [root];
  for (const segment of pattern) {
    current = current.flatMap((value) => children(value, segment));
    if (current.length === 0) break;
  }
  return current;
}

/**
 * True when printing the value gives event text: a string, or an array holding strings
 * (Handlebars prints an array as its items joined by commas, each item escaped like a string).
 */
export function isTextual(value: unknown): boolean {
  if (typeof value === 'string') return true;
  return Array.isArray(value) && value.some((item) => isTextual(item));
}

/**
 * True when `pattern` prints the value at `path`: the pattern names it (wildcards matching any
 * key or index), or names an array that contains it (an array prints all its items).
 */
export function patternCovers(pattern: Pattern, path: EventPath): boolean {
  if (pattern.length > path.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== WILDCARD && pattern[i] !== String(path[i])) return false;
  }
  return path.slice(pattern.length).every((segment) => typeof segment === 'number');
}

/** True when the concrete path is one the pattern names exactly. */
export function patternMatches(pattern: Pattern, path: EventPath): boolean {
  return pattern.length === path.length && patternCovers(pattern, path);
}

/** `title.plainText`, `tags[0]`, `customProperties.*.name`: how messages write a path. */
export function formatPath(path: EventPath | Pattern): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (segment === WILDCARD) text += text === '' ? '*' : '.*';
    else text += text === '' ? segment : `.${segment}`;
  }
  return text === '' ? 'this' : text;
}

/** A concrete path as a pattern: array indices become wildcards, so it matches any element. */
export function generalize(path: EventPath): Pattern {
  return path.map((segment) => (typeof segment === 'number' ? WILDCARD : segment));
}

export function patternKey(pattern: Pattern): string {
  return pattern.join('\u0001');
}

/** The patterns without duplicates, in first-seen order. */
export function uniquePatterns(patterns: Pattern[]): Pattern[] {
  const seen = new Set<string>();
  return patterns.filter((pattern) => {
    const key = patternKey(pattern);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
