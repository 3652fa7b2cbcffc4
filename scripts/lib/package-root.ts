import * as fs from 'node:fs';
import * as path from 'node:path';

const PACKAGE_NAME = 'ld-hook-kit';

let cached: string | undefined;

function isOurPackage(dir: string): boolean {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    return manifest.name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/** The nearest folder at or above `startDir` whose package.json is ld-hook-kit's. */
export function findPackageRoot(startDir: string): string {
  let dir = path.resolve(startDir);
  for (;;) {
    if (isOurPackage(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`could not find the ${PACKAGE_NAME} package folder above ${startDir}`);
    dir = parent;
  }
}

/**
 * The folder of the installed ld-hook-kit package, where `schemas/` and the other data files
 * live. Found by walking up from this file rather than by a fixed number of `..`, because the
 * code runs both from `scripts/lib` (ts-jest, ts-node) and from `dist/scripts/lib` (built).
 */
export function packageRoot(): string {
  cached ??= findPackageRoot(__dirname);
  return cached;
}
