import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listIntegrationNames, loadIntegration, type Integration } from '../../scripts/lib/integration/load';
import type { TemplateKind } from '../../scripts/lib/integration/manifest';
import { isJsonTemplate } from '../../scripts/lib/render/context';
import { CI_OAUTH, resolveFormValues } from '../../scripts/lib/render/form-values';
import { RenderSetup } from '../../scripts/lib/render/request';
import { TEMPLATE_KINDS, usesStandardPayload } from '../../scripts/lib/integration/manifest';
import { DOCUMENTED_EVENT } from '../../scripts/lib/render/event-shape';
import { checkJson } from '../../scripts/lib/json-syntax';
import type { TemplateEvent } from '../../scripts/lib/samples/types';
import { subjectRoot } from '../fixtures/template-safety/support';

/**
 * Every template of every integration, against events of the documented shape whose strings are
 * arbitrary (quotes, apostrophes, backslashes, `<>&=`, backticks, control characters, line and
 * paragraph separators, emoji, right-to-left and CJK text): rendering never throws, a JSON
 * template's output always parses, and every event string it prints comes back unchanged.
 */

const REPO_ROOT = path.join(__dirname, '..', '..');
/** Our own integration, so the property runs even before the repository has any. */
const FIXTURE_ROOT = path.join(__dirname, '..', 'fixtures', 'template-safety', 'property-root');

const SPECIAL = ['"', "'", '\\', '/', '<', '>', '&', '=', '`', '{', '}', '\n', '\r', '\t', '\u0000', '\u0007', '\u001f', '\u007f', '\u2028', '\u2029', '😀', '🚢', 'é', 'ß', 'Ω', '日本', 'عربي', '\u200f', '%', '+', '#', '?'];

/**
 * Each string of an event starts with `⟦n⟧`, n its number, so a string found in the output leads
 * back to the one generated. Not ASCII: a URL-encoding helper turns it into `%E2%9F%A6...`, so
 * an encoded value (which is not meant to come back as it was) is not mistaken for a damaged one.
 */
const MARKER = /⟦(\d+)⟧/g;

const text = fc
  .string({ unit: fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...SPECIAL) }, { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) }), maxLength: 16 })
  .filter((value) => !value.includes('⟦'));

const VERBS = ['updateOn', 'updateRules', 'updateTargets', 'updateFallthrough', 'createFlag', 'deleteFlag', 'updateTags', 'createProject', 'createEnvironment', 'updateRole', 'createSegment'];
/** Documented as array or null. */
const NULLABLE = new Set(['tags', 'project.tags', 'project.environment.tags']);

function arbitraryFor(shape: unknown, at: string[]): fc.Arbitrary<unknown> {
  const where = at.join('.');
  if (where === 'verbKind') return fc.constantFrom(...VERBS);
  if (where === 'timestamp.milliseconds') return fc.integer({ min: 1_000_000_000_000, max: 4_000_000_000_000 });
  if (where === 'timestamp.seconds') return fc.integer({ min: 1_000_000_000, max: 4_000_000_000 });
  if (typeof shape === 'string') return text;
  if (typeof shape === 'number') return fc.integer();
  if (Array.isArray(shape)) {
    const items = fc.array(arbitraryFor(shape[0], [...at, '[]']), { maxLength: 3 });
    return NULLABLE.has(where) ? fc.oneof(items, fc.constant(null)) : items;
  }
  const entries = Object.entries(shape as Record<string, unknown>).map(([key, value]) => [key, arbitraryFor(value, [...at, key])] as const);
  return fc.record(Object.fromEntries(entries));
}

interface MarkedEvent {
  event: TemplateEvent;
  /** The generated strings, by marker number (without the marker). */
  strings: string[];
}

function mark(value: unknown, strings: string[]): unknown {
  if (typeof value === 'string') {
    strings.push(value);
    return `⟦${strings.length - 1}⟧${value}`;
  }
  if (Array.isArray(value)) return value.map((item) => mark(item, strings));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mark(item, strings)]));
  return value;
}

/** Events of the documented shape, all documented paths present, of one kind. */
function events(kind: string): fc.Arbitrary<MarkedEvent> {
  return arbitraryFor(DOCUMENTED_EVENT, []).map((generated) => {
    const strings: string[] = [];
    const event = mark(generated, strings) as TemplateEvent;
    return { event: { ...event, kind }, strings };
  });
}

