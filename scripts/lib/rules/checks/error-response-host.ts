import type { Workspace } from '../../workspace';
import { isThis, rootRelativeParts } from '../../render/template-ast';
import { sharedTemplateTree } from '../template-trees';
import { isRecord } from '../../json-value';
import type { Report, Rule } from '../types';

const CAPABILITIES_WITH_ERROR_BODY = ['auditLogEventsHook', 'eventsHook'] as const;

// Stand-ins for Handlebars statements while the url's literal text is inspected; private-use
// characters cannot be confused with anything a url means.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKER = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g');

type Statement = hbs.AST.Statement;

// Block helpers whose arguments only choose between branches: their branches' text is what ends
// up in the url, so `{{#if eu}}https://eu.x.example{{else}}https://x.example{{/if}}` is static.
const CONDITIONAL_BLOCKS = new Set(['if', 'unless', 'equal', 'equalWithElse']);

/** Stands for every form value: a loop over them all (`{{#each this}}`) may print any one. */
const ANY_VALUE = '*';

/**
 * What `this` and the block parameters in scope stand for: the top-level context (the form
 * values), any one of its values (inside a loop over it), or something else.
 */
interface Scope {
  self: 'top' | 'any' | 'other';
  params: ReadonlyMap<string, 'top' | 'any'>;
}

const TOP: Scope = { self: 'top', params: new Map() };

/** True for `this` and `.` where they are still the top-level context, `@root`, and a block parameter that stands for it. */
function isTopContext(expression: hbs.AST.Expression | undefined, scope: Scope): boolean {
  if (isThis(expression)) return scope.self === 'top';
  const path = expression as hbs.AST.PathExpression | undefined;
  if (path?.type !== 'PathExpression' || path.parts.length !== 1) return false;
  if (path.data) return path.parts[0] === 'root';
  return path.depth === 0 && scope.params.get(path.parts[0]) === 'top';
}

/** The name `{{lookup this "region"}}` (or `.`, `@root`, a block parameter for them) reads among the form values; undefined for other lookups. */
function lookedUpAtTop(params: hbs.AST.Expression[], scope: Scope): string | undefined {
  const [from, name] = params;
  if (!isTopContext(from, scope) || name?.type !== 'StringLiteral') return undefined;
  return (name as hbs.AST.StringLiteral).value;
}

/** The scope inside `{{#with X as |v|}}` or `{{#each X as |v k|}}` when X is the top-level context. */
function innerScope(block: hbs.AST.BlockStatement, helper: string, scope: Scope): Scope {
  if (CONDITIONAL_BLOCKS.has(helper)) return scope;
  if ((helper !== 'with' && helper !== 'each') || !isTopContext(block.params[0], scope)) return { self: 'other', params: scope.params };
  const stands = helper === 'with' ? 'top' : 'any';
  const params = new Map(scope.params);
  const [value] = block.program?.blockParams ?? [];
  if (value !== undefined) params.set(value, stands);
  return { self: stands, params };
}

/** The first name a path reads among the form values, or ANY_VALUE. */
function nameReadBy(path: hbs.AST.PathExpression, scope: Scope): string[] {
  const alias = !path.data && path.depth === 0 ? scope.params.get(path.parts[0]) : undefined;
  if (alias === 'any') return [ANY_VALUE];
  if (alias === 'top') return path.parts.length > 1 ? [path.parts[1]] : [];
  if (isThis(path) && scope.self === 'any') return [ANY_VALUE];
  const parts = rootRelativeParts(path);
  return parts.length > 0 ? [parts[0]] : [];
}

/** First names of the values a node writes into the url (`region` for `{{region}}` and `{{pathEncode region}}`). */
function namesRead(node: hbs.AST.Node | undefined, scope: Scope = TOP): string[] {
  if (!node) return [];
  switch (node.type) {
    case 'Program':
      return (node as hbs.AST.Program).body.flatMap((statement) => namesRead(statement, scope));
    case 'PathExpression':
      return nameReadBy(node as hbs.AST.PathExpression, scope);
    case 'MustacheStatement':
    case 'SubExpression':
    case 'BlockStatement': {
      const call = node as hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression;
      const block = node.type === 'BlockStatement' ? (node as hbs.AST.BlockStatement) : undefined;
      // With arguments the path names a helper, not a value.
      const helper = call.path.type === 'PathExpression' ? (call.path as hbs.AST.PathExpression).original : '';
      const inner = block ? innerScope(block, helper, scope) : scope;
      const branches = block ? [...namesRead(block.program, inner), ...namesRead(block.inverse, scope)] : [];
      const pairs = call.hash?.pairs ?? [];
      if (call.params.length === 0 && pairs.length === 0) return [...namesRead(call.path, scope), ...branches];
      if (block && CONDITIONAL_BLOCKS.has(helper)) return branches;
      const looked = helper === 'lookup' ? lookedUpAtTop(call.params, scope) : undefined;
      if (looked) return [looked, ...branches];
      return [...call.params.flatMap((param) => namesRead(param, scope)), ...pairs.flatMap((pair) => namesRead(pair.value, scope)), ...branches];
    }
    default:
      return [];
  }
}

