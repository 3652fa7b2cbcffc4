import type * as Momoa from '@humanwhocodes/momoa';
import { checkJson } from '../json-syntax';
import type { Routing } from '../policy';
import type { HttpRequest } from '../render/http-request';
import type { PlannedRequest, PlannedRequests, ShellValue } from '../requests';
import { paint } from './paint';
import { plural } from '../plural';
import { shellWord, type ShellComputed, type ShellSecret } from './shell';
import { visible, visibleLines } from './visible';
import { writesUserinfo } from '../http-syntax';

export const REQUEST_FORMATS = ['text', 'json'] as const;
export type RequestFormat = (typeof REQUEST_FORMATS)[number];

/**
 * A JSON body laid out for reading, two spaces an indent, with every token as the body has it:
 * numbers keep their digits, strings their escapes, and a repeated key stays, so what is read is
 * what is sent (`JSON.stringify(JSON.parse(body))` would round 12345678901234567891 and drop a
 * duplicate). Any other body is shown as it is.
 */
export function readableBody(body: string): string {
  if (!checkJson(body).ok) return body;
  const tokens = [...(require('@humanwhocodes/momoa') as typeof Momoa).tokenize(body)];
  const opens = (type: string | undefined) => type === 'LBrace' || type === 'LBracket';
  const closes = (type: string | undefined) => type === 'RBrace' || type === 'RBracket';
  let depth = 0;
  const newline = () => '\n' + '  '.repeat(depth);
  let laid = '';
  tokens.forEach((token, index) => {
    const text = body.slice(token.loc.start.offset, token.loc.end.offset);
    if (opens(token.type)) {
      if (closes(tokens[index + 1]?.type)) laid += text;
      else {
        depth++;
        laid += text + newline();
      }
    } else if (closes(token.type)) {
      if (opens(tokens[index - 1]?.type)) laid += text;
      else {
        depth--;
        laid += newline() + text;
      }
    } else if (token.type === 'Comma') laid += text + newline();
    else if (token.type === 'Colon') laid += text + ' ';
    else laid += text;
  });
  return laid;
}

export interface RequestView {
  integration: string;
  /** The sample ref. */
  context: string;
  request?: HttpRequest;
  /** Why no request: no template for the event's kind, or a rendering error. */
  problem?: string;
  /** One line on routing (the policy), when known. */
  delivery?: string;
  /** Why the request cannot go out as written, when it cannot. */
  unsendable?: string;
  /** Where a JSON template's body stops being JSON, when it does. */
  bodyProblem?: string;
  /** Why the destination (Discord) would refuse the request, when it would. */
  destinationProblem?: string;
  extra?: Record<string, unknown>;
}

function deliveryLine(routing: Routing): string {
  const line = `delivered: ${routing.delivered ? 'yes' : 'no'} (${routing.reason})`;
  return routing.policyError ? `${line}; but the default policy is invalid, so LaunchDarkly would not accept it: ${routing.policyError}` : line;
}

/** What preview shows of one planned request: the printable request, or why there is none, and its routing. */
export function requestView(integration: string, item: PlannedRequest): RequestView {
  const { delivered, decidedBy, reason, policyError } = item.routing;
  return {
    integration,
    context: item.sample.ref,
    request: item.shown,
    problem: item.problem,
    delivery: deliveryLine(item.routing),
    unsendable: item.unsendable,
    bodyProblem: item.bodyProblem,
    destinationProblem: item.destinationProblem,
    extra: { delivered, decidedBy, reason, ...(policyError ? { policyError } : {}) },
  };
}

/**
 * What the integration, the event and the values given wrote is shown with its control characters
 * escaped (the body keeps its line feeds and tabs): it must neither act on the terminal nor fake a header line.
 */
export function formatRequestText(view: RequestView, color: boolean): string {
  const p = paint(color);
  const lines = [p.bold(`${visible(view.integration)} · sample ${visible(view.context)}`)];
  if (view.delivery) lines.push(p.dim(visible(view.delivery)));
  if (!view.request) {
    lines.push(p.yellow(visible(view.problem ?? 'no request')));
    return lines.join('\n') + '\n';
  }
  if (view.unsendable) lines.push(p.yellow(`send refuses this request: ${visible(view.unsendable)}`));
  if (view.bodyProblem) lines.push(p.yellow(visible(view.bodyProblem)));
  if (view.destinationProblem) lines.push(p.yellow(visible(view.destinationProblem)));
  lines.push(`${p.cyan(visible(view.request.method))} ${visible(view.request.url)}`);
  for (const header of view.request.headers) lines.push(`${visible(header.name)}: ${visible(header.value)}`);
  // A blank body would print as nothing at all: said instead, dimmed like the other lines that are not the request.
  const body = view.request.body;
  lines.push('', body.trim() !== '' ? visibleLines(readableBody(body)) : p.dim(body === '' ? '(empty body)' : `(a body of ${plural(body.length, 'whitespace character')})`));
  return lines.join('\n') + '\n';
}

