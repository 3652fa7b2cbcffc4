import { KNOWN_HELPERS } from './helpers';
import { patternKey, uniquePatterns, WILDCARD, type Pattern } from './event-paths';
import { hasArguments, isScoped, isSimpleName, isThis } from './template-ast';

/**
 * What a template prints, found without rendering it: for every `{{ }}`/`{{{ }}}` mustache, the
 * event paths it may print (following `{{#each}}`, `{{#with}}`, sections, block params, `this`,
 * `../` and `@root`), and whether it stands inside a JSON string literal of the output.
 */

/**
 * - `event`: prints event values (a path or `lookup`);
 * - `form`: prints form variable values, which the framework does not JSON-escape;
 * - `data`: `@index`, `@key` and other data variables;
 * - `safe-helper`: a helper whose output is not event text (see SAFE_OUTPUT_HELPERS);
 * - `other`: literals, unknown helpers, paths in a context that cannot be resolved.
 */
export type PrintKind = 'event' | 'form' | 'data' | 'safe-helper' | 'other';

export interface PrintSite {
  node: hbs.AST.MustacheStatement;
  /** 1-based, of the mustache's opening braces. */
  line: number;
  column: number;
  /** `{{x}}` (HTML-escaped) rather than `{{{x}}}`. */
  escaped: boolean;
  kind: PrintKind;
  /** For `event`: the paths it prints. For `safe-helper`: the event paths among its arguments. */
  patterns: Pattern[];
  /** The text as written, relative to its context: `title.plainText`, `this`, `../name`. */
  written: string;
  /** Some way through the template puts this mustache inside a JSON string literal. */
  inJsonString: boolean;
}

export interface PathSite {
  node: hbs.AST.PathExpression;
  line: number;
  column: number;
  /** The statement (mustache or block) that holds the path: Handlebars reports errors there. */
  statement: hbs.AST.MustacheStatement | hbs.AST.BlockStatement;
  patterns: Pattern[];
  /** How many leading segments of each pattern come from the context rather than the path text. */
  contextLengths: number[];
  /** How many of the path's parts name where it starts (a block param, `@root`) rather than a field. */
  partsOffset: number;
  /** Some way through the template has its `../` go up past the event, where there is nothing to read. */
  pastTop: boolean;
  /**
   * Why its context is not known, when it is not (then `patterns` is empty): a block worked it out
   * while rendering (`{{#with (queryEncode name)}}`), or sections nest too deep to follow.
   */
  contextUnknown?: 'worked-out' | 'too-deep';
}

export interface TemplateAnalysis {
  prints: PrintSite[];
  /** Every path expression that resolves to event or form paths, wherever it stands. */
  paths: PathSite[];
  /** Event paths compared by `{{#equal}}`/`{{#equalWithElse}}`: their values steer the output. */
  comparedPatterns: Pattern[];
}

/**
 * Helpers whose output carries no event text that HTML escaping could damage: `formatWithOffset`
 * prints a number or a date made of digits, `-`, `:`, `T`, `.` and `Z`; `basicAuthHeaderValue`
 * returns a safe string; `pathEncode`/`queryEncode` print URL-encoded text, so a quote, `<`, `>`
 * or backslash is percent-encoded before Handlebars sees it. (An apostrophe, and `&`/`=` with
 * `pathEncode`, survive URL encoding, so `{{{ }}}` is still the better spelling; but in a JSON
 * template the value these helpers encode was already JSON-escaped, so any event text in a URL
 * built this way is off anyway. The check treats their output as URL-safe, not as event text.)
 */
const SAFE_OUTPUT_HELPERS: ReadonlySet<string> = new Set(['formatWithOffset', 'pathEncode', 'queryEncode', 'basicAuthHeaderValue']);

/** The patterns a context may stand for; `null` when it cannot be known (an unknown helper's block). */
type Context = Pattern[] | null;

/**
 * A context that may stand for more patterns than this is taken as unknown: each section doubles
 * them (it may iterate or enter its value), so sections nested 20 deep would stand for a million.
 */
const MAX_CONTEXT_PATTERNS = 64;

