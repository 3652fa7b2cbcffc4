import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeFileError } from '../../scripts/lib/errors';

function errorOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to fail');
}

describe('describeFileError', () => {
  it('gives the system\'s words and code, without the path the caller names already', () => {
    const missing = path.join(os.tmpdir(), 'ld-hook-kit-surely-missing', 'file.json');
    const description = describeFileError(errorOf(() => fs.readFileSync(missing)));
    expect(description).toBe('no such file or directory (ENOENT)');
    expect(description).not.toContain(missing);
  });

  it('falls back to the code, then to the error itself, when the message is not the system\'s', () => {
    expect(describeFileError(Object.assign(new Error('something else'), { code: 'EIO' }))).toBe('EIO');
    expect(describeFileError(new Error('plain'))).toBe('Error: plain');
    expect(describeFileError(undefined)).toBe('undefined');
  });
});
