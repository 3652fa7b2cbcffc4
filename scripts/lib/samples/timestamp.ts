import { isRecord } from '../json-value';
import type { TemplateEvent } from './types';
import { isStandardPayload } from './event-types';

/**
 * The event as if it happened at `when`: its `timestamp` moved, in each of the forms it holds
 * (`milliseconds`, `seconds`, `rfc3339`, `simple`); a form it lacks stays absent. An event
 * without a timestamp object is returned as it is; a standard webhook payload gets its `date` moved.
 */
export function eventAt(event: TemplateEvent, when: Date): TemplateEvent {
  if (isStandardPayload(event)) return { ...event, date: when.getTime() };
  if (!isRecord(event.timestamp)) return event;
  const rfc3339 = when.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const forms: Record<string, string | number> = {
    milliseconds: when.getTime(),
    seconds: Math.floor(when.getTime() / 1000),
    rfc3339,
    simple: rfc3339.replace('T', ' ').replace(/Z$/, ''),
  };
  const timestamp = { ...event.timestamp };
  for (const [form, value] of Object.entries(forms)) if (form in timestamp) timestamp[form] = value;
  return { ...event, timestamp };
}
