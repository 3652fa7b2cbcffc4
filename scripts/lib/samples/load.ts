import * as fs from 'node:fs';
import * as path from 'node:path';
import { USAGE_EXIT_CODE, UserError } from '../errors';
import { formatPlace } from '../findings';
import { parseJsonWithPositions, type JsonDocument } from '../integration/json-source';
import { isDirectory, isInside } from '../integration/paths';
import { MAX_EVENT_BYTES, readTextFile } from '../text-file';
import { closest } from '../suggest';
import { byCodeUnits } from '../text-order';
import { packageRoot } from '../package-root';
import { eventTypeProblems, isStandardPayload } from './event-types';
import type { Sample, SampleTier, TemplateEvent } from './types';

const CANONICAL_FILE = 'canonical.json';

/** The sample events shipped with ld-hook-kit. */
export function defaultSamplesDir(): string {
  return path.join(packageRoot(), 'sample-context');
}

/** A path short enough to read in a message: relative when under the working folder. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative !== '' && isInside(process.cwd(), file) ? relative : file;
}

/**
 * The file's text. A file that cannot be opened fails with `unopenable`: a usage error when the
 * command line named it, as a --root that is not there is; what the file holds fails with 1.
 */
function readText(file: string, label: string, unopenable: number): string {
  const read = readTextFile(file, MAX_EVENT_BYTES, 'an event');
  if (read.ok) return read.text;
  if (read.code === 'ENOENT') throw new UserError(`${label}: no such file`, unopenable);
  if (read.code === 'EISDIR') throw new UserError(`${label}: is a folder, not an event file`, unopenable);
  if (read.code !== undefined) throw new UserError(`${label}: cannot be read: ${read.reason}`, unopenable);
  throw new UserError(`${label}:${read.line}:${read.column}: the file ${read.reason}`);
}

function parseJsonFile(file: string, label: string, unopenable = 1): JsonDocument {
  const parsed = parseJsonWithPositions(readText(file, label, unopenable));
  if (!parsed.ok) throw new UserError(`${label}:${parsed.line}:${parsed.column}: ${parsed.message}`);
  return parsed.document;
}

/** Reads one sample event file; `label` is how messages name it. */
function readEvent(file: string, label: string): TemplateEvent {
  return eventOf(parseJsonFile(file, label).value, label);
}

function eventOf(value: unknown, label: string): TemplateEvent {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(`${label}: not a change-history event: the file must hold a JSON object`);
  }
  const kind = (value as Record<string, unknown>).kind;
  if (typeof kind !== 'string' || kind === '') {
    throw new UserError(`${label}: not a change-history event: it has no string \`kind\` (flag, project, environment, ...)`);
  }
  return value as TemplateEvent;
}

/**
 * `canonical.json`: kind → ref. Absent means no canonical samples (a folder of one's own events),
 * which is allowed; present but wrong is an error, because the CI-like checks rely on it.
 */
function readCanonical(dir: string, refs: Map<string, Sample>): Map<string, string> {
  const file = path.join(dir, CANONICAL_FILE);
  if (!fs.existsSync(file)) return new Map();
  const label = shown(file);
  const value = parseJsonFile(file, label).value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(`${label}: must be an object mapping each kind to the ref of its canonical sample`);
  }
  const canonical = new Map<string, string>();
  for (const [kind, ref] of Object.entries(value)) {
    if (typeof ref !== 'string') throw new UserError(`${label}: the canonical sample of \`${kind}\` must be a ref string`);
    const sample = refs.get(ref);
    if (!sample) throw new UserError(`${label}: the canonical sample of \`${kind}\`, ${ref}, does not exist (no ${ref}.json)`);
    if (sample.kind !== kind) {
      throw new UserError(`${label}: the canonical sample of \`${kind}\`, ${ref}, is an event of kind \`${sample.kind}\``);
    }
    canonical.set(kind, ref);
  }
  return canonical;
}

/**
 * Every `<kind>/<name>.json` under `dir`, sorted by ref. Files elsewhere (the README,
 * canonical.json) are not samples.
 */
export function loadSamples(dir: string = defaultSamplesDir()): Sample[] {
  if (!isDirectory(dir)) throw new UserError(`${shown(dir)}: sample folder not found`);
  const samples = new Map<string, Sample>();
  for (const folder of fs.readdirSync(dir).sort()) {
    const folderPath = path.join(dir, folder);
    if (folder.startsWith('.') || !isDirectory(folderPath)) continue;
    for (const name of fs.readdirSync(folderPath).sort()) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      const file = path.join(folderPath, name);
      if (isDirectory(file)) continue;
      const ref = `${folder}/${name.slice(0, -'.json'.length)}`;
      const label = shown(file);
      const event = readEvent(file, label);
      // The folder is how people find a sample and how refs read; a mismatch would mislead both.
      if (event.kind !== folder) {
        throw new UserError(`${label}: an event of kind \`${event.kind}\` must be under ${event.kind}/, not ${folder}/`);
      }
      samples.set(ref, { ref, kind: event.kind, tier: 'varied', file, event });
    }
  }
  const canonical = readCanonical(dir, samples);
  const canonicalRefs = new Set(canonical.values());
  return [...samples.values()]
    .map((sample) => ({ ...sample, tier: (canonicalRefs.has(sample.ref) ? 'canonical' : 'varied') as SampleTier }))
    .sort((a, b) => byCodeUnits(a.ref, b.ref));
}

