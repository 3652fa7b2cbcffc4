import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { USAGE_EXIT_CODE, UserError } from '../../scripts/lib/errors';
import { MAX_EVENT_BYTES } from '../../scripts/lib/text-file';
import { canonicalSample, closeRefs, defaultSamplesDir, loadSamples, resolveSample } from '../../scripts/lib/samples/load';
import { tempDir } from '../helpers/temp-dir';

/** A sample folder in a temporary directory, from file paths to contents (objects are JSON). */
function sampleDir(files: Record<string, unknown>): string {
  const dir = tempDir('samples');
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

const event = (kind: string, name = 'x') => ({ kind, name });

/** The UserError `run` throws; fails the test when it throws nothing or something else. */
function userError(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

describe('loadSamples', () => {
  it('reads <kind>/<name>.json sorted by ref, with tiers from canonical.json', () => {
    const dir = sampleDir({
      'project/update.json': event('project'),
      'flag/toggle-on.json': event('flag'),
      'flag/create.json': event('flag'),
      'canonical.json': { flag: 'flag/toggle-on' },
      'README.md': '# not a sample',
      'flag/notes.txt': 'not a sample either',
    });
    const samples = loadSamples(dir);
    expect(samples.map((s) => [s.ref, s.kind, s.tier])).toEqual([
      ['flag/create', 'flag', 'varied'],
      ['flag/toggle-on', 'flag', 'canonical'],
      ['project/update', 'project', 'varied'],
    ]);
    expect(samples[0].file).toBe(path.join(dir, 'flag', 'create.json'));
    expect(samples[0].event).toEqual(event('flag'));
    expect(canonicalSample(samples, 'flag')?.ref).toBe('flag/toggle-on');
    expect(canonicalSample(samples, 'project')).toBeUndefined();
  });

  it('treats a folder without canonical.json as all varied', () => {
    const samples = loadSamples(sampleDir({ 'flag/a.json': event('flag') }));
    expect(samples.map((s) => s.tier)).toEqual(['varied']);
  });

  it('reads our own samples by default', () => {
    expect(defaultSamplesDir()).toBe(path.resolve(__dirname, '../../sample-context'));
    const samples = loadSamples();
    expect(canonicalSample(samples, 'flag')?.ref).toBe('flag/update-rules');
    expect(samples.map((s) => s.ref)).toEqual([...samples.map((s) => s.ref)].sort());
  });

  it('names the file, line and column of a JSON syntax error', () => {
    const dir = sampleDir({ 'flag/broken.json': '{\n  "kind": "flag",\n  "name": oops\n}\n' });
    const error = userError(() => loadSamples(dir));
    expect(error.message).toMatch(/broken\.json:3:\d+: invalid JSON/);
    expect(error.message).toContain(path.join('flag', 'broken.json'));
  });

  it.each([
    ['an array', '[]'],
    ['an event without kind', '{"name": "x"}'],
    ['an event with a non-string kind', '{"kind": 7}'],
  ])('refuses %s, naming the file', (_name, text) => {
    const error = userError(() => loadSamples(sampleDir({ 'flag/odd.json': text })));
    expect(error.message).toContain(path.join('flag', 'odd.json'));
    expect(error.message).toContain('not a change-history event');
  });

  it('refuses an event filed under another kind', () => {
    const error = userError(() => loadSamples(sampleDir({ 'flag/misfiled.json': event('segment') })));
    expect(error.message).toContain('misfiled.json');
    expect(error.message).toContain('under segment/');
  });

  it('refuses a canonical.json naming a sample that does not exist', () => {
    const dir = sampleDir({ 'flag/a.json': event('flag'), 'canonical.json': { flag: 'flag/b' } });
    const error = userError(() => loadSamples(dir));
    expect(error.message).toContain('canonical.json');
    expect(error.message).toContain('flag/b');
  });

  it('refuses a canonical.json naming a sample of another kind', () => {
    const dir = sampleDir({ 'flag/a.json': event('flag'), 'project/p.json': event('project'), 'canonical.json': { flag: 'project/p' } });
    expect(userError(() => loadSamples(dir)).message).toMatch(/canonical\.json.*project\/p.*kind `project`/);
  });

  it('names the position of a syntax error in canonical.json', () => {
    const dir = sampleDir({ 'flag/a.json': event('flag'), 'canonical.json': '{"flag": "flag/a",}' });
    expect(userError(() => loadSamples(dir)).message).toMatch(/canonical\.json:1:\d+: invalid JSON/);
  });

  it('refuses a folder that does not exist', () => {
    const missing = path.join(os.tmpdir(), 'ld-hook-kit-no-such-samples');
    expect(userError(() => loadSamples(missing)).message).toContain('ld-hook-kit-no-such-samples');
  });
});

describe('resolveSample', () => {
  const dir = sampleDir({
    'flag/update-rules.json': event('flag'),
    'flag/toggle-on.json': event('flag'),
    'flag/toggle-off.json': event('flag'),
    'segment/update-rules.json': event('segment'),
    'canonical.json': { flag: 'flag/update-rules' },
  });
  const samples = loadSamples(dir);
  // A partner's working folder, outside the sample folder: paths are resolved against it.
  const cwd = sampleDir({
    'mine/custom-event.json': event('metric', 'mine'),
    'mine/not-an-event.json': { hello: 'world' },
    'mine/broken.json': '{"kind": ',
    'flag/update-rules.json': event('flag', 'my own'),
  });

  it('refuses an event file larger than any real event unread, as a usage error naming it', () => {
    const huge = path.join(cwd, 'mine/huge.json');
    // Sparse: the size is what is refused, before a byte is read.
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, MAX_EVENT_BYTES + 1);
    const error = userError(() => resolveSample(samples, 'mine/huge.json', cwd));
    expect(error.exitCode).toBe(USAGE_EXIT_CODE);
    expect(error.message).toBe(
      `mine/huge.json: cannot be read: it holds ${(MAX_EVENT_BYTES + 1).toLocaleString('en-US')} bytes, more than the ` +
        `${MAX_EVENT_BYTES.toLocaleString('en-US')} the kit reads of an event (real ones hold a few thousand)`,
    );
  });

  it('notes, with its place, each value of an event file whose type LaunchDarkly never sends there, and nothing it merely lacks', () => {
    fs.writeFileSync(path.join(cwd, 'mine/odd-types.json'), '{\n  "kind": "flag",\n  "verbKind": 0,\n  "title": { "plainText": { "a": 1 } }\n}\n');
    expect(resolveSample(samples, 'mine/odd-types.json', cwd).notes).toEqual([
      'mine/odd-types.json:3:15: `verbKind` must be a string, but it is a number; LaunchDarkly never sends that, so the request shows what no real event gives',
      'mine/odd-types.json:4:27: `title.plainText` must be a string, but it is an object; LaunchDarkly never sends that, so the request shows what no real event gives',
    ]);
    expect(resolveSample(samples, 'mine/custom-event.json', cwd).notes).toBeUndefined();
    // Our own samples are the schema's to match (their tests check them), not noted at each run.
    expect(resolveSample(samples, 'flag/toggle-off').notes).toBeUndefined();
  });

  it('reads a standard webhook payload as one, with one note saying what it is for instead of a template context\'s type notes', () => {
    // A string title is a payload's (markdown), which a template context would be noted for.
    fs.writeFileSync(path.join(cwd, 'mine/payload.json'), JSON.stringify({ kind: 'flag', date: 1, title: 'x', accesses: [] }));
    const sample = resolveSample(samples, 'mine/payload.json', cwd);
    expect(sample.kind).toBe('flag');
    expect(sample.notes).toEqual([expect.stringMatching(/^mine\/payload\.json is a standard webhook payload \(it has `accesses` and a `date`\): it is routed by its accesses/)]);
  });

  it('finds a sample by ref', () => {
    expect(resolveSample(samples, 'flag/toggle-off').ref).toBe('flag/toggle-off');
    expect(resolveSample(samples, 'flag/update-rules').tier).toBe('canonical');
  });

  it('reads any event file by path, relative to cwd, as a varied sample of its own kind', () => {
    const sample = resolveSample(samples, 'mine/custom-event.json', cwd);
    expect(sample).toEqual({
      ref: 'mine/custom-event.json',
      kind: 'metric',
      tier: 'varied',
      file: path.join(cwd, 'mine', 'custom-event.json'),
      event: event('metric', 'mine'),
    });
    expect(resolveSample(samples, path.join(cwd, 'mine', 'custom-event.json')).kind).toBe('metric');
  });

  it('reads a file by path as varied, even one named like a canonical sample', () => {
    const sample = resolveSample(samples, 'flag/update-rules.json', cwd);
    expect([sample.ref, sample.tier, sample.event.name]).toEqual(['flag/update-rules.json', 'varied', 'my own']);
    // A ref wins over a same-named path: `flag/update-rules` means our sample wherever one stands.
    expect(resolveSample(samples, 'flag/update-rules', cwd).tier).toBe('canonical');
  });

  it('refuses a file that is not an event, naming it, as a problem with the input (exit 1)', () => {
    const error = userError(() => resolveSample(samples, 'mine/not-an-event.json', cwd));
    expect(error.message).toContain('mine/not-an-event.json');
    expect(error.message).toContain('kind');
    expect(error.exitCode).toBe(1);
  });

  it('refuses a file that is not JSON, naming it with the position, as a problem with the input (exit 1)', () => {
    const error = userError(() => resolveSample(samples, 'mine/broken.json', cwd));
    expect(error.message).toMatch(/^mine\/broken\.json:1:\d+: invalid JSON/);
    expect(error.exitCode).toBe(1);
  });

  it('refuses an event file that is not UTF-8, naming it with the position of the first bad byte', () => {
    fs.writeFileSync(path.join(cwd, 'mine', 'latin1.json'), Buffer.concat([Buffer.from('{\n  "title": "r'), Buffer.from([0xf8]), Buffer.from('dt"\n}')]));
    expect(userError(() => resolveSample(samples, 'mine/latin1.json', cwd)).message).toBe('mine/latin1.json:2:14: the file is not valid UTF-8 text; save it as UTF-8');
  });

  it('refuses a path to nothing, or to a folder, naming it, as a usage error (exit 2) like a --root that is not there', () => {
    const missing = userError(() => resolveSample(samples, 'mine/missing.json', cwd));
    expect([missing.message, missing.exitCode]).toEqual(['mine/missing.json: no such file', 2]);
    const folder = userError(() => resolveSample(samples, './mine', cwd));
    expect(folder.message).toContain('./mine: is a folder');
    expect(folder.exitCode).toBe(2);
  });

  it('points a sample\'s file name, given where no such file is, at the sample\'s ref', () => {
    const error = userError(() => resolveSample(samples, 'flag/toggle-off.json', cwd));
    expect([error.message, error.exitCode]).toEqual([
      'flag/toggle-off.json: no such file; for the sample, give its ref without .json: --context flag/toggle-off',
      2,
    ]);
    // Where the file is there, it is the partner's own event.
    expect(resolveSample(samples, 'flag/update-rules.json', cwd)).toMatchObject({ ref: 'flag/update-rules.json', tier: 'varied' });
  });

  it('suggests close refs for an unknown ref', () => {
    const error = userError(() => resolveSample(samples, 'flag/update-rule', cwd));
    expect(error.message).toContain('unknown sample flag/update-rule');
    expect(error.message).toMatch(/did you mean flag\/update-rules, segment\/update-rules\?/);
    expect(error.exitCode).toBe(2);
    expect(userError(() => resolveSample(samples, 'flag/toggle', cwd)).message).toMatch(/flag\/toggle-off, flag\/toggle-on/);
    // The word for every sample, in another case or mistyped, first.
    for (const typed of ['ALL', 'al']) expect(userError(() => resolveSample(samples, typed, cwd)).message).toMatch(/did you mean all[,?]/);
  });

  it('answers a kind\'s name with its events, the canonical one first', () => {
    const elsewhere = sampleDir({ 'README.md': 'no events here' });
    const error = userError(() => resolveSample(samples, 'flag', elsewhere));
    expect(error.message).toBe('unknown sample flag: that is a kind; give one of its events: flag/update-rules, flag/toggle-off, flag/toggle-on');
    expect(error.exitCode).toBe(2);
    expect(userError(() => resolveSample(samples, 'Flag', elsewhere)).message).toMatch(/^unknown sample Flag: that is a kind; give one of its events: flag\/update-rules,/);
    // A file of that name is read as a file, as any other path is.
    fs.writeFileSync(path.join(cwd, 'segment'), JSON.stringify(event('segment', 'a file named like a kind')));
    expect(resolveSample(samples, 'segment', cwd).kind).toBe('segment');
  });

  it('lists the known refs when nothing is close', () => {
    const error = userError(() => resolveSample(samples, 'zzzzzz', cwd));
    expect(error.message).toContain('known samples: flag/toggle-off, flag/toggle-on, flag/update-rules, segment/update-rules');
    expect(error.exitCode).toBe(2);
  });

  it('lists only that kind\'s events when a ref of a known kind is close to none of them', () => {
    const elsewhere = sampleDir({ 'README.md': 'no events here' });
    expect(userError(() => resolveSample(samples, 'segment/zzzzzz', elsewhere)).message).toBe(
      'unknown sample segment/zzzzzz: not a sample ref nor an event file; segment samples: segment/update-rules',
    );
  });
});

describe('closeRefs', () => {
  const refs = ['flag/create', 'flag/toggle-off', 'flag/toggle-on', 'flag/update-rules', 'project/update', 'segment/update-rules'];

  it.each([
    ['flag/toggel-on', ['flag/toggle-on']],
    ['flags/create', ['flag/create']],
    ['project/create', ['flag/create']],
    ['update-rules', ['flag/update-rules', 'segment/update-rules']],
  ])('%s is close to %j', (wanted, expected) => {
    expect(closeRefs(refs, wanted).slice(0, expected.length)).toEqual(expected);
  });
});
