/**
 * Times `ld-hook-kit validate` end to end (Node start-up included) over a generated tree of
 * 150 varied integrations of every capability (the corpus the acceptance tests use), and over
 * one integration, then shows which checks the cold run's time goes to. Run with `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageRoot } from '../lib/package-root';
import { generateCorpus } from './corpus';

const INTEGRATIONS = 150;
const RUNS = 7;

function generateTree(): { root: string; names: string[] } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ld-hook-kit-bench-'));
  return { root, names: generateCorpus(root, INTEGRATIONS) };
}

const CLI = path.join(packageRoot(), 'dist/scripts/cli.js');

/** Whether the runs start from the build's code cache: figures without it are some 30 ms slower a run. */
function describeCodeCache(): string {
  const file = path.join(packageRoot(), 'dist/code-cache.bin');
  if (!fs.existsSync(file)) return 'code cache: none (`npm run build` makes it); every run compiles its modules';
  return `code cache: ${path.relative(packageRoot(), file)}, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB`;
}

function time(args: string[], env: NodeJS.ProcessEnv = {}): { median: number; min: number; status: number | null } {
  const times: number[] = [];
  let status: number | null = null;
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, ...env } });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    status = result.status;
    if (result.status !== 0 && run === 0) process.stderr.write(result.stdout + result.stderr);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], status };
}

function main(): void {
  const { root, names } = generateTree();
  const emptyRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ld-hook-kit-bench-empty-'));
  fs.mkdirSync(path.join(emptyRoot, 'integrations'));
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ld-hook-kit-bench-cache-'));
  try {
    // The first run fills the cache; the median is of runs that find nothing changed.
    const cached = { LD_HOOK_KIT_CACHE_DIR: cacheDir };
    const rows = [
      ['150 integrations, cold (--no-cache)', time([CLI, 'validate', '--root', root, '--format', 'json', '--no-cache'])],
      ['150 integrations, nothing changed', time([CLI, 'validate', '--root', root, '--format', 'json'], cached)],
      // The first integration of the corpus renders templates of every kind.
      ['1 integration, cold (--no-cache)', time([CLI, 'validate', names[0], '--root', root, '--format', 'json', '--no-cache'])],
      // The floor under every run: the tool with nothing to check, and Node itself.
      ['start-up: no integration to check', time([CLI, 'validate', '--root', emptyRoot, '--format', 'json', '--no-cache'])],
      ['Node alone (node -e 0)', time(['-e', '0'])],
    ] as const;
    process.stdout.write(`node ${process.version}, ${os.cpus().length} cores, ${RUNS} runs each (wall time, start-up included)\n`);
    process.stdout.write(`${describeCodeCache()}\n`);
    for (const [label, result] of rows) {
      process.stdout.write(`${label.padEnd(40)} median ${result.median.toFixed(0)} ms, min ${result.min.toFixed(0)} ms, exit ${result.status}\n`);
    }
    // Apart from the timed runs, so that timing the checks adds nothing to their figures.
    const timing = spawnSync(process.execPath, [CLI, 'validate', '--root', root, '--format', 'json', '--no-cache', '--timing'], { encoding: 'utf8' });
    process.stdout.write(`\nWhere one cold run over the 150 spends its checking time (validate --timing):\n${timing.stderr}`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(emptyRoot, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

main();
