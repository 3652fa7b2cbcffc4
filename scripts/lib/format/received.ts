import type { ReceivedRequest } from '../delivery';
import type { Painter } from './paint';
// Whoever sends a request writes its every byte: none may steer the terminal.
import { visible, visibleLines } from './visible';

// The order line stays one glance long; the full list is in the blocks above it.
const ORDER_LINE_ENTRIES = 10;

function formatDate(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}

function indent(text: string, prefix = '  '): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function formatBody(body: unknown): string {
  if (body === undefined) return '(body not read)';
  if (body === '') return '(empty body)';
  return typeof body === 'string' ? body : JSON.stringify(body, null, 2);
}

function statusColour(p: Painter, status: number): (text: string) => string {
  return status >= 200 && status < 300 ? p.green : status >= 500 ? p.yellow : p.red;
}

/** One block per request: what came, what was answered and why. */
export function formatReceived(request: ReceivedRequest, p: Painter): string {
  const lines = [
    `${p.bold(`#${request.seq}`)}  ${new Date(request.receivedAt).toISOString()}  ${visible(request.method)} ${visible(request.path)}  ${statusColour(p, request.status)(`${request.status} ${visible(request.reason)}`)}`,
    ...request.headers.map((header) => `  ${p.dim(`${visible(header.name)}:`)} ${visible(header.value)}`),
    '',
    indent(visibleLines(formatBody(request.body))),
  ];
  if (request.date !== undefined) lines.push(p.dim(`  event date: ${formatDate(request.date)}`));
  if (request.problems.length > 0) lines.push('  problems:', ...request.problems.map((problem) => `    - ${visible(problem)}`));
  return lines.join('\n') + '\n';
}

/** The accepted events in event-date order, on one line: `#3 2016-…, #1 2016-…, #2 undated`. */
export function formatOrder(ordered: ReceivedRequest[]): string {
  const shown = ordered.slice(0, ORDER_LINE_ENTRIES).map((r) => `#${r.seq} ${r.date === undefined ? 'undated' : formatDate(r.date)}`);
  const more = ordered.length > ORDER_LINE_ENTRIES ? `, … ${ordered.length - ORDER_LINE_ENTRIES} more` : '';
  // Only dated events can come out of date order; undated ones are listed by arrival.
  const dated = ordered.filter((r) => r.date !== undefined);
  const reordered = dated.some((r, i) => i > 0 && r.seq < dated[i - 1]!.seq) ? ' (reordered)' : '';
  // Where the date is looked for, so that a body that keeps it elsewhere knows why it is undated.
  const undated = dated.length < ordered.length ? ' (undated: no date in the body\'s `date`, `timestamp`, `timestamp.milliseconds` or `embeds[0].timestamp`)' : '';
  return `  by event date${reordered}: ${shown.join(', ')}${more}${undated}\n`;
}
