import { pointerFrom } from '../../integration/json-source';
import { OAUTH_FIELDS } from '../../render/context';
import { walk } from '../../render/template-ast';
import type { Workspace } from '../../workspace';
import { sharedTemplateTree } from '../template-trees';
import { isRecord } from '../../json-value';
import type { Report, Rule } from '../types';


/** The `oauth.<field>` references of one Handlebars text, as written; undefined when it does not parse. */
function oauthReferences(workspace: Workspace, text: string): { field: string | undefined; original: string }[] | undefined {
  // The rendering checks report syntax errors; guessing here would only add noise.
  const program = sharedTemplateTree(workspace, text);
  if (!program) return undefined;
  const found: { field: string | undefined; original: string }[] = [];
  walk(program, (node) => {
    if (node.type !== 'PathExpression') return;
    const path = node as hbs.AST.PathExpression;
    const parts = path.data && path.parts[0] === 'root' ? path.parts.slice(1) : path.data ? [] : path.parts;
    if (parts[0] === 'oauth') found.push({ field: parts[1], original: path.original });
  });
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

function withSeverity(pointer: string): Pick<Report, 'severity'> {
  return pointer.startsWith(CI_RENDERED) ? {} : { severity: 'warning' };
}

const rule: Rule = {
  id: 'oauth-context',
  severity: 'error',
  description: 'The `oauth` context is used only with `requiresOAuth: true`, and only as `oauth.baseURI`/`oauth.accessToken`.',
  fix:
    'LaunchDarkly fills `{{oauth.baseURI}}` and `{{oauth.accessToken}}` (in endpoint urls and header values) only for `requiresOAuth: true` ' +
    'integrations: set it, or stop using `oauth.*`. Outside the change-history hook endpoint this is a warning, as the CI does not render those strings.',
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
        reports.push({
          message: `${written} needs the OAuth context, which LaunchDarkly provides only when the manifest sets requiresOAuth: true`,
          pointer,
          ...withSeverity(pointer),
        });
        continue;
      }
      const unknown = references.filter((reference) => reference.field !== undefined && !(OAUTH_FIELDS as readonly string[]).includes(reference.field));
      if (unknown.length > 0) {
        const names = [...new Set(unknown.map((reference) => `{{${reference.original}}}`))].join(', ');
        reports.push({ message: `${names}: the OAuth context has only oauth.baseURI and oauth.accessToken`, pointer, ...withSeverity(pointer) });
      }
    }
    return reports;
  },
};

export default rule;
