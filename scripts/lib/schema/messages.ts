import { closest } from '../suggest';
import type { ErrorObject } from 'ajv';
import type { Report } from '../findings';
import { plural } from '../plural';

/*
 * Turns Ajv's errors into sentences a partner can act on. Every message starts with the path of
 * the offending value in backticks (`capabilities.auditLogEventsHook.endpoint.method`), or "the
 * manifest" for the top level.
 */

const SEMVER_PATTERN =
  '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$';

/** Patterns the manifest schema uses, explained; any other pattern is quoted as it is. */
const PATTERN_EXPLANATIONS: ReadonlyMap<string, string> = new Map([
  [SEMVER_PATTERN, 'must be a semantic version such as 1.0.0'],
  ['^[Hh][Tt][Tt][Pp][Ss]?://', 'must be a web address starting with http:// or https://'],
  ['\\.svg$', 'must be the path of an SVG file (ending in .svg)'],
  ['^[^\\s]*$', 'must not contain spaces or other whitespace'],
  ['^(.*)$', 'must be a single line, without line breaks'],
]);

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

const COMPARISONS: Readonly<Record<string, string>> = {
  '>=': 'at least',
  '<=': 'at most',
  '>': 'greater than',
  '<': 'less than',
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

type Params = Record<string, unknown>;

function segmentsOf(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function childOf(value: unknown, segment: string): unknown {
  if (Array.isArray(value)) return ARRAY_INDEX.test(segment) ? value[Number(segment)] : undefined;
  if (value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, segment)) {
    return (value as Record<string, unknown>)[segment];
  }
  return undefined;
}

function valueAt(document: unknown, pointer: string): unknown {
  let value = document;
  for (const segment of segmentsOf(pointer)) value = childOf(value, segment);
  return value;
}

/**
 * `formVariables[0].key` rather than `/formVariables/0/key`. The document decides whether a
 * number is an array index, since an object may have a key "0" too.
 */
export function describeLocation(document: unknown, pointer: string): string {
  const segments = segmentsOf(pointer);
  if (segments.length === 0) return 'the manifest';
  let path = '';
  let value = document;
  for (const segment of segments) {
    if (Array.isArray(value) && ARRAY_INDEX.test(segment)) path += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) path += path ? `.${segment}` : segment;
    else path += `[${JSON.stringify(segment)}]`;
    value = childOf(value, segment);
  }
  return `\`${path}\``;
}

function describeValueType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return TYPE_NAMES[typeof value] ?? `a ${typeof value}`;
}

