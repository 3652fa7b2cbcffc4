import { pointerFrom } from '../../integration/json-source';
import { OAUTH_FIELDS } from '../../render/context';
import { rootRelativeParts, walk } from '../../render/template-ast';
import type { Workspace } from '../../workspace';
import { sharedTemplateTree } from '../template-trees';
import { isRecord } from '../../json-value';
import type { Report, Rule } from '../types';


interface OAuthReference {
  /** The field read, `accessToken` in `oauth.accessToken`; undefined for `oauth` itself. */
  field: string | undefined;
  original: string;
  /** Inside a block branch that runs only when an `oauth` value is set, as in `{{#if oauth}}…{{/if}}`. */
  guarded: boolean;
  /** Where it is written in the text, 1-based. */
  line: number;
  column: number;
}

function oauthParts(node: hbs.AST.Node | undefined): string[] | undefined {
  if (node?.type !== 'PathExpression') return undefined;
  const path = node as hbs.AST.PathExpression;
  const parts = rootRelativeParts(path);
  return parts[0] === 'oauth' ? parts : undefined;
}

/**
 * The branch of a block that runs only when an `oauth` value is set: the main one of
 * `{{#if oauth}}`, `{{#with oauth}}`, `{{#each oauth}}` and a section `{{#oauth}}`, the else of
 * `{{#unless oauth}}`.
 */
function guardedBranch(block: hbs.AST.BlockStatement): 'program' | 'inverse' | undefined {
  if (block.params.length === 0) return oauthParts(block.path) ? 'program' : undefined;
  const helper = block.path.type === 'PathExpression' ? (block.path as hbs.AST.PathExpression).original : '';
  if (!oauthParts(block.params[0])) return undefined;
  if (helper === 'unless') return 'inverse';
  return ['if', 'with', 'each'].includes(helper) ? 'program' : undefined;
}

function collectReferences(node: hbs.AST.Node, guarded: boolean, found: OAuthReference[]): void {
  if (node.type === 'Program') {
    for (const statement of (node as hbs.AST.Program).body) collectReferences(statement, guarded, found);
    return;
  }
  const block = node.type === 'BlockStatement' ? (node as hbs.AST.BlockStatement) : undefined;
  const own = block ? [block.path, ...block.params, ...(block.hash ? [block.hash] : [])] : [node];
  for (const part of own) {
    walk(part, (inner) => {
      const parts = oauthParts(inner);
      if (!parts) return;
      const { start } = inner.loc;
      found.push({ field: parts[1], original: (inner as hbs.AST.PathExpression).original, guarded, line: start.line, column: start.column + 1 });
    });
  }
  if (!block) return;
  const branch = guardedBranch(block);
  if (block.program) collectReferences(block.program, guarded || branch === 'program', found);
  if (block.inverse) collectReferences(block.inverse, guarded || branch === 'inverse', found);
}

/** The `oauth` references of one Handlebars text, as written; undefined when it does not parse. */
function oauthReferences(workspace: Workspace, text: string): OAuthReference[] | undefined {
  // The rendering checks report syntax errors; guessing here would only add noise.
  const program = sharedTemplateTree(workspace, text);
  if (!program) return undefined;
  const found: OAuthReference[] = [];
  collectReferences(program, false, found);
  return found;
}

/** Every string of the manifest that may hold a Handlebars expression, with its pointer. */
function templatedStrings(value: unknown, segments: (string | number)[], out: { pointer: string; text: string }[]): void {
  if (typeof value === 'string') {
    if (value.includes('{{')) out.push({ pointer: pointerFrom(segments), text: value });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => templatedStrings(item, [...segments, index], out));
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) templatedStrings(item, [...segments, key], out);
  }
}

/**
 * The framework's CI renders only the hook's endpoint (rule 3), so only there does a wrong
 * `oauth` reference fail it; anywhere else it would fail later, in LaunchDarkly.
 */
const CI_RENDERED = '/capabilities/auditLogEventsHook/endpoint/';

function withSeverity(pointer: string, failsRendering = true): Pick<Report, 'severity'> {
  return pointer.startsWith(CI_RENDERED) && failsRendering ? {} : { severity: 'warning' };
}

/** The place of a reference in its text, where the finding points (at the first one it names). */
function at(reference: OAuthReference): Report['within'] {
  return { line: reference.line, column: reference.column };
}

const rule: Rule = {
  id: 'oauth-context',
  severity: 'error',
  description: 'The `oauth` context is used only with `requiresOAuth: true`, and only as `oauth.baseURI`/`oauth.accessToken`.',
  fix:
    'LaunchDarkly fills `{{oauth.baseURI}}` and `{{oauth.accessToken}}` (in endpoint urls and header values) only for `requiresOAuth: true` ' +
    'integrations: set it, or stop using `oauth.*`. Outside the change-history hook endpoint, or inside `{{#if oauth}}`, this is a warning: ' +
    'the CI does not render those strings, or that branch.',
  ciRule: 5,
  check({ manifest, workspace }) {
    const reports: Report[] = [];
    const requiresOAuth = manifest.requiresOAuth === true;
    const strings: { pointer: string; text: string }[] = [];
    templatedStrings(manifest, [], strings);
    for (const { pointer, text } of strings) {
      const references = oauthReferences(workspace, text);
      if (!references || references.length === 0) continue;
      const written = [...new Set(references.map((reference) => `{{${reference.original}}}`))].join(', ');
      if (!requiresOAuth) {
        // The framework's CI renders with `oauth` set to null: reading a field of it fails, but
        // `{{oauth}}` and a field read only where `{{#if oauth}}` holds render (that branch never runs).
        const fails = references.some((reference) => reference.field !== undefined && !reference.guarded);
        reports.push({
          message: `${written} needs the OAuth context, which LaunchDarkly provides only when the manifest sets requiresOAuth: true`,
          pointer,
          within: at(references[0]),
          ...withSeverity(pointer, fails),
        });
        continue;
      }
      const unknown = references.filter((reference) => reference.field !== undefined && !(OAUTH_FIELDS as readonly string[]).includes(reference.field));
      if (unknown.length > 0) {
        const names = [...new Set(unknown.map((reference) => `{{${reference.original}}}`))].join(', ');
        reports.push({ message: `${names}: the OAuth context has only oauth.baseURI and oauth.accessToken`, pointer, within: at(unknown[0]), ...withSeverity(pointer) });
      }
    }
    return reports;
  },
};

export default rule;
