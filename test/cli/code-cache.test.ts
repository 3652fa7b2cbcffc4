import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI, REPO_ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

// The loader patches Node's module system, so each case runs in a process of its own, on the
// built module.
const CODE_CACHE_MODULE = path.join(REPO_ROOT, 'dist/scripts/code-cache.js');

// Node 20.19 and later load an ES module that is required (require(esm)); older ones refuse it.
const itWithRequireEsm = (process.features as { require_module?: boolean }).require_module ? it : it.skip;

// Policies (--experimental-policy) are gone from Node 22.
const itWithPolicies = process.allowedNodeEnvironmentFlags.has('--experimental-policy') ? it : it.skip;

let folder: string;
let cacheFile: string;

beforeEach(() => {
  folder = tempDir('code-cache');
  cacheFile = path.join(folder, 'code-cache.bin');
});

function write(name: string, text: string): void {
  fs.writeFileSync(path.join(folder, name), text);
}

/**
 * Runs `script` in a fresh Node with the loader at hand as `codeCache`; NODE_DEBUG shows what it did.
 * Not under a coverage collector (NODE_V8_COVERAGE, which Node passes on), unless `env` says so.
 */
function node(script: string, env: NodeJS.ProcessEnv = {}): { stdout: string; debug: string[]; status: number | null } {
  // From a file, not -e, so that there is a main module.
  write('run.js', `const codeCache = require(${JSON.stringify(CODE_CACHE_MODULE)});\n${script}`);
  const result = spawnSync(process.execPath, ['run.js'], {
    cwd: folder,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', NODE_V8_COVERAGE: '', NODE_DEBUG: 'ldhookkit', ...env },
  });
  const debug = result.stderr
    .split('\n')
    .filter((line) => line.startsWith('LDHOOKKIT'))
    .map((line) => line.replace(/^LDHOOKKIT \d+: /, ''));
  return { stdout: result.stdout, debug, status: result.status };
}

/** Records the loading of `modules` into the cache file; how many modules it holds. */
function record(modules: string[]): number {
  const recorded = node(`
    const recorder = codeCache.recordCodeCache(${JSON.stringify(cacheFile)});
    ${modules.map((name) => `require('./${name}');`).join('\n')}
    process.stdout.write(JSON.stringify(recorder.save()));
  `);
  expect(recorded.status).toBe(0);
  // Written beside itself first, then renamed into place: nothing else is left.
  expect(fs.readdirSync(folder).filter((name) => name.startsWith('code-cache.bin'))).toEqual(['code-cache.bin']);
  return (JSON.parse(recorded.stdout) as { modules: number }).modules;
}

function useAndPrint(name: string): { stdout: string; debug: string[]; status: number | null } {
  return node(`codeCache.useCodeCache(${JSON.stringify(cacheFile)}); process.stdout.write(JSON.stringify(require('./${name}')));`);
}