function listWithOr(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function expectedTypes(params: Params): string[] {
  const type = params.type;
  const types = Array.isArray(type) ? type.map(String) : String(type).split(',');
  return [...new Set(types)];
}

function typePhrase(types: string[], value: unknown): string {
  return `must be ${listWithOr(types.map((type) => TYPE_NAMES[type] ?? type))}, but it is ${describeValueType(value)}`;
}

/** A scalar as written in JSON (`"post"`, `3`); anything larger by its kind (`an object`). */
function describeGivenValue(value: unknown): string {
  return value === null || typeof value !== 'object' ? JSON.stringify(value) ?? String(value) : describeValueType(value);
}

function formatAllowed(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What a keyword demands of a value, as "must …"; undefined for keywords that are not about one value. */
function constraintPhrase(error: ErrorObject, value: unknown): string | undefined {
  const params = error.params as Params;
  switch (error.keyword) {
    case 'type':
      return typePhrase(expectedTypes(params), value);
    case 'enum': {
      const allowed = params.allowedValues as unknown[];
      const names = allowed.filter((item): item is string => typeof item === 'string');
      // A typo keeps most of the word: "apm" is no misspelling of "ai", though two edits apart.
      const tolerance = typeof value === 'string' ? Math.min(Math.max(2, Math.floor(value.length / 4)), Math.ceil(value.length / 2) - 1) : 0;
      const near = typeof value === 'string' ? closest(value, names, { limit: 1, tolerance }) : [];
      return (
        `must be one of ${allowed.map(formatAllowed).join(', ')}, but it is ${describeGivenValue(value)}` +
        (near.length > 0 ? ` (did you mean ${near[0]}?)` : '')
      );
    }
    case 'const':
      return `must be ${formatAllowed(params.allowedValue)}`;
    case 'minLength':
      return params.limit === 1 ? 'must not be empty' : `must be at least ${plural(Number(params.limit), 'character')}`;
    case 'maxLength':
      return `must be at most ${plural(Number(params.limit), 'character')}`;
    case 'pattern': {
      const pattern = String(params.pattern);
      return PATTERN_EXPLANATIONS.get(pattern) ?? `must match the pattern \`${pattern}\``;
    }
    case 'format':
      return params.format === 'email' ? 'must be an email address' : `must be a valid ${String(params.format)}`;
    case 'minItems':
      return `must have at least ${plural(Number(params.limit), 'item')}`;
    case 'maxItems':
      return `must have at most ${plural(Number(params.limit), 'item')}`;
    case 'uniqueItems':
      return 'must not repeat items';
    case 'minProperties':
      return `must have at least ${plural(Number(params.limit), 'key')}`;
    case 'maxProperties':
      return `must have at most ${plural(Number(params.limit), 'key')}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${COMPARISONS[String(params.comparison)] ?? String(params.comparison)} ${String(params.limit)}`;
    case 'multipleOf':
      return `must be a multiple of ${String(params.multipleOf)}`;
    case 'not':
      return 'must not take this form';
    default:
      return undefined;
  }
}

type Item = ErrorObject | Report;

function isReport(item: Item): item is Report {
  return !('keyword' in item);
}

function pointerOfItem(item: Item): string {
  return isReport(item) ? (item.pointer ?? '') : item.instancePath;
}

function isAtOrUnder(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(`${base}/`);
}

/**
 * A failed anyOf/oneOf comes after the errors of all its branches. When every branch only
 * failed on type, say so once ("must be a boolean or a string"); otherwise keep the branches
 * that had the right type, since those are the forms the author was aiming for.
 */
function resolveComposite(error: ErrorObject, branches: Item[], document: unknown): Item[] {
  const location = describeLocation(document, error.instancePath);
  if (error.keyword === 'oneOf' && Array.isArray((error.params as Params).passingSchemas)) {
    return [{ message: `${location} matches more than one of the allowed forms; it must match exactly one`, pointer: error.instancePath }];
  }
  const isOwnTypeError = (item: Item) => !isReport(item) && item.keyword === 'type' && item.instancePath === error.instancePath;
  const typeErrors = branches.filter(isOwnTypeError) as ErrorObject[];
  const others = branches.filter((item) => !isOwnTypeError(item));
  if (others.length > 0) return others;
  if (typeErrors.length > 0) {
    const types = [...new Set(typeErrors.flatMap((item) => expectedTypes(item.params as Params)))];
    return [{ message: `${location} ${typePhrase(types, valueAt(document, error.instancePath))}`, pointer: error.instancePath }];
  }
  return [{ message: `${location} does not match any of the allowed forms`, pointer: error.instancePath }];
}

/**
 * The errors with each failed anyOf/oneOf resolved (resolveComposite); `alternatives` holds the
 * errors kept from its branches, each of which is one way to pass, not a demand besides the others.
 */
function collapseComposites(errors: readonly ErrorObject[], document: unknown): { items: Item[]; alternatives: Set<Item> } {
  const items: Item[] = [];
  const alternatives = new Set<Item>();
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') {
      items.push(error);
      continue;
    }
    const branches: Item[] = [];
    while (items.length > 0 && isAtOrUnder(pointerOfItem(items[items.length - 1]), error.instancePath)) {
      branches.unshift(items.pop() as Item);
    }
    const resolved = resolveComposite(error, branches, document);
    for (const item of resolved) if (branches.includes(item)) alternatives.add(item);
    items.push(...resolved);
  }
  return { items, alternatives };
}

