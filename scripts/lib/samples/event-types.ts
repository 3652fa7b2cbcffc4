import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { Report } from '../findings';
import { packageRoot } from '../package-root';
import { schemaErrorsToReports } from '../schema/messages';
import { isRecord } from '../json-value';

let validateEvent: ValidateFunction | undefined;

/**
 * Where an event has a value of a type LaunchDarkly never sends there (`title.plainText` an
 * object, which renders as `[object Object]`), by our event schema. Only types: a partner's own
 * event may leave out what its template does not read, which strict rendering reports if it does.
 */
export function eventTypeProblems(event: unknown): Report[] {
  if (!validateEvent) {
    // Loaded and compiled on first use: only an event file of the user's is checked, never our
    // samples (their tests check them), and a run without one must not pay for Ajv.
    const Ajv = (require('ajv') as typeof import('ajv')).default;
    const schema = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'schemas', 'event.schema.json'), 'utf8')) as object;
    validateEvent = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
  }
  if (validateEvent(event)) return [];
  return schemaErrorsToReports((validateEvent.errors ?? []).filter((error) => error.keyword === 'type'), event);
}

/**
 * A standard webhook payload (the change-history entry, with `accesses` and a numeric `date`)
 * rather than a template context: what a partner captures from LaunchDarkly's own webhooks.
 */
export function isStandardPayload(event: unknown): boolean {
  return isRecord(event) && Array.isArray(event.accesses) && typeof event.date === 'number';
}