/** A statement that writes into the url, with the scope it is read in. */
interface Written {
  statement: Statement;
  scope: Scope;
}

/** One way a url can come out: its literal text and the statements between. */
type UrlVariant = (string | Written)[];

// Each conditional block doubles the ways: past this many, blocks are read whole (see urlVariants).
const MAX_VARIANTS = 64;

/**
 * The ways the statements of `body` can write a url. A conditional block (and `{{#with}}` over
 * the form values) is each of its branches in its place, so that a block holding both host and
 * path, `{{#if x}}https://static.example/{{host}}{{/if}}`, is split where its own text says; any
 * other statement is one piece, and so is every block without `expand`. Undefined past
 * MAX_VARIANTS ways.
 */
function urlVariants(body: Statement[], scope: Scope, expand = true): UrlVariant[] | undefined {
  let variants: UrlVariant[] = [[]];
  for (const statement of body) {
    if (statement.type === 'ContentStatement') {
      const text = (statement as hbs.AST.ContentStatement).value;
      variants = variants.map((variant) => [...variant, text]);
      continue;
    }
    if (statement.type === 'CommentStatement') continue;
    const branches = expand ? expandedBranches(statement, scope) : undefined;
    if (!branches) {
      variants = variants.map((variant) => [...variant, { statement, scope }]);
      continue;
    }
    const ways: UrlVariant[] = [];
    for (const branch of branches) {
      const inner = urlVariants(branch.body, branch.scope);
      if (!inner) return undefined;
      ways.push(...inner);
    }
    if (variants.length * ways.length > MAX_VARIANTS) return undefined;
    variants = variants.flatMap((variant) => ways.map((way) => [...variant, ...way]));
  }
  return variants;
}

/** The branches of a block whose text is written where it stands: a conditional, or `{{#with}}` over the form values. */
function expandedBranches(statement: Statement, scope: Scope): { body: Statement[]; scope: Scope }[] | undefined {
  if (statement.type !== 'BlockStatement') return undefined;
  const block = statement as hbs.AST.BlockStatement;
  const helper = block.path.type === 'PathExpression' ? (block.path as hbs.AST.PathExpression).original : '';
  const main = { body: block.program?.body ?? [], scope: innerScope(block, helper, scope) };
  // The form values are an object, which `with` always enters: its else part never runs.
  if (helper === 'with' && isTopContext(block.params[0], scope)) return [main];
  return CONDITIONAL_BLOCKS.has(helper) ? [main, { body: block.inverse?.body ?? [], scope }] : undefined;
}

/** Form-value names by the part of the url they fill: the host (with the scheme, when the url starts with them), or beside it. */
interface AuthorityNames<Names> {
  host: Names;
  scheme: Names;
  userInfoOrPort: Names;
}

