import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Handlebars from 'handlebars';
import { codeFingerprint, defaultCacheFile, dependenciesStamp, folderFingerprint, MAX_FINGERPRINT_BYTES, MAX_FINGERPRINT_ENTRIES, ResultsCache, toolCacheKey } from '../../scripts/lib/results-cache';
import { allRules } from '../../scripts/lib/rules/registry';
import type { Rule } from '../../scripts/lib/rules/types';
import { loadSamples } from '../../scripts/lib/samples/load';
import { validateIntegrations } from '../../scripts/lib/validate';
import { createFixtureRoot, integrationDir, validFiles, validManifest } from '../helpers/fixture-root';
import { expectCleanError, runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const samples = loadSamples();

function cacheFile(): string {
  return path.join(tempDir('cache'), 'cache.json');
}

/** The real rules, each wrapped to count how often it ran. */
function countingRules(): { rules: Rule[]; runs: () => number } {
  let runs = 0;
  const rules = allRules().map((rule) => ({
    ...rule,
    check: (context: Parameters<Rule['check']>[0]) => {
      runs++;
      return rule.check(context);
    },
  }));
  return { rules, runs: () => runs };
}

describe('the results cache', () => {
  it('gives the same findings without running the rules again on an unchanged integration', () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest({ overview: 'No period' }), files: validFiles() } });
    const cache = { file: cacheFile(), key: 'tool-1' };
    const first = countingRules();
    const cold = validateIntegrations({ root, samples: () => samples, rules: first.rules, cache });
    expect(first.runs()).toBeGreaterThan(10);
    const second = countingRules();
    const warm = validateIntegrations({ root, samples: () => samples, rules: second.rules, cache });
    expect(warm).toEqual(cold);
    expect(cold[0].findings.map((f) => f.rule)).toContain('overview-period');
    // Only the rules that look at other integrations run again.
    expect(second.runs()).toBe(allRules().filter((rule) => rule.scope === 'repository').length);
  });

  it('caches integrations named like JavaScript object internals as any other', () => {
    const folder = { manifest: validManifest({ overview: 'No period' }), files: validFiles() };
    // A computed key: `{ __proto__: x }` would set the literal's prototype instead.
    const root = createFixtureRoot({ ['__proto__']: folder, constructor: folder, pigeon: folder });
    const cache = { file: cacheFile(), key: 'tool-1' };
    const cold = validateIntegrations({ root, samples: () => samples, cache });
    expect(cold.map((result) => result.name).sort()).toEqual(['__proto__', 'constructor', 'pigeon']);
    const second = countingRules();
    expect(validateIntegrations({ root, samples: () => samples, rules: second.rules, cache })).toEqual(cold);
    expect(second.runs()).toBe(3 * allRules().filter((rule) => rule.scope === 'repository').length);
  });

  it('checks again when any file of the integration changes, or the tool key does', () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    const cache = { file: cacheFile(), key: 'tool-1' };
    expect(validateIntegrations({ root, samples: () => samples, cache })[0].findings).toEqual([]);
    fs.writeFileSync(path.join(integrationDir(root, 'pigeon'), 'templates/flag.json.hbs'), '{"text": {{#if}} }');
    const changed = validateIntegrations({ root, samples: () => samples, cache })[0].findings;
    expect(changed.map((f) => f.rule)).toContain('template-render');
    const counting = countingRules();
    validateIntegrations({ root, samples: () => samples, rules: counting.rules, cache: { ...cache, key: 'tool-2' } });
    expect(counting.runs()).toBeGreaterThan(10);
  });

  it('never caches what depends on other integrations', () => {
    const root = createFixtureRoot({
      one: { manifest: validManifest({ oauthIntegrationKey: 'pigeon-client' }), files: validFiles() },
      two: { manifest: validManifest(), files: validFiles() },
    });
    const cache = { file: cacheFile(), key: 'tool-1' };
    expect(validateIntegrations({ root, samples: () => samples, cache }).flatMap((r) => r.findings)).toEqual([]);
    // `one` is unchanged, but now shares its key with `two`.
    fs.writeFileSync(path.join(integrationDir(root, 'two'), 'manifest.json'), JSON.stringify(validManifest({ oauthIntegrationKey: 'pigeon-client' })));
    const [one] = validateIntegrations({ root, samples: () => samples, cache });
    expect(one.findings.map((f) => f.rule)).toEqual(['oauth-key-unique']);
  });

  it('keeps the suggested commands true to the root as it was written this run', () => {
    const root = createFixtureRoot({
      pigeon: { manifest: validManifest(), files: { ...validFiles(), 'templates/flag.json.hbs': '{"text": "{{{title.plainText}}}",}\n' } },
    });
    const cache = { file: cacheFile(), key: 'tool-1' };
    // What the preview command puts between the integration's name and --context.
    const rootPartFor = (givenRoot: string) => {
      const [result] = validateIntegrations({ root: givenRoot, samples: () => samples, cache });
      return /`ld-hook-kit preview pigeon(.*?) --context /.exec(result.findings.find((f) => f.rule === 'template-json')!.message)?.[1];
    };
    expect(rootPartFor(root)).toBe(` --root ${root}`);
    // The same folder from its parent, then from itself: the cached command would name a root that is not there.
    const cwd = process.cwd();
    process.chdir(path.dirname(root));
    try {
      expect(rootPartFor(path.basename(root))).toBe(` --root ${path.basename(root)}`);
      process.chdir(root);
      expect(rootPartFor('.')).toBe('');
    } finally {
      process.chdir(cwd);
    }
  });

  it('fingerprints names, contents and link targets', () => {
    const root = createFixtureRoot({ x: { manifest: {}, files: { 'a.txt': 'a' } } });
    const folder = integrationDir(root, 'x');
    const before = folderFingerprint(folder);
    fs.writeFileSync(path.join(folder, 'a.txt'), 'b');
    const edited = folderFingerprint(folder);
    expect(edited).not.toBe(before);
    fs.symlinkSync(path.join(root, 'elsewhere.txt'), path.join(folder, 'link.txt'));
    expect(folderFingerprint(folder)).not.toBe(edited);
  });

  it('changes when a file is renamed, contents unchanged, or a linked file outside the folder is edited', () => {
    const root = createFixtureRoot({ x: { manifest: {}, files: { 'a.txt': 'a' } } });
    const folder = integrationDir(root, 'x');
    const before = folderFingerprint(folder);
    fs.renameSync(path.join(folder, 'a.txt'), path.join(folder, 'b.txt'));
    const renamed = folderFingerprint(folder);
    expect(renamed).not.toBe(before);
    fs.writeFileSync(path.join(root, 'shared.txt'), 'one');
    fs.symlinkSync(path.join(root, 'shared.txt'), path.join(folder, 'shared.txt'));
    const linked = folderFingerprint(folder);
    fs.writeFileSync(path.join(root, 'shared.txt'), 'two');
    expect(folderFingerprint(folder)).not.toBe(linked);
  });

  it('tells one file holding what looks like the next entry from two files (no contents can pass for names)', () => {
    const root = createFixtureRoot({ x: { manifest: {}, files: { 'a.txt': 'X' } } });
    const folder = integrationDir(root, 'x');
    fs.writeFileSync(path.join(folder, 'a.txt'), 'X\0file:b.txt\0Y');
    const one = folderFingerprint(folder);
    fs.writeFileSync(path.join(folder, 'a.txt'), 'X');
    fs.writeFileSync(path.join(folder, 'b.txt'), 'Y');
    expect(folderFingerprint(folder)).not.toBe(one);
  });

  it('changes when an empty folder is added', () => {
    const root = createFixtureRoot({ x: { manifest: {}, files: { 'a.txt': 'a' } } });
    const folder = integrationDir(root, 'x');
    const before = folderFingerprint(folder);
    fs.mkdirSync(path.join(folder, 'templates-extra'));
    expect(folderFingerprint(folder)).not.toBe(before);
  });

  it('changes when only the text of a link changes, where it leads and what is there unchanged', () => {
    const root = createFixtureRoot({ x: { manifest: {}, files: { 'a.txt': 'a' } } });
    const folder = integrationDir(root, 'x');
    fs.symlinkSync('a.txt', path.join(folder, 'link.txt'));
    const before = folderFingerprint(folder);
    fs.unlinkSync(path.join(folder, 'link.txt'));
    fs.symlinkSync('./a.txt', path.join(folder, 'link.txt'));
    expect(folderFingerprint(folder)).not.toBe(before);
  });

  it('changes when a link, its text and the bytes it leads to unchanged, now really leads outside the folder', () => {
    // x/t.hbs -> ../../alias/t.hbs, where `alias` (outside x) first leads into x, then elsewhere:
    // path confinement judges the real place, so the two must not share results.
    const root = createFixtureRoot({ x: { manifest: {}, files: { 'real/t.hbs': '{}' } } });
    const folder = integrationDir(root, 'x');
    fs.mkdirSync(path.join(root, 'other'));
    fs.writeFileSync(path.join(root, 'other', 't.hbs'), '{}');
    fs.symlinkSync(path.join(folder, 'real'), path.join(root, 'integrations', 'alias'));
    fs.symlinkSync('../alias/t.hbs', path.join(folder, 't.hbs'));
    const inside = folderFingerprint(folder);
    expect(inside).toEqual(expect.any(String));
    fs.unlinkSync(path.join(root, 'integrations', 'alias'));
    fs.symlinkSync(path.join(root, 'other'), path.join(root, 'integrations', 'alias'));
    expect(folderFingerprint(folder)).toEqual(expect.any(String));
    expect(folderFingerprint(folder)).not.toBe(inside);
  });

  it('tells a link to a pipe from a link to an empty file at the same place', () => {
    const root = createFixtureRoot({ x: { manifest: {}, files: { 'a.txt': 'a' } } });
    const folder = integrationDir(root, 'x');
    const target = path.join(root, 'outside-note');
    execFileSync('mkfifo', [target]);
    fs.symlinkSync(target, path.join(folder, 'note'));
    const pipe = folderFingerprint(folder);
    fs.unlinkSync(target);
    fs.writeFileSync(target, '');
    expect(folderFingerprint(folder)).not.toBe(pipe);
  });

  it('is the same, links inside included, whether the folder is named by its real path or through a link', () => {
    const root = createFixtureRoot({ x: { manifest: {}, files: { 'a.txt': 'a', 'inner/b.txt': 'b' } } });
    const folder = integrationDir(root, 'x');
    fs.symlinkSync('inner', path.join(folder, 'alias'));
    const linkedRoot = path.join(tempDir('fp-link'), 'root');
    fs.symlinkSync(root, linkedRoot);
    const viaLink = folderFingerprint(integrationDir(linkedRoot, 'x'));
    expect(viaLink).toEqual(expect.any(String));
    expect(viaLink).toBe(folderFingerprint(folder));
  });

  it('tells a missing folder from an empty one at the same place', () => {
    const folder = path.join(tempDir('fp'), 'x');
    const missing = folderFingerprint(folder);
    fs.mkdirSync(folder);
    expect(folderFingerprint(folder)).not.toBe(missing);
  });

  it('tells copies apart by where they really are, since links are judged against that', () => {
    const root = createFixtureRoot({ one: { manifest: {}, files: { 'a.txt': 'a' } }, two: { manifest: {}, files: { 'a.txt': 'a' } } });
    expect(folderFingerprint(integrationDir(root, 'one'))).not.toBe(folderFingerprint(integrationDir(root, 'two')));
  });

  it('has no fingerprint for a folder with a link to a folder outside it, whose contents it cannot follow', () => {
    const root = createFixtureRoot({ x: { manifest: {}, files: { 'a.txt': 'a', 'inner/b.txt': 'b' } } });
    const folder = integrationDir(root, 'x');
    fs.symlinkSync('inner', path.join(folder, 'alias'));
    expect(folderFingerprint(folder)).toEqual(expect.any(String));
    fs.mkdirSync(path.join(root, 'outside'));
    fs.symlinkSync(path.join(root, 'outside'), path.join(folder, 'ext'));
    expect(folderFingerprint(folder)).toBeUndefined();
  });

  it('has no fingerprint for more than an integration folder holds, found without reading it all', () => {
    const root = createFixtureRoot({ x: { manifest: {}, files: { 'a.txt': 'a' } } });
    const folder = integrationDir(root, 'x');
    expect(folderFingerprint(folder)).toEqual(expect.any(String));
    // A file of more bytes than the bound: sparse, so that it costs no disk.
    fs.truncateSync(path.join(folder, 'a.txt'), MAX_FINGERPRINT_BYTES + 1);
    expect(folderFingerprint(folder)).toBeUndefined();
    fs.writeFileSync(path.join(folder, 'a.txt'), 'a');
    for (let i = 0; i < MAX_FINGERPRINT_ENTRIES; i++) fs.writeFileSync(path.join(folder, `f${i}`), '');
    expect(folderFingerprint(folder)).toBeUndefined();
  });

  // /proc's files say they hold nothing; read to its end, as it was, /proc/self/pagemap gives gigabytes: the run never ended.
  (process.platform === 'linux' ? it : it.skip)('has no fingerprint for a link to a file longer than its size says, and reads none to its end', () => {
    const root = createFixtureRoot({ x: { manifest: {}, files: { 'a.txt': 'a' } } });
    const folder = integrationDir(root, 'x');
    fs.symlinkSync('/proc/self/maps', path.join(folder, 'maps'));
    expect(folderFingerprint(folder)).toBeUndefined();
    fs.rmSync(path.join(folder, 'maps'));
    fs.symlinkSync('/proc/self/pagemap', path.join(folder, 'pages'));
    const started = Date.now();
    folderFingerprint(folder);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('checks again, every time, an integration that links to a folder outside it', () => {
    const files = validFiles();
    delete files['templates/flag.json.hbs'];
    const manifest = validManifest();
    (manifest.capabilities as any).auditLogEventsHook.templates.flag = 'ext/flag.json.hbs';
    const root = createFixtureRoot({ pigeon: { manifest, files } });
    fs.mkdirSync(path.join(root, 'outside'));
    fs.symlinkSync(path.join(root, 'outside'), path.join(integrationDir(root, 'pigeon'), 'ext'));
    const cache = { file: cacheFile(), key: 'k' };
    const first = validateIntegrations({ root, samples: () => samples, cache });
    expect(first[0].findings.map((finding) => finding.rule)).toContain('path-confinement');
    // What is outside may change with no change to the folder: its results are never kept.
    const kept = fs.existsSync(cache.file) ? JSON.parse(fs.readFileSync(cache.file, 'utf8')).entries : {};
    expect(kept).not.toHaveProperty('pigeon');
    fs.writeFileSync(path.join(root, 'outside', 'flag.json.hbs'), '{}');
    const second = validateIntegrations({ root, samples: () => samples, cache });
    expect(second[0].findings.map((finding) => finding.rule)).toContain('path-confinement');
  });

  it('names pipes and devices in the folder, or linked from it, without reading them (which would never end)', () => {
    const root = createFixtureRoot({ x: { manifest: {}, files: { 'a.txt': 'a' } } });
    const folder = integrationDir(root, 'x');
    const before = folderFingerprint(folder);
    execFileSync('mkfifo', [path.join(folder, 'notes')]);
    const withPipe = folderFingerprint(folder);
    expect(withPipe).not.toBe(before);
    fs.symlinkSync('/dev/zero', path.join(folder, 'zero'));
    expect(folderFingerprint(folder)).not.toBe(withPipe);
  });

  it('is used by the command unless --no-cache, and a broken cache file is ignored', () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    const cacheDir = tempDir('cache-cli');
    const env = { LD_HOOK_KIT_CACHE_DIR: cacheDir };
    expect(runCli(['validate', '--root', root], { env }).status).toBe(0);
    const [written] = fs.readdirSync(cacheDir);
    expect(written).toMatch(/\.json$/);
    fs.writeFileSync(path.join(cacheDir, written), '{ not json');
    const again = runCli(['validate', '--root', root], { env });
    expectCleanError(again);
    expect(again.status).toBe(0);
    const uncached = tempDir('cache-none');
    expect(runCli(['validate', '--root', root, '--no-cache'], { env: { LD_HOOK_KIT_CACHE_DIR: uncached } }).status).toBe(0);
    expect(fs.readdirSync(uncached)).toEqual([]);
  });

  it('takes an empty LD_HOOK_KIT_CACHE_DIR as unset, and writes nothing into the working folder', () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    const cwd = tempDir('cache-cwd');
    // The default folder lives under the system's temporary folder, which TMPDIR names.
    const systemTemp = tempDir('cache-tmpdir');
    expect(runCli(['validate', '--root', root], { cwd, env: { LD_HOOK_KIT_CACHE_DIR: '', TMPDIR: systemTemp } }).status).toBe(0);
    expect(fs.readdirSync(cwd)).toEqual([]);
    expect(fs.readdirSync(path.join(systemTemp, `ld-hook-kit-cache-${process.getuid!()}`))).toHaveLength(1);
  });

  it('creates its folder for this user alone, and never trusts or writes one others can write to', () => {
    const finding = { rule: 'r', severity: 'error' as const, file: 'f', line: 1, column: 1, message: 'm' };
    const fresh = path.join(tempDir('cache-private'), 'cache');
    const mine = ResultsCache.open(path.join(fresh, 'root.json'), 'tool');
    mine.set('x', 'k', [finding]);
    mine.save();
    expect(fs.statSync(fresh).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(fresh, 'root.json')).mode & 0o777).toBe(0o600);
    expect(ResultsCache.open(path.join(fresh, 'root.json'), 'tool').get('x', 'k')).toEqual([finding]);
    // Anyone may write here: a planted result (0 errors for a broken integration) is ignored.
    const shared = tempDir('cache-shared');
    fs.chmodSync(shared, 0o777);
    fs.writeFileSync(path.join(shared, 'root.json'), JSON.stringify({ toolKey: 'tool', entries: { x: { key: 'k', findings: [] } } }));
    const planted = ResultsCache.open(path.join(shared, 'root.json'), 'tool');
    expect(planted.get('x', 'k')).toBeUndefined();
    planted.set('y', 'k', [finding]);
    planted.save();
    expect(JSON.parse(fs.readFileSync(path.join(shared, 'root.json'), 'utf8')).entries).not.toHaveProperty('y');
  });

  it('does not trust a folder its group may write to', () => {
    const groupWritable = tempDir('cache-group');
    fs.chmodSync(groupWritable, 0o770);
    fs.writeFileSync(path.join(groupWritable, 'root.json'), JSON.stringify({ toolKey: 'tool', entries: { x: { key: 'k', findings: [] } } }));
    expect(ResultsCache.open(path.join(groupWritable, 'root.json'), 'tool').get('x', 'k')).toBeUndefined();
  });

  // Only root can give a folder to another user.
  (process.getuid?.() === 0 ? it : it.skip)('does not trust a folder another user owns, however private', () => {
    const theirs = tempDir('cache-theirs');
    fs.writeFileSync(path.join(theirs, 'root.json'), JSON.stringify({ toolKey: 'tool', entries: { x: { key: 'k', findings: [] } } }));
    fs.chmodSync(theirs, 0o700);
    fs.chownSync(theirs, 4242, 4242);
    expect(ResultsCache.open(path.join(theirs, 'root.json'), 'tool').get('x', 'k')).toBeUndefined();
  });

  it('never trusts a cache folder that is a link, even to a private folder of this user', () => {
    const mine = tempDir('cache-target');
    fs.chmodSync(mine, 0o700);
    fs.writeFileSync(path.join(mine, 'root.json'), JSON.stringify({ toolKey: 'tool', entries: { x: { key: 'k', findings: [] } } }));
    expect(ResultsCache.open(path.join(mine, 'root.json'), 'tool').get('x', 'k')).toEqual([]);
    const link = path.join(tempDir('cache-link'), 'cache');
    fs.symlinkSync(mine, link);
    expect(ResultsCache.open(path.join(link, 'root.json'), 'tool').get('x', 'k')).toBeUndefined();
  });

  it('treats a damaged entry as a miss, keeping the sound ones', () => {
    const folder = tempDir('cache-damaged');
    fs.chmodSync(folder, 0o700);
    const finding = { rule: 'r', severity: 'warning', file: 'integrations/x/manifest.json', line: 2, column: 3, message: 'm' };
    const entries = {
      sound: { key: 'k', findings: [finding, { ...finding, edit: { start: 1, end: 4, replaced: 'abc', text: 'x' } }] },
      nullFinding: { key: 'k', findings: [null] },
      notAList: { key: 'k', findings: {} },
      noFindings: { key: 'k', findings: null },
      numberRule: { key: 'k', findings: [{ ...finding, rule: 5 }] },
      badSeverity: { key: 'k', findings: [{ ...finding, severity: 'fatal' }] },
      lineZero: { key: 'k', findings: [{ ...finding, line: 0 }] },
      backwardsEdit: { key: 'k', findings: [{ ...finding, edit: { start: 4, end: 1, replaced: '', text: '' } }] },
      noKey: { findings: [] },
      aString: 'x',
    };
    fs.writeFileSync(path.join(folder, 'root.json'), JSON.stringify({ toolKey: 'tool', entries }));
    const cache = ResultsCache.open(path.join(folder, 'root.json'), 'tool');
    expect(cache.get('sound', 'k')).toEqual(entries.sound.findings);
    for (const name of Object.keys(entries).filter((name) => name !== 'sound')) expect(cache.get(name, 'k')).toBeUndefined();
    // Entries that are not a map of entries at all: nothing is used.
    fs.writeFileSync(path.join(folder, 'root.json'), JSON.stringify({ toolKey: 'tool', entries: [entries.sound] }));
    expect(ResultsCache.open(path.join(folder, 'root.json'), 'tool').get('0', 'k')).toBeUndefined();
  });

  it('leaves no part-written file behind when it cannot put the cache in place', () => {
    const folder = tempDir('cache-blocked');
    fs.chmodSync(folder, 0o700);
    // A folder where the cache file goes: the write succeeds, putting it in place cannot.
    fs.mkdirSync(path.join(folder, 'root.json'));
    const cache = ResultsCache.open(path.join(folder, 'root.json'), 'tool');
    cache.set('x', 'k', []);
    expect(() => cache.save()).not.toThrow();
    expect(fs.readdirSync(folder)).toEqual(['root.json']);
  });

  it('is only a slower run when its folder cannot be made: a file, or a path through one, stands there', () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    const file = path.join(tempDir('cache-file'), 'not-a-folder');
    fs.writeFileSync(file, '');
    for (const env of [{ LD_HOOK_KIT_CACHE_DIR: file }, { LD_HOOK_KIT_CACHE_DIR: path.join(file, 'below') }, { LD_HOOK_KIT_CACHE_DIR: '', TMPDIR: file }]) {
      const result = runCli(['validate', '--root', root, '--format', 'json'], { env });
      expectCleanError(result);
      expect(JSON.parse(result.stdout).summary).toEqual({ integrations: 1, errors: 0, warnings: 0 });
      expect(result.status).toBe(0);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('');
  });

  it('writes nothing when nothing was set', () => {
    const file = cacheFile();
    const cache = ResultsCache.open(file, 'tool');
    expect(cache.get('x', 'k')).toBeUndefined();
    cache.save();
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('defaultCacheFile', () => {
  const saved = process.env.LD_HOOK_KIT_CACHE_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.LD_HOOK_KIT_CACHE_DIR;
    else process.env.LD_HOOK_KIT_CACHE_DIR = saved;
  });

  it('lives in LD_HOOK_KIT_CACHE_DIR, or in a folder of this user under the temporary folder when it is unset or empty', () => {
    process.env.LD_HOOK_KIT_CACHE_DIR = '/var/cache/ldhk';
    expect(path.dirname(defaultCacheFile('/repo'))).toBe('/var/cache/ldhk');
    for (const unset of [undefined, '']) {
      if (unset === undefined) delete process.env.LD_HOOK_KIT_CACHE_DIR;
      else process.env.LD_HOOK_KIT_CACHE_DIR = unset;
      expect(path.dirname(defaultCacheFile('/repo'))).toBe(path.join(os.tmpdir(), `ld-hook-kit-cache-${process.getuid!()}`));
    }
  });

  it('is one file per root, whichever way the root is written', () => {
    delete process.env.LD_HOOK_KIT_CACHE_DIR;
    expect(defaultCacheFile('.')).toBe(defaultCacheFile(process.cwd()));
    expect(defaultCacheFile('/repo/a')).not.toBe(defaultCacheFile('/repo/b'));
    expect(path.basename(defaultCacheFile('/repo/a'))).toMatch(/^[0-9a-f]{40}\.json$/);
  });
});

describe('codeFingerprint', () => {
  it('changes when a file anywhere in the code changes size or modification time', () => {
    const code = tempDir('code');
    fs.mkdirSync(path.join(code, 'lib'));
    const file = path.join(code, 'lib', 'rule.js');
    fs.writeFileSync(file, 'one');
    fs.utimesSync(file, 1_000_000, 1_000_000);
    const before = codeFingerprint(code);
    expect(codeFingerprint(code)).toBe(before);
    fs.utimesSync(file, 2_000_000, 2_000_000);
    const touched = codeFingerprint(code);
    expect(touched).not.toBe(before);
    fs.writeFileSync(file, 'three');
    fs.utimesSync(file, 2_000_000, 2_000_000);
    expect(codeFingerprint(code)).not.toBe(touched);
  });
});

describe('dependenciesStamp', () => {
  it('changes when npm installs anything, and when the lock file changes', () => {
    const root = tempDir('deps');
    const none = dependenciesStamp(root);
    fs.mkdirSync(path.join(root, 'node_modules'));
    const installed = path.join(root, 'node_modules', '.package-lock.json');
    fs.writeFileSync(installed, '{"packages":{"node_modules/ajv":{"version":"8.0.0"}}}');
    fs.utimesSync(installed, 1_000_000, 1_000_000);
    const first = dependenciesStamp(root);
    expect(first).not.toBe(none);
    expect(dependenciesStamp(root)).toBe(first);
    fs.utimesSync(installed, 2_000_000, 2_000_000);
    const reinstalled = dependenciesStamp(root);
    expect(reinstalled).not.toBe(first);
    fs.writeFileSync(path.join(root, 'package-lock.json'), '{}');
    expect(dependenciesStamp(root)).not.toBe(reinstalled);
  });
});

describe('toolCacheKey', () => {
  it('is the same from one call to the next while nothing changes', () => {
    expect(toolCacheKey()).toMatch(/^[0-9a-f]{40}$/);
    expect(toolCacheKey()).toBe(toolCacheKey());
  });

  it("changes with Node's version and with Handlebars' version", () => {
    const before = toolCacheKey();
    const node = Object.getOwnPropertyDescriptor(process, 'version')!;
    Object.defineProperty(process, 'version', { ...node, value: 'v99.0.0' });
    let otherNode: string;
    try {
      otherNode = toolCacheKey();
    } finally {
      Object.defineProperty(process, 'version', node);
    }
    expect(otherNode).not.toBe(before);
    const handlebars = Handlebars.VERSION;
    (Handlebars as { VERSION: string }).VERSION = '99.0.0';
    let otherHandlebars: string;
    try {
      otherHandlebars = toolCacheKey();
    } finally {
      (Handlebars as { VERSION: string }).VERSION = handlebars;
    }
    expect(otherHandlebars).not.toBe(before);
    expect(otherHandlebars).not.toBe(otherNode);
    expect(toolCacheKey()).toBe(before);
  });

  it("covers all of the tool's code, its entry point and commands too, not only its library, and what npm installed", () => {
    // The module itself: `import * as fs` gives each file its own view of it.
    const stat = jest.spyOn(jest.requireActual<typeof fs>('node:fs'), 'statSync');
    try {
      toolCacheKey();
      const seen = stat.mock.calls.map(([file]) => String(file));
      expect(seen).toContain(path.resolve(__dirname, '../../scripts/cli.ts'));
      expect(seen).toContain(path.resolve(__dirname, '../../scripts/commands/validate.ts'));
      expect(seen).toContain(path.resolve(__dirname, '../../node_modules/.package-lock.json'));
    } finally {
      stat.mockRestore();
    }
  });
});
