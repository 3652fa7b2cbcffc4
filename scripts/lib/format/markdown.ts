import { checkJson } from '../json-syntax';
import { readableBody, type RequestView } from './requests';
import { visible, visibleLines } from './visible';

export interface RouteSummary {
  ref: string;
  delivered: boolean;
  reason: string;
}

/** The longest run of backticks in `text`: code marks one longer cannot be closed by the text. */
function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/** A fence longer than any run of backticks in the text, so the text cannot close it. */
function fence(text: string): string {
  return '`'.repeat(Math.max(2, longestBacktickRun(text)) + 1);
}

/** Inline code holding `text` whatever backticks it has; `|` escaped, which a table would take for a cell's end. */
function codeSpan(text: string, inTable = false): string {
  const shown = visible(text);
  const marks = '`'.repeat(longestBacktickRun(shown) + 1);
  const padded = /^`|`$/.test(shown) ? ` ${shown} ` : shown;
  return `${marks}${inTable ? padded.replace(/\|/g, '\\|') : padded}${marks}`;
}

/** Prose with Markdown's marks escaped: `proj/*:env/production:flag/*` must not turn italic. */
function plainText(text: string): string {
  return visible(text.replace(/\n/g, ' ')).replace(/[\\`*_[\]<>|#~]/g, '\\$&');
}

function codeBlock(language: string, text: string): string {
  const marks = fence(text);
  return `${marks}${language}\n${text}\n${marks}`;
}

/**
 * The block the framework's pull request template asks for under "Provide a request preview":
 * the rendered request for one event, and which sample events the default policy delivers.
 */
export function formatPullRequestPreview(view: RequestView, routes: RouteSummary[]): string {
  const lines = [`### Request preview: ${plainText(view.integration)}`, '', `Sample event: ${codeSpan(view.context)}`, ''];
  if (view.request) {
    // What the integration and the values given wrote: a control character would act on the terminal, a line break fake a header line.
    const head = [`${visible(view.request.method)} ${visible(view.request.url)}`, ...view.request.headers.map((h) => `${visible(h.name)}: ${visible(h.value)}`)].join('\n');
    lines.push(codeBlock('http', head), '', codeBlock(checkJson(view.request.body).ok ? 'json' : 'text', visibleLines(readableBody(view.request.body))));
    if (view.unsendable) lines.push('', `Cannot be sent as written: ${plainText(view.unsendable)}`);
    if (view.bodyProblem) lines.push('', plainText(`${view.bodyProblem[0].toUpperCase()}${view.bodyProblem.slice(1)}`));
    if (view.destinationProblem) lines.push('', plainText(view.destinationProblem));
  } else {
    lines.push(`No request: ${plainText(view.problem ?? 'nothing rendered')}`);
  }
  const delivered = routes.filter((route) => route.delivered);
  lines.push('', `### Default policy`, '', `Delivers ${delivered.length} of ${routes.length} sample events:`, '');
  lines.push('| sample event | delivered | why |', '| --- | --- | --- |');
  for (const route of [...delivered, ...routes.filter((r) => !r.delivered)]) {
    lines.push(`| ${codeSpan(route.ref, true)} | ${route.delivered ? 'yes' : 'no'} | ${plainText(route.reason)} |`);
  }
  return lines.join('\n') + '\n';
}
