// Test-only entry point: the receive command alone, wired the way scripts/cli.ts wires commands
// (commander's refusals become exit code 2).
import { Command, CommanderError } from 'commander';
import { registerReceiveCommand } from '../../scripts/commands/receive';

const program = new Command('ld-hook-kit').exitOverride();
registerReceiveCommand(program);
program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
    return;
  }
  throw error;
});