export function requestJson(view: RequestView): Record<string, unknown> {
  return {
    integration: view.integration,
    context: view.context,
    ...(view.request ? { request: view.request } : { request: null, problem: view.problem }),
    ...(view.unsendable ? { unsendable: view.unsendable } : {}),
    ...(view.bodyProblem ? { bodyProblem: view.bodyProblem } : {}),
    ...(view.destinationProblem ? { destinationProblem: view.destinationProblem } : {}),
    ...view.extra,
  };
}

/** A signature header for the shell to compute: the HMAC-SHA256 of the body, keyed with `$envName`. */
export interface CurlSignature {
  headerName: string;
  envName: string;
}

/** The url as fetch and Go's HTTP client send it (a space as `%20`); as written when it does not parse. */
function sentUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/**
 * One runnable curl command that sends exactly this request, and exits non-zero on an HTTP
 * error answer, still printing its body (`--fail-with-body`, curl 7.76 or later). curl would
 * otherwise change the request:
 * `--globoff` keeps `{}` and `[]` in the url literal, `Name;` sends a header whose value is empty
 * (`Name:` would drop it), and an empty `Content-Type:` stops curl adding a form type the request
 * lacks. The url is written as it is sent (curl refuses a space), after `--url`: as a word of its
 * own, one that starts with `-` (a form variable's value) would be an option to curl. The body
 * goes through standard input, byte for byte: as an argument, one over 128 KiB is more than the
 * system passes.
 * With `signature`, that header is computed by openssl when the command runs: printing it would
 * let anyone try guesses at the secret offline.
 */
export function formatCurl(request: HttpRequest, secrets: (ShellSecret | ShellComputed)[] = [], signature?: CurlSignature): string {
  const words = ['curl', '--silent', '--show-error', '--fail-with-body', '--globoff', '-X', shellWord(request.method, secrets), '--url', shellWord(sentUrl(request.url), secrets)];
  const body = shellWord(request.body, secrets);
  // Go's client sends the url's user name and password as Basic authorization in place of an empty
  // Authorization header; curl would send the empty one instead.
  const credentialed = writesUserinfo(request.url);
  for (const header of request.headers) {
    if (credentialed && header.value === '' && header.name.toLowerCase() === 'authorization') continue;
    if (signature && header.name.toLowerCase() === signature.headerName.toLowerCase()) {
      words.push('-H', `${shellWord(`${header.name}: `)}"$(printf '%s' ${body} | openssl dgst -sha256 -hmac "$${signature.envName}" | sed 's/^.*= //')"`);
    } else {
      words.push('-H', shellWord(header.value === '' ? `${header.name};` : `${header.name}: ${header.value}`, secrets));
    }
  }
  const bodyless = request.body === '' && (request.method === 'GET' || request.method === 'HEAD');
  if (bodyless) return words.join(' ') + '\n';
  if (!request.headers.some((header) => header.name.toLowerCase() === 'content-type')) words.push('-H', "'Content-Type:'");
  words.push('--data-binary', '@-');
  return `printf '%s' ${body} | ${words.join(' ')}\n`;
}

/**
 * The line that stops the script, before it sends anything, when the variable that gives `value`
 * is not set (or, for a required one, empty): sent as it is, an empty secret or HMAC key only
 * makes the service answer 401. A non-interactive shell exits on the failed expansion.
 */
function requireVariable(value: ShellValue): string {
  // The message stands inside "${...}": a key with characters special there goes unnamed.
  const what = /^[\w.-]+$/.test(value.key) ? `the value of ${value.key}` : 'its value';
  return `: "\${${value.envName}${value.optional ? '' : ':'}?set it to ${what}}"\n`;
}

// Spelt out rather than as ranges (A-Z), which some locales stretch to letters with accents.
const UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~-';

/**
 * A check that stops the command when a value holds a character that the template's encoding
 * helper or HTML escaping would change, which no shell does as they do: it would not send what
 * LaunchDarkly would. Letters, digits and `. _ ~ -` come through all of them unchanged.
 */
function requireUntransformed(value: ShellValue): string {
  const what = /^[\w.-]+$/.test(value.key) ? value.key : 'the value';
  return (
    comment(
      `stops if ${value.envName} holds anything but letters, digits and . _ ~ -: the template encodes or HTML-escapes ${what}, ` +
        'which this command cannot do as LaunchDarkly does (ld-hook-kit send can)',
    ) +
    // tr, not a `[!…]` pattern, whose `!` an interactive zsh takes for history; `#` marks the end, so a trailing line break counts.
    `[ "$(printf '%s#' "\${${value.envName}-}" | LC_ALL=C tr -d '${UNRESERVED}')" = '#' ] || { echo '${what} holds a character the template would change: send it with ld-hook-kit send' >&2; exit 1; }\n`
  );
}

/** Whether a curl script has a command for the item: with every sample, only for those the default policy delivers, as LaunchDarkly and send do. */
export function curlSends(item: PlannedRequest, everySample: boolean): boolean {
  return !everySample || item.routing.delivered;
}

/** A planned request and how it is shown. */
export interface ShownRequest {
  item: PlannedRequest;
  view: RequestView;
}

