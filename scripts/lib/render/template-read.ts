/** Why a template file named in a manifest could not be read: by the system's error code, or by its path alone. */
export type TemplateReadFailure = 'missing' | 'folder' | 'folder-path' | 'unreadable';

/**
 * A path ending with a slash, `.` or `..` names a folder: resolving it leads to a file
 * (`templates/flag.json/.` to templates/flag.json), but a reader that opens it as written, as the
 * framework's CI does, fails (ENOTDIR), so it is refused before any reading.
 */
export function namesFolderByItsEnd(file: string): boolean {
  return /(^|\/)\.{0,2}$/.test(file);
}

export function readFailureOf(code: string): TemplateReadFailure {
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
  return code === 'EISDIR' ? 'folder' : 'unreadable';
}

/**
 * The words for a template file that could not be read, after what names it (`templates.flag`):
 * validate and the commands that render say it alike.
 */
export function describeReadFailure(named: string, file: string, failure: TemplateReadFailure, reason?: string): string {
  switch (failure) {
    case 'missing':
      return `${named} names "${file}", which does not exist in the integration folder`;
    case 'folder':
      return `${named} names "${file}", which is a folder, not a template file`;
    case 'folder-path':
      return `${named} names "${file}", which ends with ${file.endsWith('/') ? 'a slash' : `"${file.slice(file.lastIndexOf('/') + 1)}"`}, so it names a folder, not a template file`;
    case 'unreadable':
      return `${named} names "${file}", which cannot be read: ${reason ?? 'unknown error'}`;
  }
}
