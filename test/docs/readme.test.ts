import * as fs from 'node:fs';
import * as path from 'node:path';
import { regenerate } from '../../scripts/docs/readme';
import { spawnSync } from 'node:child_process';
import { CLI, REPO_ROOT } from '../helpers/cli';

const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('has the command reference and rule list the code has (run `npm run docs` after changing them)', () => {
    expect(regenerate(readme)).toBe(readme);
  });

  it('documents every command and every rule', () => {
    for (const command of ['validate', 'preview', 'curl', 'send', 'receive', 'new', 'rules']) {
      expect(readme).toContain(`### \`ld-hook-kit ${command}`);
    }
    expect(readme).toMatch(/\| `path-confinement` \| error \|/);
  });

  it('writes no tag-like <text> outside code in its tables, which a renderer would drop', () => {
    const cells = readme.split('\n').filter((line) => line.startsWith('|'));
    for (const line of cells) expect(line.replace(/`[^`]*`/g, '')).not.toMatch(/<[A-Za-z/]/);
  });

  it('says `npm run X --` is `ld-hook-kit X` for every command, and package.json agrees', () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
    for (const command of ['validate', 'preview', 'curl', 'send', 'receive', 'new', 'rules']) {
      expect(scripts[command]).toBe(`node dist/scripts/cli.js ${command}`);
    }
  });

  it('gives a multiselect\'s placeholder as preview --help does and the template gets it: a list of one value', () => {
    const help = spawnSync(process.execPath, [CLI, 'preview', '--help'], { encoding: 'utf8' }).stdout;
    expect(help).toContain('["$KEY"] for a multiselect');
    expect(readme).toContain('`["$ENVS"]` for a multiselect');
  });

  it('says a near spelling of an LD_HOOK_KIT_VAR_ name gets a note, as preview gives it', () => {
    const env = { ...process.env, LD_HOOK_KIT_VAR_WEBHOOKIDD: '123' };
    const preview = spawnSync(process.execPath, [CLI, 'preview', 'discord'], { cwd: REPO_ROOT, encoding: 'utf8', env });
    expect(preview.stderr).toContain('LD_HOOK_KIT_VAR_WEBHOOKIDD gives no form variable of this integration: did you mean LD_HOOK_KIT_VAR_WEBHOOKID?');
    expect(readme.replace(/\s+/g, ' ')).toContain('A name set that gives nothing but is a near spelling of one that does (`LD_HOOK_KIT_VAR_WEBHOOKIDD`) gets a note');
  });

  it('gives the two set-up commands: the flagship preview and the tests', () => {
    expect(readme).toContain('npm ci && npm run preview');
    expect(readme).toMatch(/^npm test\b/m);
  });
});
