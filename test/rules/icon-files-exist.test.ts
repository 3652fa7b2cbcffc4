// The plain module object: spying on it is seen through every `import * as fs` of the rules.
import fs = require('node:fs');
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import rule from '../../scripts/lib/rules/checks/icon-files-exist';
import pathConfinement from '../../scripts/lib/rules/checks/path-confinement';
import { checkManifest, createFixtureRoot, integrationDir, runRule, validFiles, validManifest } from '../helpers/fixture-root';

function withoutFile(file: string): Record<string, string> {
  const files = validFiles();
  delete files[file];
  return files;
}

describe('icon-files-exist', () => {
  it('is an error for CI rule 1', () => {
    expect(rule.severity).toBe('error');
    expect(rule.ciRule).toBe(1);
  });

  it('is silent when both icons exist', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
  });

  it('reports each missing icon at its path in the manifest', () => {
    const files = withoutFile('assets/images/square.svg');
    delete files['assets/images/horizontal.svg'];
    expect(checkManifest(rule, validManifest(), files)).toEqual([
      {
        message: 'icons.square names "assets/images/square.svg", which does not exist in the integration folder',
        pointer: '/icons/square',
      },
      {
        message: 'icons.horizontal names "assets/images/horizontal.svg", which does not exist in the integration folder',
        pointer: '/icons/horizontal',
      },
    ]);
  });

  it('names the file beside a missing icon that it misspells', () => {
    const files = withoutFile('assets/images/square.svg');
    files['assets/images/sqaure.svg'] = '<svg xmlns="http://www.w3.org/2000/svg"/>';
    expect(checkManifest(rule, validManifest(), files)).toEqual([
      {
        message: 'icons.square names "assets/images/square.svg", which does not exist in the integration folder; did you mean "assets/images/sqaure.svg"?',
        pointer: '/icons/square',
      },
    ]);
  });

  it('suggests no file beside a missing icon that is no SVG, which the schema would refuse', () => {
    const files = withoutFile('assets/images/square.svg');
    files['assets/images/square'] = '<svg xmlns="http://www.w3.org/2000/svg"/>';
    files['assets/images/square.png'] = 'not an svg';
    expect(checkManifest(rule, validManifest(), files)).toEqual([
      { message: 'icons.square names "assets/images/square.svg", which does not exist in the integration folder', pointer: '/icons/square' },
    ]);
  });

  it('reports an icon path that names a folder', () => {
    const manifest = validManifest({ icons: { square: 'assets/images', horizontal: 'assets/images/horizontal.svg' } });
    const reports = checkManifest(rule, manifest);
    expect(reports).toEqual([{ message: expect.stringContaining('which is a folder, not a file'), pointer: '/icons/square' }]);
  });

  it('names a named pipe for what it is', () => {
    const files = validFiles();
    delete files['assets/images/square.svg'];
    const root = createFixtureRoot({ subject: { manifest: validManifest(), files } });
    execFileSync('mkfifo', [path.join(integrationDir(root, 'subject'), 'assets/images/square.svg')]);
    expect(runRule(rule, root, 'subject')).toEqual([
      { message: 'icons.square names "assets/images/square.svg", which is a named pipe, not a file', pointer: '/icons/square' },
    ]);
  });

  it('says why an icon that is there cannot be read, rather than that it is missing', () => {
    const root = createFixtureRoot({ subject: { manifest: validManifest(), files: withoutFile('assets/images/square.svg') } });
    fs.symlinkSync('square.svg', path.join(integrationDir(root, 'subject'), 'assets/images/square.svg'));
    expect(runRule(rule, root, 'subject')).toEqual([
      { message: 'icons.square names "assets/images/square.svg", which cannot be read: too many symbolic links encountered (ELOOP)', pointer: '/icons/square' },
    ]);
  });

  it('leaves paths that escape the folder to path-confinement, without looking outside', () => {
    const root = createFixtureRoot({
      subject: {
        manifest: validManifest({ icons: { square: '../other/assets/images/square.svg', horizontal: 'assets/images/horizontal.svg' } }),
        files: validFiles(),
      },
      other: { manifest: validManifest(), files: validFiles() },
    });
    const folder = integrationDir(root, 'subject');
    const stat = jest.spyOn(fs, 'statSync');
    try {
      expect(runRule(rule, root, 'subject')).toEqual([]);
      const looked = stat.mock.calls.map((call) => String(call[0]));
      // The spy works (the inside icon was looked at) and saw nothing outside the folder.
      expect(looked).toContain(path.join(folder, 'assets/images/horizontal.svg'));
      expect(looked.filter((p) => !p.startsWith(folder + path.sep))).toEqual([]);
    } finally {
      stat.mockRestore();
    }
    expect(runRule(pathConfinement, root, 'subject').map((report) => report.pointer)).toEqual(['/icons/square']);
  });

  it('does not report an absolute icon path (path-confinement does)', () => {
    const manifest = validManifest({ icons: { square: '/etc/hostname', horizontal: 'assets/images/horizontal.svg' } });
    expect(checkManifest(rule, manifest)).toEqual([]);
  });

  it('does not follow a symbolic link that points outside the folder', () => {
    const root = createFixtureRoot({ subject: { manifest: validManifest(), files: withoutFile('assets/images/square.svg') } });
    const outsideFile = path.join(root, 'outside.svg');
    fs.writeFileSync(outsideFile, '<svg/>');
    fs.symlinkSync(outsideFile, path.join(integrationDir(root, 'subject'), 'assets/images/square.svg'));
    expect(runRule(rule, root, 'subject')).toEqual([]);
    expect(runRule(pathConfinement, root, 'subject')).toHaveLength(1);
  });

  it('accepts an icon that is a symbolic link inside the folder', () => {
    const root = createFixtureRoot({ subject: { manifest: validManifest(), files: withoutFile('assets/images/square.svg') } });
    fs.symlinkSync('horizontal.svg', path.join(integrationDir(root, 'subject'), 'assets/images/square.svg'));
    expect(runRule(rule, root, 'subject')).toEqual([]);
  });

  it('ignores icons of the wrong type (the schema reports them)', () => {
    expect(checkManifest(rule, validManifest({ icons: 'square.svg' }))).toEqual([]);
    expect(checkManifest(rule, validManifest({ icons: { square: 3, horizontal: null } }))).toEqual([]);
    expect(checkManifest(rule, validManifest({ icons: undefined }))).toEqual([]);
  });
});