/** The form-value names that one way of writing a url puts in its authority (see authorityNames). */
function authorityNamesOf(variant: UrlVariant): AuthorityNames<Set<string>> {
  const written: Written[] = [];
  let flat = '';
  for (const piece of variant) {
    if (typeof piece === 'string') {
      flat += piece;
    } else {
      flat += `${OPEN}${written.length}${CLOSE}`;
      written.push(piece);
    }
  }
  let regionEnd = 0;
  let userInfoEnd = -1;
  let portStart = Infinity;
  const scheme = /^[^/?#]*?:\/\//.exec(flat);
  // A statement before the scheme's `//` is complete (`{{base}}/x`, `http{{s}}`, `https:{{host}}`,
  // `https:/{{host}}`): a value given there can bring the rest of it, and a host with it.
  const early = scheme ? undefined : /^(?:[a-z][a-z0-9+.-]*(?::\/?)?)?\uE000/i.exec(flat);
  if (scheme) {
    const rest = flat.slice(scheme[0].length);
    const end = rest.search(/[/?#]/);
    regionEnd = scheme[0].length + (end < 0 ? rest.length : end);
    userInfoEnd = flat.slice(0, regionEnd).lastIndexOf('@');
    const port = /:[^\]]*$/.exec(flat.slice(Math.max(userInfoEnd, scheme[0].length), regionEnd));
    if (port) portStart = Math.max(userInfoEnd, scheme[0].length) + port.index;
  } else if (early) {
    const afterFirst = early[0].length - OPEN.length;
    const end = flat.slice(afterFirst).search(/[/?#]/);
    regionEnd = end < 0 ? flat.length : afterFirst + end;
  }
  const names: AuthorityNames<Set<string>> = { host: new Set(), scheme: new Set(), userInfoOrPort: new Set() };
  for (const match of flat.slice(0, regionEnd).matchAll(MARKER)) {
    const { statement, scope } = written[Number(match[1])];
    // Inside a scheme whose `://` is written out, not at the very start of the url: the framework's
    // CI looks only at a url's first statement and its host.
    const inScheme = scheme !== null && match.index! > 0 && match.index! < scheme[0].length - '://'.length;
    const part = inScheme ? 'scheme' : match.index! < userInfoEnd || match.index! > portStart ? 'userInfoOrPort' : 'host';
    // queryEncode (encodeURIComponent) escapes `:`, `@`, `/` and `#`, so such a value cannot move the host.
    if (part !== 'host' && isQueryEncoded(statement)) continue;
    for (const name of namesRead(statement, scope)) names[part].add(name);
  }
  return names;
}

/**
 * The form-value names a url's authority reads, in any way it can come out, split by where they
 * stand: `host` for the host name, and the scheme when the url starts with a statement
 * (everything before the first path, query or fragment then, as in `{{baseUrl}}/hooks`);
 * `scheme` for a statement later in a scheme written out with its `://` (`http{{s}}://`), and
 * `userInfoOrPort` for the user info and the port, none of which the framework's CI counts as
 * the host. Each name is in the first of these it fills. Undefined when the url does not parse;
 * the rendering checks report that.
 */
function authorityNames(workspace: Workspace, url: string): AuthorityNames<string[]> | undefined {
  const program = sharedTemplateTree(workspace, url);
  if (!program) return undefined;
  // Too many ways: each block read whole, which counts every name a block writes where it starts.
  const variants = urlVariants(program.body, TOP) ?? urlVariants(program.body, TOP, false)!;
  const found: AuthorityNames<Set<string>> = { host: new Set(), scheme: new Set(), userInfoOrPort: new Set() };
  for (const variant of variants) {
    const names = authorityNamesOf(variant);
    for (const part of ['host', 'scheme', 'userInfoOrPort'] as const) names[part].forEach((name) => found[part].add(name));
  }
  const scheme = [...found.scheme].filter((name) => !found.host.has(name));
  const userInfoOrPort = [...found.userInfoOrPort].filter((name) => !found.host.has(name) && !found.scheme.has(name));
  return { host: [...found.host], scheme, userInfoOrPort };
}

/**
 * The form variable a url's first statement prints when the framework's CI does not see it there:
 * the CI takes the text between the url's opening `{{` and its first `}` for the variable's key, so
 * it misses `{{ baseUrl }}`, `{{{baseUrl}}}` and `{{~baseUrl}}`, which print the same value.
 * Undefined when the url does not start with a plain mustache, or the CI reads its key.
 */
function leadingNameCiMisses(workspace: Workspace, url: string): string | undefined {
  const first = sharedTemplateTree(workspace, url)?.body[0];
  if (first?.type !== 'MustacheStatement' || !url.startsWith('{{')) return undefined;
  const mustache = first as hbs.AST.MustacheStatement;
  if (mustache.params.length > 0 || (mustache.hash?.pairs.length ?? 0) > 0) return undefined;
  const [name] = namesRead(mustache);
  return name !== undefined && name !== ANY_VALUE && url.slice(2, url.indexOf('}')) !== name ? name : undefined;
}

function isQueryEncoded(statement: Statement): boolean {
  if (statement.type !== 'MustacheStatement') return false;
  const path = (statement as hbs.AST.MustacheStatement).path;
  return path.type === 'PathExpression' && (path as hbs.AST.PathExpression).original === 'queryEncode';
}

/** An enum with allowedValues: the customer picks among values the partner wrote. */
function isFixedEnum(variable: Record<string, unknown>): boolean {
  return variable.type === 'enum' && Array.isArray(variable.allowedValues) && variable.allowedValues.length > 0;
}

const rule: Rule = {
  id: 'error-response-host',
  severity: 'error',
  description: '`includeErrorResponseBody: true` only where no free-form form variable decides the endpoint host.',
  fix:
    'Error responses are shown to the customer, so a form variable that decides the endpoint scheme or host must be an `enum` ' +
    'with `allowedValues`; otherwise set `includeErrorResponseBody` to false. A url that starts with the variable written other ' +
    'than `{{key}}` (`{{ key }}`, `{{{key}}}`) is a warning: the framework\'s CI does not see it there.',
  ciRule: 7,
  check({ manifest, workspace }) {
    const reports: Report[] = [];
    const capabilities = manifest.capabilities as unknown;
    if (!isRecord(capabilities)) return reports;
    const variables = Array.isArray(manifest.formVariables) ? (manifest.formVariables as unknown[]) : [];
    for (const name of CAPABILITIES_WITH_ERROR_BODY) {
      const capability = capabilities[name];
      if (!isRecord(capability) || capability.includeErrorResponseBody !== true) continue;
      const endpoint = capability.endpoint;
      const url = isRecord(endpoint) ? endpoint.url : undefined;
      if (typeof url !== 'string') continue;
      // Names that are not form variables (context, oauth, typos) are not the customer's free
      // text; unknown ones fail rendering, which the rendering checks report.
      const names = authorityNames(workspace, url);
      if (!names) continue;
      const decided = [
        ...names.host.map((key) => ({ key, part: 'host' })),
        ...names.scheme.map((key) => ({ key, part: 'scheme' })),
        ...names.userInfoOrPort.map((key) => ({ key, part: 'user info or port' })),
      ];
      const pointer = `/capabilities/${name}/endpoint/url`;
      const ciMissed = leadingNameCiMisses(workspace, url);
      if (decided.some(({ key }) => key === ANY_VALUE)) {
        const freeForm = variables.filter((item) => isRecord(item) && typeof item.key === 'string' && !isFixedEnum(item)) as Record<string, unknown>[];
        if (freeForm.length > 0) {
          reports.push({
            message:
              'includeErrorResponseBody is true, but a loop over the form values (`{{#each this}}`) writes the endpoint host, and it may print ' +
              `${freeForm.map((item) => `"${String(item.key)}"`).join(', ')}, which the customer types freely: name the one meant, an enum with allowedValues, or set includeErrorResponseBody to false`,
            pointer,
            severity: 'warning',
          });
        }
      }
      for (const { key, part } of decided) {
        const variable = variables.find((item) => isRecord(item) && item.key === key) as Record<string, unknown> | undefined;
        if (!variable) continue;
        if (isFixedEnum(variable)) continue;
        const what = variable.type === 'enum' ? 'an enum without allowedValues' : `of type ${JSON.stringify(variable.type)}`;
        const remedy = 'make it an enum with allowedValues, or set includeErrorResponseBody to false';
        if (part === 'host' && key === ciMissed) {
          // The CI accepts this (a url that starts with a variable has no host it parses), so no error.
          reports.push({
            message:
              `includeErrorResponseBody is true, but the endpoint host comes from form variable "${key}", ${what}. The framework's CI ` +
              `does not catch it (it recognises only \`{{${key}}}\`, with no spaces or third brace), yet error responses would come ` +
              `from whatever host the customer types: ${remedy}`,
            pointer,
            severity: 'warning',
          });
        } else if (part === 'host') {
          reports.push({ message: `includeErrorResponseBody is true, but the endpoint host comes from form variable "${key}", ${what}: ${remedy}`, pointer });
        } else {
          // The CI accepts this; a value holding these characters would still move the host.
          const movers = part === 'scheme' ? '"://"' : '"@", "/" or "#"';
          reports.push({
            message:
              `includeErrorResponseBody is true and form variable "${key}", ${what}, fills the url's ${part}: ` +
              `a value holding ${movers} would move the host; ${remedy}, or write it with queryEncode`,
            pointer,
            severity: 'warning',
          });
        }
      }
    }
    return reports;
  },
};

export default rule;
