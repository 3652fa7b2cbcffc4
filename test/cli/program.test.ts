import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildProgram } from '../../scripts/cli';
import { CLI } from '../helpers/cli';

const commandNames = (name?: string) => buildProgram(name).commands.map((command) => command.name());
const EVERY_COMMAND = ['validate', 'preview', 'curl', 'send', 'receive', 'new', 'rules'];

describe('buildProgram', () => {
  it('registers only the command asked for, so a run loads only what that command needs', () => {
    expect(commandNames('validate')).toEqual(['validate']);
    expect(commandNames('receive')).toEqual(['receive']);
    // curl is preview's other name for the same module.
    expect(commandNames('curl')).toEqual(['preview', 'curl']);
  });

  it('registers every command without a command name, for the help that lists them and the suggestion for a misspelt one', () => {
    expect(commandNames()).toEqual(EVERY_COMMAND);
    expect(commandNames('help')).toEqual(EVERY_COMMAND);
    expect(commandNames('--version')).toEqual(EVERY_COMMAND);
    expect(commandNames('valdate')).toEqual(EVERY_COMMAND);
    for (const inherited of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) expect(commandNames(inherited)).toEqual(EVERY_COMMAND);
  });
});

describe('a run in a folder that was removed', () => {
  it('says so in one line with exit 2, not as an internal error', () => {
    const gone = fs.mkdtempSync(path.join(os.tmpdir(), 'ldhk-gone-'));
    // The shell enters the folder, then removes it: the tool starts where process.cwd() fails.
    const result = spawnSync('sh', ['-c', 'cd "$1" && rmdir "$1" && exec "$2" "$3" validate', 'sh', gone, process.execPath, CLI], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.stderr).toBe('ld-hook-kit: the current folder no longer exists (it was deleted or moved): cd to one that does\n');
    expect(result.status).toBe(2);
  });
});
