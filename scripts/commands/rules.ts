import { Command, Option } from 'commander';
import { USAGE_EXIT_CODE, UserError } from '../lib/errors';
import { paint, wantsColor } from '../lib/format';
import { formatRuleDetails, formatRuleList, formatRulesJson, RULES_FORMATS, type RulesFormat } from '../lib/format/rules';
import { ruleCatalog, type RuleDoc } from '../lib/rules/catalog';
import { INTERNAL_RULE_ID } from '../lib/rules/run';
import { closest } from '../lib/suggest';
import { run, type ExitCode } from './shared';

interface RulesCommandOptions {
  format: RulesFormat;
}

/** True when every `-`-separated word of `words` is a word of `id`, in the same order: `json-escaping` of `json-template-escaping`. */
function wordsInOrder(words: string, id: string): boolean {
  const wanted = words.split('-');
  const have = id.split('-');
  let at = 0;
  for (const word of wanted) {
    at = have.indexOf(word, at) + 1;
    if (at === 0) return false;
  }
  return wanted.length > 1;
}

function pick(catalog: RuleDoc[], ids: string[]): RuleDoc[] {
  const known = catalog.map((doc) => doc.id);
  return ids.map((id) => {
    const doc = catalog.find((candidate) => candidate.id === id);
    if (doc) return doc;
    if (id === INTERNAL_RULE_ID) {
      throw new UserError(
        `\`${INTERNAL_RULE_ID}\` is not a rule: one of ld-hook-kit's checks failed unexpectedly, which is a bug in the tool. ` +
          "The finding's message names the check; please report it with that message and the manifest that caused it.",
      );
    }
    // A rule's beginning (`json-template`), or some of its words in order (`json-escaping`), is as good a clue as a typo of it.
    const near = closest(id, known, { alsoClose: (candidate, word) => word.length >= 4 && (candidate.startsWith(word) || wordsInOrder(word, candidate)) });
    const hint = near.length > 0 ? ` (did you mean ${near.map((name) => `\`${name}\``).join(', ')}?)` : '';
    throw new UserError(`unknown rule \`${id}\`${hint}; \`ld-hook-kit rules\` lists them all`, USAGE_EXIT_CODE);
  });
}

function showRules(ids: string[], options: RulesCommandOptions): ExitCode {
  const catalog = ruleCatalog();
  const chosen = ids.length > 0 ? pick(catalog, [...new Set(ids)]) : catalog;
  const p = paint(wantsColor(process.stdout));
  if (options.format === 'json') process.stdout.write(formatRulesJson(chosen));
  else process.stdout.write(ids.length > 0 ? formatRuleDetails(chosen, p) : formatRuleList(chosen, p));
  return 0;
}

export function registerRulesCommand(program: Command): void {
  program
    .command('rules')
    .description('list what validate checks, or explain rules and how to fix what they report')
    .argument('[rule...]', 'rule ids as findings show them (default: list every rule)')
    .addOption(new Option('--format <format>', 'output format').choices(RULES_FORMATS).default('text'))
    .addHelpText('after', '\nExit codes: 0 shown; 2 usage error (a rule id that is none).\n\nExamples:\n  $ ld-hook-kit rules\n  $ ld-hook-kit rules json-template-escaping\n  $ ld-hook-kit rules --format json')
    .action((ids: string[], options: RulesCommandOptions) => run(() => showRules(ids, options)));
}
