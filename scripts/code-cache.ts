import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as util from 'node:util';
import * as vm from 'node:vm';

/**
 * A V8 code cache for the modules the tool loads (its own and its dependencies'), made by the
 * build (scripts/build/code-cache.ts) and read by every run: a module found in it is not compiled
 * again, which saves some 30 ms of each run's start-up.
 *
 * Each entry is keyed by its file's path and the hash of its text, so a file changed since the
 * build compiles as usual; V8 itself refuses data made by another Node version or other flags,
 * and the file's digest keeps data damaged since the build from V8, which would crash on it.
 * The cache holds compiled code only, never results: a `--no-cache` run still checks everything.
 */
export const CODE_CACHE_FILE = path.join(__dirname, '..', 'code-cache.bin');

interface Entry {
  hash: string;
  offset: number;
  length: number;
}

/**
 * The file: the SHA-1 digest of the rest, a 4-byte length, a JSON index of that length by path,
 * then the cached data.
 */
interface Cache {
  index: Record<string, Entry>;
  data: Buffer;
}

/** Node's `Module.prototype._compile`; what follows the file name (how to load it) varies by Node version. */
type CompileFunction = (this: Module, content: string, filename: string, ...rest: unknown[]) => unknown;

interface ModuleInternals {
  prototype: { _compile: CompileFunction };
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: Module): string[] | null;
  _extensions: NodeJS.RequireExtensions;
  _cache: NodeJS.Require['cache'];
}

const internals = Module as unknown as ModuleInternals;

// `NODE_DEBUG=ldhookkit` tells, for each module, whether it came from the cache.
const debug = util.debuglog('ldhookkit');

const DIGEST_LENGTH = 20;

function sha1(data: string | Buffer): Buffer {
  return crypto.createHash('sha1').update(data).digest();
}

