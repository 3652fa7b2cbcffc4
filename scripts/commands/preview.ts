import { Command, Option } from 'commander';
import { ENV_PREFIX, givenValues, oauthFromEnvironment } from '../lib/requests/given-values';
import { curlSends, formatCurlCommands, formatRequestText, requestJson, requestView } from '../lib/format/requests';
import { wantsColor } from '../lib/format';
import type { TemplateKind } from '../lib/integration/manifest';
import { formatPullRequestPreview } from '../lib/format/markdown';
import { curlValuesMissing, defaultSampleRef, NothingToRenderError, openIntegrationToRender, planRequests, withCredentialsOf, type PlannedRequest, type PlannedRequests } from '../lib/requests';
import { loadSamples, resolveSample } from '../lib/samples/load';
import type { Sample } from '../lib/samples/types';
import { openWorkspace, resolveNames } from '../lib/workspace';
import { checkToUrl, contextOption, eventFileNotes, keepTimestampOption, printNotes, rootOption, run, templateOption, toOption, varOption, type ExitCode } from './shared';
import { UserError, USAGE_EXIT_CODE } from '../lib/errors';
import { maskSecrets } from '../lib/delivery/mask';
import { kitCommand, rootFlag } from '../lib/shell-word';
import { watchAndRerun, watchedFolders } from './watch';

const DEFAULT_INTEGRATION = 'discord';
const PREVIEW_FORMATS = ['text', 'json', 'markdown'] as const;
type PreviewFormat = (typeof PREVIEW_FORMATS)[number];

interface PreviewCommandOptions {
  root: string;
  context?: string;
  /** Absent when no --var is given. */
  var?: string[];
  curl: boolean;
  format: PreviewFormat;
  template?: TemplateKind;
  watch?: boolean;
  /** curl only: the url its command posts to instead of the rendered one. */
  to?: string;
  keepTimestamp?: boolean;
}

/** The samples and, when `--context` names an event file, its event: an unknown ref is refused here. */
function withAskedFor(samples: Sample[], context: string | undefined): Sample[] {
  if (context === undefined || context === 'all') return samples;
  const asked = resolveSample(samples, context);
  return samples.includes(asked) ? samples : [...samples, asked];
}

/** The requests to show; for curl, the required values it has none for, and what it sends instead. */
interface PreviewPlan {
  planned: PlannedRequests;
  valuesMissing?: string;
}

function plan(name: string, options: PreviewCommandOptions): PreviewPlan {
  const integration = openIntegrationToRender(options.root, name);
  const samples = loadSamples();
  const given = givenValues(integration.manifest, options.var ?? [], process.env);
  printNotes(given.notes);
  const planned = planRequests({
    integration,
    // The pull request block lists every sample's routing, so it plans them all (and the event asked for).
    context: options.format === 'markdown' ? 'all' : options.context,
    given: given.values,
    oauth: oauthFromEnvironment(process.env),
    source: 'preview',
    samples: options.format === 'markdown' ? withAskedFor(samples, options.context) : samples,
    templateKind: options.template,
    showSecretsAs: options.curl ? 'shell' : 'mask',
    // What preview shows is what send sends, and what a curl command sends.
    ...(options.keepTimestamp ? {} : { at: new Date() }),
  });
  printNotes(eventFileNotes(planned.items));
  if (!options.curl) return { planned };
  return { planned, valuesMissing: curlValuesMissing(planned.setup.formVariables, given.values) };
}

/** The plan; with --format json, an integration with nothing to render (exit 1) still answers in one JSON document. */
function planOrAnswer(name: string, options: PreviewCommandOptions): PreviewPlan | undefined {
  try {
    return plan(name, options);
  } catch (error) {
    if (!(options.format === 'json' && error instanceof NothingToRenderError)) throw error;
    process.stdout.write(JSON.stringify({ integration: name, request: null, problem: error.message }, null, 2) + '\n');
    return undefined;
  }
}

/**
 * 1 when a template fails to render or the integration renders no request at all (no
 * auditLogEventsHook, no endpoint), as send fails; an event the policy drops or no template
 * serves is an answer, 0.
 */
function previewExitCode(planned: PlannedRequests): ExitCode {
  return planned.items.some((item) => item.failed || item.nothingToRender) ? 1 : 0;
}

/**
 * A curl command that would not send what LaunchDarkly does (a secret the template transforms
 * past what the shell can do) is refused rather than printed: send has the values.
 */
