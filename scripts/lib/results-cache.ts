import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Handlebars from 'handlebars';
import { isInside } from './integration/paths';
import { isRecord } from './json-value';
import type { Finding } from './findings';
import { packageRoot } from './package-root';
import { defaultSamplesDir } from './samples/load';

interface CacheEntry {
  key: string;
  findings: Finding[];
}

const isWholeNumber = (value: unknown, min: number): value is number => Number.isSafeInteger(value) && (value as number) >= min;
const isOptional = (value: unknown, test: (value: unknown) => boolean) => value === undefined || test(value);

function isTextEdit(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const { start, end, replaced, text } = value;
  return isWholeNumber(start, 0) && isWholeNumber(end, start) && typeof replaced === 'string' && typeof text === 'string';
}

function isFinding(value: unknown): value is Finding {
  if (!isRecord(value)) return false;
  return (
    typeof value.rule === 'string' &&
    (value.severity === 'error' || value.severity === 'warning') &&
    typeof value.file === 'string' &&
    typeof value.message === 'string' &&
    isOptional(value.line, (line) => isWholeNumber(line, 1)) &&
    isOptional(value.column, (column) => isWholeNumber(column, 1)) &&
    isOptional(value.sample, (sample) => typeof sample === 'string') &&
    isOptional(value.edit, isTextEdit)
  );
}

/**
 * An entry as save() writes it. The file is the user's own, but a damaged one (a disk error, an
 * edit by hand) must cost a check of the integration, never a crash or findings lost.
 */
function isCacheEntry(value: unknown): value is CacheEntry {
  return isRecord(value) && typeof value.key === 'string' && Array.isArray(value.findings) && value.findings.every(isFinding);
}

/**
 * Findings of unchanged integrations, kept between runs, as ESLint's --cache does: a fork of the
 * framework repository holds hundreds of integrations and a partner changes one. An entry is
 * used only when its key matches: the tool itself (see toolCacheKey) and every byte of the
 * integration's folder. Findings of rules that look at other integrations are never cached.
 */
export class ResultsCache {
  // A Map: folder names such as `__proto__` or `constructor` are names like any other here.
  private entries = new Map<string, CacheEntry>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly toolKey: string,
  ) {}

  static open(file: string, toolKey: string): ResultsCache {
    const cache = new ResultsCache(file, toolKey);
    // Results another user could have written are never trusted (save() checks again before writing).
    if (!isPrivateFolder(path.dirname(file))) return cache;
    try {
      const stored: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (isRecord(stored) && stored.toolKey === toolKey && isRecord(stored.entries)) {
        cache.entries = new Map(Object.entries(stored.entries).filter((entry): entry is [string, CacheEntry] => isCacheEntry(entry[1])));
      }
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
    return cache;
  }

  get(name: string, key: string): Finding[] | undefined {
    const entry = this.entries.get(name);
    return entry && entry.key === key ? entry.findings : undefined;
  }

  set(name: string, key: string, findings: Finding[]): void {
    this.entries.set(name, { key, findings });
    this.changed = true;
  }

  /** Writes the cache if anything changed; a cache that cannot be written is only a slower next run. */
  save(): void {
    if (!this.changed) return;
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      if (!isPrivateFolder(path.dirname(this.file))) return;
      fs.writeFileSync(temporary, JSON.stringify({ toolKey: this.toolKey, entries: Object.fromEntries(this.entries) }), { mode: 0o600 });
      fs.renameSync(temporary, this.file);
    } catch {
      // Read-only or full disk, or no folder there at all: nothing to report, the results are
      // still right. A part written is no use to anyone; where there is no folder, there is none.
      try {
        fs.rmSync(temporary, { force: true });
      } catch {
        // ENOTDIR, ELOOP, EACCES: nothing was written.
      }
    }
  }
}