/** One context of the stack. */
interface Level {
  context: Context;
  /**
   * Handlebars may push nothing here, so `this` and `../` may skip the level: a section over a
   * form variable keeps the context when its value is `true` (`{{#formVariables.verbose}}`), and a
   * block over what may be the object already in context pushes none (see sameness).
   */
  mayBeSkipped: boolean;
  /** Set when the context stood for more than MAX_CONTEXT_PATTERNS patterns: it is taken as unknown. */
  tooWide?: boolean;
}

interface Scope {
  /** Innermost last. Only blocks that change the context push one, as in Handlebars 4. */
  levels: Level[];
  /** Innermost last: each block's `as |a b|` names. */
  blockParams: Map<string, Context>[];
}

// JSON lexical states, as bits of a set: outside strings, inside one, just after a backslash in one.
const OUT = 1;
const IN = 2;
const ESCAPED = 4;
type StateSet = number;

function advanceState(state: number, text: string): number {
  let current = state;
  for (const char of text) {
    if (current === OUT) {
      if (char === '"') current = IN;
    } else if (current === IN) {
      if (char === '\\') current = ESCAPED;
      else if (char === '"') current = OUT;
    } else {
      current = IN;
    }
  }
  return current;
}

function advance(states: StateSet, text: string): StateSet {
  let next = 0;
  for (const state of [OUT, IN, ESCAPED]) if (states & state) next |= advanceState(state, text);
  return next;
}

/** A mustache's output cannot end an escape sequence's pending character more than once. */
function afterPrint(states: StateSet): StateSet {
  return states & ESCAPED ? (states & ~ESCAPED) | IN : states;
}

/**
 * Whether a block's new context, `context`, read from `source`, is the object in context now:
 * Handlebars then pushes no level (`{{#with this}}`, `{{#with @root.project}}` inside
 * `{{#with project}}`), and `../` climbs one level less. A pattern through a loop may stand for
 * another item, so only a single plain pattern is surely the same object.
 */
function sameness(scope: Scope, context: Context, source: hbs.AST.Expression | undefined): 'surely' | 'maybe' | 'no' {
  const current = contextAt(scope.levels, 0).context;
  if (!context || !current) return 'no';
  const inContext = new Set(current.map(patternKey));
  const shared = context.filter((pattern) => inContext.has(patternKey(pattern)));
  if (shared.length === 0) return 'no';
  if (shared.length < context.length) return 'maybe';
  return isThis(source) || (context.length === 1 && current.length === 1 && !context[0].includes(WILDCARD)) ? 'surely' : 'maybe';
}

function findBlockParam(scope: Scope, name: string): { found: boolean; context: Context } {
  for (let i = scope.blockParams.length - 1; i >= 0; i--) {
    const params = scope.blockParams[i];
    if (params.has(name)) return { found: true, context: params.get(name) ?? null };
  }
  return { found: false, context: null };
}

interface Resolved {
  patterns: Pattern[];
  contextLengths: number[];
  partsOffset: number;
  pastTop: boolean;
}

/** The indices of the level that stands at `index`: it, or one below it where levels may be skipped. */
function standingAt(levels: Level[], index: number): number[] {
  const found: number[] = [];
  for (let i = index; i >= 0; i--) {
    found.push(i);
    if (!levels[i].mayBeSkipped) break;
  }
  return found;
}

/**
 * The context `depth` levels up (`../`), over every way the skippable levels may have gone, and
 * whether some way goes up past the outermost one.
 */
function contextAt(levels: Level[], depth: number): { context: Context; pastTop: boolean } {
  let indices = standingAt(levels, levels.length - 1);
  let pastTop = false;
  for (let step = 0; step < depth; step++) {
    pastTop ||= indices.includes(0);
    indices = [...new Set(indices.flatMap((index) => standingAt(levels, index - 1)))];
  }
  const contexts = indices.map((index) => levels[index].context);
  if (contexts.some((context) => context === null)) return { context: null, pastTop };
  return { context: contexts.length === 1 ? contexts[0] : uniquePatterns(contexts.flatMap((context) => context!)), pastTop };
}

