#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { registerNewCommand } from './commands/new';
import { registerPreviewCommands } from './commands/preview';
import { registerReceiveCommand } from './commands/receive';
import { registerRulesCommand } from './commands/rules';
import { registerSendCommand } from './commands/send';
import { registerValidateCommand } from './commands/validate';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { USAGE_EXIT_CODE } from './lib/errors';
import { packageRoot } from './lib/package-root';

function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function buildProgram(): Command {
  const program = new Command('ld-hook-kit')
    .description('Write, check, preview and ship LaunchDarkly change-history event hook integrations.')
    .version(packageVersion(), '-V, --version', 'show the version')
    // Set before the commands are added, which inherit it.
    .helpOption('-h, --help', "show the command's help")
    .helpCommand('help [command]', "show a command's help")
    // Usage errors start like the tool's own errors, `ld-hook-kit: …`, not commander's `error: …`.
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'ld-hook-kit: ')) })
    .showSuggestionAfterError()
    .exitOverride();
  registerValidateCommand(program);
  registerPreviewCommands(program);
  registerSendCommand(program);
  registerReceiveCommand(program);
  registerNewCommand(program);
  registerRulesCommand(program);
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
  // A reader that stops early (`| head`) is not an error: stop writing, quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  void main(process.argv);
}
