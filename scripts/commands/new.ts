import * as path from 'node:path';
import { Command, Option } from 'commander';
import { INTERRUPTED_EXIT_CODE, UserError, USAGE_EXIT_CODE } from '../lib/errors';
import { relativePath } from '../lib/integration/paths';
import {
  AUTH_METHODS,
  BODY_TYPES,
  checkDisplayName,
  displayNameProblem,
  checkSite,
  defaultDisplayName,
  EVENT_KINDS,
  oauthKeyFor,
  PLACEHOLDER_SITE,
  scaffoldTarget,
  writeScaffold,
  type AuthMethod,
  type BodyType,
  type EventKind,
  type ScaffoldAnswers,
} from '../lib/scaffold/scaffold';
import { rootOption, run, type ExitCode } from './shared';
import { rootFlag } from '../lib/shell-word';

interface NewCommandOptions {
  root: string;
  yes: boolean;
  displayName?: string;
  site: string;
  auth: AuthMethod;
  kinds: string;
  body: BodyType;
}

const AUTH_LABELS: Record<AuthMethod, string> = {
  'api-key': 'API key in a header',
  bearer: 'Bearer token',
  basic: 'Basic auth (user name and password)',
  hmac: 'HMAC-signed payload',
  oauth: "OAuth (LaunchDarkly connects to the customer's account)",
  none: 'None',
};

function parseKinds(list: string): EventKind[] {
  // Each once: `flag,flag` is one template, and the README names it once.
  const kinds = [...new Set(list.split(',').map((kind) => kind.trim()).filter(Boolean))];
  const unknown = kinds.filter((kind) => !(EVENT_KINDS as readonly string[]).includes(kind));
  if (unknown.length > 0) throw new UserError(`--kinds takes ${EVENT_KINDS.join(', ')}; ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} none of them`, USAGE_EXIT_CODE);
  return kinds as EventKind[];
}

/** A prompt validator from a check that throws: true, or the check's message, about the answer rather than the flag that could give it. */
function promptCheck(check: (value: string) => void, flag: string): (value: string) => true | string {
  return (value) => {
    try {
      check(value);
      return true;
    } catch (error) {
      return (error as Error).message.replace(`${flag} `, 'it ');
    }
  };
}

async function ask(name: string, options: NewCommandOptions): Promise<ScaffoldAnswers> {
  // A flag given is checked first, as --kinds is: offered as the prompt's default, a bad one could only fail again.
  if (options.displayName !== undefined) checkDisplayName(options.displayName);
  if (options.site !== undefined) checkSite(options.site);
  // Loaded only here: the prompt library costs start-up time that no other command should pay.
  const { input, select, checkbox } = await import('@inquirer/prompts');
  const displayName = await input({
    message: 'Display name',
    default: options.displayName ?? defaultDisplayName(name),
    validate: promptCheck(checkDisplayName, '--display-name'),
  });
  const site = await input({
    message: "The service's site",
    default: options.site,
    validate: promptCheck(checkSite, '--site'),
  });
  const auth = await select<AuthMethod>({
    message: 'How does the service authenticate requests?',
    default: options.auth,
    choices: AUTH_METHODS.map((value) => ({ value, name: AUTH_LABELS[value] })),
  });
  const defaults = parseKinds(options.kinds);
  const kinds = await checkbox<EventKind>({
    message: 'Which event kinds get their own template? (others use the default template)',
    choices: EVENT_KINDS.map((value) => ({ value, checked: defaults.includes(value) })),
    validate: (chosen) => (chosen.length > 0 ? true : 'choose at least one'),
  });
  const body = await select<BodyType>({
    message: 'Request body',
    default: options.body,
    choices: [
      { value: 'json', name: 'JSON' },
      { value: 'text', name: 'Plain text' },
    ],
  });
  return { name, displayName, site, auth, kinds, body };
}