function resolvePath(path: hbs.AST.PathExpression, scope: Scope): Resolved | null {
  if (path.data) {
    if (path.parts[0] !== 'root') return null;
    return { patterns: [path.parts.slice(1)], contextLengths: [0], partsOffset: 1, pastTop: false };
  }
  let base: Context;
  let pastTop = false;
  let parts = path.parts;
  const param = path.depth === 0 && !isScoped(path) && parts.length > 0 ? findBlockParam(scope, parts[0]) : { found: false, context: null };
  if (param.found) {
    base = param.context;
    parts = parts.slice(1);
  } else {
    ({ context: base, pastTop } = contextAt(scope.levels, path.depth));
  }
  if (!base) return null;
  return {
    patterns: base.map((pattern) => [...pattern, ...parts]),
    contextLengths: base.map((pattern) => pattern.length),
    partsOffset: param.found ? 1 : 0,
    pastTop,
  };
}

function lookupPatterns(params: hbs.AST.Expression[], scope: Scope): Context {
  const object = params[0] ? expressionPatterns(params[0], scope) : null;
  if (!object) return null;
  const key = params[1];
  if (!key) return object;
  let segment: string = WILDCARD;
  if (key.type === 'StringLiteral') segment = (key as hbs.AST.StringLiteral).value;
  else if (key.type === 'NumberLiteral') segment = String((key as hbs.AST.NumberLiteral).value);
  return object.map((pattern) => [...pattern, segment]);
}

/** The event paths an expression used as a block's or helper's argument stands for. */
function expressionPatterns(expression: hbs.AST.Expression, scope: Scope): Context {
  if (expression.type === 'PathExpression') return resolvePath(expression as hbs.AST.PathExpression, scope)?.patterns ?? null;
  if (expression.type === 'SubExpression') {
    const sub = expression as hbs.AST.SubExpression;
    if (sub.path.type === 'PathExpression' && (sub.path as hbs.AST.PathExpression).original === 'lookup') {
      return lookupPatterns(sub.params, scope);
    }
  }
  return null;
}

function isFormPattern(pattern: Pattern): boolean {
  return pattern[0] === 'formVariables';
}

class Analyzer {
  private readonly printSites = new Map<hbs.AST.MustacheStatement, PrintSite>();
  private readonly pathSites = new Map<hbs.AST.PathExpression, PathSite>();
  private readonly compared: Pattern[] = [];
  /**
   * The states each program ends in, by the states it starts in. A program is always walked in
   * the same scope (its blocks' arguments decide it), so a second walk from the same states would
   * note nothing new: without this, loops nested n deep would walk the innermost body 2^n times.
   */
  private readonly walks = new Map<hbs.AST.Program, Map<StateSet, StateSet>>();

  result(): TemplateAnalysis {
    const byPosition = <T extends { line: number; column: number }>(a: T, b: T) => a.line - b.line || a.column - b.column;
    return {
      prints: [...this.printSites.values()].sort(byPosition),
      paths: [...this.pathSites.values()].sort(byPosition),
      comparedPatterns: uniquePatterns(this.compared),
    };
  }

  program(program: hbs.AST.Program | undefined, scope: Scope, states: StateSet): StateSet {
    if (!program) return states;
    let walked = this.walks.get(program);
    if (!walked) {
      walked = new Map();
      this.walks.set(program, walked);
    }
    const known = walked.get(states);
    if (known !== undefined) return known;
    const after = this.walk(program, scope, states);
    walked.set(states, after);
    return after;
  }

  private walk(program: hbs.AST.Program, scope: Scope, states: StateSet): StateSet {
    let current = states;
    for (const statement of program.body) {
      switch (statement.type) {
        case 'ContentStatement':
          current = advance(current, (statement as hbs.AST.ContentStatement).value);
          break;
        case 'MustacheStatement':
          this.mustache(statement as hbs.AST.MustacheStatement, scope, current);
          current = afterPrint(current);
          break;
        case 'BlockStatement':
          current = this.block(statement as hbs.AST.BlockStatement, scope, current);
          break;
        default:
          // Comments print nothing; partials and decorators are go-handlebars-compat's findings.
          break;
      }
    }
    return current;
  }

