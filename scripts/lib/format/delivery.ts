import type { DeliveryAttempt, DeliveryResult } from '../delivery';
import { plural } from '../plural';
import type { HttpRequest } from '../render/http-request';
import type { Painter } from './paint';
import { visible } from './visible';

/** One request `send` delivered, or tried to. */
export interface SentRequest {
  context: string;
  /** The request as printed: secrets masked, a signature a real secret made too. */
  shown: HttpRequest;
  /** Where a JSON template's body stops being JSON: it is sent all the same, as LaunchDarkly would. */
  bodyProblem?: string;
  result: DeliveryResult;
}

/** A sample `send --context all` does not send, since the default policy does not deliver it, and why. */
export interface HeldBack {
  ref: string;
  reason: string;
}

/** Masks the secrets in text an endpoint sent back, which may echo what it was sent. */
export type Masker = (text: string) => string;

/**
 * The line that opens a request's block, before it goes out: its sample, method and url, escaped
 * like the rest: an event file's path, the integration and the values given may hold an escape sequence.
 */
export function formatSendHeading(context: string, shown: HttpRequest, bodyProblem: string | undefined, p: Painter): string {
  return `${p.bold(visible(context))}  ${visible(shown.method)} ${visible(shown.url)}\n${bodyProblem ? `  ${p.yellow(visible(bodyProblem))}\n` : ''}`;
}

/** One attempt, as it ends: the status or what went wrong, the time, and the start of the answer. */
export function formatAttempt(attempt: DeliveryAttempt, masked: Masker, p: Painter): string {
  const outcome = attempt.status !== null ? String(attempt.status) : `failed: ${visible(masked(String(attempt.error)))}`;
  // The endpoint writes the excerpt: none of its bytes may steer the terminal. Masked before its
  // whitespace is folded, which would change a secret holding a line break or two spaces.
  const excerpt = attempt.bodyExcerpt ? `  ${p.dim(visible(masked(attempt.bodyExcerpt).replace(/\s+/g, ' ')))}` : '';
  return `  attempt: ${outcome} in ${Math.round(attempt.ms)} ms${excerpt}\n`;
}

export function formatOutcome(result: DeliveryResult, p: Painter): string {
  return result.delivered ? `  ${p.green('delivered')}\n` : `  ${p.red('not delivered')}\n`;
}

/**
 * The closing lines: each sample the policy held back (named, as curl names them: a partner looks
 * for the missing ones), then the count delivered, unless a single request says it all.
 */
export function formatSendSummary(sent: SentRequest[], held: HeldBack[], p: Painter): string {
  const lines = held.map(({ ref, reason }) => `${p.bold(visible(ref))}  not sent, the default policy does not deliver it (${visible(reason)})\n`);
  if (sent.length !== 1 || held.length > 0) {
    const delivered = sent.filter((one) => one.result.delivered).length;
    const heldNote = held.length > 0 ? `; ${plural(held.length, 'sample')} the default policy does not deliver not sent` : '';
    lines.push(`${delivered} of ${plural(sent.length, 'request')} delivered${heldNote}\n`);
  }
  return lines.join('');
}

/** `send --format json`: a document per request (one alone, unless every sample was asked for). */
export function formatSendJson(sent: SentRequest[], everySample: boolean, masked: Masker, held: HeldBack[] = []): string {
  const documents: object[] = sent.map((one) => ({
    context: one.context,
    delivered: one.result.delivered,
    // The answer's start too: a 400's body says which field the destination refused.
    attempts: one.result.attempts.map(({ status, error, ms, bodyExcerpt }) => ({
      status,
      error: error && masked(error),
      ms: Math.round(ms),
      ...(bodyExcerpt ? { bodyExcerpt: masked(bodyExcerpt) } : {}),
    })),
    request: one.shown,
    ...(one.bodyProblem ? { bodyProblem: one.bodyProblem } : {}),
  }));
  // With every sample, those the policy holds back are named as the text names them: not sent, and why.
  for (const { ref, reason } of held) documents.push({ context: ref, delivered: false, attempts: [], notSent: reason });
  return JSON.stringify(everySample ? documents : documents[0], null, 2) + '\n';
}
