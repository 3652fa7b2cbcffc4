import { readableBody, type RequestView } from './requests';

export interface RouteSummary {
  ref: string;
  delivered: boolean;
  reason: string;
}

/** A fence longer than any run of backticks in the text, so the text cannot close it. */
function fence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(longest + 1);
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
  const lines = [`### Request preview: ${view.integration}`, '', `Sample event: \`${view.context}\``, ''];
  if (view.request) {
    const head = [`${view.request.method} ${view.request.url}`, ...view.request.headers.map((h) => `${h.name}: ${h.value}`)].join('\n');
    lines.push(codeBlock('http', head), '', codeBlock(isJson(view.request.body) ? 'json' : 'text', readableBody(view.request.body)));
  } else {
    lines.push(`No request: ${view.problem ?? 'nothing rendered'}`);
  }
  const delivered = routes.filter((route) => route.delivered);
  lines.push('', `### Default policy`, '', `Delivers ${delivered.length} of ${routes.length} sample events:`, '');
  lines.push('| sample event | delivered | why |', '| --- | --- | --- |');
  for (const route of [...delivered, ...routes.filter((r) => !r.delivered)]) {
    lines.push(`| \`${route.ref}\` | ${route.delivered ? 'yes' : 'no'} | ${route.reason.replace(/\|/g, '\\|')} |`);
  }
  return lines.join('\n') + '\n';
}

function isJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}