  private notePaths(expressions: hbs.AST.Expression[], statement: PathSite['statement'], scope: Scope): void {
    for (const expression of expressions) {
      if (expression.type === 'PathExpression') {
        this.noteResolved(expression as hbs.AST.PathExpression, statement, scope);
      } else if (expression.type === 'SubExpression') {
        const sub = expression as hbs.AST.SubExpression;
        this.notePaths(sub.params, statement, scope);
        this.notePaths((sub.hash?.pairs ?? []).map((pair) => pair.value), statement, scope);
      }
    }
  }

  /**
   * The path resolved and noted, or null when what it reads is not known: then it is noted with
   * no patterns, and `contextUnknown` when a block gave it a context worked out while rendering
   * (`{{#with (queryEncode name)}}`). Data variables other than `@root` read no context.
   */
  private noteResolved(path: hbs.AST.PathExpression, statement: PathSite['statement'], scope: Scope): Resolved | null {
    const resolved = resolvePath(path, scope);
    if (resolved) this.notePath(path, statement, resolved);
    else if (!path.data) {
      const why = scope.levels.some((level) => level.tooWide) ? 'too-deep' : 'worked-out';
      this.notePath(path, statement, { patterns: [], contextLengths: [], partsOffset: 0, pastTop: false }, why);
    }
    return resolved;
  }

  private notePath(path: hbs.AST.PathExpression, statement: PathSite['statement'], resolved: Resolved, contextUnknown?: PathSite['contextUnknown']): void {
    const existing = this.pathSites.get(path);
    // A loop body is walked again until the JSON states settle: the scope is the same each time.
    if (existing) return;
    this.pathSites.set(path, {
      node: path,
      line: path.loc.start.line,
      column: path.loc.start.column + 1,
      statement,
      patterns: resolved.patterns,
      contextLengths: resolved.contextLengths,
      partsOffset: resolved.partsOffset,
      pastTop: resolved.pastTop,
      ...(contextUnknown ? { contextUnknown } : {}),
    });
  }

  private mustache(node: hbs.AST.MustacheStatement, scope: Scope, states: StateSet): void {
    const { kind, patterns, written } = this.classify(node, scope);
    const inJsonString = (states & (IN | ESCAPED)) !== 0;
    const existing = this.printSites.get(node);
    if (existing) {
      existing.inJsonString ||= inJsonString;
      existing.patterns = uniquePatterns([...existing.patterns, ...patterns]);
      return;
    }
    this.printSites.set(node, {
      node,
      line: node.loc.start.line,
      column: node.loc.start.column + 1,
      escaped: node.escaped !== false,
      kind,
      patterns,
      written,
      inJsonString,
    });
  }

  private classify(node: hbs.AST.MustacheStatement, scope: Scope): { kind: PrintKind; patterns: Pattern[]; written: string } {
    if (node.path.type !== 'PathExpression') return { kind: 'other', patterns: [], written: '' };
    const path = node.path as hbs.AST.PathExpression;
    const written = path.original || 'this';
    this.notePaths(node.params, node, scope);
    if (hasArguments(node)) {
      if (!isSimpleName(path)) {
        // Given arguments (`{{a.b x}}`), it is looked up in strict mode to be called: it fails either way, and a failure there names it.
        this.noteResolved(path, node, scope);
        return { kind: 'other', patterns: [], written };
      }
      if (path.original === 'lookup') {
        const patterns = lookupPatterns(node.params, scope);
        return patterns ? this.split(patterns, written) : { kind: 'other', patterns: [], written };
      }
      if (SAFE_OUTPUT_HELPERS.has(path.original)) {
        const patterns = node.params.flatMap((param) => expressionPatterns(param, scope) ?? []);
        return { kind: 'safe-helper', patterns: patterns.filter((pattern) => !isFormPattern(pattern)), written };
      }
      return { kind: 'other', patterns: [], written };
    }
    if (path.data && path.parts[0] !== 'root') return { kind: 'data', patterns: [], written };
    if (isSimpleName(path) && KNOWN_HELPERS.has(path.original) && !findBlockParam(scope, path.original).found) {
      return { kind: 'other', patterns: [], written };
    }
    const resolved = this.noteResolved(path, node, scope);
    if (!resolved) return { kind: 'other', patterns: [], written };
    return this.split(resolved.patterns, written);
  }