/** The answers, asked for; stopping a prompt (Ctrl-C, end of input) is the user's choice, not a failure. */
async function askOrStop(name: string, options: NewCommandOptions): Promise<ScaffoldAnswers> {
  try {
    return await ask(name, options);
  } catch (error) {
    if ((error as Error)?.name === 'ExitPromptError') throw new UserError('stopped; nothing was written', INTERRUPTED_EXIT_CODE);
    throw error;
  }
}

/** The display name made from the folder name; when it cannot be one, the error says where it came from. */
function derivedDisplayName(name: string): string {
  const displayName = defaultDisplayName(name);
  const problem = displayNameProblem(displayName);
  if (problem) throw new UserError(`the display name made from the folder name ${problem}: give one with --display-name`, USAGE_EXIT_CODE);
  return displayName;
}

async function runNew(name: string, options: NewCommandOptions): Promise<ExitCode> {
  // What no answer can change is checked before the first question.
  scaffoldTarget(path.resolve(options.root), name);
  const kinds = parseKinds(options.kinds);
  const interactive = !options.yes && Boolean(process.stdin.isTTY && process.stdout.isTTY);
  // Asked, none is only a default with no box checked; not asked, it is the answer.
  if (!interactive && kinds.length === 0) throw new UserError(`--kinds needs at least one of ${EVENT_KINDS.join(', ')}`, USAGE_EXIT_CODE);
  const answers: ScaffoldAnswers = interactive
    ? await askOrStop(name, options)
    : {
        name,
        displayName: options.displayName ?? derivedDisplayName(name),
        site: options.site,
        auth: options.auth,
        kinds,
        body: options.body,
      };
  const folder = writeScaffold(path.resolve(options.root), answers);
  const shown = relativePath(process.cwd(), folder) || folder;
  const root = rootFlag(options.root);
  const firstKind = answers.kinds[0];
  const context = firstKind === 'flag' ? '' : ` --context all`;
  process.stdout.write(
    `Created ${shown}\n\nNext:\n  ld-hook-kit preview ${name}${root}${context}\n  ld-hook-kit validate ${name} --strict${root}\n` +
      (answers.site === PLACEHOLDER_SITE
        ? 'Then replace the placeholders: the site, the support email, the endpoint and the icons.\n'
        : 'Then check what was made from the site (the support email, the privacy policy and endpoint urls) and replace the icons.\n') +
      (answers.auth === 'oauth'
        ? `LaunchDarkly registers the OAuth client that oauthIntegrationKey ("${oauthKeyFor(name)}") names: agree on it with them before you submit.\n`
        : ''),
  );
  return 0;
}

export function registerNewCommand(program: Command): void {
  program
    .command('new')
    .description('scaffold a new integration folder that passes validate --strict at once')
    .argument('<name>', 'folder name: lowercase letters, digits and hyphens')
    .addOption(rootOption())
    .option('-y, --yes', 'ask nothing: take the options and defaults (also without a terminal)', false)
    .option('--display-name <text>', 'the name people see (default: from <name>)')
    .option('--site <url>', "the service's site", PLACEHOLDER_SITE)
    .addOption(new Option('--auth <method>', 'how the service authenticates requests').choices(AUTH_METHODS).default('api-key'))
    .option('--kinds <list>', `comma-separated event kinds with their own template (${EVENT_KINDS.join(', ')})`, 'flag')
    .addOption(new Option('--body <type>', 'request body type').choices(BODY_TYPES).default('json'))
    .addHelpText(
      'after',
      '\nExit codes: 0 created; 1 the folder exists or cannot be written; 2 usage error (a name, option or root it cannot use); 130 stopped at a question.\n' +
        '\nExamples:\n  $ ld-hook-kit new acme-alerts\n  $ ld-hook-kit new acme-alerts --yes --site https://acme.example --auth bearer --kinds flag,project',
    )
    .action((name: string, options: NewCommandOptions) => run(() => runNew(name, options)));
}