/** True when `folder` is a real folder (not a link) of this user that no one else may write to. */
function isPrivateFolder(folder: string): boolean {
  try {
    const stat = fs.lstatSync(folder);
    if (!stat.isDirectory()) return false;
    if (process.platform === 'win32') return true;
    return stat.uid === process.getuid!() && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** Where the cache of a root lives unless the caller says otherwise: a folder of this user's own. */
export function defaultCacheFile(root: string): string {
  const owner = process.getuid?.() ?? os.userInfo().username;
  // Empty (`LD_HOOK_KIT_CACHE_DIR=` in a CI file) is unset: as a path it is the working folder, the partner's fork.
  const base = process.env.LD_HOOK_KIT_CACHE_DIR || path.join(os.tmpdir(), `ld-hook-kit-cache-${owner}`);
  return path.join(base, createHash('sha1').update(path.resolve(root)).digest('hex') + '.json');
}

/**
 * Thrown by the walk on what no digest of the folder should follow: a link to a folder outside it
 * (what is there is not ours to walk), or more than an integration's folder holds.
 */
class NoFingerprint extends Error {}

/**
 * The most a fingerprint reads: an integration's folder holds a manifest, a README, a few
 * templates and two icons. A folder past this (a link under integrations/ to a home folder or
 * to /, dependencies installed in it) is checked every run, rather than read whole every run to
 * tell whether it changed, which could take minutes, or never end.
 */
export const MAX_FINGERPRINT_ENTRIES = 1000;
export const MAX_FINGERPRINT_BYTES = 16 * 1024 * 1024;

/** What is left to read of the bounds above. */
interface Budget {
  entries: number;
  bytes: number;
}

/**
 * A file's bytes, taken from the budget. A file longer than its size says (/proc's files say 0,
 * and some never end) is past any budget.
 */
function readCounted(file: string, budget: Budget): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size > budget.bytes) throw new NoFingerprint();
    const bytes = Buffer.alloc(size + 1);
    let read = 0;
    let got: number;
    do {
      got = fs.readSync(fd, bytes, read, bytes.length - read, read);
      read += got;
    } while (got > 0 && read < bytes.length);
    if (read > size) throw new NoFingerprint();
    budget.bytes -= read;
    return bytes.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** `realFolder` is where the folder really is: path confinement judges links against it. */
function hashFolder(hash: ReturnType<typeof createHash>, folder: string, relative: string, realFolder: string, budget: Budget): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(folder, relative), { withFileTypes: true });
  } catch {
    hash.update(`\0unreadable:${relative}`);
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (--budget.entries < 0) throw new NoFingerprint();
    const child = path.join(relative, entry.name);
    const absolute = path.join(folder, child);
    if (entry.isSymbolicLink()) {
      // Where a link really leads decides path confinement, and what it points to decides the rest.
      let target = '';
      try {
        target = fs.readlinkSync(absolute);
        const real = fs.realpathSync(absolute);
        const stat = fs.statSync(real);
        if (stat.isDirectory() && !isInside(realFolder, real)) throw new NoFingerprint();
        target += `\0${real}\0` + (stat.isFile() ? readCounted(real, budget).toString('base64') : 'not a file');
      } catch (error) {
        if (error instanceof NoFingerprint) throw error;
        target += '\0dangling';
      }
      hash.update(`\0link:${child}\0${target}`);
    } else if (entry.isDirectory()) {
      hash.update(`\0dir:${child}`);
      hashFolder(hash, folder, child, realFolder, budget);
    } else if (!entry.isFile()) {
      // A pipe or a device: reading it would block or never end. Only its name counts.
      hash.update(`\0special:${child}`);
    } else {
      hash.update(`\0file:${child}\0`);
      try {
        // Its length first: bytes that look like the next entry (`\0file:b\0…`) must not pass for one.
        const bytes = readCounted(absolute, budget);
        hash.update(`${bytes.length}\0`).update(bytes);
      } catch (error) {
        if (error instanceof NoFingerprint) throw error;
        hash.update('\0unreadable');
      }
    }
  }
}

/**
 * A digest of everything in an integration folder: where it really is, names, contents and where
 * links lead. Undefined when a link leads to a folder outside it, whose contents no digest of
 * the folder can follow, or when it holds more than the bounds above: its results are never cached.
 */
export function folderFingerprint(folder: string): string | undefined {
  const hash = createHash('sha1');
  let realFolder = folder;
  try {
    realFolder = fs.realpathSync(folder);
  } catch {
    // A folder that cannot be resolved is read as named; the walk records it as unreadable.
  }
  hash.update(realFolder);
  try {
    hashFolder(hash, folder, '', realFolder, { entries: MAX_FINGERPRINT_ENTRIES, bytes: MAX_FINGERPRINT_BYTES });
  } catch (error) {
    if (error instanceof NoFingerprint) return undefined;
    throw error;
  }
  return hash.digest('hex');
}

/** A file's size and modification time: enough to tell a rebuilt or reinstalled file, without reading it. */
function statStamp(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.size}\0${stat.mtimeMs}`;
  } catch {
    return 'none';
  }
}

/** A digest of the code of the tool itself, so a rebuilt tool never trusts old results. */
export function codeFingerprint(codeFolder: string): string {
  const hash = createHash('sha1');
  const visit = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const absolute = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(absolute);
      else hash.update(`${absolute}\0${statStamp(absolute)}\0`);
    }
  };
  visit(codeFolder);
  return hash.digest('hex');
}

/**
 * When the installed dependencies last changed: npm rewrites `node_modules/.package-lock.json` on
 * every install, so a new version of momoa (manifest positions) or ajv shows here.
 */
export function dependenciesStamp(toolRoot: string): string {
  return ['node_modules/.package-lock.json', 'package-lock.json'].map((file) => `${file}\0${statStamp(path.join(toolRoot, file))}`).join('\0');
}

/**
 * The tool's code, schemas, sample events and installed dependencies, Node's and Handlebars'
 * versions (an upgrade can change what renders): when any changes, no cached result is trusted.
 */
export function toolCacheKey(): string {
  return createHash('sha1')
    .update(`${process.version}\0${Handlebars.VERSION}\0`)
    .update(dependenciesStamp(packageRoot()))
    // This file is in scripts/lib: its parent folder holds all of the tool's code.
    .update(codeFingerprint(path.resolve(__dirname, '..')))
    // A folder linking out has no fingerprint: a key of its own each run trusts nothing cached.
    .update(folderFingerprint(path.join(packageRoot(), 'schemas')) ?? randomUUID())
    .update(folderFingerprint(defaultSamplesDir()) ?? randomUUID())
    .digest('hex');
}