/**
 * A comment line of the script, escaped: a line break in what it quotes (a template path, a
 * policy's resource) would end the comment and run the rest as a command; any other control
 * character would act on the terminal.
 */
function comment(text: string): string {
  // No backquote: an interactive zsh, which reads no comments by default, would run what stands between two.
  return `# ${visible(text).replace(/`/g, '')}\n`;
}

/**
 * The comment that comes first for one sample (`# flag/update-rules`, and why there is no
 * command, or what to know of it), then its command, if it has one.
 */
function curlForSample({ item, view }: ShownRequest, everySample: boolean, command: (request: HttpRequest) => string): string {
  const ref = view.context;
  if (!curlSends(item, everySample)) {
    return comment(`${ref}: not sent, the default policy does not deliver it (${item.routing.reason})`);
  }
  if (!view.request) return comment(`${ref}: ${view.problem}`);
  const notes = [
    ...(!item.routing.delivered ? [`the default policy does not deliver it (${item.routing.reason}), so LaunchDarkly would not send it`] : []),
    ...(view.unsendable ? [`send refuses this request: ${view.unsendable}`] : []),
    ...(view.bodyProblem ? [view.bodyProblem] : []),
    ...(view.destinationProblem ? [view.destinationProblem] : []),
  ];
  const comments = notes.length > 0 ? notes.map((note) => comment(`${ref}: ${note}`)).join('') : comment(ref);
  return comments + command(view.request);
}

/**
 * The curl commands, reading each secret from its LD_HOOK_KIT_VAR_<KEY> variable, each after a
 * comment naming its sample; with `everySample`, only those the default policy delivers (the
 * others are named, with the reason). Comments say which variables to export; a secret a
 * template may transform, which the shell cannot, is checked when the command runs. (Requests it certainly cannot send as
 * LaunchDarkly would, `shellCannot`, are refused before.)
 */
export function formatCurlCommands(planned: PlannedRequests, requests: ShownRequest[], everySample = false): string {
  const items = requests.map(({ item }) => item).filter((item) => curlSends(item, everySample));
  const shellValues = planned.shellValues;
  const shown = items.flatMap((item) => (item.shown ? [JSON.stringify(item.shown)] : []));
  const inShown = (value: string) => shown.some((request) => request.includes(value));
  const signing = items.find((item) => item.rendered?.signature)?.rendered!.signature;
  const signingSecret = signing && shellValues.find((value) => value.key === signing.secretKey);
  const signature = signingSecret && { headerName: signing.headerName, envName: signingSecret.envName };
  const transformed = new Set(items.flatMap((item) => item.transformed ?? []));
  const base64 = planned.shellBase64.filter((computed) => inShown(computed.value));
  const read = shellValues.filter(
    (value) => value === signingSecret || inShown(value.value) || base64.some((computed) => computed.text.includes(value.value)),
  );
  const notes = read.map((value) => comment(`reads ${value.key} from ${value.envName}: export it first`) + requireVariable(value));
  if (signature) notes.push(comment(`computes the ${signature.headerName} signature with openssl, keyed with ${signature.envName}`));
  if (base64.length > 0) notes.push("# computes basicAuthHeaderValue's base64 with the base64 command\n");
  const words: (ShellSecret | ShellComputed)[] = [
    ...shellValues,
    ...base64.map((computed) => ({ value: computed.value, expansion: `"$(printf '%s' ${shellWord(computed.text, shellValues)} | base64 | tr -d '\\n')"` })),
  ];
  // A value given that comes out changed is refused before: for the others, the command itself
  // stops when the value it reads would be changed.
  for (const value of read.filter((candidate) => transformed.has(candidate.key))) notes.push(requireUntransformed(value));
  if (everySample) {
    const delivered = requests.filter(({ item }) => item.routing.delivered).length;
    const rest = delivered < requests.length ? '; the others are named at the end, not sent (--context <ref> prints one anyway)' : '';
    notes.push(`# the default policy delivers ${delivered} of ${requests.length} sample events: a command for each${rest}\n`);
  }
  // With several commands, a failed one must not be hidden by those after it: the script's status is its last line's.
  const several = requests.filter(({ item, view }) => view.request && curlSends(item, everySample)).length > 1;
  const commands = requests.map((shown) =>
    curlForSample(shown, everySample, (request) => {
      const command = formatCurl(request, words, signature);
      return several ? `${command.slice(0, -1)} || ${FAILED}=1\n` : command;
    }),
  );
  const script = several ? [...notes, `${FAILED}=\n`, ...commands, `# exits non-zero when a request failed\n[ -z "$${FAILED}" ]\n`] : [...notes, ...commands];
  const text = script.join('');
  // Only comments (no request to send): no subshell, which may not be empty.
  if (text.split('\n').every((line) => line === '' || line.startsWith('#'))) return text;
  // One subshell: a check that fails stops what follows also where the script is pasted into a terminal, which it leaves open.
  return `(\n${text})\n`;
}

/** Set by a script of several curl commands when one fails: a name no one else's shell uses. */
const FAILED = 'ld_hook_kit_failed';
