/**
 * Wildcard matching for the names and tags of policy resources, where `*` stands for any run of
 * characters (including none) and every other character stands for itself.
 *
 * Deliberately not a RegExp: patterns come from manifests, and a hand-written matcher cannot be
 * tricked by metacharacters or pushed into catastrophic backtracking. It is the classic greedy
 * two-pointer algorithm: on a mismatch it only ever retries from the most recent `*`, so the work
 * is O(pattern × text) in the worst case and linear for the patterns policies actually use.
 */
export interface GlobOptions {
  /** Compare characters case-insensitively (tags are; names are not). */
  ignoreCase?: boolean;
}

export function globMatch(pattern: string, text: string, options: GlobOptions = {}): boolean {
  const p = options.ignoreCase ? pattern.toLowerCase() : pattern;
  const t = options.ignoreCase ? text.toLowerCase() : text;
  let pi = 0;
  let ti = 0;
  // Where the last `*` was in the pattern, and the text position it is currently absorbing up to.
  let starAt = -1;
  let starText = 0;
  while (ti < t.length) {
    if (pi < p.length && p[pi] === '*') {
      starAt = pi++;
      starText = ti;
    } else if (pi < p.length && p[pi] === t[ti]) {
      pi++;
      ti++;
    } else if (starAt >= 0) {
      // Let the last `*` swallow one more character and retry the rest of the pattern.
      pi = starAt + 1;
      ti = ++starText;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** True when the pattern has a wildcard, that is, names a family rather than one value. */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*');
}

/** True when the pattern matches every string: it is made of `*` alone. */
export function matchesEverything(pattern: string): boolean {
  return pattern.length > 0 && [...pattern].every((character) => character === '*');
}
