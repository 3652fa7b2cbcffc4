import type * as Chokidar from 'chokidar';
import { execute, type ExitCode } from './shared';

const CLEAR_SCREEN = '\u001b[2J\u001b[3J\u001b[H';
const SETTLE_MS = 120;

/**
 * Runs `action` now and again whenever a file under `paths` changes, clearing the screen first.
 * Errors (a half-typed manifest, a template that does not parse) are shown and watching goes on.
 * Resolves when the process is interrupted.
 */
export function watchAndRerun(paths: string[], action: () => ExitCode | Promise<ExitCode>): Promise<ExitCode> {
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const rerun = () => {
    running = running.then(async () => {
      if (process.stdout.isTTY) process.stdout.write(CLEAR_SCREEN);
      await execute(action);
      process.stdout.write(`\n[watching ${paths.length} folder(s) for changes; Ctrl-C to stop]\n`);
    });
  };
  // Loaded here: only --watch needs it, and every other run should not pay for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { watch } = require('chokidar') as typeof Chokidar;
  const watcher = watch(paths, { ignoreInitial: true, ignored: /(^|[/\\])(node_modules|\.git)([/\\]|$)/ });
  watcher.on('all', () => {
    clearTimeout(timer);
    timer = setTimeout(rerun, SETTLE_MS);
  });
  // Changes made before the first scan ends would be missed: the first run waits for it.
  watcher.once('ready', rerun);
  return new Promise((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      void watcher.close().then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
