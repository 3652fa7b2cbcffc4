/**
 * Resource specifiers (`proj/*:env/production:flag/*;ops,security`) and concrete resources
 * (`proj/mobile:env/production:flag/dark-mode`) share one grammar:
 *
 *   specifier := "*" | segment (":" segment)*
 *   segment   := type "/" name [";" tag ("," tag)*]
 *
 * In a specifier, `*` in a name or tag is a wildcard; in a concrete resource it is just a character.
 * Parsing returns data and never throws: specifiers come from manifests people are still writing.
 */

/** One `type/name;tags` segment. In a specifier, name and tags may hold `*` wildcards. */
export interface Segment {
  type: string;
  name: string;
  tags: string[];
}

export interface ResourceSpecifier {
  /** The specifier as written. */
  text: string;
  /**
   * The bare `*` specifier: every resource. The manifest schema gives `["*"]` as the default of
   * `resources`, so the framework accepts it even though LaunchDarkly's docs never show it.
   */
  any: boolean;
  /** Empty when `any`. */
  segments: Segment[];
}

/** A concrete resource: what an event is about. */
export interface Resource {
  segments: Segment[];
}

export type SpecifierResult = { ok: true; specifier: ResourceSpecifier } | { ok: false; message: string };
export type ResourceResult = { ok: true; resource: Resource } | { ok: false; message: string };

// Resource types are fixed identifiers (`proj`, `env`, `code-reference-repository`); this
// pattern is a constant, never built from input.
const TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
const WHITESPACE = /\s/;

export function parseResourceSpecifier(text: string): SpecifierResult {
  if (text === '*') return { ok: true, specifier: { text, any: true, segments: [] } };
  const parsed = parseSegments(text, true);
  return parsed.ok ? { ok: true, specifier: { text, any: false, segments: parsed.segments } } : parsed;
}

/** Parses a concrete resource, such as one of a standard payload's `accesses[].resource`. */
export function parseResource(text: string): ResourceResult {
  const parsed = parseSegments(text, false);
  return parsed.ok ? { ok: true, resource: { segments: parsed.segments } } : parsed;
}

/** The text form of a resource: `proj/p;tag:env/e:flag/k`. Tags are written only when present. */
export function formatResource(resource: Resource): string {
  return resource.segments.map(formatSegment).join(':');
}

function formatSegment(segment: Segment): string {
  return segment.tags.length > 0 ? `${segment.type}/${segment.name};${segment.tags.join(',')}` : `${segment.type}/${segment.name}`;
}

type SegmentsResult = { ok: true; segments: Segment[] } | { ok: false; message: string };

// Every message reads on its own in a finding: `"proj/*::flag/*" has an empty segment ("::")`,
// and for a specifier of several segments it names the one at fault:
// `"proj/*:env:flag/*": the segment "env" has no "/" ...`.
function parseSegments(text: string, isSpecifier: boolean): SegmentsResult {
  const fail = (predicate: string) => ({ ok: false as const, message: `${JSON.stringify(text)} ${predicate}` });
  if (text === '') return fail('is empty');
  if (WHITESPACE.test(text)) return fail('contains whitespace; a resource specifier has none');
  if (text.startsWith(':')) return fail('starts with ":", leaving the first segment empty');
  if (text.endsWith(':')) return fail('ends with ":", leaving the last segment empty');
  const parts = text.split(':');
  const segments: Segment[] = [];
  for (const part of parts) {
    if (part === '') return fail('has an empty segment ("::")');
    const problem = segmentProblem(part, isSpecifier);
    if (typeof problem === 'string') {
      return parts.length === 1
        ? fail(problem)
        : { ok: false, message: `${JSON.stringify(text)}: the segment ${JSON.stringify(part)} ${problem}` };
    }
    segments.push(problem);
  }
  return { ok: true, segments };
}

/** The segment, or what is wrong with it, as a predicate on the segment. */
function segmentProblem(part: string, isSpecifier: boolean): Segment | string {
  const semicolon = part.indexOf(';');
  const body = semicolon < 0 ? part : part.slice(0, semicolon);
  const tagText = semicolon < 0 ? undefined : part.slice(semicolon + 1);

  const slash = body.indexOf('/');
  if (slash < 0) {
    if (tagText?.includes('/')) return 'has its "/" after ";": a segment is type/name first, then ";" and its tags';
    const hint = TYPE_PATTERN.test(body) ? ` (for any ${body}, write "${body}/*")` : '';
    return `has no "/": each segment is type/name${hint}`;
  }
  const type = body.slice(0, slash);
  const name = body.slice(slash + 1);
  if (type === '') return 'has no type before "/"';
  if (name === '') return 'has no name after "/"; use "*" for any name';
  if (name.includes('/')) return 'has more than one "/"; each segment is exactly type/name';
  if (!TYPE_PATTERN.test(type)) {
    return type.includes('*')
      ? 'has a wildcard in its type; only names and tags take "*"'
      : `has an invalid type ${JSON.stringify(type)}; types are words like proj, env, flag, segment, metric, member`;
  }
  if (isSpecifier && name.includes(',')) {
    // A common guess is `env/production,staging`; a policy spells alternatives as separate specifiers.
    return 'has "," in its name; list each alternative as its own specifier instead';
  }

  const tags: string[] = [];
  if (tagText !== undefined) {
    if (tagText === '') return 'has ";" but no tags after it';
    if (tagText.includes(';')) return 'has more than one ";"; separate tags with ","';
    for (const tag of tagText.split(',')) {
      if (tag === '') return `has an empty tag in its tag list ${JSON.stringify(tagText)}`;
      if (tag.includes('/')) return `has "/" in the tag ${JSON.stringify(tag)}; tags come last in a segment`;
      tags.push(tag);
    }
  }
  return { type, name, tags };
}
