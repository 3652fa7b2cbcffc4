import Handlebars, { type HelperDelegate, type HelperOptions } from 'handlebars';
import { launchDarklyHelpers } from './helpers';

export type HandlebarsEnvironment = typeof Handlebars;

/** The helper call an error was thrown by (not by the blocks it rendered), where it starts. */
export interface HelperFailure {
  helper: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

const failures = new WeakMap<object, HelperFailure>();
// Errors that came out of a block a helper rendered: they belong to the block, not the helper.
const fromBlocks = new WeakSet<object>();

/** The helper call that threw `error` itself, when a helper did. */
export function helperFailureOf(error: unknown): HelperFailure | undefined {
  return error !== null && typeof error === 'object' ? failures.get(error) : undefined;
}

/**
 * Blocks one render may run. Loops nested in loops multiply their runs: 23 nested `{{#each}}`
 * over two items would run eight million and render for minutes. Real templates run hundreds.
 */
export const MAX_BLOCK_RUNS = 100_000;

let blockRunsLeft = Number.POSITIVE_INFINITY;

/** Thrown by the block run past MAX_BLOCK_RUNS: the helper that ran it is its helperFailureOf. */
export class TooManyBlockRunsError extends Error {}

/** Runs `render` with a budget of MAX_BLOCK_RUNS block runs. */
export function withBlockBudget<T>(render: () => T): T {
  const outer = blockRunsLeft;
  blockRunsLeft = MAX_BLOCK_RUNS;
  try {
    return render();
  } finally {
    blockRunsLeft = outer;
  }
}

type Block = HelperOptions['fn'];

function markingErrors(block: Block): Block {
  const marked = function (this: unknown, ...args: Parameters<Block>) {
    // Thrown before the block runs, so that it is the calling helper's own failure.
    if (--blockRunsLeft < 0) throw new TooManyBlockRunsError(`ran more than ${MAX_BLOCK_RUNS.toLocaleString('en-US')} blocks`);
    try {
      return block.apply(this, args);
    } catch (error) {
      if (error !== null && typeof error === 'object') fromBlocks.add(error);
      throw error;
    }
  };
  // Handlebars keeps notes on its block functions (depth, block parameters).
  return Object.assign(marked, block);
}

/**
 * The helper, unchanged in what it renders, except that an error it throws itself remembers the
 * call's name and position: Handlebars' own errors from helpers carry neither, and say
 * `options.fn is not a function` when the helper was called wrongly.
 */
function attributed(helper: HelperDelegate): HelperDelegate {
  return function (this: unknown, ...args: unknown[]) {
    // Handlebars passes its options object last, whatever the number of arguments.
    const options = args[args.length - 1] as Partial<HelperOptions> & { name?: string; loc?: hbs.AST.SourceLocation };
    if (typeof options.fn === 'function') options.fn = markingErrors(options.fn);
    if (typeof options.inverse === 'function') options.inverse = markingErrors(options.inverse);
    try {
      return (helper as (...all: unknown[]) => unknown).apply(this, args);
    } catch (error) {
      const own = error !== null && typeof error === 'object' && !fromBlocks.has(error) && !failures.has(error);
      if (own && options.loc && options.name) {
        failures.set(error, { helper: options.name, line: options.loc.start.line, column: options.loc.start.column + 1 });
      }
      throw error;
    }
  };
}

// Handlebars' fallbacks for names no helper has: sections over values and unknown helpers.
const FALLBACKS = new Set(['helperMissing', 'blockHelperMissing']);

/**
 * A fresh Handlebars environment with LaunchDarkly's helpers (as production has them, unless
 * told otherwise). Each render setup gets its own, so helpers or partials registered for one
 * integration can never leak into another.
 */
export function createHandlebars(helpers: Record<string, HelperDelegate> = launchDarklyHelpers): HandlebarsEnvironment {
  const handlebars = Handlebars.create();
  for (const [name, helper] of Object.entries(helpers)) {
    handlebars.registerHelper(name, helper);
  }
  // The built-in `log` writes to the console through a logger that all environments share; a
  // rendering library must not print, and `log` renders nothing either way.
  handlebars.registerHelper('log', () => '');
  for (const [name, helper] of Object.entries(handlebars.helpers)) {
    if (!FALLBACKS.has(name)) handlebars.registerHelper(name, attributed(helper));
  }
  return handlebars;
}
