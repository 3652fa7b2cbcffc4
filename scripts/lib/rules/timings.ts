import { byCodeUnits } from '../text-order';

/** How long one check (a rule, or the schema) took over a run. */
export interface CheckTiming {
  id: string;
  ms: number;
  /** Of the time all checks took, between 0 and 1. */
  share: number;
}

/**
 * The time each check takes over a run, for `validate --timing`: which rule to make faster, or to
 * suspect when a fork of hundreds of integrations is slow.
 */
export class CheckTimings {
  private readonly spent = new Map<string, bigint>();
  /** Integrations whose checks ran (those the results cache answered for took no check time). */
  integrations = 0;

  /** Runs `work` and adds how long it took to `id`'s time, whether it returns or throws. */
  time<T>(id: string, work: () => T): T {
    const start = process.hrtime.bigint();
    try {
      return work();
    } finally {
      this.spent.set(id, (this.spent.get(id) ?? 0n) + process.hrtime.bigint() - start);
    }
  }

  /** Every check timed, the slowest first (ties by id). */
  rows(): CheckTiming[] {
    const ms = [...this.spent].map(([id, ns]) => ({ id, ms: Number(ns) / 1e6 }));
    const total = ms.reduce((sum, row) => sum + row.ms, 0);
    return ms
      .map((row) => ({ ...row, share: total > 0 ? row.ms / total : 0 }))
      .sort((a, b) => b.ms - a.ms || byCodeUnits(a.id, b.id));
  }
}

/** `work()`, its time added to `id`'s when the run keeps timings. */
export function timed<T>(timings: CheckTimings | undefined, id: string, work: () => T): T {
  return timings ? timings.time(id, work) : work();
}
