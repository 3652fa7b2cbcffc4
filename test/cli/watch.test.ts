import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFixtureRoot, integrationDir, validFiles, validManifest } from '../helpers/fixture-root';
import { CLI, expectCleanError, runCli } from '../helpers/cli';

// A test that fails before stopping its watcher must not leave it running (jest would wait on it).
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Output so far, and a way to wait for a pattern to appear in what comes after `from`. */
function watchProcess(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1' } });
  running.push(child);
  let output = '';
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => (output += chunk));
  const waitFor = (pattern: RegExp, from = 0) =>
    new Promise<string>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const text = output.slice(from);
        if (pattern.test(text)) {
          clearInterval(poll);
          resolve(text);
        } else if (Date.now() - started > 10000) {
          clearInterval(poll);
          reject(new Error(`timed out waiting for ${pattern} in:\n${output}`));
        }
      }, 50);
    });
  const stop = () => new Promise<number | null>((resolve) => {
    child.on('close', resolve);
    child.kill('SIGINT');
  });
  return { waitFor, stop, length: () => output.length, since: (from: number) => output.slice(from), stdout: () => stdout };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('--watch', () => {
  it('validate re-runs on a change, shows a syntax error mid-edit, and keeps watching', async () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    const manifestFile = path.join(integrationDir(root, 'pigeon'), 'manifest.json');
    const watcher = watchProcess(['validate', '--root', root, '--watch', '--no-cache']);
    await watcher.waitFor(/0 errors, 0 warnings[\s\S]*watching/);

    let mark = watcher.length();
    fs.writeFileSync(manifestFile, '{ "name": "Pigeon Post",\n  "version": ');
    expect(await watcher.waitFor(/manifest\.json:2:\d+[\s\S]*invalid JSON[\s\S]*watching/, mark)).toContain('1 error');

    mark = watcher.length();
    fs.writeFileSync(manifestFile, JSON.stringify(validManifest({ overview: 'No period at the end' }), null, 2));
    expect(await watcher.waitFor(/overview-period[\s\S]*watching/, mark)).toContain('1 error');

    expect(await watcher.stop()).toBe(0);
  });

  it('preview re-renders when a template changes', async () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    const watcher = watchProcess(['preview', 'pigeon', '--root', root, '--watch']);
    await watcher.waitFor(/"text":[\s\S]*watching/);
    const mark = watcher.length();
    fs.writeFileSync(path.join(integrationDir(root, 'pigeon'), 'templates/flag.json.hbs'), '{"changed": "{{{name}}}"}\n');
    expect(await watcher.waitFor(/"changed":[\s\S]*watching/, mark)).toContain('Berth allocation');
    expect(await watcher.stop()).toBe(0);
  });

  it('keeps watching a folder that is deleted and made again, as git checkout does', async () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    const folder = integrationDir(root, 'pigeon');
    const backup = path.join(root, 'backup');
    fs.cpSync(folder, backup, { recursive: true });
    const watcher = watchProcess(['validate', 'pigeon', '--root', root, '--watch', '--no-cache']);
    await watcher.waitFor(/0 errors, 0 warnings[\s\S]*watching/);
    let mark = watcher.length();
    fs.rmSync(folder, { recursive: true });
    await watcher.waitFor(/no integration named pigeon[\s\S]*watching/, mark);
    mark = watcher.length();
    fs.cpSync(backup, folder, { recursive: true });
    await watcher.waitFor(/0 errors, 0 warnings[\s\S]*watching/, mark);
    mark = watcher.length();
    fs.writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify(validManifest({ overview: 'No period at the end' }), null, 2));
    expect(await watcher.waitFor(/overview-period[\s\S]*watching/, mark)).toContain('1 error');
    expect(await watcher.stop()).toBe(0);
  });

  it('takes a name with the slash that shell completion adds, and watches that integration', async () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    const watcher = watchProcess(['validate', 'pigeon/', '--root', root, '--watch', '--no-cache']);
    await watcher.waitFor(/0 errors, 0 warnings[\s\S]*watching/);
    const mark = watcher.length();
    fs.writeFileSync(path.join(integrationDir(root, 'pigeon'), 'manifest.json'), JSON.stringify(validManifest({ overview: 'No period at the end' }), null, 2));
    expect(await watcher.waitFor(/overview-period[\s\S]*watching/, mark)).toContain('1 error');
    expect(await watcher.stop()).toBe(0);
  });

  it('validate NAME re-runs when another integration, even one made after the start, takes its OAuth key, and not for the rest of it', async () => {
    const root = createFixtureRoot({
      pigeon: { manifest: validManifest({ oauthIntegrationKey: 'pigeon-client' }), files: validFiles() },
      owl: { manifest: validManifest(), files: validFiles() },
    });
    const watcher = watchProcess(['validate', 'pigeon', '--root', root, '--watch']);
    await watcher.waitFor(/0 errors, 0 warnings[\s\S]*watching/);
    let mark = watcher.length();
    const crow = integrationDir(root, 'crow');
    fs.cpSync(integrationDir(root, 'owl'), crow, { recursive: true });
    fs.writeFileSync(path.join(crow, 'manifest.json'), JSON.stringify(validManifest({ oauthIntegrationKey: 'pigeon-client' }), null, 2));
    expect(await watcher.waitFor(/oauth-key-unique[\s\S]*watching/, mark)).toContain('used by 2 integrations: crow, pigeon');
    // What another integration's templates say changes nothing checked here.
    mark = watcher.length();
    fs.writeFileSync(path.join(integrationDir(root, 'owl'), 'templates/flag.json.hbs'), '{"changed": "{{{name}}}"}\n');
    await sleep(1500);
    expect(watcher.since(mark)).toBe('');
    expect(await watcher.stop()).toBe(0);
  });

  it('preview follows the event file --context names, and keeps stdout to the output asked for', async () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    const eventFile = path.join(root, 'event.json');
    const event = JSON.parse(fs.readFileSync(path.join(__dirname, '../../sample-context/flag/update-rules.json'), 'utf8'));
    fs.writeFileSync(eventFile, JSON.stringify(event));
    const watcher = watchProcess(['preview', 'pigeon', '--root', root, '--context', eventFile, '--format', 'json', '--watch']);
    await watcher.waitFor(/"body"[\s\S]*watching/);
    const mark = watcher.length();
    fs.writeFileSync(eventFile, JSON.stringify({ ...event, title: { ...event.title, plainText: 'Edited mid-run' } }));
    await watcher.waitFor(/Edited mid-run[\s\S]*watching/, mark);
    expect(await watcher.stop()).toBe(0);
    // Each run's stdout is one JSON document: the watching line went to stderr.
    expect(watcher.stdout()).not.toContain('watching');
  });

  it('preview follows the --context event file even when it is made after the watch starts', async () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    const eventFile = path.join(root, 'later.json');
    const watcher = watchProcess(['preview', 'pigeon', '--root', root, '--context', eventFile, '--watch']);
    await watcher.waitFor(/no such file[\s\S]*watching/);
    const mark = watcher.length();
    const event = JSON.parse(fs.readFileSync(path.join(__dirname, '../../sample-context/flag/update-rules.json'), 'utf8'));
    fs.writeFileSync(eventFile, JSON.stringify({ ...event, title: { ...event.title, plainText: 'Written after the start' } }));
    await watcher.waitFor(/Written after the start[\s\S]*watching/, mark);
    expect(await watcher.stop()).toBe(0);
  });

  it('watches a linked integration folder where it is, and a loop of links inside it neither crashes nor stops the watch', async () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    const real = path.join(root, 'real-pigeon');
    fs.renameSync(integrationDir(root, 'pigeon'), real);
    fs.symlinkSync(real, integrationDir(root, 'pigeon'));
    fs.symlinkSync('.', path.join(real, 'templates/loop'));
    const watcher = watchProcess(['validate', 'pigeon', '--root', root, '--watch', '--no-cache']);
    await watcher.waitFor(/0 errors, 0 warnings[\s\S]*watching/);
    const mark = watcher.length();
    fs.writeFileSync(path.join(real, 'manifest.json'), JSON.stringify(validManifest({ overview: 'No period at the end' }), null, 2));
    expect(await watcher.waitFor(/overview-period[\s\S]*watching/, mark)).toContain('1 error');
    expect(await watcher.stop()).toBe(0);
    expect(watcher.since(0)).not.toContain('ELOOP');
  });

  it('does not follow a link out of the integration folder: what changes out there starts no run', async () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    const outside = path.join(root, 'outside');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'notes.txt'), 'before');
    fs.symlinkSync(outside, path.join(integrationDir(root, 'pigeon'), 'assets/outside'));
    const watcher = watchProcess(['validate', 'pigeon', '--root', root, '--watch', '--no-cache']);
    await watcher.waitFor(/0 errors, 0 warnings[\s\S]*watching/);
    const mark = watcher.length();
    fs.writeFileSync(path.join(outside, 'notes.txt'), 'after');
    // Well past the settling delay and a run: nothing more, not even a second run for the link the first scan met.
    await sleep(1500);
    expect(watcher.since(mark)).toBe('');
    expect(await watcher.stop()).toBe(0);
  });

  it('says on one line, escaped, what it cannot watch, and keeps watching the rest', async () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    // A folder name longer than any the system takes: watching the --context file's folder fails.
    const unwatchable = path.join(root, `\u001b[2J${'x'.repeat(300)}`);
    const watcher = watchProcess(['preview', 'pigeon', '--root', root, '--context', path.join(unwatchable, 'event.json'), '--watch']);
    const first = await watcher.waitFor(/cannot watch[\s\S]*watching/);
    expect(first).toContain(`ld-hook-kit: cannot watch ${unwatchable.replace('\u001b', '\\u001b')}: name too long (ENAMETOOLONG); watching the rest\n`);
    expect(first).not.toContain('\u001b');
    expect(first).not.toContain('    at ');
    const mark = watcher.length();
    fs.writeFileSync(path.join(integrationDir(root, 'pigeon'), 'templates/flag.json.hbs'), '{"changed": "{{{name}}}"}\n');
    await watcher.waitFor(/event\.json[\s\S]*watching/, mark);
    expect(await watcher.stop()).toBe(0);
  });

  it('refuses a root or an integration that is not there with exit 2, instead of watching for ever', () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    const refused: [string[], RegExp][] = [
      [['validate', '--root', path.join(root, 'no-such-root'), '--watch'], /root folder .*no-such-root does not exist/],
      [['validate', 'pigeno', '--root', root, '--watch'], /no integration named pigeno .*did you mean pigeon\?/],
      [['preview', 'pigeno', '--root', root, '--watch'], /no integration named pigeno/],
    ];
    for (const [args, message] of refused) {
      const result = runCli(args);
      expectCleanError(result);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toContain('watching');
    }
  });
});
