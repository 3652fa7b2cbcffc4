#!/usr/bin/env node
// First: the modules imported after it load from the code cache.
import './use-code-cache';
import { Command, CommanderError, Help, type Option } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFileError, USAGE_EXIT_CODE } from './lib/errors';
import { packageRoot } from './lib/package-root';

function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

type Register = (program: Command) => void;

/**
 * Each command's registration, by command name, from a module loaded only when asked for: a run
 * loads what its command needs (validate never loads the HTTP server or the scaffolder), which
 * saves some 30 ms of start-up on every run.
 */
const COMMANDS: Record<string, () => Register> = {
  validate: () => (require('./commands/validate') as typeof import('./commands/validate')).registerValidateCommand,
  // preview and curl share their options and their module.
  preview: () => (require('./commands/preview') as typeof import('./commands/preview')).registerPreviewCommands,
  send: () => (require('./commands/send') as typeof import('./commands/send')).registerSendCommand,
  receive: () => (require('./commands/receive') as typeof import('./commands/receive')).registerReceiveCommand,
  new: () => (require('./commands/new') as typeof import('./commands/new')).registerNewCommand,
  rules: () => (require('./commands/rules') as typeof import('./commands/rules')).registerRulesCommand,
};
const MODULE_OF: Record<string, string> = { curl: 'preview' };

/** What asks for the version alone: it needs no command, so none is loaded. */
const VERSION_FLAGS: ReadonlySet<string> = new Set(['-V', '--version']);

/**
 * The program with the command `name` alone when it names one, none for the version, else with
 * every command (for the help that lists them, and the suggestion for a misspelt one).
 */
export function buildProgram(name?: string): Command {
  const program = new Command('ld-hook-kit')
    .description('Write, check, preview and ship LaunchDarkly change-history event hook integrations.')
    .version(packageVersion(), '-V, --version', 'show the version')
    // Set before the commands are added, which inherit it.
    .helpOption('-h, --help', "show the command's help")
    .helpCommand('help [command]', "show a command's help")
    // A flag is off unless given: "(default: false)" on some flags and not others says nothing, and the README leaves it out.
    .configureHelp({
      optionDescription(this: Help, option: Option): string {
        const shown = option.defaultValue === false ? (Object.create(option, { defaultValue: { value: undefined } }) as Option) : option;
        return Help.prototype.optionDescription.call(this, shown);
      },
    })
    // Usage errors start like the tool's own errors, `ld-hook-kit: …`, not commander's `error: …`.
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'ld-hook-kit: ')) })
    .showSuggestionAfterError()
    .exitOverride();
  for (const registration of registrationsFor(name)) registration()(program);
  return program;
}

function registrationsFor(name: string | undefined): (() => Register)[] {
  if (name === undefined) return Object.values(COMMANDS);
  if (VERSION_FLAGS.has(name)) return [];
  const asked = Object.hasOwn(MODULE_OF, name) ? MODULE_OF[name] : name;
  return Object.hasOwn(COMMANDS, asked) ? [COMMANDS[asked]] : Object.values(COMMANDS);
}

/**
 * Ends the process once what was written to stdout and stderr is out. Every command is done by
 * then (a server or a watch resolves only when stopped), and waiting for the event loop to empty
 * would first wait for V8's background threads to finish optimising code that will not run again:
 * some 10 ms of a short run.
 */
function exitWhenWritten(): void {
  process.stdout.write('', (error) => {
    // A write that failed may not have told its 'error' listener yet (after a fetch, it has not).
    const failed = (error ?? process.stdout.errored) as NodeJS.ErrnoException | null | undefined;
    if (failed && failed.code !== 'EPIPE') cannotWriteOutput(failed);
    process.stderr.write('', () => process.exit());
  });
}

let toldUnwritable = false;

/** Output that cannot be written (a full disk) is the user's to know, in one line, with exit 1. */
function cannotWriteOutput(error: NodeJS.ErrnoException): void {
  if (!toldUnwritable) process.stderr.write(`ld-hook-kit: cannot write the output: ${describeFileError(error)}\n`);
  toldUnwritable = true;
  process.exitCode = 1;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram(argv[2]);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // Help and version exit 0; everything else commander refuses is a usage error.
    process.exitCode = error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
  }
  exitWhenWritten();
}

if (require.main === module) {
  // A reader that stops early (`| head`) is not an error: stop writing, quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') cannotWriteOutput(error);
    process.exit(process.exitCode ?? 0);
  });
  void main(process.argv);
}
