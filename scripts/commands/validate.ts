import { Command, Option } from 'commander';
import { summarize } from '../lib/findings';
import { FINDINGS_FORMATS, formatFindings, wantsColor, type FindingsFormat } from '../lib/format';
import { formatTimings } from '../lib/format/timings';
import { defaultCacheFile, toolCacheKey } from '../lib/results-cache';
import { loadSamples } from '../lib/samples/load';
import { validateIntegrations } from '../lib/validate';
import { CheckTimings } from '../lib/rules/timings';
import { applyEdits, type FixResult } from '../lib/fix';
import { rootOption, run, type ExitCode } from './shared';
import { integrationsFolder, watchAndRerun, watchedFolders } from './watch';
import { plural } from '../lib/plural';
import { plainShellWord } from '../lib/shell-word';

interface ValidateCommandOptions {
  root: string;
  format: FindingsFormat;
  strict: boolean;
  watch: boolean;
  cache: boolean;
  fix: boolean;
  timing: boolean;
}

/** What --fix did, if anything, on stderr: stdout holds the findings, a JSON document with --format json. */
function printFixed(fixed: FixResult): void {
  if (fixed.fixed.length > 0) {
    const edits = fixed.fixed.reduce((sum, file) => sum + file.edits, 0);
    const files = fixed.fixed.map((file) => file.file).join(', ');
    process.stderr.write(`ld-hook-kit: made ${plural(edits, 'fix')} in ${plural(fixed.fixed.length, 'file')} (${files})\n`);
  }
  if (fixed.left > 0) {
    process.stderr.write(`ld-hook-kit: left ${plural(fixed.left, 'fix')} for another run: their text changed since the check, or another fix overlaps them\n`);
  }
  for (const { file, reason } of fixed.refused) process.stderr.write(`ld-hook-kit: ${file}: not fixed: ${reason}\n`);
}

function runValidate(names: string[], options: ValidateCommandOptions): ExitCode {
  const check = (timings?: CheckTimings) =>
    validateIntegrations({
      root: options.root,
      names,
      samples: () => loadSamples(),
      cache: options.cache ? { file: defaultCacheFile(options.root), key: toolCacheKey() } : undefined,
      timings,
    });
  let timings = options.timing ? new CheckTimings() : undefined;
  let results = check(timings);
  let refused = false;
  if (options.fix) {
    const fixed = applyEdits(options.root, results);
    printFixed(fixed);
    refused = fixed.refused.length > 0;
    // What is left is what the files say now; that check, whose findings are reported, is the one timed.
    if (fixed.fixed.length > 0) {
      timings = timings && new CheckTimings();
      results = check(timings);
    }
  }
  // The same integrations and root as this run: in a fork, a bare `--fix` would rewrite every partner's templates.
  const fixCommand = ['ld-hook-kit', 'validate', ...names, '--fix', ...(options.root !== '.' ? ['--root', options.root] : [])].map(plainShellWord).join(' ');
  process.stdout.write(formatFindings(options.format, results, { strict: options.strict, color: wantsColor(process.stdout), fixRan: options.fix, fixCommand }));
  if (timings) process.stderr.write(formatTimings(timings.rows(), timings.integrations));
  return refused || summarize(results, options.strict).errors > 0 ? 1 : 0;
}

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check integrations against the framework schema, its CI rules and deeper checks')
    .argument('[name...]', 'integration folder names under <root>/integrations (default: all)')
    .addOption(rootOption())
    .addOption(new Option('--format <format>', 'output format').choices(FINDINGS_FORMATS).default('text'))
    .option('--strict', 'treat warnings as errors', false)
    .option('--watch', 're-run when a manifest, template or sample event changes', false)
    .option('--no-cache', 'check every integration again instead of reusing the results of unchanged ones')
    .option('--timing', 'print on stderr how long each check took, the slowest first', false)
    .addOption(new Option('--fix', 'rewrite templates and manifests to fix what has a sure fix, then report what is left').default(false).conflicts('watch'))
    .addHelpText(
      'after',
      '\nExit codes: 0 no errors, 1 errors found, 2 usage error. With --fix, the findings left after fixing count, and a file it could not write is an error.\n\nExamples:\n  $ ld-hook-kit validate\n  $ ld-hook-kit validate discord --strict\n  $ ld-hook-kit validate discord --fix\n  $ ld-hook-kit validate --root ../integration-framework --format github',
    )
    .action((names: string[], options: ValidateCommandOptions) =>
      run(() =>
        options.watch
          ? // With names, every other manifest too: oauth-key-unique compares the integrations checked with them.
            watchAndRerun(watchedFolders(options.root, names), () => runValidate(names, options), names.length > 0 ? integrationsFolder(options.root) : undefined)
          : runValidate(names, options),
      ),
    );
}
