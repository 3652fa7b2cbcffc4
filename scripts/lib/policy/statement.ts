import { parseResourceSpecifier, type ResourceSpecifier } from './specifier';
import { isRecord } from '../json-value';

export type Effect = 'allow' | 'deny';

export interface ResourceClause {
  /** The manifest key it came from: `notResources` matches when none of the specifiers does. */
  key: 'resources' | 'notResources';
  specifiers: ResourceSpecifier[];
}

export interface ActionClause {
  /** The manifest key it came from: `notActions` matches when none of the patterns does. */
  key: 'actions' | 'notActions';
  /** Action names, or `*` for every action. */
  patterns: string[];
}

export interface ParsedStatement {
  /** Position of the statement in the policy array: decisions and messages refer to it. */
  index: number;
  effect: Effect;
  resources: ResourceClause;
  actions: ActionClause;
}

export interface PolicyProblem {
  /** The statement's position in the policy array; null when the policy itself is wrong. */
  index: number | null;
  /** JSON pointer relative to the policy array: `/0/resources/1`, or `` for the array. */
  pointer: string;
  message: string;
  /** The framework's schema forbids this too: a wrong type, or an effect other than allow and deny. */
  schemaToo?: boolean;
}

export interface ParsedPolicy {
  /** The statements that parsed, in policy order. A statement with any problem is left out. */
  statements: ParsedStatement[];
  problems: PolicyProblem[];
}

/** A problem in words that name the statement as people count (`defaultPolicy statement 2: ...`). */
export function describePolicyProblem(problem: PolicyProblem): string {
  return problem.index === null ? problem.message : `defaultPolicy statement ${problem.index + 1}: ${problem.message}`;
}

export type StatementResult = { ok: true; statement: ParsedStatement } | { ok: false; problems: PolicyProblem[] };

const STATEMENT_KEYS = ['effect', 'resources', 'notResources', 'actions', 'notActions'];
const WHITESPACE = /\s/;

interface ItemNames {
  one: string;
  many: string;
}

/** What the items of a statement's two lists are called in messages. */
const ITEMS: Readonly<Record<'resources' | 'actions', ItemNames>> = {
  resources: { one: 'a resource specifier', many: 'resource specifiers' },
  actions: { one: 'an action name', many: 'action names' },
};

/**
 * Parses a `defaultPolicy` value. Never throws: every way the input can be wrong becomes a
 * problem with a pointer, and the statements that are fine are still returned.
 */
export function parsePolicy(statements: unknown): ParsedPolicy {
  if (!Array.isArray(statements)) {
    return {
      statements: [],
      problems: [{ index: null, pointer: '', message: `a policy must be an array of statements, not ${describe(statements)}` }],
    };
  }
  const parsed: ParsedStatement[] = [];
  const problems: PolicyProblem[] = [];
  statements.forEach((value: unknown, index) => {
    const result = parseStatement(value, index);
    if (result.ok) parsed.push(result.statement);
    else for (const problem of result.problems) problems.push(problem);
  });
  return { statements: parsed, problems };
}

export function parseStatement(value: unknown, index: number): StatementResult {
  const at = (path: string) => `/${index}${path}`;
  if (!isRecord(value)) {
    return {
      ok: false,
      problems: [{ index, pointer: at(''), message: `a policy statement must be an object, not ${describe(value)}`, schemaToo: true }],
    };
  }
  const record = value as Record<string, unknown>;
  const problems: PolicyProblem[] = [];
  const problem = (path: string, message: string, schemaToo = false) =>
    problems.push({ index, pointer: at(path), message, ...(schemaToo ? { schemaToo } : {}) });

  let effect: Effect = 'allow';
  if ('effect' in record) {
    if (record.effect === 'allow' || record.effect === 'deny') {
      effect = record.effect;
    } else {
      const hint =
        typeof record.effect === 'string' && ['allow', 'deny'].includes(record.effect.toLowerCase())
          ? ` (effects are lowercase: "${record.effect.toLowerCase()}")`
          : '';
      problem('/effect', `effect must be "allow" or "deny", not ${JSON.stringify(record.effect) ?? 'undefined'}${hint}`, true);
    }
  }

  const resourceKey = pickKey(record, 'resources', 'notResources', ITEMS.resources.many, problem);
  const specifiers: ResourceSpecifier[] = [];
  for (const { item, path } of listedStrings(record, resourceKey, ITEMS.resources, problem)) {
    const result = parseResourceSpecifier(item);
    if (result.ok) specifiers.push(result.specifier);
    else problem(path, `resource specifier ${result.message}`);
  }

  const actionKey = pickKey(record, 'actions', 'notActions', ITEMS.actions.many, problem);
  const patterns: string[] = [];
  for (const { item, path } of listedStrings(record, actionKey, ITEMS.actions, problem)) {
    const message = actionNameProblem(item);
    if (message) problem(path, message);
    else patterns.push(item);
  }

  if (problems.length > 0 || !resourceKey || !actionKey) return { ok: false, problems };
  return {
    ok: true,
    statement: { index, effect, resources: { key: resourceKey, specifiers }, actions: { key: actionKey, patterns } },
  };
}

