import { Command, Option } from 'commander';
import { deliver, maskSecrets, whyUnsendable, type DeliveryResult } from '../lib/delivery';
import { USAGE_EXIT_CODE, UserError } from '../lib/errors';
import { wantsColor, paint } from '../lib/format';
import { REQUEST_FORMATS, type RequestFormat } from '../lib/format/requests';
import type { OAuthContext } from '../lib/render/context';
import { ENV_PREFIX, envNameOf, givenValues, oauthFromEnvironment } from '../lib/render/form-values';
import type { HttpRequest } from '../lib/render/types';
import { describeUnsetOAuth, openIntegrationToRender, planRequests, type PlannedRequest, type PlannedRequests } from '../lib/requests';
import { loadSamples } from '../lib/samples/load';
import { contextOption, MAX_TIMER_MS, positiveInteger, rootOption, run, varOption, type ExitCode } from './shared';

export interface SendCommandOptions {
  root: string;
  context?: string;
  var: string[];
  to?: string;
  timeout: number;
  format: RequestFormat;
  ignorePolicy: boolean;
  keepTimestamp: boolean;
}

interface Sent {
  context: string;
  /** The request as printed: secrets masked, a signature a real secret made too. */
  shown: HttpRequest;
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

/** An integration preview explains with exit 0 (no hook to render) is a failure to send. */
function planNothingOnError(plan: () => PlannedRequests): PlannedRequests {
  try {
    return plan();
  } catch (error) {
    if (error instanceof UserError && error.exitCode === 0) throw new UserError(`nothing sent: ${error.message}`);
    throw error;
  }
}

/** One line per problem, naming the samples it stopped: a broken template fails them all alike. */
function nothingSent(problems: { problem: string; ref: string }[]): UserError {
  const samplesByProblem = new Map<string, string[]>();
  for (const { problem, ref } of problems) samplesByProblem.set(problem, [...(samplesByProblem.get(problem) ?? []), ref]);
  const lines = [...samplesByProblem].map(([problem, refs]) => `${problem} (${refs.length === 1 ? 'sample' : 'samples'} ${refs.join(', ')})`);
  return new UserError(`nothing sent: ${lines.join('\n')}`);
}

/**
 * Why no request came out of the plan: the event has none (no template, no endpoint), or, with
 * every sample, the policy lets none through or none of those it lets through has one.
 */
function whyNothingToSend(items: PlannedRequest[], wanted: PlannedRequest[], everySample: boolean): string {
  if (!everySample) return wanted[0]?.problem ?? 'no request to send';
  if (wanted.length === 0) {
    return `the default policy delivers none of the ${items.length} samples (\`ld-hook-kit validate\` explains, under policy-delivers-nothing)`;
  }
  return `none of the ${wanted.length} sample(s) to send has a request: ${wanted[0].problem}`;
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
  const given = givenValues(integration.manifest, options.var, process.env);
  const planned = planNothingOnError(() =>
    planRequests({
      integration,
      context: options.context,
      given,
      oauth: oauthFor(options.to),
      source: 'send',
      samples: loadSamples(),
      ...(options.keepTimestamp ? {} : { at: new Date() }),
    }),
  );
  const secrets = planned.secrets;
  if (planned.form.missing.length > 0) {
    const keys = planned.setup.formVariables.map((variable) => variable.key);
    const hints = planned.form.missing.map((key) => `--var ${key}=... or ${envNameOf(key, keys)}`).join('; ');
    throw new UserError(`nothing sent: required form variable(s) ${planned.form.missing.join(', ')} have no value (${hints})`);
  }
  if (planned.oauthUnset.length > 0) throw new UserError(`nothing sent: the request ${describeUnsetOAuth(planned.oauthUnset)}`);
  const policyError = planned.items.find((item) => item.routing.policyError)?.routing.policyError;
  if (policyError) throw new UserError(`nothing sent: the default policy is invalid, so LaunchDarkly would not accept it: ${policyError} (validate's policy-syntax)`);
  // An event the policy drops is one LaunchDarkly never sends: sending it would test something else.
  const dropped = options.context !== 'all' && !options.ignorePolicy ? planned.items.find((item) => !item.routing.delivered) : undefined;
  if (dropped) {
    throw new UserError(
      `nothing sent: the default policy does not deliver ${dropped.sample.ref} (${dropped.routing.reason}), so LaunchDarkly would not send it; ` +
        '--ignore-policy sends it anyway',
    );
  }
  // With every sample, only what the default policy delivers is sent, as LaunchDarkly would:
  // a template that only undelivered events reach cannot stop the others.
  const wanted = options.context === 'all' && !options.ignorePolicy ? planned.items.filter((item) => item.routing.delivered) : planned.items;
  const failed = wanted.filter((item) => item.failed);
  if (failed.length > 0) throw nothingSent(failed.map((item) => ({ problem: item.problem!, ref: item.sample.ref })));
  const sendable = wanted.filter((item): item is PlannedRequest & Required<Pick<PlannedRequest, 'rendered' | 'shown'>> =>
    Boolean(item.rendered && item.shown),
  );
  if (sendable.length === 0) throw new UserError(`nothing sent: ${whyNothingToSend(planned.items, wanted, options.context === 'all')}`);
  // What the endpoint answers may echo what it was sent.
  const masked = (text: string) => maskSecrets(text, secrets);
  const requests = sendable.map((item) => ({
    item,
    request: options.to ? { ...item.rendered.request, url: options.to } : item.rendered.request,
    shown: options.to ? { ...item.shown, url: options.to } : item.shown,
  }));
  // A request no HTTP client can send stops them all before the first goes out.
  const unsendable = requests.flatMap(({ item, request }) => {
    const problem = whyUnsendable(request);
    return problem ? [{ problem: masked(problem), ref: item.sample.ref }] : [];
  });
  if (unsendable.length > 0) throw nothingSent(unsendable);
  const p = paint(options.format === 'text' && wantsColor(process.stdout));
  const print = (text: string) => process.stdout.write(text);
  const sent: Sent[] = [];
  for (const { item, request, shown } of requests) {
    if (options.format === 'text') print(`${p.bold(item.sample.ref)}  ${shown.method} ${shown.url}\n`);
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
    sent.push({ context: item.sample.ref, shown, result });
  }
  const delivered = sent.filter((s) => s.result.delivered).length;
  if (options.format === 'json') {
    const documents = sent.map((s) => ({
      context: s.context,
      delivered: s.result.delivered,
      attempts: s.result.attempts.map(({ status, error, ms }) => ({ status, error: error && masked(error), ms: Math.round(ms) })),
      request: s.shown,
    }));
    print(JSON.stringify(options.context === 'all' ? documents : documents[0], null, 2) + '\n');
  } else if (sent.length !== 1) {
    print(`${delivered} of ${sent.length} request(s) delivered\n`);
  }
  return delivered === sent.length ? 0 : 1;
}

export function registerSendCommand(program: Command): void {
  program
    .command('send')
    .description('render a sample event and deliver it over HTTP as LaunchDarkly would (signing, one retry)')
    .argument('<name>', 'integration folder name under <root>/integrations')
    .addOption(rootOption())
    .addOption(contextOption('a flag targeting change, flag/update-rules'))
    .addOption(varOption())
    .option('--to <url>', 'send here instead of the rendered URL (a local receiver, say)')
    .option('--ignore-policy', 'also send events the default policy does not deliver (LaunchDarkly would not)', false)
    .option('--keep-timestamp', "send the event's own timestamp; by default it is moved to now, as the framework's preview does", false)
    .addOption(new Option('--timeout <ms>', 'per-attempt timeout in milliseconds (at most 2147483647)').argParser(positiveInteger('--timeout', MAX_TIMER_MS)).default(10000))
    .addOption(new Option('--format <format>', 'output format').choices(REQUEST_FORMATS).default('text'))
    .addHelpText(
      'after',
      `\nValues come from --var or ${ENV_PREFIX}<KEY> environment variables; a required variable without one stops the send.\n` +
        'With requiresOAuth, the OAuth values the endpoint reads come from LD_HOOK_KIT_OAUTH_BASE_URI and LD_HOOK_KIT_OAUTH_ACCESS_TOKEN ' +
        "(with --to, the base URI defaults to --to's origin).\nExit codes: 0 all delivered, 1 not delivered or bad input, 2 usage error.\n\n" +
        'Examples:\n  $ ld-hook-kit receive --port 8787 &\n  $ ld-hook-kit send discord --var webhookId=1 --var webhookToken=secret --to http://127.0.0.1:8787/',
    )
    .action((name: string, options: SendCommandOptions) => run(() => runSend(name, options)));
}
