/**
 * The last step of `npm run build`: runs the tool's main commands once, in this process, on the
 * package's own integrations, and writes the code V8 compiled for them as the code cache that
 * every run then starts from (see scripts/code-cache.ts).
 */
import * as path from 'node:path';
import { CODE_CACHE_FILE, recordCodeCache } from '../code-cache';

// Recording starts before the tool's modules load, so that each of them is recorded.
const recorder = recordCodeCache();
const { buildProgram } = require('../cli') as typeof import('../cli');
const { packageRoot } = require('../lib/package-root') as typeof import('../lib/package-root');

const root = packageRoot();
// validate first, whose speed is measured: the modules it shares with the others keep the code
// it compiled, no more.
const TRAINING_PHASES = [
  [
    ['validate', '--root', root, '--no-cache'],
    ['validate', '--root', root, '--no-cache', '--format', 'json'],
  ],
  [
    ['preview', 'discord', '--root', root],
    ['curl', 'discord', '--root', root],
  ],
];

/** Written output thrown away, as written: a write's callback is still called. */
function discard(_chunk: unknown, encodingOrDone?: unknown, done?: unknown): boolean {
  const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
  if (typeof callback === 'function') process.nextTick(callback as () => void);
  return true;
}

/** Runs `args` as the command line would, its output thrown away. */
async function runQuietly(args: string[]): Promise<void> {
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = process.stderr.write = discard as typeof process.stdout.write;
  try {
    await buildProgram(args[0]).parseAsync(args, { from: 'user' });
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
}

async function main(): Promise<void> {
  for (const phase of TRAINING_PHASES) {
    for (const args of phase) {
      await runQuietly(args);
      // Findings in the integrations (an edited copy of discord, say) are no failure of the build,
      // but a run that stopped early leaves modules out of the cache: worth a note.
      if (process.exitCode === 2) {
        process.stderr.write(`code cache: note: \`ld-hook-kit ${args.join(' ')}\` exited with 2; what it would have loaded is left out\n`);
      }
      process.exitCode = 0;
    }
    recorder.seal();
  }
  const { modules, bytes } = recorder.save();
  process.stdout.write(`code cache: ${modules} modules, ${(bytes / 1e6).toFixed(1)} MB, in ${path.relative(root, CODE_CACHE_FILE)}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`code cache: ${error.message}\n`);
  process.exitCode = 1;
});
