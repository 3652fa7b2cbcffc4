import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, REPO_ROOT, runCliAsync, type CliResult } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

/** Every `ld-hook-kit …` line of the README's shell blocks, comments stripped. */
function readmeCommands(): string[] {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]);
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('ld-hook-kit ') && !line.includes('<'));
}

function words(line: string): string[] {
  return line.replace(/\s*&$/, '').split(/\s+/).slice(1);
}

/** A working folder like a partner's: the flagship integration, an event file, a fork beside it. */
function workspace(): string {
  const base = tempDir('readme');
  for (const folder of ['work', 'integration-framework']) {
    fs.cpSync(path.join(REPO_ROOT, 'integrations/discord'), path.join(base, folder, 'integrations/discord'), { recursive: true });
  }
  fs.copyFileSync(path.join(REPO_ROOT, 'sample-context/flag/toggle-off.json'), path.join(base, 'work/my-event.json'));
  return path.join(base, 'work');
}

/** Starts a long-running command, waits for `ready` in its output, then stops it with Ctrl-C. */
function runUntil(args: string[], cwd: string, ready: RegExp, whileRunning: () => Promise<void> = async () => {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    let started = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
    // Ready is said on either stream: --watch says it on stderr, receive on stdout.
    const check = () => {
      if (!started && ready.test(stdout + stderr)) {
        started = true;
        whileRunning().then(() => child.kill('SIGINT'), reject);
      }
    };
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      check();
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      check();
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const commands = readmeCommands();

describe('every ld-hook-kit command in the README runs as written', () => {
  it('finds the commands', () => {
    expect(commands.length).toBeGreaterThan(12);
  });

  const simple = commands.filter((line) => !line.endsWith('&') && !line.includes('--watch') && !line.startsWith('ld-hook-kit send'));
  it.each(simple.map((line) => [line]))('%s', async (line) => {
    const result = await runCliAsync(words(line), { cwd: workspace() });
    // --timing's table is the one thing a command that succeeds says on stderr.
    if (line.includes('--timing')) expect(result.stderr).toMatch(/^Check +Time \(ms\) +Share\n/);
    else expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(0);
  });

  it.each(commands.filter((line) => line.includes('--watch')).map((line) => [line]))('%s (stopped with Ctrl-C)', async (line) => {
    const result = await runUntil(words(line), workspace(), /watching/);
    expect(result.status).toBe(0);
  });

  it('receive in the background, then send to it', async () => {
    const receive = commands.find((line) => line.startsWith('ld-hook-kit receive') && line.endsWith('&'));
    const send = commands.find((line) => line.startsWith('ld-hook-kit send'));
    expect(receive && send).toBeTruthy();
    const cwd = workspace();
    let sent: CliResult | undefined;
    const received = await runUntil(words(receive!), cwd, /Listening on/, async () => {
      sent = await runCliAsync(words(send!), { cwd });
    });
    expect(sent?.status).toBe(0);
    expect(received.status).toBe(0);
    expect(received.stdout).toMatch(/POST/);
  });
});
