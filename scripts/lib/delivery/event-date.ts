import { isRecord } from '../json-value';

function asEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    if (/^\d+$/.test(value.trim())) return Number(value);
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

/**
 * When the event a body reports happened, in epoch milliseconds, so a receiver can put
 * out-of-order deliveries back in order: the standard payload's `date`, a template's
 * `timestamp.milliseconds` or `timestamp` (ISO or number), or a Discord-like first embed's
 * `timestamp`. Undefined when the body carries no date.
 */
export function eventDate(body: unknown): number | undefined {
  const timestamp = field(body, 'timestamp');
  const embeds = field(body, 'embeds');
  return (
    asEpochMs(field(body, 'date')) ??
    asEpochMs(field(timestamp, 'milliseconds')) ??
    asEpochMs(timestamp) ??
    (Array.isArray(embeds) ? asEpochMs(field(embeds[0], 'timestamp')) : undefined)
  );
}
