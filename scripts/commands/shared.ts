import { InvalidArgumentError, Option } from 'commander';
import { UserError, USAGE_EXIT_CODE } from '../lib/errors';
import { visible } from '../lib/format/visible';
import { maskSecrets } from '../lib/delivery/mask';
import { URL_CONTROL } from '../lib/http-syntax';
import { TEMPLATE_KINDS } from '../lib/integration/manifest';
import type { Sample } from '../lib/samples/types';

/** What every command's action gives back: the process exit code. */
export type ExitCode = number;

export function rootOption(): Option {
  return new Option('--root <dir>', 'folder laid out like the integration-framework repository (holds integrations/)')
    // An empty one (`--root "$FORK"` unset) would be the working folder, which `new` would write into.
    .argParser(nonEmpty('--root', ': give a folder ("." for this one)'))
    .default('.');
}

/** An option parser refusing an empty value, which an unset shell variable gives. */
export function nonEmpty(option: string, hint = ''): (value: string) => string {
  return (value) => {
    if (value === '') throw new InvalidArgumentError(`${option} must not be empty${hint}`);
    return value;
  };
}

// No default list: commander would print "(default: [])" in the help.
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function varOption(): Option {
  return new Option('--var <key=value>', 'a form variable value (repeatable; a multiselect takes a,b or a JSON array); secret ones are masked in all output')
    .argParser(collect);
}

export function templateOption(): Option {
  return new Option('--template <kind>', 'render this template instead of the one the event picks').choices(TEMPLATE_KINDS);
}

export function contextOption(): Option {
  return new Option(
    '--context <ref>',
    'sample event ref (flag/update-rules), path to an event JSON file, or "all" (default: a flag targeting change, ' +
      "flag/update-rules; with --template, the canonical event of the kind that template receives, an environment event for validation)",
  );
}

/** The --keep-timestamp of preview, curl and send, which otherwise move the event to now. */
export function keepTimestampOption(): Option {
  return new Option('--keep-timestamp', "keep the event's own timestamp; by default it is moved to now, as the framework's preview does, since some services refuse old events");
}

/** The --to of send and curl, which both keep the endpoint's method: described alike. */
export function toOption(): Option {
  return new Option('--to <url>', 'send here instead of the rendered URL (a local receiver, say)');
}

/** Refuses a --to that is not an http(s) URL naming its host, quoting it with `secrets` masked (a local stand-in for Discord's url holds the token). */
export function checkToUrl(url: string, secrets: readonly string[]): void {
  const quoted = JSON.stringify(maskSecrets(url, secrets));
  // URL() drops tabs and line breaks silently; HTTP forbids them, so the url as written is refused.
  if (URL_CONTROL.test(url)) throw new UserError(`--to holds a line break or another control character, which HTTP forbids: ${quoted}`, USAGE_EXIT_CODE);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`--to must be an absolute http(s) URL, got ${quoted}`, USAGE_EXIT_CODE);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UserError(`--to must be an http or https URL, got ${quoted}`, USAGE_EXIT_CODE);
  }
  // URL() reads `http:///x` and `http:x` as host x: a typo would send somewhere not written.
  if (!/^\s*https?:\/\/[^/\\?#]/i.test(url)) {
    throw new UserError(`--to must name its host right after the scheme (http://host/...), got ${quoted}`, USAGE_EXIT_CODE);
  }
  if (parsed.username || parsed.password) {
    // fetch refuses such URLs, and the credentials would be printed with every request.
    throw new UserError('--to must not carry a user name or password: give credentials to the integration\'s headers instead', USAGE_EXIT_CODE);
  }
}

/** The longest delay Node's timers take (about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Parses a whole number option from `min` up to `max`, as a usage error when it is not one. */
export function wholeNumber(option: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = /^(0|[1-9]\d*)$/.test(value) ? Number(value) : NaN;
    if (!(n >= min && n <= max)) throw new InvalidArgumentError(`${option} takes a whole number from ${min} to ${max}, got "${value}"`);
    return n;
  };
}

/** The notes on the event files the user gave (`--context path`), once each. */
export function eventFileNotes(items: { sample: Sample }[]): string[] {
  return [...new Set(items.flatMap((item) => item.sample.notes ?? []))];
}

/**
 * Prints notes lib/ returned (never secrets) on stderr, where they stay out of a JSON document or a
 * script on stdout; escaped, since they quote paths and form variable keys.
 */
export function printNotes(notes: string[]): void {
  for (const note of notes) process.stderr.write(`ld-hook-kit: note: ${visible(note)}\n`);
}

/** What process.cwd() throws once the folder the tool runs in is removed: no bug of the tool's. */
function isWorkingFolderGone(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT' && (error as NodeJS.ErrnoException).syscall === 'uv_cwd';
}

/** Exit code for a bug in the tool itself (EX_SOFTWARE). */
const INTERNAL_ERROR_EXIT_CODE = 70;

/**
 * Runs a command's action: a user error prints one line on stderr (no stack trace) and gives
 * its exit code; anything else is a bug in the tool and says so.
 */
export async function execute(action: () => ExitCode | Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof UserError) {
      // A message may quote a path or value from outside, with control characters a terminal would act on; its own lines stay lines.
      process.stderr.write(`ld-hook-kit: ${error.message.split('\n').map(visible).join('\n')}\n`);
      return error.exitCode;
    }
    if (isWorkingFolderGone(error)) {
      process.stderr.write('ld-hook-kit: the current folder no longer exists (it was deleted or moved): cd to one that does\n');
      return USAGE_EXIT_CODE;
    }
    process.stderr.write(`ld-hook-kit: internal error, please report it: ${(error as Error)?.stack ?? String(error)}\n`);
    return INTERNAL_ERROR_EXIT_CODE;
  }
}

/** Runs a command's action through execute and makes its exit code the process's. */
export async function run(action: () => ExitCode | Promise<ExitCode>): Promise<void> {
  process.exitCode = await execute(action);
}