/** The cache in `file`, or why there is none to use. */
function readCache(file: string): Cache | string {
  try {
    const bytes = fs.readFileSync(file);
    const rest = bytes.subarray(DIGEST_LENGTH);
    // V8 checks that cached data was made by this Node with these flags for a text of this length,
    // but not its bytes (outside debug builds): data damaged since the build would crash the process.
    if (!sha1(rest).equals(bytes.subarray(0, DIGEST_LENGTH))) return 'damaged since the build, or not a code cache';
    const indexLength = rest.readUInt32LE(0);
    const index = JSON.parse(rest.subarray(4, 4 + indexLength).toString('utf8')) as Record<string, Entry>;
    return { index, data: rest.subarray(4 + indexLength) };
  } catch (error) {
    // No cache (a build without one, a run from the TypeScript sources) or an unreadable one:
    // modules compile as usual.
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

/** The `require` Node gives a module, built as Node builds it. */
function requireFor(module: Module): NodeJS.Require {
  const moduleRequire = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) =>
    internals._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => internals._resolveLookupPaths(request, module);
  moduleRequire.resolve = resolve;
  moduleRequire.main = require.main;
  moduleRequire.extensions = internals._extensions;
  moduleRequire.cache = internals._cache;
  return moduleRequire;
}

let installed = false;

type Recorder = (key: string, hash: string, script: vm.Script) => void;

/**
 * The function Node runs a module's text in, its head on a line of its own: with the script's
 * lines counted from -1, errors name the lines and columns of the file itself, on its first line
 * too (`Module.wrap` puts the head before the first line, whose columns it shifts).
 */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {\n';
const WRAPPER_TAIL = '\n})';

function entryOf(cache: Cache | undefined, key: string): Entry | undefined {
  return cache && Object.hasOwn(cache.index, key) ? cache.index[key] : undefined;
}

/**
 * `import(` outside a JSDoc type (`@typedef {import("./x").T}`), spaces or comments before the
 * bracket allowed: in a CommonJS module the word can be nothing else, and a tag and a brace before
 * it only in a comment or a string.
 */
const IMPORT_CALL = /(@[\w$]+[ \t]*\{[ \t]*)?\bimport\s*(?:\(|\/[/*])/g;

/**
 * True when `content` may call `import()` (or merely says `import(` in a string or a comment).
 * Cached data keeps what the process that made it gave V8 for `import()`, which means nothing to
 * another process: there, `import()` in a module from the cache fails ("A dynamic import callback
 * was not specified").
 */
function mayImport(content: string): boolean {
  for (const match of content.matchAll(IMPORT_CALL)) if (match[1] === undefined) return true;
  return false;
}

/** The cached data for `content` when `cache` has some for its text, else why not. */
function cachedDataFor(cache: Cache | undefined, key: string, hash: string | undefined): Buffer | string {
  const entry = entryOf(cache, key);
  if (!entry) return 'not in the cache';
  if (entry.hash !== hash) return 'changed since the build';
  return cache!.data.subarray(entry.offset, entry.offset + entry.length);
}

/**
 * Compiles the CommonJS modules loaded from now on through `vm.Script` when `cache` holds data for
 * their text, or when `record` wants each compiled script; any other module compiles as usual.
 * Keys are paths relative to the cache's folder, so a moved package keeps its cache.
 */
function hookCompile(cacheFolder: string, cache: Cache | undefined, record?: Recorder): void {
  installed = true;
  const compile = internals.prototype._compile;
  // V8 refuses data made by another Node version or under other flags, which holds for the whole
  // cache: after the first refusal, the rest is not tried (hashing and refusing cost some 15 ms).
  let refused = false;
  internals.prototype._compile = function (this: Module, content: string, filename: string, ...rest: unknown[]): unknown {
    const key = path.relative(cacheFolder, filename);
    const asNodeWould = (why: string): unknown => {
      debug('%s: compiled (%s)', key, why);
      return compile.call(this, content, filename, ...rest);
    };
    // How Node means to load the file: anything but CommonJS (an ES module that is required, say)
    // is no script for vm.Script.
    const format = rest[0];
    if (format !== undefined && format !== 'commonjs') return asNodeWould(`loaded as ${String(format)}`);
    if (refused && !record) return asNodeWould('V8 refused the cache');
    const hash = entryOf(cache, key) || record ? sha1(content).toString('base64') : undefined;
    const cachedData = cachedDataFor(cache, key, hash);
    if (typeof cachedData === 'string' && !record) return asNodeWould(cachedData);
    if (record && mayImport(content)) return asNodeWould('it may call import()');
    // A `#!` line is a comment to Node's own loader only; `//` keeps its length.
    const source = content.startsWith('#!') ? `//${content.slice(2)}` : content;
    let script: vm.Script;
    try {
      script = new vm.Script(`${WRAPPER_HEAD}${source}${WRAPPER_TAIL}`, {
        filename,
        lineOffset: -1,
        cachedData: typeof cachedData === 'string' ? undefined : cachedData,
        importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      });
    } catch {
      // Not a script: ES syntax in a .js file, which Node detects and loads as an ES module, or a
      // syntax error, which Node reports its own way.
      return asNodeWould('not a script');
    }
    if (record) record(key, hash!, script);
    else if (script.cachedDataRejected) {
      refused = true;
      debug('%s: compiled (V8 refused the cached data)', key);
    } else debug('%s: from the cache', key);
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
}

/** Uses the build's code cache, when there is one, for the modules loaded from now on. */
export function useCodeCache(file: string = CODE_CACHE_FILE): void {
  if (installed) return;
  // Coverage (c8 sets NODE_V8_COVERAGE) counts offsets in the text V8 compiled, which for a module
  // compiled here starts with the wrapper's head: every range would be off by its length.
  if (process.env.NODE_V8_COVERAGE) {
    debug('code cache not used: V8 collects coverage');
    return;
  }
  // A policy's integrity checks and redirections are made by Node's own compile, which a module
  // from the cache skips.
  if ([...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((option) => /(^|\s)--experimental-policy\b/.test(option))) {
    debug('code cache not used: a policy is in effect');
    return;
  }
  const cache = readCache(file);
  if (typeof cache === 'string') debug('no code cache at %s (%s)', file, cache);
  else hookCompile(path.dirname(file), cache);
}

export interface CodeCacheRecorder {
  /**
   * Makes the data of the modules loaded so far now, holding every function compiled by then.
   * Later runs then add only the modules they load first: a function in the data is paid for
   * by every run that loads its module, used or not.
   */
  seal(): void;
  /** Seals, and writes the cache. */
  save(): { modules: number; bytes: number };
}

/** Records the compiled code of the modules loaded from now on, for the cache `file`. */
export function recordCodeCache(file: string = CODE_CACHE_FILE): CodeCacheRecorder {
  const scripts: { key: string; hash: string; script: vm.Script; data?: Buffer }[] = [];
  hookCompile(path.dirname(file), undefined, (key, hash, script) => scripts.push({ key, hash, script }));
  const seal = (): void => {
    for (const recorded of scripts) recorded.data ??= recorded.script.createCachedData();
  };
  return {
    seal,
    save() {
      seal();
      const index: Record<string, Entry> = {};
      let offset = 0;
      for (const { key, hash, data } of scripts) {
        index[key] = { hash, offset, length: data!.length };
        offset += data!.length;
      }
      const indexBytes = Buffer.from(JSON.stringify(index), 'utf8');
      const indexLength = Buffer.alloc(4);
      indexLength.writeUInt32LE(indexBytes.length);
      const rest = Buffer.concat([indexLength, indexBytes, ...scripts.map(({ data }) => data!)]);
      const bytes = Buffer.concat([sha1(rest), rest]);
      // Whole or not at all: a run that starts during a build reads the old file or the new one.
      const temporary = `${file}.${process.pid}`;
      try {
        fs.writeFileSync(temporary, bytes);
        fs.renameSync(temporary, file);
      } catch (error) {
        fs.rmSync(temporary, { force: true });
        throw error;
      }
      return { modules: scripts.length, bytes: bytes.length };
    },
  };
}
