/** `.json` or `.json.hbs`, any case: the framework JSON-escapes event strings for these. */
export function isJsonTemplate(file: string): boolean {
  return /\.json(\.hbs)?$/i.test(file);
}

/** A deep copy in which every string is JSON-string-escaped, without the surrounding quotes. */
export function jsonEscapeStrings(value: unknown): unknown {
  if (typeof value === 'string') return JSON.stringify(value).slice(1, -1);
  if (Array.isArray(value)) return value.map(jsonEscapeStrings);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, jsonEscapeStrings(item)]));
  }
  return value;
}

/** A form variable's value: text, a checkbox, or the chosen values of a multiselect. */
export type FormValues = Record<string, string | boolean | string[]>;

export interface OAuthContext {
  baseURI: string;
  accessToken: string;
}

/** The only fields LaunchDarkly puts in the `oauth` context. */
export const OAUTH_FIELDS: readonly (keyof OAuthContext)[] = ['baseURI', 'accessToken'];

// Escaping copies the whole event; the same sample is rendered by every template of every
// integration in a run, so each event is escaped once. Templates never mutate their context.
const escapedEvents = new WeakMap<object, Record<string, unknown>>();

function escapedEvent(event: Record<string, unknown>): Record<string, unknown> {
  let escaped = escapedEvents.get(event);
  if (!escaped) {
    escaped = jsonEscapeStrings(event) as Record<string, unknown>;
    escapedEvents.set(event, escaped);
  }
  return escaped;
}

/**
 * `object`, marked to print as `[object Object]` whatever keys it has: Handlebars writes the
 * object it found no property in into its message, and a form variable keyed `toString` would
 * otherwise make that a TypeError. The mark is a symbol, which no template, JSON or key list sees.
 */
function printsAsObject<T extends object>(object: T): T {
  if (Object.hasOwn(object, Symbol.toPrimitive)) return object;
  return Object.defineProperty(object, Symbol.toPrimitive, { value: printedAsObject, enumerable: false });
}

function printedAsObject(): string {
  return '[object Object]';
}

const printableEvents = new WeakSet<object>();

/** The event with every object in it printing as one (see printsAsObject): its `customProperties` keys are anyone's. Marked once. */
function printableEvent<T extends object>(event: T): T {
  if (printableEvents.has(event)) return event;
  const mark = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    if (!Array.isArray(value)) printsAsObject(value);
    for (const item of Object.values(value)) mark(item);
  };
  mark(event);
  printableEvents.add(event);
  return event;
}

/** What a body template sees: the event at the top level, plus `formVariables`. */
export function templateContext(event: Record<string, unknown>, formValues: FormValues, jsonTemplate: boolean): unknown {
  const data = printableEvent(jsonTemplate ? escapedEvent(event) : event);
  return printsAsObject({ ...data, formVariables: printsAsObject(formValues) });
}

/** What the endpoint url and header values see: form values at the top level, the event as `context`. */
export function endpointContext(event: Record<string, unknown>, formValues: FormValues, oauth?: OAuthContext): Record<string, unknown> {
  return printsAsObject({ ...formValues, context: printableEvent(event), ...(oauth ? { oauth } : {}) });
}
