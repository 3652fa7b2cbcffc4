import { urlAuthorization, whyUnsendable, writtenUrlProblem } from '../delivery/send';
import { MASK, maskSecrets } from '../delivery/mask';
import { UserError } from '../errors';
import { envNames } from './given-values';
import type { HttpRequest } from '../render/http-request';
import type { FormVariable } from '../integration/manifest';
import { resolveFormValues, type ResolvedFormValues } from '../render/form-values';
import { describeUnsetOAuth } from './oauth-values';
import { kitCommand } from '../shell-word';
import { unsignedReason } from './plan';
import type { PlannedRequest, PlannedRequests } from './types';

export interface SendChoice {
  /** Every sample (`--context all`): only those the default policy delivers go out. */
  everySample: boolean;
  /** Send events the default policy drops too. */
  ignorePolicy: boolean;
  /** Send every request here instead of to the url the manifest renders. */
  to?: string;
  /** The --root given, which the command a refusal suggests carries; the working folder when absent. */
  root?: string;
}

/** A request ready to go: what goes over the wire, and what may be printed of it. */
export interface OutgoingRequest {
  item: PlannedRequest;
  request: HttpRequest;
  /** Secrets masked, and a signature a real secret made. */
  shown: HttpRequest;
}

/**
 * What the requests carry that no output may show, for masking what an endpoint answers, which
 * may echo what it was sent: the secrets; a secret %-encoded into the url's user name or password
 * as it goes out, decoded, and the Basic authorization made of them; and the value of a header
 * shown masked (a signature over a secret).
 */
export function secretsSent(planned: PlannedRequests, requests: OutgoingRequest[]): string[] {
  const decoded = planned.secrets.flatMap((secret) => {
    try {
      const text = decodeURIComponent(secret);
      return text === secret ? [] : [text];
    } catch {
      return [];
    }
  });
  const hidden = requests.flatMap(({ request, shown }) =>
    request.headers.flatMap((header) => {
      const masked = shown.headers.some((one) => one.name.toLowerCase() === header.name.toLowerCase() && one.value === MASK);
      return masked && header.value !== MASK ? [header.value] : [];
    }),
  );
  // What the url's credentials go out as, whole: bytes that are no UTF-8 (`%ff`) decode to no secret masking could match.
  const authorizations = requests.flatMap(({ request }) => {
    const authorization = urlAuthorization(request.url);
    return authorization ? [authorization.slice('Basic '.length)] : [];
  });
  return [...planned.secrets, ...decoded, ...hidden, ...authorizations];
}

/**
 * `to` with the user name and password the rendered url holds: LaunchDarkly's client sends them
 * as Basic authorization, so a local stand-in for the endpoint gets them too.
 */
