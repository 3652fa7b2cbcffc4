import type { RuntimeOptions } from 'handlebars';
import {
  createHandlebars,
  helperFailureOf,
  MAX_BLOCK_RUNS,
  TooManyBlockRunsError,
  withBlockBudget,
  type HandlebarsEnvironment,
  type HelperFailure,
} from './handlebars-env';
import { KNOWN_HELPERS } from './helpers';
import { describeParseError } from './parse-errors';
import { HELPER_USAGE, helperUsageProblems } from './helper-usage';
import {
  calledName,
  DATA_VARIABLES_SET,
  dataVariableText,
  handlebarsParser,
  hasArguments,
  helperCalls,
  isCall,
  isUnsetDataVariable,
  LOOP_VARIABLES,
  meantDataVariable,
  parseTemplate,
  someNode,
  walk,
} from './template-ast';
import { markedTree, originInOutput, type SourcePosition, type Traced } from './output-origin';

/**
 * A property strict mode found missing: `name` itself (`parent: false`), or something on the way
 * to `name` (`parent: true`: strict mode checks only a path's last segment, so an absent parent
 * surfaces as JavaScript's own error, without a position).
 */
export interface AbsentProperty {
  name: string;
  parent: boolean;
}

/** A template that does not parse or does not render, with where it happened. */
export class TemplateError extends Error {
  constructor(
    message: string,
    /** The template's file, relative to the integration folder. */
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
    /** Set when the template read a property the event does not have. */
    readonly absent?: AbsentProperty,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** A call of a helper LaunchDarkly does not have: the first one, as the renderer stops there. */
export class UnknownHelperError extends TemplateError {}

export interface CompiledTemplate {
  file: string;
  source: string;
  ast: hbs.AST.Program;
  render(context: unknown): string;
  /** Where in the source the character at `offset` of `output`, this context's render, was written, when that can be told. */
  originOf(context: unknown, output: string, offset: number): SourcePosition | undefined;
}

function parseErrorPosition(error: Error): { line?: number; column?: number } {
  const location = handlebarsParser.lexer.yylloc;
  if (location) return { line: location.first_line, column: location.first_column + 1 };
  const line = /line (\d+)/.exec(error.message)?.[1];
  return { line: line ? Number(line) : undefined };
}

interface HandlebarsException extends Error {
  lineNumber?: number;
  column?: number;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/\s+-\s+\d+:\d+$/, '');
}

function absentProperty(error: HandlebarsException): AbsentProperty | undefined {
  // Whatever follows "in" (the parent printed, empty for an empty string) does not matter.
  const missing = /^"(.+?)" not defined in\b/.exec(firstLine(error.message));
  if (missing) return { name: missing[1], parent: false };
  const parent = /^Cannot (?:read properties of (?:undefined|null) \(reading '([^']+)'\)|use 'in' operator to search for '([^']+)')/.exec(error.message);
  if (parent) return { name: parent[1] ?? parent[2], parent: true };
  return undefined;
}

/** Where the name of the helper call that starts at the failure's position is (the failure gives its `{{` or `(`). */
function helperNameAt(ast: hbs.AST.Program, failure: HelperFailure): { line: number; column: number } {
  let found: { line: number; column: number } | undefined;
  walk(ast, (node) => {
    if (found || !isCall(node) || node.loc.start.line !== failure.line || node.loc.start.column + 1 !== failure.column) return;
    const path = node.path as hbs.AST.PathExpression;
    if (path.original === failure.helper) found = { line: path.loc.start.line, column: path.loc.start.column + 1 };
  });
  return found ?? failure;
}

/**
 * A render error that a helper threw itself, told as the call that threw it, at the helper's
 * name: how the call is wrong when the template shows it (an argument short, no block), or else
 * the helper's own words.
 */
function helperError(error: Error, ast: hbs.AST.Program, file: string): TemplateError | undefined {
  const failure = helperFailureOf(error);
  if (!failure) return undefined;
  const at = helperNameAt(ast, failure);
  if (error instanceof TooManyBlockRunsError) {
    return new TemplateError(
      `\`${failure.helper}\` stopped after ${MAX_BLOCK_RUNS.toLocaleString('en-US')} block runs for one event: loops nested in loops multiply their runs, and no request needs this many (the render would go on for minutes)`,
      file,
      at.line,
      at.column,
    );
  }
  const misuse = helperUsageProblems(ast).find((problem) => problem.line === at.line && problem.column === at.column);
  if (misuse) return new TemplateError(misuse.summary, file, at.line, at.column);
  const takes = HELPER_USAGE[failure.helper]?.args;
  const hint = takes ? ` (it takes ${takes.join(', ')})` : '';
  return new TemplateError(`\`${failure.helper}\` failed: ${firstLine(error.message)}${hint}`, file, at.line, at.column);
}

/**
 * A partial the render asked for, told at the first `{{> name}}` that names it: Handlebars' own
 * error has no position, and LaunchDarkly registers no partials at all.
 */
function partialError(error: Error, ast: hbs.AST.Program, file: string): TemplateError | undefined {
  const name = /^The partial (.+) could not be found/.exec(error.message)?.[1];
  if (name === undefined) return undefined;
  let at: hbs.AST.Position | undefined;
  const computed: hbs.AST.Position[] = [];
  walk(ast, (node) => {
    if (at || (node.type !== 'PartialStatement' && node.type !== 'PartialBlockStatement')) return;
    const partial = node as hbs.AST.PartialStatement;
    if (partial.name.type !== 'PathExpression') computed.push(partial.loc.start);
    else if ((partial.name as hbs.AST.PathExpression).original === name) at = partial.loc.start;
  });
  const partialSays = 'is a partial, and LaunchDarkly registers none (an integration cannot ship one): write its text into the template';
  if (!at && computed.length === 1) {
    // `{{> (lookup . "kind")}}`: the only partial whose name is worked out could have asked for it.
    const [only] = computed;
    return new TemplateError(`\`{{> (…)}}\` asks for \`${name}\`, which ${partialSays}`, file, only.line, only.column + 1);
  }
  return new TemplateError(`\`{{> ${name}}}\` ${partialSays}`, file, at?.line, at === undefined ? undefined : at.column + 1);
}

/**
 * A value given arguments (`{{title.plainText x}}`), which Handlebars tries to call: JavaScript's
 * own error says only that `.call` is not a function. Told at the call when only one could be it.
 */
function valueCalledError(error: Error, ast: hbs.AST.Program, file: string): TemplateError | undefined {
  if (!(error instanceof TypeError) || !/\.call is not a function/.test(error.message)) return undefined;
  const called: hbs.AST.PathExpression[] = [];
  walk(ast, (node) => {
    if (isCall(node) && (hasArguments(node) || node.type === 'SubExpression') && calledName(node) === undefined) called.push(node.path as hbs.AST.PathExpression);
  });
  if (called.length === 0) return undefined;
  const names = [...new Set(called.map((path) => `\`${path.original}\``))];
  const what = names.length === 1 ? `${names[0]} is given arguments, but it is a value, not a helper` : `one of ${names.join(', ')} is given arguments, but each is a value, not a helper`;
  const at = called.length === 1 ? called[0].loc?.start : undefined;
  return new TemplateError(`${what}: Handlebars tries to call it, and only helpers take arguments`, file, at?.line, at === undefined ? undefined : at.column + 1);
}

/**
 * A data variable (`@index`) read where Handlebars sets none of that name, told as such: strict
 * mode's own words make it an event field. `absent` is the name strict mode found missing.
 */
function dataVariableError(error: HandlebarsException, absent: AbsentProperty | undefined, ast: hbs.AST.Program, file: string): TemplateError | undefined {
  if (absent?.parent) return climbingDataVariableError(absent, ast, file);
  if (!absent || error.lineNumber === undefined || error.column === undefined) return undefined;
  let variable: hbs.AST.PathExpression | undefined;
  walk(ast, (node) => {
    if (variable || node.type !== 'PathExpression') return;
    const path = node as hbs.AST.PathExpression;
    // Compiling a partial block adds a path of its own, without a place.
    const at = path.loc?.start;
    if (path.data && at?.line === error.lineNumber && at.column === error.column && path.parts[path.parts.length - 1] === absent.name) variable = path;
  });
  if (!variable) return undefined;
  // Which copy outside the loops failed, no place tells: the first is named, and the others beside it.
  const [outside, ...alsoOutside] = variable.depth === 0 && !isUnsetDataVariable(variable) ? outsideLoops(ast, variable) : [];
  variable = outside ?? variable;
  const alsoAt = alsoOutside.map((path) => `line ${path.loc.start.line}, column ${path.loc.start.column + 1}`).join('; ');
  const written = dataVariableText(variable, variable.parts.slice(0, 1));
  const position = [file, variable.loc.start.line, variable.loc.start.column + 1] as const;
  if (isUnsetDataVariable(variable)) {
    const meant = meantDataVariable(variable);
    return new TemplateError(`\`${written}\` is no variable Handlebars sets: ${DATA_VARIABLES_SET}${meant ? `; did you mean \`${meant}\`?` : ''}`, ...position);
  }
  if (variable.parts.length > 1 || !LOOP_VARIABLES.includes(absent.name)) return undefined;
  const where = variable.depth === 0 ? 'is read where no `{{#each}}` runs' : 'climbs above the `{{#each}}` loops around it';
  return new TemplateError(`\`${written}\` ${where}${alsoAt ? ` (or at ${alsoAt})` : ''}: ${DATA_VARIABLES_SET}`, ...position);
}

/**
 * The copies of `@key` (say) written as `variable` that no `{{#each}}` holds, when `variable` is in
 * one: where strict mode may really have failed. Handlebars compiles blocks whose bodies are alike
 * once, with the first one's places, so `{{#each y}}{{@key}}{{/each}}{{#with x}}{{@key}}{{/with}}`
 * fails at the `@key` in the loop, where it is set.
 */
function outsideLoops(ast: hbs.AST.Program, variable: hbs.AST.PathExpression): hbs.AST.PathExpression[] {
  const inLoops = new Set<hbs.AST.Node>();
  walk(ast, (node) => {
    const block = node as hbs.AST.BlockStatement;
    if (node.type === 'BlockStatement' && block.path.type === 'PathExpression' && (block.path as hbs.AST.PathExpression).original === 'each') {
      walk(block.program, (inner) => inLoops.add(inner));
    }
  });
  if (!inLoops.has(variable)) return [];
  const outside: hbs.AST.PathExpression[] = [];
  walk(ast, (node) => {
    const path = node as hbs.AST.PathExpression;
    if (node.type !== 'PathExpression' || !path.data || !path.loc || inLoops.has(node)) return;
    if (path.depth === 0 && path.original === variable.original) outside.push(path);
  });
  return outside;
}

/**
 * `{{#if @../key}}` outside a loop: JavaScript's own error (reading `key` of nothing) has no
 * position, and the one data variable that climbs to read that name gives it.
 */
function climbingDataVariableError(absent: AbsentProperty, ast: hbs.AST.Program, file: string): TemplateError | undefined {
  const climbing: hbs.AST.PathExpression[] = [];
  walk(ast, (node) => {
    const path = node as hbs.AST.PathExpression;
    if (node.type === 'PathExpression' && path.data && path.depth > 0 && path.parts[0] === absent.name && path.loc) climbing.push(path);
  });
  if (climbing.length !== 1) return undefined;
  const [variable] = climbing;
  const written = dataVariableText(variable, [absent.name]);
  return new TemplateError(`\`${written}\` climbs above the \`{{#each}}\` loops around it: ${DATA_VARIABLES_SET}`, file, variable.loc.start.line, variable.loc.start.column + 1);
}

/**
 * A decorator the render asked for (`{{* name}}`), told where it is: Handlebars' own error has no
 * position, and LaunchDarkly's renderer has no decorators at all.
 */
function decoratorError(error: Error, ast: hbs.AST.Program, file: string): TemplateError | undefined {
  const name = /^Missing decorator: "(.+)"/.exec(error.message)?.[1];
  if (name === undefined) return undefined;
  let at: hbs.AST.Position | undefined;
  walk(ast, (node) => {
    if (at || (node.type !== 'Decorator' && node.type !== 'DecoratorBlock')) return;
    const path = (node as hbs.AST.Decorator).path;
    if (path.type === 'PathExpression' && (path as hbs.AST.PathExpression).original === name) at = node.loc.start;
  });
  return new TemplateError(
    `\`{{* ${name}}}\` is a decorator, which LaunchDarkly's renderer does not have: remove it`,
    file,
    at?.line,
    at === undefined ? undefined : at.column + 1,
  );
}

/** `readsInEvent`: the path in the event that `absent.name` stands for, when a block's context or a block parameter makes it another. */
export function describeAbsence(absent: AbsentProperty, readsInEvent?: string): string {
  const where = readsInEvent === undefined ? '' : ` (\`${readsInEvent}\`)`;
  const what = absent.parent ? `a property on the way to \`${absent.name}\`` : `\`${absent.name}\`${where}`;
  return `${what} is not defined in the event (strict mode makes a missing property an error)`;
}

/**
 * True when compiling would change the tree: Handlebars' compiler turns a literal in call position
 * (`{{"text"}}`, `{{true}}`, `{{#1}}`) into a path, in place, and gives a partial without a
 * context one (a path with no place). Its other marks are harmless to share: whitespace control
 * applied again leaves every text as it was (only its own `leftStripped`/`rightStripped` notes
 * change), and the `strict`/`falsy` flags it puts on call targets, which only the compiler reads,
 * come out the same on every compile.
 */
function compileRewrites(program: hbs.AST.Program): boolean {
  return someNode(
    program,
    (node) => (isCall(node) && node.path.type !== 'PathExpression') || node.type === 'PartialStatement' || node.type === 'PartialBlockStatement',
  );
}

/**
 * Runs `run` without collecting stack traces. Strict mode makes Handlebars throw on every missing
 * property, and each throw formats a stack that nobody reads (errors carry the template position
 * instead): some 70 ms of a run over the 150 integrations of the upstream copy.
 */
function withoutStackTraces<T>(run: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Handlebars' default, without the warning it logs to the console on each name it denies: a bare
 * `{{toString}}` is looked up among the helpers first, whose object inherits `toString`.
 */
const DENY_PROTOTYPE_ACCESS: RuntimeOptions = { allowProtoMethodsByDefault: false, allowProtoPropertiesByDefault: false };

const COMPILE_OPTIONS = { strict: true } as const;

/** Runs a compiled template as every render here runs: prototype access denied, no stack traces, within the block budget. */
function runTemplate(template: HandlebarsTemplateDelegate, context: unknown): string {
  return withoutStackTraces(() => withBlockBudget(() => template(context, DENY_PROTOTYPE_ACCESS)));
}

type TemplateSpec = Parameters<HandlebarsEnvironment['template']>[0];

// Compiled code, by template source: what compiling costs depends on the text alone, and each
// integration's several render setups (and integrations that share a template) compile the same
// text. Bounded, because `--watch` compiles every version of a file it sees.
const specs = new Map<string, TemplateSpec>();
const MAX_SPECS = 1000;

function specFor(source: string, ast: hbs.AST.Program, handlebars: HandlebarsEnvironment): TemplateSpec {
  let spec = specs.get(source);
  if (!spec) {
    // Handlebars' documented way to load precompiled code; compile() does the same in one step.
    spec = new Function(`return ${handlebars.precompile(ast, COMPILE_OPTIONS)}`)() as TemplateSpec;
    if (specs.size >= MAX_SPECS) specs.delete(specs.keys().next().value!);
    specs.set(source, spec);
  }
  return spec;
}

/**
 * The template bound to `handlebars`, compiled on first use (as Handlebars' own compile() does, so
 * a compile error surfaces from the render) from code shared by every environment.
 */
function sharedSpecTemplate(source: string, ast: hbs.AST.Program, handlebars: HandlebarsEnvironment): HandlebarsTemplateDelegate {
  let bound: HandlebarsTemplateDelegate | undefined;
  return (context, options) => {
    bound ??= handlebars.template(specFor(source, ast, handlebars));
    return bound(context, options);
  };
}

/** The template's marked copy (see output-origin.ts), compiled; null for a template it cannot trace. */
function markedTemplate(source: string, handlebars: HandlebarsEnvironment): { render: HandlebarsTemplateDelegate; traced: Traced[] } | null {
  const tree = markedTree(source);
  return tree ? { render: handlebars.compile(tree.tree, COMPILE_OPTIONS), traced: tree.traced } : null;
}

/**
 * Parses and compiles a template in strict mode, as LaunchDarkly does. Syntax errors and calls
 * to helpers that LaunchDarkly does not have are TemplateErrors with a line and column.
 * `sharedTree`, the source's tree parsed already for other readers, saves parsing it again
 * unless compiling would change it.
 */
export function compileTemplate(
  source: string,
  file: string,
  handlebars: HandlebarsEnvironment = createHandlebars(),
  sharedTree?: hbs.AST.Program,
): CompiledTemplate {
  let ast: hbs.AST.Program;
  let rewrites: boolean;
  try {
    const tree = sharedTree ?? parseTemplate(source);
    rewrites = compileRewrites(tree);
    // Compiling would change a shared tree under its other readers: it gets a copy of its own.
    ast = rewrites && tree === sharedTree ? parseTemplate(source) : tree;
  } catch (error) {
    const e = error as HandlebarsException;
    const position =
      e.lineNumber !== undefined ? { line: e.lineNumber, column: (e.column ?? 0) + 1 } : parseErrorPosition(e);
    throw new TemplateError(`does not parse: ${describeParseError(e.message)}`, file, position.line, position.column);
  }
  for (const call of helperCalls(ast)) {
    if (!KNOWN_HELPERS.has(call.name)) {
      throw new UnknownHelperError(
        `\`${call.name}\` is not a helper LaunchDarkly has (known: ${[...KNOWN_HELPERS].join(', ')})`,
        file,
        call.line,
        call.column,
      );
    }
  }
  // A tree compiling rewrites is compiled on its own, so that its `ast` never depends on whether
  // another template filled the shared cache first.
  const template = rewrites ? handlebars.compile(ast, COMPILE_OPTIONS) : sharedSpecTemplate(source, ast, handlebars);
  // The marked copy originOf renders, compiled when first asked for (null: the template cannot be traced).
  let marked: ReturnType<typeof markedTemplate> | undefined;
  return {
    file,
    source,
    ast,
    originOf(context: unknown, output: string, offset: number): SourcePosition | undefined {
      if (marked === undefined) marked = markedTemplate(source, handlebars);
      if (marked === null) return undefined;
      const { render, traced } = marked;
      let markedOutput: string;
      try {
        markedOutput = runTemplate(render, context);
      } catch {
        // It renders what the template renders, markers aside; should it not, there is no position to give.
        return undefined;
      }
      return originInOutput(markedOutput, traced, output, offset);
    },
    render(context: unknown): string {
      try {
        return runTemplate(template, context);
      } catch (error) {
        const e = error as HandlebarsException;
        const absent = absentProperty(e);
        const explained =
          helperError(e, ast, file) ??
          partialError(e, ast, file) ??
          decoratorError(e, ast, file) ??
          valueCalledError(e, ast, file) ??
          dataVariableError(e, absent, ast, file);
        if (explained) throw explained;
        throw new TemplateError(
          absent ? describeAbsence(absent) : firstLine(e.message),
          file,
          e.lineNumber,
          e.column !== undefined ? e.column + 1 : undefined,
          absent,
        );
      }
    },
  };
}
