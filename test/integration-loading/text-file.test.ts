import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeText, readTextFile } from '../../scripts/lib/text-file';
import { tempDir } from '../helpers/temp-dir';

describe('decodeText', () => {
  it('returns UTF-8 text as it is, accents and emoji included', () => {
    expect(decodeText(Buffer.from('Ålesund 🚢\n', 'utf8'))).toEqual({ ok: true, text: 'Ålesund 🚢\n' });
  });

  it('places the first byte that is not UTF-8, and gives the text as far as it reads, U+FFFD for each bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('line one\nr'), Buffer.from([0xf8]), Buffer.from('dt\n')]);
    expect(decodeText(bytes)).toEqual({
      ok: false,
      problem: 'encoding',
      message: 'is not valid UTF-8 text; save it as UTF-8',
      line: 2,
      column: 2,
      readable: 'line one\nr\uFFFDdt\n',
      startsAt: 0,
    });
  });

  it('leaves a byte order mark out of the text, and of the columns, also before bytes that are not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('\uFEFF{"a":'), Buffer.from([0xff]), Buffer.from('1}')]);
    expect(decodeText(bytes)).toMatchObject({ ok: false, problem: 'encoding', line: 1, column: 6, readable: '{"a":\uFFFD1}', startsAt: 1 });
  });

  it('refuses a byte order mark, which would reach the receiver as the first bytes of the body, and gives the text after it', () => {
    expect(decodeText(Buffer.from('\uFEFF{"a": 1}', 'utf8'))).toMatchObject({
      ok: false,
      problem: 'bom',
      line: 1,
      column: 1,
      message: expect.stringContaining('byte order mark'),
      readable: '{"a": 1}',
      startsAt: 1,
    });
  });
});

describe('readTextFile', () => {
  const folder = tempDir('text');

  it('gives the text of a UTF-8 file', () => {
    fs.writeFileSync(path.join(folder, 'ok.json'), '{"a": "Måløy"}');
    expect(readTextFile(path.join(folder, 'ok.json'))).toEqual({ ok: true, text: '{"a": "Måløy"}' });
  });

  it('gives the system\'s code and words when the file cannot be read', () => {
    expect(readTextFile(path.join(folder, 'missing.json'))).toEqual({ ok: false, code: 'ENOENT', reason: 'no such file or directory (ENOENT)' });
    expect(readTextFile(folder)).toMatchObject({ ok: false, code: 'EISDIR' });
  });

  it('refuses a named pipe or a device without opening it: reading would block or never end', () => {
    const pipe = path.join(folder, 'pipe.json');
    execFileSync('mkfifo', [pipe]);
    expect(readTextFile(pipe)).toEqual({ ok: false, code: 'ENOTFILE', reason: 'it is a named pipe, not a file' });
    expect(readTextFile('/dev/zero')).toEqual({ ok: false, code: 'ENOTFILE', reason: 'it is a device, not a file' });
  });

  it('refuses, unread, a file over the size it is given, and reads one of exactly that size', () => {
    fs.writeFileSync(path.join(folder, 'ten.txt'), '0123456789');
    expect(readTextFile(path.join(folder, 'ten.txt'), 10)).toEqual({ ok: true, text: '0123456789' });
    expect(readTextFile(path.join(folder, 'ten.txt'), 9)).toEqual({
      ok: false,
      code: 'EFBIG',
      reason: 'it holds 10 bytes, more than the 9 the kit reads of a manifest or template (real ones hold a few thousand)',
    });
    expect(readTextFile(path.join(folder, 'ten.txt'))).toEqual({ ok: true, text: '0123456789' });
  });

  it('gives no code, and the first bad byte\'s place, when the bytes are not UTF-8 text', () => {
    fs.writeFileSync(path.join(folder, 'bom.json'), '\uFEFF{}');
    const read = readTextFile(path.join(folder, 'bom.json'));
    expect(read).toMatchObject({ ok: false, line: 1, column: 1, reason: expect.stringContaining('byte order mark') });
    expect(read.ok === false && read.code).toBeUndefined();
  });
});