export function withCredentialsOf(rendered: string, to: string): string {
  try {
    const from = new URL(rendered);
    if (!from.username && !from.password) return to;
    const url = new URL(to);
    url.username = from.username;
    url.password = from.password;
    return url.href;
  } catch {
    return to;
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
function whyNothingToSend(planned: PlannedRequests, wanted: PlannedRequest[], choice: SendChoice): string {
  const { items } = planned;
  if (!choice.everySample) return wanted[0]?.problem ?? 'no request to send';
  if (wanted.length === 0) {
    const validate = kitCommand('validate', planned.setup.integration.name, choice.root ?? '.');
    return `the default policy delivers none of the ${items.length} samples (\`${validate}\` explains, under policy-delivers-nothing)`;
  }
  if (wanted.length === 1) return `the one sample it delivers has no request: ${wanted[0].problem}`;
  return `none of the ${wanted.length} samples it delivers has a request: ${wanted[0].problem}`;
}

/** What the plan lets `send` deliver, as LaunchDarkly would. */
function wantedItems(planned: PlannedRequests, choice: SendChoice): PlannedRequest[] {
  if (choice.ignorePolicy) return planned.items;
  // With every sample, a template that only undelivered events reach cannot stop the others.
  if (choice.everySample) return planned.items.filter((item) => item.routing.delivered);
  // An event the policy drops is one LaunchDarkly never sends: sending it would test something else.
  const dropped = planned.items.find((item) => !item.routing.delivered);
  if (dropped) {
    throw new UserError(
      `nothing sent: the default policy does not deliver ${dropped.sample.ref} (${dropped.routing.reason}), so LaunchDarkly would not send it; ` +
        '--ignore-policy sends it anyway',
    );
  }
  return planned.items;
}

/**
 * Which required form variables (`form.missing` among `variables`) have no value, and how to give
 * them; undefined when none lacks one.
 */
export function missingValues(variables: FormVariable[], form: Pick<ResolvedFormValues, 'missing' | 'givenEmpty'>): string | undefined {
  const { missing, givenEmpty = [] } = form;
  if (missing.length === 0) return undefined;
  const names = envNames(variables.map((variable) => variable.key));
  const hints = missing.map((key) => `--var ${key}=... or ${names.get(key)}`).join('; ');
  const what = missing.length === 1 ? `required form variable ${missing[0]} has` : `required form variables ${missing.join(', ')} have`;
  // Given empty, as LaunchDarkly's form would not save it: said, or "no value" reads as a typo in the name.
  const empty = givenEmpty.length > 0 ? `; ${givenEmpty.join(', ')} ${givenEmpty.length === 1 ? 'was' : 'were'} given empty, which LaunchDarkly's form does not save for a required field` : '';
  return `${what} no value (${hints})${empty}`;
}

/**
 * What a curl command lacks: the required values it has none for, and what it sends in their place
 * (its placeholder, or the empty value given), where LaunchDarkly and send would send nothing.
 * Secrets are not among them: the command reads each when it runs, and stops without one.
 */
export function curlValuesMissing(variables: FormVariable[], given: Record<string, string>): string | undefined {
  const written = variables.filter((variable) => !variable.isSecret);
  const givenWritten = Object.fromEntries(Object.entries(given).filter(([key]) => written.some((variable) => variable.key === key)));
  const form = resolveFormValues(written, givenWritten, 'send');
  const missing = missingValues(variables, form);
  if (!missing) return undefined;
  const empty = form.givenEmpty?.length ?? 0;
  const instead = empty === 0 ? 'its placeholder' : empty === form.missing.length ? 'the empty value given' : 'its placeholder or the empty value given';
  return `${missing}: the command sends ${instead}, where LaunchDarkly and send would send nothing`;
}

/**
 * The requests to deliver, all of them built before the first goes out: anything that would
 * stop one (a value missing, a broken template, a header no client can send) sends nothing.
 */
export function requestsToSend(planned: PlannedRequests, choice: SendChoice): OutgoingRequest[] {
  // No value given can make up for what the integration itself lacks (an endpoint): said first.
  const nothingToRender = planned.items.find((item) => item.nothingToRender);
  if (nothingToRender) throw new UserError(`nothing sent: ${nothingToRender.problem}`);
  const missing = missingValues(planned.setup.formVariables, planned.form);
  if (missing) throw new UserError(`nothing sent: ${missing}`);
  if (planned.oauthUnset.length > 0) throw new UserError(`nothing sent: the request ${describeUnsetOAuth(planned.oauthUnset)}`);
  const policyError = planned.items.find((item) => item.routing.policyError)?.routing.policyError;
  if (policyError) throw new UserError(`nothing sent: the default policy is invalid, so LaunchDarkly would not accept it: ${policyError} (validate's policy-syntax)`);
  const wanted = wantedItems(planned, choice);
  const failed = wanted.filter((item) => item.failed);
  if (failed.length > 0) throw nothingSent(failed.map((item) => ({ problem: item.problem!, ref: item.sample.ref })));
  const requests = wanted.flatMap((item) =>
    item.rendered && item.shown
      ? [
          {
            item,
            request: { ...item.rendered.request, url: choice.to === undefined ? item.rendered.request.url : withCredentialsOf(item.rendered.request.url, choice.to) },
            // --to, or an OAuth base URI, may hold a secret as the user wrote it.
            shown: { ...item.shown, url: maskSecrets(choice.to ?? item.shown.url, planned.secrets) },
          },
        ]
      : [],
  );
  if (requests.length === 0) throw new UserError(`nothing sent: ${whyNothingToSend(planned, wanted, choice)}`);
  const unsendable = requests.flatMap(({ item, request }) => {
    // Every reason, in the words and order preview gives them.
    // With --to, the rendered url's user name and password still go out (withCredentialsOf): judged as rendered.
    const renderedUrl = choice.to === undefined ? undefined : writtenUrlProblem(item.rendered!.request.url);
    const problem = [unsignedReason(planned.setup, item.rendered!), renderedUrl, whyUnsendable(request)].filter((reason) => reason !== undefined).join('; ');
    return problem ? [{ problem: maskSecrets(problem, planned.secrets), ref: item.sample.ref }] : [];
  });
  if (unsendable.length > 0) throw nothingSent(unsendable);
  return requests;
}