  private split(patterns: Pattern[], written: string): { kind: PrintKind; patterns: Pattern[]; written: string } {
    const event = patterns.filter((pattern) => !isFormPattern(pattern));
    if (event.length > 0) return { kind: 'event', patterns: event, written };
    return { kind: patterns.length > 0 ? 'form' : 'other', patterns: [], written };
  }

  private block(node: hbs.AST.BlockStatement, scope: Scope, states: StateSet): StateSet {
    const path = node.path.type === 'PathExpression' ? (node.path as hbs.AST.PathExpression) : undefined;
    const name = path && isSimpleName(path) ? path.original : undefined;
    this.notePaths(node.params, node, scope);
    this.notePaths((node.hash?.pairs ?? []).map((pair) => pair.value), node, scope);
    // As for a mustache: looked up in strict mode to be called.
    if (path && hasArguments(node) && !isSimpleName(path)) this.noteResolved(path, node, scope);

    let inner: Scope = scope;
    let loops = false;
    const push = (context: Context, params: Context[], mayBeSkipped = false): Scope => {
      const names = node.program?.blockParams ?? [];
      const map = new Map<string, Context>();
      names.forEach((param, index) => map.set(param, params[index] ?? null));
      const blockParams = [...scope.blockParams, map];
      const same = sameness(scope, context, node.params[0] ?? path);
      if (same === 'surely') return { levels: scope.levels, blockParams };
      const tooWide = context !== null && context.length > MAX_CONTEXT_PATTERNS;
      const level: Level = { context: tooWide ? null : context, mayBeSkipped: mayBeSkipped || same === 'maybe' };
      if (tooWide) level.tooWide = true;
      return { levels: [...scope.levels, level], blockParams };
    };

    const isHelper = name !== undefined && KNOWN_HELPERS.has(name) && !findBlockParam(scope, name).found;
    if (isHelper && name === 'each') {
      const over = node.params[0] ? expressionPatterns(node.params[0], scope) : null;
      const item = over ? over.map((pattern) => [...pattern, WILDCARD]) : null;
      inner = push(item, [item, null]);
      loops = true;
    } else if (isHelper && name === 'with') {
      const value = node.params[0] ? expressionPatterns(node.params[0], scope) : null;
      inner = push(value, [value]);
    } else if (isHelper && (name === 'if' || name === 'unless' || name === 'equal' || name === 'equalWithElse')) {
      if (name === 'equal' || name === 'equalWithElse') {
        for (const param of node.params) this.compared.push(...(expressionPatterns(param, scope) ?? []));
      }
    } else if (path && !hasArguments(node) && !isHelper) {
      // A section over a value: Handlebars iterates an array, enters an object or a string, and
      // keeps the context for `true`. Which of these it is depends on the event, so allow all;
      // only a form variable can be `true`, since no event field is a boolean.
      const resolved = this.noteResolved(path, node, scope);
      const value = resolved?.patterns ?? null;
      const context = value ? uniquePatterns([...value, ...value.map((pattern) => [...pattern, WILDCARD])]) : null;
      inner = push(context, [], value?.some(isFormPattern) ?? false);
      loops = true;
    } else {
      inner = push(null, []);
      loops = true;
    }

    let afterProgram = this.program(node.program, inner, states);
    if (loops) {
      // Iterations run the body again from where the last one ended; three states converge fast.
      for (;;) {
        const again = afterProgram | this.program(node.program, inner, afterProgram);
        if (again === afterProgram) break;
        afterProgram = again;
      }
    }
    // The inverse (`{{else}}`) runs in the block's own context.
    const afterInverse = node.inverse ? this.program(node.inverse, scope, states) : states;
    return afterProgram | afterInverse;
  }
}

/** Analyses a parsed template. Top-level mustaches see the event itself, plus `formVariables`. */
export function analyzeTemplate(ast: hbs.AST.Program): TemplateAnalysis {
  const analyzer = new Analyzer();
  analyzer.program(ast, { levels: [{ context: [[]], mayBeSkipped: false }], blockParams: [] }, OUT);
  return analyzer.result();
}
