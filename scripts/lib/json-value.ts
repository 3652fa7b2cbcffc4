/** A plain JSON object. Manifests and events may break their schemas, so code tests before it reads. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
