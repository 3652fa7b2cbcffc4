import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { buildProgram } from '../../scripts/cli';
import { CLI, REPO_ROOT } from '../helpers/cli';
import { createFixtureRoot, validFiles, validManifest } from '../helpers/fixture-root';
import { tempDir } from '../helpers/temp-dir';

const commandNames = (name?: string) => buildProgram(name).commands.map((command) => command.name());
const EVERY_COMMAND = ['validate', 'preview', 'curl', 'send', 'receive', 'new', 'rules'];

describe('buildProgram', () => {
  it('registers only the command asked for, so a run loads only what that command needs', () => {
    expect(commandNames('validate')).toEqual(['validate']);
    expect(commandNames('receive')).toEqual(['receive']);
    // curl is preview's other name for the same module.
    expect(commandNames('curl')).toEqual(['preview', 'curl']);
  });

  it('registers no command for the version, which needs none', () => {
    expect(commandNames('--version')).toEqual([]);
    expect(commandNames('-V')).toEqual([]);
    const version = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' });
    expect([version.status, version.stderr]).toEqual([0, '']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('registers every command without a command name, for the help that lists them and the suggestion for a misspelt one', () => {
    expect(commandNames()).toEqual(EVERY_COMMAND);
    expect(commandNames('help')).toEqual(EVERY_COMMAND);
    expect(commandNames('valdate')).toEqual(EVERY_COMMAND);
    for (const inherited of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) expect(commandNames(inherited)).toEqual(EVERY_COMMAND);
  });

  it('ends the help of every command with examples of it', () => {
    for (const command of buildProgram().commands) {
      let help = '';
      command.configureOutput({ writeOut: (text) => (help += text) }).outputHelp();
      expect([command.name(), help]).toEqual([command.name(), expect.stringMatching(new RegExp(`\\nExamples:\\n(  \\$ ld-hook-kit ${command.name()} .*\\n|  \\$ .*\\n)+$`))]);
    }
  });

  it('describes an option several commands share alike in each, where it does the same thing', () => {
    // --format offers other formats, and --watch re-runs validate but re-renders a preview.
    const differing = new Set(['--format <format>', '--watch']);
    const descriptions = new Map<string, Set<string>>();
    for (const command of buildProgram().commands) {
      for (const option of command.options) {
        if (differing.has(option.flags)) continue;
        descriptions.set(option.flags, (descriptions.get(option.flags) ?? new Set()).add(option.description));
      }
    }
    expect(descriptions.get('--to <url>')).toEqual(new Set(['send here instead of the rendered URL (a local receiver, say)']));
    for (const [flags, described] of descriptions) expect([flags, described.size]).toEqual([flags, 1]);
  });

  it('gives every command\'s exit codes in its help, new and rules included', () => {
    for (const name of EVERY_COMMAND) {
      const help = spawnSync(process.execPath, [CLI, name, '--help'], { encoding: 'utf8' }).stdout;
      expect([name, help]).toEqual([name, expect.stringMatching(/\nExit codes: 0 /)]);
    }
    const root = createFixtureRoot({});
    const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' }).status;
    // As new's help says: 0 created, 1 the folder exists, 2 a name it cannot use; rules: 2 for an id that is no rule.
    expect([run(['new', 'acme', '--yes', '--root', root]), run(['new', 'acme', '--yes', '--root', root]), run(['new', 'Acme', '--yes', '--root', root])]).toEqual([0, 1, 2]);
    expect([run(['rules', 'schema']), run(['rules', 'no-such-rule'])]).toEqual([0, 2]);
  });

  it('gives no flag "(default: false)" in any help, as the README does not: flags are off unless given', () => {
    for (const name of EVERY_COMMAND) {
      const help = spawnSync(process.execPath, [CLI, name, '--help'], { encoding: 'utf8' });
      expect([name, help.status, help.stdout]).toEqual([name, 0, expect.not.stringContaining('default: false')]);
    }
    const validateHelp = spawnSync(process.execPath, [CLI, 'validate', '--help'], { encoding: 'utf8' }).stdout;
    // Other defaults still show.
    expect(validateHelp).toContain('(default: ".")');
    expect(validateHelp).toMatch(/--strict +treat warnings as errors\n/);
  });
});

describe('a run in a folder that was removed', () => {
  it('says so in one line with exit 2, not as an internal error', () => {
    const gone = tempDir('gone');
    // The shell enters the folder, then removes it: the tool starts where process.cwd() fails.
    const result = spawnSync('sh', ['-c', 'cd "$1" && rmdir "$1" && exec "$2" "$3" validate', 'sh', gone, process.execPath, CLI], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.stderr).toBe('ld-hook-kit: the current folder no longer exists (it was deleted or moved): cd to one that does\n');
    expect(result.status).toBe(2);
  });
});

describe('output that cannot be written', () => {
  it('is told in one line with exit 1, not as a stack trace', () => {
    // /dev/full refuses every write with ENOSPC, as a full disk does.
    const full = fs.openSync('/dev/full', 'w');
    try {
      for (const command of [['validate'], ['rules'], ['preview', 'discord']]) {
        const result = spawnSync(process.execPath, [CLI, ...command], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', full, 'pipe'] });
        expect(result.stderr).toBe('ld-hook-kit: cannot write the output: no space left on device (ENOSPC)\n');
        expect(result.status).toBe(1);
      }
    } finally {
      fs.closeSync(full);
    }
  });
});

describe('the exit once the output is written', () => {

  it('writes a long output in full to a reader that starts reading late, then exits with the code of the command', async () => {
    // Some 500 kB of findings: more than a pipe or a socket holds, so most of it waits in the process.
    const calls = Array.from({ length: 1500 }, (_, n) => `{{nohelper${n} title}}`).join(' ');
    const root = createFixtureRoot({ big: { manifest: validManifest(), files: { ...validFiles(), 'templates/default.json.hbs': `{"text": "${calls}"}\n` } } });
    const args = [CLI, 'validate', '--root', root, '--no-cache', '--format', 'json'];
    const env = { ...process.env, NO_COLOR: '1', LD_HOOK_KIT_CACHE_DIR: root };
    const whole = spawnSync(process.execPath, args, { encoding: 'utf8', env });
    expect(whole.stdout.length).toBeGreaterThan(400_000);
    const late = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, args, { env });
      let stdout = '';
      // Not read until the command has long finished writing.
      setTimeout(() => child.stdout.on('data', (chunk) => (stdout += chunk)), 1500);
      child.on('close', (status) => resolve({ status, stdout }));
    });
    expect(late.stdout).toBe(whole.stdout);
    expect(late.status).toBe(1);
    expect(whole.status).toBe(1);
  });
});
