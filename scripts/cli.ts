#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { registerNewCommand } from './commands/new';
import { registerPreviewCommands } from './commands/preview';
import { registerReceiveCommand } from './commands/receive';
import { registerSendCommand } from './commands/send';
import { registerValidateCommand } from './commands/validate';
import type { ExitCode } from './commands/shared';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError, USAGE_EXIT_CODE } from './lib/errors';
import { packageRoot } from './lib/package-root';

/**
 * Runs a command's action: user errors print one line on stderr (no stack trace) and set the
 * exit code; anything else is a bug in the tool and says so.
 */
async function run(action: () => ExitCode | Promise<ExitCode>): Promise<void> {
  try {
    process.exitCode = await action();
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`ld-hook-kit: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`ld-hook-kit: internal error, please report it: ${(error as Error)?.stack ?? error}\n`);
    process.exitCode = 70;
  }
}

function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function buildProgram(): Command {
  const program = new Command('ld-hook-kit')
    .description('Write, check, preview and ship LaunchDarkly change-history event hook integrations.')
    .version(packageVersion(), '-V, --version')
    .showSuggestionAfterError()
    .exitOverride();
  registerValidateCommand(program, run);
  registerPreviewCommands(program, run);
  registerSendCommand(program, run);
  registerReceiveCommand(program);
  registerNewCommand(program, run);
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; everything else commander refuses is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
      return;
    }
    throw error;
  }
}

if (require.main === module) {
  void main(process.argv);
}