/**
 * What is wrong with an action name as syntax, or undefined. Whether LaunchDarkly has the action
 * is a separate question (see `isKnownAction`): new actions appear faster than any list.
 */
export function actionNameProblem(name: string): string | undefined {
  if (name === '') return 'an action name is empty; use "*" for every action';
  if (WHITESPACE.test(name)) return `action name ${JSON.stringify(name)} contains whitespace`;
  if (/[:/;,]/.test(name)) {
    return `action name ${JSON.stringify(name)} looks like a resource specifier or a list; actions are single names like "updateOn"`;
  }
  return undefined;
}

/** The one key of the pair the statement uses, reporting both-or-neither. */
function pickKey<K extends string>(
  record: Record<string, unknown>,
  positive: K,
  negative: K,
  what: string,
  problem: (path: string, message: string) => void,
): K | undefined {
  const hasPositive = positive in record;
  const hasNegative = negative in record;
  if (hasPositive && hasNegative) {
    problem(`/${negative}`, `a statement has either ${positive} or ${negative}, not both`);
    return undefined;
  }
  if (hasPositive) return positive;
  if (hasNegative) return negative;
  const nearMiss = Object.keys(record).find(
    (key) => !STATEMENT_KEYS.includes(key) && [positive, negative].some((wanted) => key.toLowerCase().replace(/s$/, '') === wanted.toLowerCase().replace(/s$/, '')),
  );
  const hint = nearMiss ? `; found ${JSON.stringify(nearMiss)}: did you mean "${nearMiss.toLowerCase().startsWith('not') ? negative : positive}"?` : '';
  problem('', `the statement needs ${positive} or ${negative}, a list of ${what}${hint}`);
  return undefined;
}

type ProblemSink = (path: string, message: string, schemaToo?: boolean) => void;

/**
 * The strings `record[key]` lists, each with its pointer, once the list itself is sound; a problem
 * for the list, and for each item that is no string, the schema reports too. Lazy, so that the
 * problems come in the order of the items.
 */
function* listedStrings(record: Record<string, unknown>, key: string | undefined, items: ItemNames, problem: ProblemSink): Generator<{ item: string; path: string }> {
  if (!key) return;
  const list = record[key];
  if (!checkList(list, key, items.many, problem)) return;
  for (const [i, item] of (list as unknown[]).entries()) {
    const path = `/${key}/${i}`;
    if (typeof item === 'string') yield { item, path };
    else problem(path, `${key}[${i}] must be ${items.one} string, not ${describe(item)}`, true);
  }
}

function checkList(list: unknown, key: string, what: string, problem: ProblemSink): boolean {
  if (!Array.isArray(list)) {
    const hint = typeof list === 'string' ? ` (write [${JSON.stringify(list)}])` : '';
    problem(`/${key}`, `${key} must be an array of ${what}, not ${describe(list)}${hint}`, true);
    return false;
  }
  if (list.length === 0) {
    // An empty `resources`/`actions` matches nothing and an empty `notResources`/`notActions`
    // matches everything: neither is what anyone writing one meant.
    const hint = key.startsWith('not') ? `replace it with ${key.charAt(3).toLowerCase()}${key.slice(4)}: ["*"] to match all` : 'use ["*"] to match all';
    problem(`/${key}`, `${key} is empty; list at least one, or ${hint}`);
    return false;
  }
  return true;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'string' ? 'the string' : `the ${typeof value}`} ${JSON.stringify(value)}`;
}
