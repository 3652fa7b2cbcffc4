import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeMissingFile } from '../integration/paths';

/** Why a template file named in a manifest could not be read: by the system's error code, or by its path as written. */
export type TemplateReadFailure = 'missing' | 'folder' | 'folder-path' | 'detour' | 'unreadable';

/**
 * Why the path as written cannot be opened, where resolving it (as the kit does) leads to a file:
 * one ending with a slash, `.` or `..` names a folder (`templates/flag.json/.`), and one that
 * goes through `..` needs the folder before it (`templates/nope/../flag.json`). The framework's
 * CI opens the path as written, and fails. Undefined for a path that opens as written.
 */
export function writtenPathFailure(dir: string, file: string): TemplateReadFailure | undefined {
  if (/(^|\/)\.{0,2}$/.test(file)) return 'folder-path';
  if (!/(^|\/)\.\.\//.test(file)) return undefined;
  try {
    // Joined, not resolved: the system walks each part, the folder before `..` included, and
    // through a link there it leads elsewhere than the resolved path does.
    return fs.realpathSync.native(`${dir}/${file}`) === fs.realpathSync.native(path.resolve(dir, file)) ? undefined : 'detour';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'detour' : undefined;
  }
}

export function readFailureOf(code: string): TemplateReadFailure {
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
  return code === 'EISDIR' ? 'folder' : 'unreadable';
}

/**
 * The words for a template file that could not be read, after what names it (`templates.flag`):
 * validate and the commands that render say it alike. A missing file's name is compared with the
 * files beside it in the integration folder `dir`.
 */
export function describeReadFailure(named: string, dir: string, file: string, failure: TemplateReadFailure, reason?: string): string {
  switch (failure) {
    case 'missing':
      return describeMissingFile(named, dir, file);
    case 'folder':
      return `${named} names "${file}", which is a folder, not a template file`;
    case 'folder-path':
      if (file === '') return `${named} is empty: it names no template file`;
      return `${named} names "${file}", which ends with ${file.endsWith('/') ? 'a slash' : `"${file.slice(file.lastIndexOf('/') + 1)}"`}, so it names a folder, not a template file`;
    case 'detour':
      return `${named} names "${file}", which as written (the framework's CI opens it so) is not the file it names once resolved: a folder before a ".." is missing, a file, or a link elsewhere`;
    case 'unreadable':
      return `${named} names "${file}", which cannot be read: ${reason ?? 'unknown error'}`;
  }
}
