import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { defaultSamplesDir, loadSamples } from '../../scripts/lib/samples/load';
import type { Sample } from '../../scripts/lib/samples/types';
import { KEY_PATHS, type PathType } from './key-paths';

const samples = loadSamples();
const canonical = samples.filter((sample) => sample.tier === 'canonical');
const varied = samples.filter((sample) => sample.tier === 'varied');
const byRef = (ref: string): Sample => {
  const sample = samples.find((s) => s.ref === ref);
  if (!sample) throw new Error(`no sample ${ref}`);
  return sample;
};

type Json = Record<string, unknown>;
const object = (value: unknown): Json => value as Json;

/** Every string in a value, object keys included. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)]);
  return [];
}

/**
 * The values at a key path such as `customProperties.*.values[]`: `*` is every key of an
 * object, `x[]` every item of `x`. Throws, naming the step, when the path is not all there.
 */
function valuesAt(event: unknown, keyPath: string): unknown[] {
  let values: unknown[] = [event];
  for (const step of keyPath.split('.')) {
    const items = step.endsWith('[]');
    const name = items ? step.slice(0, -2) : step;
    values = values.flatMap((value) => {
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${keyPath}: no object before ${step}`);
      if (name === '*') return Object.values(value);
      if (!Object.prototype.hasOwnProperty.call(value, name)) throw new Error(`${keyPath}: missing ${name}`);
      return [(value as Json)[name]];
    });
    if (items) {
      values = values.flatMap((value) => {
        if (!Array.isArray(value) || value.length === 0) throw new Error(`${keyPath}: ${name} has no items`);
        return value;
      });
    }
    if (values.length === 0) throw new Error(`${keyPath}: nothing under ${step}`);
  }
  return values;
}

function hasType(value: unknown, type: PathType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'null':
      return value === null;
    case 'array|null':
      return value === null || Array.isArray(value);
  }
}

// The three renderings of a text, reduced to what a reader sees, so that they can be compared.
const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

function markdownToText(markdown: string): string {
  let out = '';
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i];
    if (c === '\\' && i + 1 < markdown.length) {
      out += markdown[++i];
    } else if (c === ']' && markdown[i + 1] === '(') {
      i = markdown.indexOf(')', i);
      if (i < 0) throw new Error('unclosed link target');
    } else if (!'[*~`'.includes(c)) {
      out += c;
    }
  }
  return out;
}

function htmlToText(html: string): string {
  return html
    .replace(/<li>/g, '- ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function richTexts(sample: Sample): [string, Json][] {
  return [
    ['title', object(sample.event.title)],
    ['details', object(sample.event.details)],
  ];
}

const hrefs = (links: unknown): string[] => Object.values(object(links) ?? {}).map((link) => String(object(link).href));
const samplesOf = (list: Sample[]) => list.map((sample) => [sample.ref, sample] as const);

describe('the sample set', () => {
  it('has samples of every kind and the flag actions partners template for', () => {
    expect([...new Set(samples.map((s) => s.kind))].sort()).toEqual(Object.keys(KEY_PATHS).sort());
    const flagActions = new Set(samples.filter((s) => s.kind === 'flag').map((s) => s.event.verbKind));
    for (const action of ['createFlag', 'updateOn', 'updateRules', 'updateTargets', 'updateFallthrough', 'updateGlobalArchived', 'deleteFlag', 'copyFlagConfigTo', 'updateName']) {
      expect(flagActions).toContain(action);
    }
  });

  it('has exactly one canonical sample per kind, as canonical.json says', () => {
    const kinds = Object.keys(KEY_PATHS).sort();
    expect(canonical.map((s) => s.kind).sort()).toEqual(kinds);
    const designation = JSON.parse(fs.readFileSync(path.join(defaultSamplesDir(), 'canonical.json'), 'utf8'));
    expect(Object.fromEntries(canonical.map((s) => [s.kind, s.ref]))).toEqual(designation);
  });

  it('has a flag targeting change in production as the canonical flag sample', () => {
    const flag = canonical.find((s) => s.kind === 'flag')!;
    expect(flag.ref).toBe('flag/update-rules');
    expect(flag.event.verbKind).toBe('updateRules');
    expect(object(object(flag.event.project).environment).key).toBe('production');
  });

  it('keeps every file where its ref says and its kind in the folder of that kind', () => {
    for (const sample of samples) {
      expect(path.relative(defaultSamplesDir(), sample.file).split(path.sep).join('/')).toBe(`${sample.ref}.json`);
      expect(sample.ref.split('/')[0]).toBe(sample.event.kind);
    }
  });
});

describe('every sample', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(
    JSON.parse(fs.readFileSync(path.join(__dirname, '../../schemas/event.schema.json'), 'utf8')),
  );

  it.each(samplesOf(samples))('%s matches the event schema', (_ref, sample) => {
    validate(sample.event);
    expect(validate.errors ?? []).toEqual([]);
  });

  it.each(samplesOf(samples))('%s has one instant four ways in timestamp', (_ref, sample) => {
    const { milliseconds, seconds, rfc3339, simple } = object(sample.event.timestamp) as {
      milliseconds: number;
      seconds: number;
      rfc3339: string;
      simple: string;
    };
    expect(seconds).toBe(Math.floor(milliseconds / 1000));
    expect(rfc3339).toBe(new Date(seconds * 1000).toISOString().replace('.000Z', 'Z'));
    expect(simple).toBe(rfc3339.replace('T', ' ').replace('Z', ''));
  });

  it.each(samplesOf(samples))('%s says the same in plainText, markdown and html', (_ref, sample) => {
    for (const [name, text] of richTexts(sample)) {
      const plain = collapse(String(text.plainText));
      expect([name, collapse(markdownToText(String(text.markdown)))]).toEqual([name, plain]);
      expect([name, collapse(htmlToText(String(text.html)))]).toEqual([name, plain]);
      // Outside tags, html text carries only entities: a raw < > " or stray & would be markup.
      const htmlText = String(text.html).replace(/<[^>]+>/g, '');
      expect([name, htmlText.match(/[<>"]|&(?!(?:amp|lt|gt|quot|#39);)/g)]).toEqual([name, null]);
    }
  });

  it.each(samplesOf(samples))('%s has a title naming who did what to which resource', (_ref, sample) => {
    const { event } = sample;
    const member = object(event.member);
    expect(String(object(event.title).plainText).startsWith(`${member.displayName} ${event.titleVerb} ${event.name}`)).toBe(true);
    expect(String(object(event.title).markdown)).toContain(`](mailto:${member.email})`);
    expect(member.displayName).toBe(`${member.firstName} ${member.lastName}`);
    expect(member.email).toBe(`${member.emailLocalPart}@${String(member.email).split('@')[1]}`);
    expect(object(event.target).name).toBe(event.name);
  });

  it.each(samplesOf(samples))('%s links absolutely into the app at baseURL', (_ref, sample) => {
    const { event } = sample;
    expect(event.baseURL).toBe('https://app.launchdarkly.com');
    const all = [...hrefs(event._links), ...hrefs(object(event.target)._links), ...hrefs(object(event.member)._links)];
    for (const href of all) expect(href.startsWith(`${event.baseURL}/`)).toBe(true);
    expect(String(object(object(event._links).self).href).endsWith(`/${event._id}`)).toBe(true);
    expect(String(object(object(object(event.member)._links).self).href).endsWith(`/${object(event.member)._id}`)).toBe(true);
  });

  it.each(samplesOf(samples))('%s names its resource the same way in keys and links', (_ref, sample) => {
    const { event } = sample;
    const project = object(event.project);
    const environment = object(project.environment);
    const targetHrefs = hrefs(object(event.target)._links);
    expect(targetHrefs.length).toBeGreaterThan(0);
    switch (event.kind) {
      case 'project':
        expect(event.key).toBe(project.key);
        expect(event.tags).toEqual(project.tags);
        break;
      case 'environment':
        expect(event.key).toBe(environment.key);
        expect(event.name).toBe(environment.name);
        expect(event.tags).toEqual(environment.tags);
        break;
      case 'member':
      case 'webhook':
        expect(event.key).toBeUndefined();
        expect(project.key).toBe('');
        break;
    }
    // Every link to the resource carries what identifies it: its key (within its project) or its id.
    for (const href of targetHrefs) {
      if (event.kind === 'project') expect(href).toMatch(new RegExp(`/${event.key}(/|\\?|$)`));
      else if (typeof event.key === 'string') expect(href).toMatch(new RegExp(`/${project.key}/(.+/)?${event.key}(/|\\?|$)`));
      else expect(href).toContain(String(object(event.target)._id));
      const env = new URL(href).searchParams.get('env');
      if (env !== null) expect(env).toBe(environment.key);
    }
    // The app page of an environment-specific flag or segment change opens in that environment.
    if ((event.kind === 'flag' || event.kind === 'segment') && environment.key !== '') {
      expect(new URL(String(object(object(event._links).site).href)).searchParams.get('env')).toBe(environment.key);
    }
    // An environment-less change has no environment at all, not half of one.
    if (environment.key === '') expect(environment).toEqual({ name: '', key: '', tags: null });
  });
});

/**
 * Item paths a canonical sample leaves empty on purpose. The framework CI's flag and environment
 * events have no tags: upstream flag and validation templates writing `{{#if tags}}"tags": {{tags}},`
 * (invalid JSON for any tag) pass its CI, so canonical events with tags would fail what it accepts.
 */
const EMPTY_IN_CANONICAL: Record<string, string[]> = { flag: ['tags[]'], environment: ['tags[]', 'project.environment.tags[]'] };

describe('canonical samples', () => {
  it.each(samplesOf(canonical))('%s carries every key path of its kind', (_ref, sample) => {
    const expected = KEY_PATHS[sample.kind];
    const wrong: string[] = [];
    for (const [keyPath, type] of Object.entries(expected)) {
      if (EMPTY_IN_CANONICAL[sample.kind]?.includes(keyPath)) {
        const parent = keyPath.slice(0, -'[]'.length);
        expect([parent, valuesAt(sample.event, parent)]).toEqual([parent, [[]]]);
        continue;
      }
      let values: unknown[];
      try {
        values = valuesAt(sample.event, keyPath);
      } catch (error) {
        wrong.push((error as Error).message);
        continue;
      }
      if (!values.every((value) => hasType(value, type))) wrong.push(`${keyPath}: not ${type}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(samplesOf(canonical))('%s has no double quote in any string', (_ref, sample) => {
    expect(strings(sample.event).filter((s) => s.includes('"'))).toEqual([]);
  });

  it.each(samplesOf(canonical))('%s is realistic: unicode, an apostrophe, several lines of details', (_ref, sample) => {
    const all = strings(sample.event).join('\n');
    expect(all).toMatch(/[^\x00-\x7f]/);
    expect(all).toContain("'");
    expect(String(object(sample.event.details).plainText).split('\n').length).toBeGreaterThan(1);
  });

  it('the canonical flag has several custom properties', () => {
    expect(Object.keys(object(byRef('flag/update-rules').event.customProperties)).length).toBeGreaterThanOrEqual(3);
  });
});

describe('varied samples, as a whole', () => {
  const texts = varied.flatMap((sample) => strings(sample.event));

  it.each([
    ['a double quote', '"'],
    ['a backslash', '\\'],
    ['<', '<'],
    ['>', '>'],
    ['&', '&'],
    ['a newline', '\n'],
    ['a tab', '\t'],
  ])('include %s', (_name, character) => {
    expect(texts.some((text) => text.includes(character))).toBe(true);
  });

  it('include an emoji and right-to-left text', () => {
    expect(texts.some((text) => /\p{Extended_Pictographic}/u.test(text))).toBe(true);
    expect(texts.some((text) => /[\u0590-\u08ff]/.test(text))).toBe(true);
  });

  it('include events without a comment, without custom properties and with empty tags', () => {
    expect(varied.some((s) => !('comment' in s.event))).toBe(true);
    expect(varied.some((s) => s.kind === 'flag' && !('customProperties' in s.event))).toBe(true);
    expect(varied.some((s) => Array.isArray(s.event.tags) && s.event.tags.length === 0)).toBe(true);
  });

  it('include details longer than common chat limits (2 000 and 4 096 characters)', () => {
    const lengths = varied.map((s) => String(object(s.event.details).plainText).length);
    expect(lengths.filter((n) => n > 2000).length).toBeGreaterThanOrEqual(2);
    expect(lengths.some((n) => n > 4096)).toBe(true);
  });

  it('include a flag change that applies to every environment', () => {
    const global = varied.filter((s) => s.kind === 'flag' && object(object(s.event.project).environment).key === '');
    expect(global.map((s) => s.event.verbKind)).toEqual(expect.arrayContaining(['updateName', 'createFlag', 'deleteFlag']));
  });
});
