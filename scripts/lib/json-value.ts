/** A plain JSON object. Manifests and events may break their schemas, so code tests before it reads. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * How deep JSON may nest before the kit refuses it. Real manifests and events stay under twenty
 * levels; far deeper input would overflow the stack of the recursive code that reads it.
 */
export const MAX_JSON_DEPTH = 200;

/** True when objects and arrays in `value` nest more than `limit` levels deep. Iterative, so any depth is safe. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}
