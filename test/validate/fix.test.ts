import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding, TextEdit } from '../../scripts/lib/findings';
import { applyEdits } from '../../scripts/lib/fix';
import { tempDir } from '../helpers/temp-dir';

/** A root with these files (paths relative to it). */
function rootWith(files: Record<string, string>): string {
  const root = tempDir('fix');
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** The edit that writes `text` in place of the first `replaced` in `source`. */
function editOf(source: string, replaced: string, text: string): TextEdit {
  const start = source.indexOf(replaced);
  return { start, end: start + replaced.length, replaced, text };
}

const finding = (file: string, edit?: TextEdit): Finding => ({ rule: 'r', severity: 'warning', file, message: 'm', ...(edit ? { edit } : {}) });
const read = (root: string, file: string) => fs.readFileSync(path.join(root, file), 'utf8');

const FILE = 'integrations/x/templates/flag.json';
const SOURCE = '{"a": "{{a}}", "b": "{{b}}", "c": "{{c}}"}';

describe('applyEdits', () => {
  it('makes every edit of a file, whatever their order, and says how many each file took', () => {
    const root = rootWith({ [FILE]: SOURCE, 'integrations/x/manifest.json': '{"overview": "No period"}' });
    const findings = [
      finding(FILE, editOf(SOURCE, '{{a}}', '{{{a}}}')),
      finding(FILE, editOf(SOURCE, '{{c}}', '{{{c}}}')),
      finding(FILE, editOf(SOURCE, '{{b}}', '{{{b}}}')),
      finding('integrations/x/manifest.json', editOf('{"overview": "No period"}', '"No period"', '"No period."')),
      finding(FILE),
    ];
    expect(applyEdits(root, [{ name: 'x', findings }])).toEqual({
      fixed: [
        { file: FILE, edits: 3 },
        { file: 'integrations/x/manifest.json', edits: 1 },
      ],
      left: 0,
      refused: [],
    });
    expect(read(root, FILE)).toBe('{"a": "{{{a}}}", "b": "{{{b}}}", "c": "{{{c}}}"}');
    expect(read(root, 'integrations/x/manifest.json')).toBe('{"overview": "No period."}');
  });

  it('makes an edit two findings carry once', () => {
    const root = rootWith({ [FILE]: SOURCE });
    const edit = editOf(SOURCE, '{{a}}', '{{{a}}}');
    expect(applyEdits(root, [{ name: 'x', findings: [finding(FILE, edit), finding(FILE, { ...edit })] }])).toEqual({ fixed: [{ file: FILE, edits: 1 }], left: 0, refused: [] });
    expect(read(root, FILE)).toBe(SOURCE.replace('{{a}}', '{{{a}}}'));
  });

  it('leaves an edit that overlaps one taken, or whose text changed since the check, for another run', () => {
    const root = rootWith({ [FILE]: SOURCE });
    const findings = [
      finding(FILE, editOf(SOURCE, '{{b}}', '{{{b}}}')),
      finding(FILE, editOf(SOURCE, '"{{b}}", "c"', '"x", "c"')),
      finding(FILE, { ...editOf(SOURCE, '{{c}}', '{{{c}}}'), replaced: '{{d}}' }),
    ];
    expect(applyEdits(root, [{ name: 'x', findings }])).toEqual({ fixed: [{ file: FILE, edits: 1 }], left: 2, refused: [] });
    expect(read(root, FILE)).toBe('{"a": "{{a}}", "b": "{{{b}}}", "c": "{{c}}"}');
  });

  it('writes nothing for a file none of whose edits holds, and refuses one gone since the check', () => {
    const root = rootWith({ [FILE]: SOURCE });
    const before = fs.statSync(path.join(root, FILE)).mtimeMs;
    const stale = { ...editOf(SOURCE, '{{a}}', '{{{a}}}'), replaced: 'else' };
    const result = applyEdits(root, [{ name: 'x', findings: [finding(FILE, stale), finding('integrations/x/gone.json', stale)] }]);
    expect(result).toEqual({ fixed: [], left: 1, refused: [{ file: 'integrations/x/gone.json', reason: expect.stringMatching(/ENOENT/) }] });
    expect(fs.statSync(path.join(root, FILE)).mtimeMs).toBe(before);
  });

  it('edits a file two paths lead to once, by where it is', () => {
    const root = rootWith({ [FILE]: SOURCE });
    fs.symlinkSync('x', path.join(root, 'integrations/y'));
    const edit = editOf(SOURCE, '{{a}}', '{{{a}}}');
    const result = applyEdits(root, [
      { name: 'x', findings: [finding(FILE, edit)] },
      { name: 'y', findings: [finding('integrations/y/templates/flag.json', edit)] },
    ]);
    expect(result).toEqual({ fixed: [{ file: FILE, edits: 1 }], left: 0, refused: [] });
    expect(read(root, FILE)).toBe(SOURCE.replace('{{a}}', '{{{a}}}'));
  });

  it('keeps a mode the umask would take away', () => {
    const root = rootWith({ [FILE]: SOURCE });
    fs.chmodSync(path.join(root, FILE), 0o666);
    applyEdits(root, [{ name: 'x', findings: [finding(FILE, editOf(SOURCE, '{{a}}', '{{{a}}}'))] }]);
    expect(fs.statSync(path.join(root, FILE)).mode & 0o777).toBe(0o666);
    expect(read(root, FILE)).toBe(SOURCE.replace('{{a}}', '{{{a}}}'));
  });

  it('refuses a file with other hard links, one of which may be outside the folder, and writes neither name', () => {
    const root = rootWith({ [FILE]: SOURCE });
    const outside = path.join(tempDir('fix-outside'), 'flag.json');
    fs.linkSync(path.join(root, FILE), outside);
    const fixed = applyEdits(root, [{ name: 'x', findings: [finding(FILE, editOf(SOURCE, '{{a}}', '{{{a}}}'))] }]);
    expect(fixed).toEqual({
      fixed: [],
      left: 0,
      refused: [{ file: FILE, reason: 'it has another hard link, which --fix would change too, wherever it is: give it a file of its own (cp), then run --fix again' }],
    });
    expect(fs.readFileSync(outside, 'utf8')).toBe(SOURCE);
  });

  it('leaves a file read-only for its owner as it is, even when run as root, who may write it', () => {
    for (const mode of [0o444, 0o464]) {
      const root = rootWith({ [FILE]: SOURCE });
      fs.chmodSync(path.join(root, FILE), mode);
      const fixed = applyEdits(root, [{ name: 'x', findings: [finding(FILE, editOf(SOURCE, '{{a}}', '{{{a}}}'))] }]);
      expect(fixed).toEqual({ fixed: [], left: 0, refused: [{ file: FILE, reason: 'it is read-only: make it writable (chmod u+w), then run --fix again' }] });
      expect(read(root, FILE)).toBe(SOURCE);
    }
  });

  (process.getuid?.() === 0 ? it : it.skip)('keeps the owner of a file it rewrites as root', () => {
    const root = rootWith({ [FILE]: SOURCE });
    fs.chownSync(path.join(root, FILE), 1000, 1000);
    expect(applyEdits(root, [{ name: 'x', findings: [finding(FILE, editOf(SOURCE, '{{a}}', '{{{a}}}'))] }]).fixed).toEqual([{ file: FILE, edits: 1 }]);
    expect(fs.statSync(path.join(root, FILE))).toMatchObject({ uid: 1000, gid: 1000 });
  });

  it('refuses a file it cannot write, and still writes the others', () => {
    // A folder where the finding names a file: as unwritable as a read-only file, even to root.
    const root = rootWith({ 'integrations/x/manifest.json': SOURCE });
    fs.mkdirSync(path.join(root, FILE), { recursive: true });
    const edit = editOf(SOURCE, '{{a}}', '{{{a}}}');
    const result = applyEdits(root, [{ name: 'x', findings: [finding(FILE, edit), finding('integrations/x/manifest.json', edit)] }]);
    expect(result).toEqual({ fixed: [{ file: 'integrations/x/manifest.json', edits: 1 }], left: 0, refused: [{ file: FILE, reason: expect.stringMatching(/EISDIR/) }] });
    expect(read(root, 'integrations/x/manifest.json')).toBe(SOURCE.replace('{{a}}', '{{{a}}}'));
  });

  it('writes through a link to where the file is, keeping the link and the file\'s mode', () => {
    const root = rootWith({ 'integrations/x/templates/shared.json': SOURCE });
    fs.chmodSync(path.join(root, 'integrations/x/templates/shared.json'), 0o640);
    fs.symlinkSync('shared.json', path.join(root, FILE));
    expect(applyEdits(root, [{ name: 'x', findings: [finding(FILE, editOf(SOURCE, '{{a}}', '{{{a}}}'))] }]).fixed).toEqual([{ file: FILE, edits: 1 }]);
    expect(fs.lstatSync(path.join(root, FILE)).isSymbolicLink()).toBe(true);
    expect(read(root, 'integrations/x/templates/shared.json')).toBe(SOURCE.replace('{{a}}', '{{{a}}}'));
    expect(fs.statSync(path.join(root, 'integrations/x/templates/shared.json')).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(path.join(root, 'integrations/x/templates')).sort()).toEqual(['flag.json', 'shared.json']);
  });

  it('never writes outside the root, a link out of it included', () => {
    const outside = rootWith({ 'elsewhere.json': SOURCE });
    const root = rootWith({});
    fs.mkdirSync(path.join(root, 'integrations/x/templates'), { recursive: true });
    fs.symlinkSync(path.join(outside, 'elsewhere.json'), path.join(root, FILE));
    expect(applyEdits(root, [{ name: 'x', findings: [finding(FILE, editOf(SOURCE, '{{a}}', '{{{a}}}'))] }])).toEqual({
      fixed: [],
      left: 0,
      refused: [{ file: FILE, reason: "it leads outside the x integration's folder" }],
    });
    expect(read(outside, 'elsewhere.json')).toBe(SOURCE);
    // An integration folder that is itself a link out of the root is not written either.
    const linkedRoot = rootWith({});
    fs.mkdirSync(path.join(linkedRoot, 'integrations'));
    fs.mkdirSync(path.join(outside, 'x/templates'), { recursive: true });
    fs.writeFileSync(path.join(outside, 'x/templates/flag.json'), SOURCE);
    fs.symlinkSync(path.join(outside, 'x'), path.join(linkedRoot, 'integrations/x'));
    expect(applyEdits(linkedRoot, [{ name: 'x', findings: [finding(FILE, editOf(SOURCE, '{{a}}', '{{{a}}}'))] }]).refused).toEqual([
      { file: FILE, reason: 'it leads outside the root' },
    ]);
    expect(read(outside, 'x/templates/flag.json')).toBe(SOURCE);
  });

  it('leaves a file that is not UTF-8 as it is, as writing it back would change bytes no edit asked for, and keeps a BOM', () => {
    const root = rootWith({});
    const file = path.join(root, FILE);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const badBytes = Buffer.concat([Buffer.from(SOURCE), Buffer.from([0xff])]);
    fs.writeFileSync(file, badBytes);
    const edit = editOf(SOURCE, '{{a}}', '{{{a}}}');
    expect(applyEdits(root, [{ name: 'x', findings: [finding(FILE, edit)] }])).toEqual({
      fixed: [],
      left: 0,
      refused: [{ file: FILE, reason: 'it is not valid UTF-8 text; save it as UTF-8, then run --fix again' }],
    });
    expect(fs.readFileSync(file)).toEqual(badBytes);
    fs.writeFileSync(file, '\uFEFF' + SOURCE);
    expect(applyEdits(root, [{ name: 'x', findings: [finding(FILE, editOf('\uFEFF' + SOURCE, '{{a}}', '{{{a}}}'))] }])).toEqual({
      fixed: [{ file: FILE, edits: 1 }],
      left: 0,
      refused: [],
    });
    expect(read(root, FILE)).toBe('\uFEFF' + SOURCE.replace('{{a}}', '{{{a}}}'));
  });

  it("never writes outside the integration's folder, through a manifest linked from elsewhere in the root", () => {
    const manifest = '{"overview": "No period"}';
    const root = rootWith({ 'shared/manifest.json': manifest });
    fs.mkdirSync(path.join(root, 'integrations/x'), { recursive: true });
    fs.symlinkSync('../../shared/manifest.json', path.join(root, 'integrations/x/manifest.json'));
    const edit = editOf(manifest, '"No period"', '"No period."');
    expect(applyEdits(root, [{ name: 'x', findings: [finding('integrations/x/manifest.json', edit)] }])).toEqual({
      fixed: [],
      left: 0,
      refused: [{ file: 'integrations/x/manifest.json', reason: "it leads outside the x integration's folder" }],
    });
    expect(read(root, 'shared/manifest.json')).toBe(manifest);
  });
});
