/** Why a template file named in a manifest could not be read: by the system's error code, or by its path alone. */
export type TemplateReadFailure = 'missing' | 'folder' | 'trailing-slash' | 'unreadable';

/**
 * A path ending with a slash names a folder: resolving it drops the slash and leads to the file,
 * but a reader that opens it as written fails (ENOTDIR), so it is refused before any reading.
 */
export function endsWithSlash(file: string): boolean {
  return file.endsWith('/');
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
    case 'trailing-slash':
      return `${named} names "${file}", which ends with a slash, so it names a folder, not a template file`;
    case 'unreadable':
      return `${named} names "${file}", which cannot be read: ${reason ?? 'unknown error'}`;
  }
}