function describeError(error: ErrorObject, document: unknown, keyErrorsReported: ReadonlySet<string>): Report | undefined {
  const pointer = error.instancePath;
  const location = describeLocation(document, pointer);
  const params = error.params as Params;

  if (error.propertyName !== undefined && error.keyword !== 'propertyNames') {
    const key = error.propertyName;
    if (error.keyword === 'enum') {
      const allowedValues = params.allowedValues as unknown[];
      const allowed = allowedValues.map(formatAllowed).join(', ');
      // An unknown key is most often a misspelt one (`overveiw`), whose report of a missing key comes apart from this one;
      // a key the object has is not what it meant.
      const object = valueAt(document, pointer);
      const absent = allowedValues.filter((value): value is string => typeof value === 'string' && childOf(object, value) === undefined);
      const near = closest(key, absent, { limit: 1 });
      const meant = near.length > 0 ? ` (did you mean \`${near[0]}\`?)` : '';
      return { message: `${location} has an unknown key \`${key}\`${meant}; allowed keys: ${allowed}`, pointer, key };
    }
    const phrase = constraintPhrase(error, key) ?? error.message ?? 'is not allowed';
    return { message: `${location} has a key \`${key}\` that ${phrase}`, pointer, key };
  }

  switch (error.keyword) {
    case 'required':
      return { message: `${location} is missing the required key \`${String(params.missingProperty)}\``, pointer };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return { message: `${location} has an unknown key \`${key}\``, pointer, key };
    }
    case 'propertyNames': {
      const key = String(params.propertyName);
      // Ajv reports the key's own failure (usually the enum) first; that one already says it.
      if (keyErrorsReported.has(`${pointer}\0${key}`)) return undefined;
      return { message: `${location} has a key \`${key}\` that is not allowed`, pointer, key };
    }
    case 'dependencies':
      return {
        message: `${location} has \`${String(params.property)}\`, so it must also have \`${String(params.missingProperty)}\``,
        pointer,
      };
    case 'if':
      // The failed then/else branch has its own errors, which say what is wrong.
      return undefined;
    case 'false schema':
      return { message: `${location} is not allowed here`, pointer };
    default: {
      const phrase = constraintPhrase(error, valueAt(document, pointer)) ?? error.message ?? 'is not valid';
      return { message: `${location} ${phrase}`, pointer };
    }
  }
}

/** Reports for Ajv's errors on `document`, one per distinct problem, in Ajv's order. */
export function schemaErrorsToReports(errors: readonly ErrorObject[], document: unknown): Report[] {
  const keyErrorsReported = new Set(
    errors
      .filter((error) => error.propertyName !== undefined && error.keyword !== 'propertyNames')
      .map((error) => `${error.instancePath}\0${error.propertyName}`),
  );
  const reports: Report[] = [];
  const seen = new Set<string>();
  const constrained = new Map<string, Report>();
  const { items, alternatives } = collapseComposites(errors, document);
  for (const item of items) {
    const report = isReport(item) ? item : describeError(item, document, keyErrorsReported);
    if (!report) continue;
    const identity = `${report.pointer ?? ''}\0${report.key ?? ''}\0${report.message}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    if (!isReport(item) && isValueConstraint(item) && !alternatives.has(item)) {
      // One value, one finding: "`version` must be at least 5 characters, and must be a semantic version".
      const first = constrained.get(item.instancePath);
      if (first) {
        first.message += `, and ${constraintPhrase(item, valueAt(document, item.instancePath))}`;
        continue;
      }
      constrained.set(item.instancePath, report);
    }
    reports.push(report);
  }
  return reports;
}

/** The keywords that judge a value's length, form or items, several of which one value can fail at once. */
const VALUE_CONSTRAINTS: ReadonlySet<string> = new Set(['minLength', 'maxLength', 'pattern', 'format', 'minItems', 'maxItems', 'uniqueItems']);

function isValueConstraint(error: ErrorObject): boolean {
  return error.propertyName === undefined && VALUE_CONSTRAINTS.has(error.keyword);
}
