import { Command, Option } from 'commander';
import { summarize } from '../lib/findings';
import { FINDINGS_FORMATS, formatFindings, wantsColor, type FindingsFormat } from '../lib/format';
import { defaultCacheFile, toolCacheKey } from '../lib/results-cache';
import { loadSamples } from '../lib/samples/load';
import { validateIntegrations } from '../lib/validate';
import { rootOption, run, type ExitCode } from './shared';
import { watchAndRerun, watchedFolders } from './watch';

export interface ValidateCommandOptions {
  root: string;
  format: FindingsFormat;
  strict: boolean;
  watch: boolean;
  cache: boolean;
}

export function runValidate(names: string[], options: ValidateCommandOptions): ExitCode {
  const results = validateIntegrations({
    root: options.root,
    names,
    samples: () => loadSamples(),
    cache: options.cache ? { file: defaultCacheFile(options.root), key: toolCacheKey() } : undefined,
  });
  process.stdout.write(formatFindings(options.format, results, { strict: options.strict, color: wantsColor(process.stdout) }));
  return summarize(results, options.strict).errors > 0 ? 1 : 0;
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
    .addHelpText(
      'after',
      '\nExit codes: 0 no errors, 1 errors found, 2 usage error.\n\nExamples:\n  $ ld-hook-kit validate\n  $ ld-hook-kit validate discord --strict\n  $ ld-hook-kit validate --root ../integration-framework --format github',
    )
    .action((names: string[], options: ValidateCommandOptions) =>
      run(() =>
        options.watch
          ? watchAndRerun(watchedFolders(options.root, names), () => runValidate(names, options))
          : runValidate(names, options),
      ),
    );
}
