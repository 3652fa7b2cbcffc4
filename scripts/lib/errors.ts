/**
 * An error caused by the user's input (a bad option, a missing file, an unparsable manifest).
 * The CLI prints its message alone, without a stack trace, and exits with `exitCode`.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Exit code for command-line usage errors (unknown option, missing root, unknown integration). */
export const USAGE_EXIT_CODE = 2;

/** Exit code when the user stops the command (Ctrl-C), as shells report a SIGINT: 128 + 2. */
export const INTERRUPTED_EXIT_CODE = 130;

/**
 * A file system error in words and code, "permission denied (EACCES)", from Node's message
 * ("EACCES: permission denied, open '...'"), which also names the path the caller names already.
 */
export function describeFileError(error: unknown): string {
  const { code, message } = (error ?? {}) as NodeJS.ErrnoException;
  const words = code && message ? new RegExp(`^${code}: ([^,]+)`).exec(message)?.[1] : undefined;
  return words ? `${words} (${code})` : code ?? String(error);
}