describe('the code cache', () => {
  it('loads a recorded module from the cache, which runs as it did compiled', () => {
    write('answer.js', 'module.exports = { answer: [1, 2].map((n) => n * 21)[0] };');
    expect(record(['answer.js'])).toBe(1);
    const used = useAndPrint('answer.js');
    expect(JSON.parse(used.stdout)).toEqual({ answer: 21 });
    expect(used.debug).toEqual(['answer.js: from the cache']);
  });

  it('compiles a module whose text changed since the cache was made, even at the same length', () => {
    write('word.js', "module.exports = 'one';");
    record(['word.js']);
    // V8 checks only the length of the text the data was made from.
    write('word.js', "module.exports = 'two';");
    const used = useAndPrint('word.js');
    expect(JSON.parse(used.stdout)).toBe('two');
    expect(used.debug).toEqual(['word.js: compiled (changed since the build)']);
  });

  it('stops trying the cache once V8 refuses it, as it refuses the data of another Node version or of other flags', () => {
    write('a.js', "module.exports = require('./b.js');");
    write('b.js', 'module.exports = "b";');
    expect(record(['a.js'])).toBe(2);
    const used = node(`codeCache.useCodeCache(${JSON.stringify(cacheFile)}); process.stdout.write(JSON.stringify(require('./a.js')));`, {
      NODE_OPTIONS: '--max-old-space-size=1000',
    });
    expect(JSON.parse(used.stdout)).toBe('b');
    expect(used.debug).toEqual(['a.js: compiled (V8 refused the cached data)', 'b.js: compiled (V8 refused the cache)']);
  });

  it('compiles as usual a module the cache does not hold', () => {
    write('a.js', 'module.exports = 1;');
    write('b.js', 'module.exports = 2;');
    record(['a.js']);
    const used = useAndPrint('b.js');
    expect(JSON.parse(used.stdout)).toBe(2);
    expect(used.debug).toEqual(['b.js: compiled (not in the cache)']);
  });

  it('gives a cached module what Node gives every module: its own require, module, exports, file and folder names', () => {
    fs.mkdirSync(path.join(folder, 'lib'));
    write('lib/helper.js', 'exports.name = "helper";');
    write(
      'lib/probe.js',
      [
        '#!/usr/bin/env node',
        'module.exports = {',
        '  file: __filename, folder: __dirname, thisIsExports: this === exports, moduleExports: module.exports === exports,',
        '  helper: require("./helper").name, resolved: require.resolve("./helper"), lookup: Array.isArray(require.resolve.paths("x")),',
        '  cache: require.cache === require("module")._cache, main: require.main === process.mainModule,',
        '};',
      ].join('\n'),
    );
    // What the recorded module requires is recorded too.
    expect(record(['lib/probe.js'])).toBe(2);
    const compiled = JSON.parse(node("process.stdout.write(JSON.stringify(require('./lib/probe.js')));").stdout);
    const used = useAndPrint('lib/probe.js');
    expect(used.debug).toEqual(['lib/probe.js: from the cache', 'lib/helper.js: from the cache']);
    expect(JSON.parse(used.stdout)).toEqual(compiled);
    expect(compiled).toEqual({
      file: fs.realpathSync(path.join(folder, 'lib/probe.js')),
      folder: fs.realpathSync(path.join(folder, 'lib')),
      thisIsExports: true,
      moduleExports: true,
      helper: 'helper',
      resolved: fs.realpathSync(path.join(folder, 'lib/helper.js')),
      lookup: true,
      cache: true,
      main: true,
    });
  });

  it('names the file, line and column of an error thrown by a cached module, on its first line too', () => {
    // On one line, as minified code is: the first line is where a wrapper would shift columns.
    write('thrower.js', 'exports.first = () => { throw new Error("first"); };\nexports.second = () => {\n  throw new Error("second");\n};');
    record(['thrower.js']);
    const where = "for (const name of ['first', 'second']) { try { require('./thrower.js')[name](); } catch (e) { process.stdout.write(e.stack.split('\\n')[1] + '\\n'); } }";
    const compiled = node(where).stdout;
    const used = node(`codeCache.useCodeCache(${JSON.stringify(cacheFile)}); ${where}`);
    expect(used.debug).toEqual(['thrower.js: from the cache']);
    const file = fs.realpathSync(path.join(folder, 'thrower.js'));
    expect(compiled).toBe(`    at exports.first (${file}:1:31)\n    at exports.second (${file}:3:9)\n`);
    expect(used.stdout).toBe(compiled);
  });

  it('is not used while V8 collects coverage (NODE_V8_COVERAGE), whose offsets would count the wrapper', () => {
    const text = 'module.exports = function covered() { return 1; };';
    write('covered.js', text);
    record(['covered.js']);
    const coverage = path.join(folder, 'coverage');
    const used = node(`codeCache.useCodeCache(${JSON.stringify(cacheFile)}); require('./covered.js')();`, { NODE_V8_COVERAGE: coverage });
    expect(used.status).toBe(0);
    expect(used.debug.some((line) => line.endsWith('from the cache'))).toBe(false);
    const [report] = fs.readdirSync(coverage);
    const url = pathToFileURL(fs.realpathSync(path.join(folder, 'covered.js'))).href;
    const script = (JSON.parse(fs.readFileSync(path.join(coverage, report), 'utf8')) as { result: { url: string; functions: { functionName: string; ranges: { startOffset: number }[] }[] }[] }).result.find((entry) => entry.url === url);
    expect(script?.functions.find(({ functionName }) => functionName === 'covered')?.ranges[0].startOffset).toBe(text.indexOf('function covered'));
  });

  itWithPolicies('is not used under a policy (--experimental-policy), whose checks Node makes as it compiles a module', () => {
    write('checked.js', 'module.exports = "not checked";');
    record(['checked.js']);
    write(
      'policy.json',
      JSON.stringify({
        resources: {
          './run.js': { integrity: true, dependencies: true },
          [CODE_CACHE_MODULE]: { integrity: true, dependencies: true },
          [path.join(REPO_ROOT, 'package.json')]: { integrity: true },
          // Not the hash of its text: Node must refuse to run it.
          './checked.js': { integrity: `sha384-${'A'.repeat(64)}`, dependencies: true },
        },
      }),
    );
    const used = node(`codeCache.useCodeCache(${JSON.stringify(cacheFile)}); process.stdout.write(require('./checked.js'));`, {
      NODE_OPTIONS: '--experimental-policy=policy.json',
    });
    expect(used.debug).toEqual(['code cache not used: a policy is in effect']);
    expect(used.stdout).toBe('');
    expect(used.status).not.toBe(0);
  });

  it('leaves to Node a module that may call import(), which fails from cached data made by another process', () => {
    write('answer.mjs', 'export default 42;');
    write('importer.js', 'module.exports = () => import("./answer.mjs");');
    // A JSDoc type is no call: this one is cached.
    write('typed.js', '/** @typedef {import("./answer.mjs").default} Answer */\nmodule.exports = 1;');
    expect(record(['typed.js', 'importer.js'])).toBe(1);
    const used = node(
      `codeCache.useCodeCache(${JSON.stringify(cacheFile)}); require('./typed.js');
      require('./importer.js')().then((m) => process.stdout.write(String(m.default)), (e) => process.stdout.write(e.message));`,
    );
    expect(used.debug).toEqual(['typed.js: from the cache', 'importer.js: compiled (not in the cache)']);
    expect(used.stdout).toBe('42');
  });

  itWithRequireEsm(
    'leaves to Node the ES modules required from a cached module, recording or not: they are no scripts',
    () => {
      write('esm.mjs', 'export const self = typeof this;');
      // Without import or export: only its name says it is an ES module.
      write('bare.mjs', 'globalThis.bareSelf = typeof this;');
      // ES syntax in a .js file outside any "type": "module" package, which Node detects.
      write('detected.js', 'export const self = typeof this;');
      write('main.js', 'require("./bare.mjs"); module.exports = { esm: require("./esm.mjs").self, detected: require("./detected.js").self, bare: globalThis.bareSelf };');
      expect(record(['main.js'])).toBe(1);
      const used = useAndPrint('main.js');
      expect(used.status).toBe(0);
      expect(used.debug[0]).toBe('main.js: from the cache');
      // `this` is undefined at the top of an ES module, and the module's exports in CommonJS.
      expect(JSON.parse(used.stdout)).toEqual({ esm: 'undefined', detected: 'undefined', bare: 'undefined' });
    },
  );

  const DAMAGED = 'damaged since the build, or not a code cache';
  it.each([
    ['is missing', null, 'ENOENT'],
    ['is empty', Buffer.alloc(0), DAMAGED],
    ['is not a cache', Buffer.from('not a code cache at all'), DAMAGED],
    ['is cut short', 'truncated', DAMAGED],
    // V8 checks the data's version, flags and source length but, outside debug builds, not its bytes.
    ['has damaged bytes at its full length', 'damaged', DAMAGED],
  ])('leaves modules to compile as usual when the cache file %s, and says why', (_, content, why) => {
    write('plain.js', 'module.exports = "plain";');
    record(['plain.js']);
    if (content === null) {
      fs.rmSync(cacheFile);
    } else if (content === 'truncated') {
      fs.truncateSync(cacheFile, fs.statSync(cacheFile).size - 100);
    } else if (content === 'damaged') {
      const bytes = fs.readFileSync(cacheFile);
      for (let i = bytes.length - 10; i < bytes.length; i++) bytes[i] ^= 0xff;
      fs.writeFileSync(cacheFile, bytes);
    } else {
      fs.writeFileSync(cacheFile, content);
    }
    const used = useAndPrint('plain.js');
    expect(used.status).toBe(0);
    expect(JSON.parse(used.stdout)).toBe('plain');
    expect(used.debug).toEqual([`no code cache at ${cacheFile} (${why})`]);
  });
});

describe('the built command line', () => {
  it('loads every module of a validate run and of a preview from the cache the build made', () => {
    for (const args of [
      ['validate', '--root', REPO_ROOT, '--no-cache'],
      ['preview', 'discord', '--root', REPO_ROOT],
    ]) {
      const result = spawnSync(process.execPath, [CLI, ...args], {
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '', NODE_V8_COVERAGE: '', NODE_DEBUG: 'ldhookkit', LD_HOOK_KIT_CACHE_DIR: folder },
      });
      expect(result.status).toBe(0);
      const loads = result.stderr.split('\n').filter((line) => line.startsWith('LDHOOKKIT'));
      expect(loads.length).toBeGreaterThan(100);
      expect(loads.filter((line) => !line.endsWith(': from the cache'))).toEqual([]);
    }
  });

});