function refuseUnwritableCurl(name: string, root: string, items: PlannedRequest[]): void {
  const reasons = [...new Set(items.flatMap((item) => item.shellCannot ?? []))];
  if (reasons.length === 0) return;
  throw new UserError(`no curl command for ${name}: ${reasons.join('; ')}; \`${kitCommand('send', name, root)}\` sends what LaunchDarkly would`);
}

/** The requests with curl's --to in place of their url, as send's --to does. */
function postedTo(to: string, items: PlannedRequest[], secrets: readonly string[]): PlannedRequest[] {
  checkToUrl(to, secrets);
  // The command would print it (as the URL parser writes it: `\` as `/`): send can take such a --to, since it shows it masked.
  const printed = new URL(to).href;
  if (maskSecrets(to, secrets) !== to || maskSecrets(printed, secrets) !== printed) throw new UserError('--to holds a secret value given, which the curl command would show: use send --to, which masks it', USAGE_EXIT_CODE);
  // The rendered url's user name and password go along, as send --to sends them (as Basic authorization).
  return items.map((item) => (item.shown ? { ...item, shown: { ...item.shown, url: withCredentialsOf(item.shown.url, to) } } : item));
}

function runPreview(name: string, options: PreviewCommandOptions): ExitCode {
  const previewPlan = planOrAnswer(name, options);
  if (!previewPlan) return 1;
  const { planned, valuesMissing } = previewPlan;
  // With every sample, what the policy delivers comes first: that is what the channel will see.
  const ordered =
    options.context === 'all'
      ? [...planned.items.filter((item) => item.routing.delivered), ...planned.items.filter((item) => !item.routing.delivered)]
      : planned.items;
  const items = options.curl && options.to !== undefined ? postedTo(options.to, ordered, planned.secrets) : ordered;
  const views = items.map((item) => requestView(name, item));
  const deliveredCount = items.filter((item) => item.routing.delivered).length;
  let output: string;
  if (options.format === 'markdown') {
    const shown = options.context === undefined || options.context === 'all' ? defaultSampleRef(planned.items.map((item) => item.sample), options.template) : options.context;
    const view = views.find((candidate) => candidate.context === shown) ?? views[0];
    const routes = planned.items.map((item) => ({ ref: item.sample.ref, delivered: item.routing.delivered, reason: item.routing.reason }));
    output = formatPullRequestPreview(view, routes);
  } else if (options.curl) {
    const everySample = options.context === 'all';
    const sent = items.filter((item) => curlSends(item, everySample));
    refuseUnwritableCurl(name, options.root, sent);
    if (valuesMissing && sent.length > 0) printNotes([valuesMissing]);
    output = formatCurlCommands(planned, items.map((item, index) => ({ item, view: views[index] })), everySample);
  } else if (options.format === 'json') {
    const documents = views.map(requestJson);
    output = JSON.stringify(options.context === 'all' ? documents : documents[0], null, 2) + '\n';
  } else {
    output = views.map((view) => formatRequestText(view, wantsColor(process.stdout))).join('\n');
    if (options.context === 'all') {
      output += `\nThe default policy delivers ${deliveredCount} of ${items.length} sample events.\n`;
    }
  }
  process.stdout.write(output);
  return previewExitCode(planned);
}

/**
 * The integration to preview (or curl: `command` names it in the error): the folder `given` names,
 * by its folder name (`acme` for `acme/`), which the output shows. When none is named, the
 * flagship where it exists, else the only integration of the root. In a fork with many, the user
 * has to say which.
 */
function integrationToPreview(root: string, given: string | undefined, command: 'preview' | 'curl' = 'preview'): string {
  const workspace = openWorkspace(root);
  if (given !== undefined) return resolveNames(workspace, [given])[0];
  const names = workspace.integrationNames();
  if (names.includes(DEFAULT_INTEGRATION)) return DEFAULT_INTEGRATION;
  if (names.length === 1) return names[0]!;
  if (names.length === 0) {
    throw new UserError(`${root}/integrations holds no integration to ${command}: make one with ld-hook-kit new <name>${rootFlag(root)}`, USAGE_EXIT_CODE);
  }
  const listed = names.length > 5 ? `${names.slice(0, 5).join(', ')}, ...` : names.join(', ');
  throw new UserError(`name the integration to ${command}: ${root}/integrations has ${names.length} (${listed})`, USAGE_EXIT_CODE);
}