/** Refs that look like what was meant: a small typo, the same name under another kind, or a part of it. */
export function closeRefs(refs: string[], wanted: string, limit = 5): string[] {
  const name = wanted.toLowerCase().split('/').pop()!;
  return closest(wanted, refs, {
    limit,
    tolerance: (ref) => Math.max(2, Math.floor(ref.length / 4)),
    alsoClose: (ref, target) => ref.endsWith('/' + name) || (name.length >= 3 && ref.includes(name)) || ref.startsWith(target),
  });
}

/** A path rather than a ref: has a `.json` ending or starts like a path. */
function looksLikePath(value: string): boolean {
  return /\.json$/i.test(value) || /^(\.{1,2}[\\/]|[\\/]|[A-Za-z]:[\\/]|~)/.test(value);
}

/**
 * The sample named by a ref (`flag/update-rules`), or an event read from a file path (any file:
 * a partner's own event). A file is always `varied`: nothing vouches that it is canonical.
 * A ref to no sample, or a path to no file, is a usage error (exit 2); a file that is there but
 * holds no event (malformed JSON, no `kind`) is a problem with the input (exit 1).
 */
export function resolveSample(samples: Sample[], refOrPath: string, cwd: string = process.cwd()): Sample {
  if (refOrPath.trim() === '') throw new UserError('--context needs a sample ref (flag/update-rules), a path to an event file, or "all"', USAGE_EXIT_CODE);
  const known = samples.find((sample) => sample.ref === refOrPath);
  if (known) return known;
  const file = path.resolve(cwd, refOrPath);
  // `flag/update-rules.json`, the sample's own file name, where no such file is here: the sample was meant.
  const sampleFile = samples.find((sample) => `${sample.ref}.json` === refOrPath);
  if (sampleFile && !fs.existsSync(file)) {
    throw new UserError(`${refOrPath}: no such file; for the sample, give its ref without .json: --context ${sampleFile.ref}`, USAGE_EXIT_CODE);
  }
  if (fs.existsSync(file) || looksLikePath(refOrPath)) {
    const document = parseJsonFile(file, refOrPath, USAGE_EXIT_CODE);
    const event = eventOf(document.value, refOrPath);
    if (isStandardPayload(event)) return { ref: refOrPath, kind: event.kind, tier: 'varied', file, event, notes: [payloadNote(refOrPath)] };
    const notes = eventTypeProblems(event).map((problem) => {
      const at = problem.pointer === undefined ? undefined : document.locate(problem.pointer);
      return `${formatPlace(refOrPath, at?.line, at?.column)}: ${problem.message}; LaunchDarkly never sends that, so the request shows what no real event gives`;
    });
    return { ref: refOrPath, kind: event.kind, tier: 'varied', file, event, ...(notes.length > 0 ? { notes } : {}) };
  }
  const refs = samples.map((sample) => sample.ref);
  // A kind's name: its events, the one the framework's CI renders first.
  const ofKind = (kind: string) => {
    const events = samples.filter((sample) => sample.kind === kind.toLowerCase());
    if (events.length === 0) return undefined;
    const first = canonicalSample(samples, events[0].kind) ?? events[0];
    const listed = [first, ...events.filter((sample) => sample !== first)].map((sample) => sample.ref);
    return listed.length > 5 ? `${listed.slice(0, 5).join(', ')}, … (${listed.length} in all)` : listed.join(', ');
  };
  const kindEvents = ofKind(refOrPath);
  if (kindEvents) throw new UserError(`unknown sample ${refOrPath}: that is a kind; give one of its events: ${kindEvents}`, USAGE_EXIT_CODE);
  // `ALL`, `al`: the word --context takes for every sample is as likely meant as any ref.
  const close = closeRefs([...refs, 'all'], refOrPath);
  // `flag/nope`: that kind's events, rather than every sample.
  const kind = refOrPath.split('/')[0].toLowerCase();
  const sameKind = ofKind(kind);
  const hint =
    close.length > 0 ? `did you mean ${close.join(', ')}?` : sameKind ? `${kind} samples: ${sameKind}` : `known samples: ${refs.join(', ') || '(none)'}`;
  throw new UserError(`unknown sample ${refOrPath}: not a sample ref nor an event file; ${hint}`, USAGE_EXIT_CODE);
}

function payloadNote(refOrPath: string): string {
  return (
    `${refOrPath} is a standard webhook payload (it has \`accesses\` and a \`date\`): it is routed by its accesses and is the body ` +
    'as it is with useStandardWebhookPayload, but templates receive a template context (the shape of sample-context/), not this'
  );
}

export function canonicalSample(samples: Sample[], kind: string): Sample | undefined {
  return samples.find((sample) => sample.kind === kind && sample.tier === 'canonical');
}
