import { Command, Option } from 'commander';
import { DEFAULT_TIMEOUT_MS, deliver, maskSecrets, type DeliveryResult } from '../lib/delivery';
import { USAGE_EXIT_CODE, UserError } from '../lib/errors';
import { plural } from '../lib/plural';
import { wantsColor, paint } from '../lib/format';
import { REQUEST_FORMATS, type RequestFormat } from '../lib/format/requests';
import type { TemplateKind } from '../lib/integration/manifest';
import type { OAuthContext } from '../lib/render/context';
import { ENV_PREFIX, givenValues, oauthFromEnvironment } from '../lib/requests/given-values';
import type { HttpRequest } from '../lib/render/http-request';
import { NothingToRenderError, openIntegrationToRender, planRequests, requestsToSend, type PlannedRequests } from '../lib/requests';
import { loadSamples } from '../lib/samples/load';
import { contextOption, MAX_TIMER_MS, printNotes, rootOption, run, templateOption, varOption, wholeNumber, type ExitCode } from './shared';

export interface SendCommandOptions {
  root: string;
  context?: string;
  /** Absent when no --var is given. */
  var?: string[];
  to?: string;
  timeout: number;
  format: RequestFormat;
  ignorePolicy: boolean;
  keepTimestamp: boolean;
  template?: TemplateKind;
}

interface Sent {
  context: string;
  /** The request as printed: secrets masked, a signature a real secret made too. */
  shown: HttpRequest;
  /** Where a JSON template's body stops being JSON: it is sent all the same, as LaunchDarkly would. */
  bodyProblem?: string;
  result: DeliveryResult;
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`--to must be an absolute http(s) URL, got "${url}"`, USAGE_EXIT_CODE);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UserError(`--to must be an http or https URL, got "${url}"`, USAGE_EXIT_CODE);
  }
  if (parsed.username || parsed.password) {
    // fetch refuses such URLs; and the credentials would be printed with every attempt.
    throw new UserError('--to must not carry a user name or password: give credentials to the integration\'s headers instead', USAGE_EXIT_CODE);
  }
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

export async function runSend(name: string, options: SendCommandOptions): Promise<ExitCode> {
  // An empty --to is refused too: ignoring it would send to the integration's real endpoint.
  if (options.to !== undefined) checkUrl(options.to);
  const integration = openIntegrationToRender(options.root, name);
  const given = givenValues(integration.manifest, options.var ?? [], process.env);
  printNotes(given.notes);
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
  const requests = requestsToSend(planned, { everySample: options.context === 'all', ignorePolicy: options.ignorePolicy, to: options.to });
  // What the endpoint answers may echo what it was sent.
  const masked = (text: string) => maskSecrets(text, planned.secrets);
  const p = paint(options.format === 'text' && wantsColor(process.stdout));
  const print = (text: string) => process.stdout.write(text);
  const sent: Sent[] = [];
  for (const { item, request, shown } of requests) {
    if (options.format === 'text') {
      print(`${p.bold(item.sample.ref)}  ${shown.method} ${shown.url}\n`);
      if (item.bodyProblem) print(`  ${p.yellow(item.bodyProblem)}\n`);
    }
    const result = await deliver(request, {
      timeoutMs: options.timeout,
      onAttempt: (attempt) => {
        if (options.format !== 'text') return;
        const outcome = attempt.status !== null ? String(attempt.status) : `failed: ${masked(String(attempt.error))}`;
        const excerpt = attempt.bodyExcerpt ? `  ${p.dim(masked(attempt.bodyExcerpt.replace(/\s+/g, ' ')))}` : '';
        print(`  attempt: ${outcome} in ${Math.round(attempt.ms)} ms${excerpt}\n`);
      },
    });
    if (options.format === 'text') print(result.delivered ? `  ${p.green('delivered')}\n` : `  ${p.red('not delivered')}\n`);
    sent.push({ context: item.sample.ref, shown, ...(item.bodyProblem ? { bodyProblem: item.bodyProblem } : {}), result });
  }
  const delivered = sent.filter((s) => s.result.delivered).length;
  if (options.format === 'json') {
    const documents = sent.map((s) => ({
      context: s.context,
      delivered: s.result.delivered,
      attempts: s.result.attempts.map(({ status, error, ms }) => ({ status, error: error && masked(error), ms: Math.round(ms) })),
      request: s.shown,
      ...(s.bodyProblem ? { bodyProblem: s.bodyProblem } : {}),
    }));
    print(JSON.stringify(options.context === 'all' ? documents : documents[0], null, 2) + '\n');
  } else {
    // Those the policy holds back are named, as curl names them: a partner looks for the missing ones,
    // also when the policy lets a single sample through.
    const held = options.context === 'all' && !options.ignorePolicy ? planned.items.filter((item) => !item.routing.delivered) : [];
    for (const item of held) print(`${p.bold(item.sample.ref)}  not sent, the default policy does not deliver it (${item.routing.reason})\n`);
    const heldNote = held.length > 0 ? `; ${plural(held.length, 'sample')} the default policy does not deliver not sent` : '';
    if (sent.length !== 1 || held.length > 0) print(`${delivered} of ${plural(sent.length, 'request')} delivered${heldNote}\n`);
  }
  return delivered === sent.length ? 0 : 1;
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
    .option('--to <url>', 'send here instead of the rendered URL (a local receiver, say)')
    .option('--ignore-policy', 'also send events the default policy does not deliver (LaunchDarkly would not)', false)
    .option('--keep-timestamp', "send the event's own timestamp; by default it is moved to now, as the framework's preview does", false)
    .addOption(new Option('--timeout <ms>', 'per-attempt timeout in milliseconds (at most 2147483647)').argParser(wholeNumber('--timeout', 1, MAX_TIMER_MS)).default(DEFAULT_TIMEOUT_MS))
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
