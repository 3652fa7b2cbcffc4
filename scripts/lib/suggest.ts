/** The edit distance behind "did you mean" suggestions for names people type. */

import { byCodeUnits } from './text-order';

/**
 * Levenshtein distance with adjacent transpositions counted as one edit (`upadteOn`), giving up
 * early (returning `cap`) once every path costs at least `cap`.
 */
export function editDistance(a: string, b: string, cap = Number.POSITIVE_INFINITY): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, beforePrevious[j - 2] + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= cap) return cap;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

export interface Closeness {
  /** How many to give at most: 3 unless said. */
  limit?: number;
  /** Edits a typo may take: a number, or one per candidate; by default a quarter of the word's length, at least 2. */
  tolerance?: number | ((candidate: string) => number);
  /** Takes a candidate for one edit away whatever its distance (a shared beginning, a part of it). Both in lower case. */
  alsoClose?: (candidate: string, word: string) => boolean;
}

/**
 * The candidates close enough to `word` to be a typo of it, case-insensitively: nearest first,
 * then the longest shared beginning (`updateRule` meant `updateRules`, not `updateRole`).
 */
export function closest(word: string, candidates: Iterable<string>, closeness: Closeness = {}): string[] {
  const wanted = word.toLowerCase();
  const { limit = 3, tolerance = Math.max(2, Math.floor(word.length / 4)), alsoClose } = closeness;
  const toleranceFor = typeof tolerance === 'number' ? () => tolerance : tolerance;
  const ranked: { candidate: string; distance: number; shared: number }[] = [];
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const allowed = toleranceFor(candidate);
    let distance = editDistance(wanted, lower, allowed + 1);
    if (alsoClose?.(lower, wanted)) distance = Math.min(distance, 1);
    if (distance <= allowed) ranked.push({ candidate, distance, shared: sharedBeginning(wanted, lower) });
  }
  return ranked
    .sort((a, b) => a.distance - b.distance || b.shared - a.shared || byCodeUnits(a.candidate, b.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

function sharedBeginning(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
