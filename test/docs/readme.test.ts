import * as fs from 'node:fs';
import * as path from 'node:path';
import { regenerate } from '../../scripts/docs/readme';
import { REPO_ROOT } from '../helpers/cli';

const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('has the command reference and rule list the code has (run `npm run docs` after changing them)', () => {
    expect(regenerate(readme)).toBe(readme);
  });

  it('documents every command and every rule', () => {
    for (const command of ['validate', 'preview', 'curl', 'send', 'receive', 'new']) {
      expect(readme).toContain(`### \`ld-hook-kit ${command}`);
    }
    expect(readme).toMatch(/\| `path-confinement` \| error \|/);
  });

  it('gives the two set-up commands: the flagship preview and the tests', () => {
    expect(readme).toContain('npm ci && npm run preview');
    expect(readme).toMatch(/^npm test\b/m);
  });
});
