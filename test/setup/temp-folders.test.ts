import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { removeTempDirs, tempDir } from '../helpers/temp-dir';

describe('the temporary folders of a test file', () => {
  it('hold the results cache of the commands the file runs, under the temporary folder', () => {
    const cacheDir = process.env.LD_HOOK_KIT_CACHE_DIR!;
    expect(path.dirname(cacheDir)).toBe(os.tmpdir());
    expect(path.basename(cacheDir)).toMatch(/^ldhk-results-cache-/);
    expect(fs.statSync(cacheDir).isDirectory()).toBe(true);
  });

  it('are each new, and all removed, with what they hold, when the file ends', () => {
    const first = tempDir('probe');
    const second = tempDir('probe');
    expect(first).not.toBe(second);
    fs.mkdirSync(path.join(first, 'nested'));
    fs.writeFileSync(path.join(first, 'nested', 'file.txt'), 'x');
    const cacheDir = process.env.LD_HOOK_KIT_CACHE_DIR!;
    removeTempDirs();
    for (const folder of [first, second, cacheDir]) expect(fs.existsSync(folder)).toBe(false);
  });
});
