import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const created: string[] = [];

/**
 * A new empty folder under the system's temporary folder, named `ldhk-<label>-XXXXXX`. Every one
 * is removed when its test file ends (test/setup/temp-folders.ts), so a run leaves nothing behind.
 */
export function tempDir(label: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `ldhk-${label}-`));
  created.push(folder);
  return folder;
}

/** Removes every folder tempDir made in this test file. */
export function removeTempDirs(): void {
  while (created.length > 0) {
    fs.rmSync(created.pop()!, { recursive: true, force: true });
  }
}
