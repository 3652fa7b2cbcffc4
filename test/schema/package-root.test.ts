import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findPackageRoot, packageRoot } from '../../scripts/lib/package-root';

describe('packageRoot', () => {
  it('finds the folder whose package.json is ld-hook-kit’s, with the schemas in it', () => {
    const root = packageRoot();
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string };
    expect(manifest.name).toBe('ld-hook-kit');
    expect(fs.existsSync(path.join(root, 'schemas', 'manifest.schema.json'))).toBe(true);
    expect(path.relative(root, __dirname)).toBe(path.join('test', 'schema'));
  });

  it('gives the same folder from the sources and from the built dist/ layout', () => {
    const root = packageRoot();
    expect(findPackageRoot(path.join(root, 'scripts', 'lib'))).toBe(root);
    expect(findPackageRoot(path.join(root, 'dist', 'scripts', 'lib'))).toBe(root);
  });

  it('does not depend on the working directory', () => {
    const before = process.cwd();
    try {
      process.chdir(os.tmpdir());
      expect(packageRoot()).toBe(findPackageRoot(__dirname));
    } finally {
      process.chdir(before);
    }
  });

  it('skips package.json files of other packages on the way up', () => {
    const root = packageRoot();
    expect(findPackageRoot(path.join(root, 'node_modules', 'ajv', 'dist', 'compile'))).toBe(root);
  });

  it('says so when there is no ld-hook-kit package above', () => {
    expect(() => findPackageRoot(os.tmpdir())).toThrow(/could not find the ld-hook-kit package folder/);
  });
});
