import { Command, Option } from 'commander';
import { DEFAULT_TIMEOUT_MS, deliver, maskSecrets } from '../lib/delivery';
import { UserError } from '../lib/errors';
import { wantsColor, paint } from '../lib/format';
import { formatAttempt, formatOutcome, formatSendHeading, formatSendJson, formatSendSummary, type SentRequest } from '../lib/format/delivery';
import { REQUEST_FORMATS, type RequestFormat } from '../lib/format/requests';
import type { TemplateKind } from '../lib/integration/manifest';
import type { OAuthContext } from '../lib/render/context';
import { ENV_PREFIX, givenValues, oauthFromEnvironment } from '../lib/requests/given-values';
import { NothingToRenderError, openIntegrationToRender, planRequests, requestsToSend, secretsSent, type PlannedRequests } from '../lib/requests';
import { loadSamples } from '../lib/samples/load';
import { checkToUrl, contextOption, eventFileNotes, keepTimestampOption, toOption, MAX_TIMER_MS, printNotes, rootOption, run, templateOption, varOption, wholeNumber, type ExitCode } from './shared';

interface SendCommandOptions {
  root: string;
  context?: string;
  /** Absent when no --var is given. */
  var?: string[];
  to?: string;
  timeout: number;
  format: RequestFormat;
  ignorePolicy: boolean;
  keepTimestamp?: boolean;
  template?: TemplateKind;
}

/** Plans the requests; an integration with nothing to render (no auditLogEventsHook) fails, said as "nothing sent: …". */
function planOrSayNothingSent(plan: () => PlannedRequests): PlannedRequests {
  try {
    return plan();
  } catch (error) {
    if (error instanceof NothingToRenderError) throw new UserError(`nothing sent: ${error.message}`);
    throw error;
  }
}

/** The OAuth values given; with --to, which replaces the url, an unset base URI is its origin. */
function oauthFor(to: string | undefined): Partial<OAuthContext> {
  const given = oauthFromEnvironment(process.env);
  return to && !given.baseURI ? { ...given, baseURI: new URL(to).origin } : given;
}

async function runSend(name: string, options: SendCommandOptions): Promise<ExitCode> {
  const integration = openIntegrationToRender(options.root, name);
  const given = givenValues(integration.manifest, options.var ?? [], process.env);
  printNotes(given.notes);
  // An empty --to is refused too: ignoring it would send to the integration's real endpoint.
  if (options.to !== undefined) checkToUrl(options.to, [...given.secrets, oauthFromEnvironment(process.env).accessToken ?? '']);
  const planned = planOrSayNothingSent(() =>
    planRequests({
      integration,
      context: options.context,
      given: given.values,
      oauth: oauthFor(options.to),
      source: 'send',
      samples: loadSamples(),
      templateKind: options.template,
      ...(options.keepTimestamp ? {} : { at: new Date() }),
    }),
  );
  printNotes(eventFileNotes(planned.items));
  const requests = requestsToSend(planned, { everySample: options.context === 'all', ignorePolicy: options.ignorePolicy, to: options.to, root: options.root });
  // What the endpoint answers may echo what it was sent.
  const echoed = secretsSent(planned, requests);
  const masked = (text: string) => maskSecrets(text, echoed);
  const text = options.format === 'text';
  const p = paint(text && wantsColor(process.stdout));
  // Text goes out as it happens: a slow endpoint shows which request it holds up.
  const print = (output: string) => {
    if (text) process.stdout.write(output);
  };
  const sent: SentRequest[] = [];
  for (const { item, request, shown } of requests) {
    print(formatSendHeading(item.sample.ref, shown, item.bodyProblem, p));
    const result = await deliver(request, { timeoutMs: options.timeout, maskExcerpt: masked, onAttempt: (attempt) => print(formatAttempt(attempt, masked, p)) });
    print(formatOutcome(result, p));
    sent.push({ context: item.sample.ref, shown, ...(item.bodyProblem ? { bodyProblem: item.bodyProblem } : {}), result });
  }
  const held = (options.context === 'all' && !options.ignorePolicy ? planned.items.filter((item) => !item.routing.delivered) : []).map((item) => ({
    ref: item.sample.ref,
    reason: item.routing.reason,
  }));
  if (options.format === 'json') process.stdout.write(formatSendJson(sent, options.context === 'all', masked, held));
  print(formatSendSummary(sent, held, p));
  return sent.every((one) => one.result.delivered) ? 0 : 1;
}

export function registerSendCommand(program: Command): void {
  program
    .command('send')
    .description('render a sample event and deliver it over HTTP as LaunchDarkly would (signing, one retry)')
    .argument('<name>', 'integration folder name under <root>/integrations')
    .addOption(rootOption())
    .addOption(contextOption())
    .addOption(varOption())
    .addOption(templateOption())
    .addOption(toOption())
    .option('--ignore-policy', 'also send events the default policy does not deliver (LaunchDarkly would not)', false)
    .addOption(keepTimestampOption())
    .addOption(new Option('--timeout <ms>', 'per-attempt timeout in milliseconds (at most 2147483647); with the one retry, a request takes at most twice this').argParser(wholeNumber('--timeout', 1, MAX_TIMER_MS)).default(DEFAULT_TIMEOUT_MS))
    .addOption(new Option('--format <format>', 'output format').choices(REQUEST_FORMATS).default('text'))
    .addHelpText(
      'after',
      `\nValues come from --var or ${ENV_PREFIX}<KEY> environment variables; a required variable without one stops the send.\n` +
        'With requiresOAuth, the OAuth values the endpoint reads come from LD_HOOK_KIT_OAUTH_BASE_URI and LD_HOOK_KIT_OAUTH_ACCESS_TOKEN ' +
        "(with --to, the base URI defaults to --to's origin).\nExit codes: 0 all delivered, 1 not delivered or bad input, 2 usage error.\n\n" +
        'Examples:\n  $ ld-hook-kit receive --port 8787 &\n  $ ld-hook-kit send discord --var webhookId=1 --var webhookToken=secret --to http://127.0.0.1:8787/\n' +
        '  $ ld-hook-kit send discord --template validation --var webhookId=1 --var webhookToken=secret --to http://127.0.0.1:8787/',
    )
    .action((name: string, options: SendCommandOptions) => run(() => runSend(name, options)));
}
