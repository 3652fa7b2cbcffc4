import * as fs from 'node:fs';
import * as path from 'node:path';
import { closest } from '../suggest';

export type ConfinedPath = { ok: true; absolute: string } | { ok: false; reason: string };

/** True when `candidate` is `folder` or lies under it. `..flag.json` is a file name, not an escape. */
export function isInside(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative !== '..' && !relative.startsWith('..' + path.sep) && !path.isAbsolute(relative);
}

/**
 * Resolves a path written in a manifest against the integration folder, refusing anything that
 * leaves it: absolute paths, `..` escapes and symbolic links that point outside, a link to a file
 * that does not exist included. A path that does not exist is judged by where it would be.
 */
export function resolveInsideFolder(folder: string, manifestPath: string): ConfinedPath {
  if (manifestPath.includes('\0')) return { ok: false, reason: 'it contains a NUL character' };
  if (path.isAbsolute(manifestPath) || /^[a-zA-Z]:[\\/]/.test(manifestPath) || manifestPath.startsWith('\\')) {
    return { ok: false, reason: 'it is absolute; paths are relative to the integration folder' };
  }
  const absolute = path.resolve(folder, manifestPath);
  if (!isInside(folder, absolute)) {
    return { ok: false, reason: 'it leaves the integration folder' };
  }
  const real = realPathSoFar(absolute);
  // No link on the way: the textual check above already holds for the real path.
  if (real === absolute) return { ok: true, absolute };
  let realFolder: string;
  try {
    realFolder = fs.realpathSync.native(folder);
  } catch {
    realFolder = folder;
  }
  if (!isInside(realFolder, real)) {
    return { ok: false, reason: 'it is a symbolic link that points outside the integration folder' };
  }
  return { ok: true, absolute };
}

/** Links followed before giving up, as the systems that stop at a loop do. */
const MAX_LINKS = 40;

/**
 * Where `absolute` really leads, as far as that can be told: every link on the way followed, a
 * final link to nothing to where it points (`templates/flag.json -> /elsewhere/gone.json`), and
 * the part that does not exist as written. A path that does not exist is judged by where it would
 * be, so that a link out is refused even before its target exists.
 */
export function realPathSoFar(absolute: string, links = 0): string {
  try {
    return fs.realpathSync.native(absolute);
  } catch {
    // Not there, or a link to nothing (or a loop): read on below.
  }
  let linked: string | undefined;
  try {
    if (fs.lstatSync(absolute).isSymbolicLink()) linked = fs.readlinkSync(absolute);
  } catch {
    // Not there at all.
  }
  if (linked !== undefined) {
    return links < MAX_LINKS ? realPathSoFar(path.resolve(path.dirname(absolute), linked), links + 1) : absolute;
  }
  const parent = path.dirname(absolute);
  return parent === absolute ? absolute : path.join(realPathSoFar(parent, links), path.basename(absolute));
}

/** True when `candidate` exists and is a folder (through symbolic links). */
export function isDirectory(candidate: string): boolean {
  try {
    return fs.statSync(candidate).isDirectory();
  } catch {
    return false;
  }
}

/** Forward-slash path of `absolute` relative to `from`, for findings and messages. */
export function relativePath(from: string, absolute: string): string {
  return path.relative(from, absolute).split(path.sep).join('/');
}

/**
 * A file beside the missing `file` (a path as the manifest writes it) that it may be a typo of,
 * or the file renamed (`flag.json.hbs` for `flag.json`): as the manifest would write it, and only
 * from a folder inside the integration folder `dir`; among the names `fits` takes, when given
 * (an icon must be an `.svg`).
 */
function nearFile(dir: string, file: string, fits: (name: string) => boolean = () => true): string | undefined {
  const folder = path.posix.dirname(file);
  const confined = resolveInsideFolder(dir, folder);
  if (!confined.ok) return undefined;
  let names: string[];
  try {
    names = fs.readdirSync(confined.absolute, { withFileTypes: true }).filter((entry) => entry.isFile() && fits(entry.name)).map((entry) => entry.name);
  } catch {
    return undefined;
  }
  const renamed = (candidate: string, word: string) => candidate.startsWith(`${word}.`) || word.startsWith(`${candidate}.`);
  const [near] = closest(path.posix.basename(file), names, { limit: 1, alsoClose: renamed });
  return near === undefined ? undefined : folder === '.' ? near : `${folder}/${near}`;
}

/**
 * The words for a file the manifest names (`named`: `templates.flag`, `icons.square`) that is not
 * in the integration folder `dir`, with the file beside it that was likely meant (see nearFile).
 */
export function describeMissingFile(named: string, dir: string, file: string, fits?: (name: string) => boolean): string {
  const near = nearFile(dir, file, fits);
  return `${named} names "${file}", which does not exist in the integration folder${near === undefined ? '' : `; did you mean "${near}"?`}`;
}
