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

/**
 * The candidates close enough to `word` to be a typo of it, nearest first: within `tolerance`
 * edits (by default a quarter of the word's length, at least 2), case-insensitively.
 */
export function closest(word: string, candidates: readonly string[], limit = 3, tolerance = Math.max(2, Math.floor(word.length / 4))): string[] {
  const wanted = word.toLowerCase();
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(wanted, candidate.toLowerCase(), tolerance + 1) }))
    .filter(({ distance }) => distance <= tolerance)
    .sort((a, b) => a.distance - b.distance || byCodeUnits(a.candidate, b.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}
