import { plural } from '../plural';
import type { CheckTiming } from '../rules/timings';

/** The checks named in the table, the slowest first; the rest share one line, as in ESLint's TIMING. */
export const NAMED_TIMINGS = 10;

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/**
 * The time each check took over a run, as a table for people. `integrations` is how many were
 * checked: those the results cache answered for took none.
 */
export function formatTimings(rows: CheckTiming[], integrations: number): string {
  if (integrations === 0) {
    return 'No check ran: the results cache answered for every integration. `--no-cache` times them all.\n';
  }
  const named = rows.slice(0, NAMED_TIMINGS).map((row) => [row.id, row.ms.toFixed(1), percent(row.share)]);
  const rest = rows.slice(NAMED_TIMINGS);
  if (rest.length > 0) {
    const sum = (pick: (row: CheckTiming) => number) => rest.reduce((total, row) => total + pick(row), 0);
    named.push([plural(rest.length, 'other check'), sum((row) => row.ms).toFixed(1), percent(sum((row) => row.share))]);
  }
  const total = rows.reduce((sum, row) => sum + row.ms, 0);
  const table = [['Check', 'Time (ms)', 'Share'], ...named, ['All checks', total.toFixed(1), '100.0%']];
  const widths = [0, 1, 2].map((column) => Math.max(...table.map((cells) => cells[column].length)));
  const lines = table.map(([id, ms, share]) => `${id.padEnd(widths[0])}  ${ms.padStart(widths[1])}  ${share.padStart(widths[2])}`);
  lines.push(
    `${plural(integrations, 'integration')} checked. Work that several checks share, such as rendering each template against ` +
      'the sample events, counts toward the first check that needs it.',
  );
  return lines.join('\n') + '\n';
}
