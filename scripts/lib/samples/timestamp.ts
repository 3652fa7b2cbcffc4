import { isRecord } from '../json-value';
import type { TemplateEvent } from './types';

/**
 * The event as if it happened at `when`: its `timestamp` moved, in each of the four forms it holds
 * (`milliseconds`, `seconds`, `rfc3339`, `simple`). An event without a timestamp object is
 * returned as it is.
 */
export function eventAt(event: TemplateEvent, when: Date): TemplateEvent {
  if (!isRecord(event.timestamp)) return event;
  const rfc3339 = when.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    ...event,
    timestamp: {
      ...event.timestamp,
      milliseconds: when.getTime(),
      seconds: Math.floor(when.getTime() / 1000),
      rfc3339,
      simple: rfc3339.replace('T', ' ').replace(/Z$/, ''),
    },
  };
}