const EVENT_KIND: Record<TemplateKind, string> = {
  flag: 'flag',
  project: 'project',
  environment: 'environment',
  member: 'member',
  validation: 'environment',
  default: 'segment',
};

/** Every string in a parsed JSON value, keys included. */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => stringsOf(item, out));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      stringsOf(item, out);
    }
  }
  return out;
}

/** Generated strings that the output holds, but not as they were generated. */
function damaged(output: unknown, strings: string[]): { generated: string; found: string }[] {
  const found: { generated: string; found: string }[] = [];
  for (const value of stringsOf(output)) {
    for (const match of value.matchAll(MARKER)) {
      const generated = strings[Number(match[1])];
      if (!value.startsWith(match[0] + generated, match.index)) {
        found.push({ generated, found: value.slice(match.index, match.index! + match[0].length + generated.length + 12) });
      }
    }
  }
  return found;
}

interface Subject {
  integration: Integration;
  kind: TemplateKind;
  file: string;
}

function subjectsOf(root: string, names = listIntegrationNames(root)): Subject[] {
  const subjects: Subject[] = [];
  for (const name of names) {
    const integration = loadIntegration(root, name);
    const hook = integration.manifest?.capabilities?.auditLogEventsHook;
    if (!hook || usesStandardPayload(hook) || !hook.templates) continue;
    for (const kind of TEMPLATE_KINDS) {
      const file = hook.templates[kind];
      if (typeof file === 'string') subjects.push({ integration, kind, file });
    }
  }
  return subjects;
}

/** The property for one template: it renders, and a JSON template gives back every string intact. */
function templateProperty(subject: Subject): fc.IPropertyWithHooks<[MarkedEvent]> {
  const setup = new RenderSetup(subject.integration);
  const formValues = resolveFormValues(setup.formVariables, {}, 'ci').values;
  return fc.property(events(EVENT_KIND[subject.kind]), ({ event, strings }) => {
    const { body } = setup.body(event, { formValues, oauth: CI_OAUTH, templateKind: subject.kind });
    if (!isJsonTemplate(subject.file)) return;
    const parsed = checkJson(body);
    if (!parsed.ok) throw new Error(`invalid JSON at output ${parsed.line}:${parsed.column}: ${parsed.message}\n${body}`);
    expect(damaged(parsed.value, strings)).toEqual([]);
  });
}

const repoSubjects = fs.existsSync(path.join(REPO_ROOT, 'integrations')) ? subjectsOf(REPO_ROOT) : [];
const fixtureSubjects = subjectsOf(FIXTURE_ROOT);
const label = (subject: Subject) => `${subject.integration.name} ${subject.kind} (${subject.file})`;

describe('template properties', () => {
  it('has templates to check: our fixture integration, whatever the repository holds', () => {
    expect(fixtureSubjects.map((subject) => subject.kind).sort()).toEqual(['default', 'flag', 'project', 'validation']);
  });

  it.each([...fixtureSubjects, ...repoSubjects].map((subject) => [label(subject), subject] as const))(
    '%s renders every event of the documented shape, and gives back its strings intact',
    (_label, subject) => {
      fc.assert(templateProperty(subject), { numRuns: 150 });
    },
  );

  it('fails for a template that prints event text with {{ }}, and shows the damage', () => {
    const source = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'template-safety', 'defective', 'flag-slack-attachments.json'), 'utf8');
    const root = subjectRoot({ templates: { flag: 'templates/flag.json' }, files: { 'templates/flag.json': source } });
    const [subject] = subjectsOf(root, ['subject']);
    const result = fc.check(templateProperty(subject), { numRuns: 300, seed: 7 });
    expect(result.failed).toBe(true);
    // Shrunk to a single character that Handlebars escapes.
    expect(String(result.errorInstance)).toMatch(/invalid JSON|&quot;|&#x27;|&amp;|&lt;|&gt;|&#x3D;|&#x60;/);
  });

  it('a URL-encoded value is not taken for a damaged one', () => {
    const root = subjectRoot({
      templates: { flag: 'templates/flag.json' },
      files: { 'templates/flag.json': '{"q": "https://x.example/?q={{queryEncode key}}&p={{{pathEncode project.key}}}"}' },
    });
    fc.assert(templateProperty(subjectsOf(root, ['subject'])[0]), { numRuns: 100 });
  });
});