const PREVIEW_EXIT_CODES =
  'Exit codes: 0 rendered, also for an event the policy does not deliver or no template serves; 1 a template that does not ' +
  'render, an integration with no request to render (no auditLogEventsHook, no endpoint), or bad input; 2 usage error.';

function addPreviewOptions(command: Command): Command {
  return command
    .argument('[name]', `integration folder name under <root>/integrations (default: ${DEFAULT_INTEGRATION}, or the root's only one)`)
    .addOption(rootOption())
    .addOption(contextOption())
    .addOption(varOption())
    .addOption(templateOption())
    .addOption(keepTimestampOption());
}

/**
 * The event file `--context` names, when it names one rather than a sample: --watch follows it
 * too, also before it exists, so that the run that said "no such file" is not the last.
 */
function contextFile(context: string | undefined): string[] {
  if (context === undefined || context === 'all' || loadSamples().some((sample) => sample.ref === context)) return [];
  return [context];
}

export function registerPreviewCommands(program: Command): void {
  addPreviewOptions(
    program.command('preview').description('render the request LaunchDarkly would send for a sample event'),
  )
    .addOption(new Option('--format <format>', 'output format; markdown is the pull request\'s request preview: one request (the --context one, the default for all) and every sample\'s routing').choices(PREVIEW_FORMATS).default('text'))
    .addOption(new Option('--curl', 'print the request as a runnable curl command (a shell script: not with --format json or markdown)').default(false))
    .option('--watch', 're-render when the manifest, a template or a sample event changes', false)
    .addHelpText(
      'after',
      `\nForm variable values come from --var or ${ENV_PREFIX}<KEY> environment variables; without one, a variable takes its ` +
        'defaultValue, or else shows the framework\'s placeholder ($KEY; true for a boolean; ["$KEY"] for a multiselect). Secret values are always masked.\n' +
        'With requiresOAuth, LD_HOOK_KIT_OAUTH_BASE_URI and LD_HOOK_KIT_OAUTH_ACCESS_TOKEN give the OAuth values ($OAUTH_BASE_URI and ' +
        '$OAUTH_ACCESS_TOKEN otherwise).\n' +
        `${PREVIEW_EXIT_CODES}\n\nExamples:\n  $ ld-hook-kit preview\n  $ ld-hook-kit preview discord --context all\n  $ ld-hook-kit preview discord --context flag/toggle-off --var webhookId=123 --format json`,
    )
    .action((given: string | undefined, options: PreviewCommandOptions) =>
      run(() => {
        // A shell script is text: --format text, the default, is no conflict.
        if (options.curl && options.format !== 'text') throw new UserError(`--curl prints a shell script, not --format ${options.format}`, USAGE_EXIT_CODE);
        const name = integrationToPreview(options.root, given);
        return options.watch
          ? watchAndRerun([...watchedFolders(options.root, [name]), ...contextFile(options.context)], () => runPreview(name, options))
          : runPreview(name, options);
      }),
    );
  addPreviewOptions(program.command('curl').description('print the request as a runnable curl command (same as preview --curl)'))
    .addOption(toOption())
    .addHelpText(
      'after',
      `\nSecret values are never printed: the command reads them from ${ENV_PREFIX}<KEY> environment variables, and the OAuth values ` +
        'of a requiresOAuth integration from LD_HOOK_KIT_OAUTH_BASE_URI and LD_HOOK_KIT_OAUTH_ACCESS_TOKEN; it stops, sending nothing, ' +
        'when one is unset, or empty unless the variable is optional, or holds a character a template would encode or HTML-escape, which a shell cannot do as ' +
        'LaunchDarkly does. The script is one subshell, so it stops also when pasted into a terminal. Other values are written into the command: a required one not given goes as its ' +
        'placeholder, which a note says. It exits non-zero on an HTTP error answer, whose body it prints (--fail-with-body: curl 7.76 or later).\n' +
        `${PREVIEW_EXIT_CODES}\n\nExamples:\n  $ ld-hook-kit curl discord --var webhookId=123456789 > send.sh\n` +
        '  $ LD_HOOK_KIT_VAR_WEBHOOKTOKEN=abc sh send.sh\n  $ ld-hook-kit curl discord --var webhookId=123 --to http://127.0.0.1:8787/ | sh',
    )
    .action((given: string | undefined, options: PreviewCommandOptions) =>
      run(() => runPreview(integrationToPreview(options.root, given, 'curl'), { ...options, format: 'text', curl: true })),
    );
}
