import { pointerFrom } from '../../integration/json-source';
import type { Report, Rule } from '../types';
import { endpointsOf, quotedStart } from '../endpoints';
import { literalMatch, sharedTemplateTree } from '../template-trees';
import { codePoint, URL_CONTROL } from '../../http-syntax';
import type { Workspace } from '../../workspace';

const SCHEMES = ['http://', 'https://'];

/** A url as a message quotes it. */
function quoted(url: string): string {
  return quotedStart(url, 80);
}

/**
 * The text the url starts with, as rendered, before its first `{{…}}`; undefined when it starts
 * with one (a form variable may hold the whole base URL) or does not parse (endpoint-render says why).
 */
function literalStart(workspace: Workspace, url: string): string | undefined {
  if (!url.includes('{{')) return url;
  const first = sharedTemplateTree(workspace, url)?.body[0];
  return first?.type === 'ContentStatement' ? (first as hbs.AST.ContentStatement).value : undefined;
}

function isAbsoluteHttpUrl(url: string): boolean {
  if (!SCHEMES.some((scheme) => url.toLowerCase().startsWith(scheme))) return false;
  try {
    return new URL(url).host !== '';
  } catch {
    return false;
  }
}

/** Why LaunchDarkly cannot post to `url`, when the manifest shows it; undefined when it can, or may. */
function problemWith(workspace: Workspace, url: string): string | undefined {
  if (url.trim() === '') return 'is empty: LaunchDarkly has nowhere to send the request';
  const start = literalStart(workspace, url);
  if (start === undefined) return undefined;
  if (start === url) return isAbsoluteHttpUrl(url) ? undefined : 'is not an absolute http:// or https:// URL: LaunchDarkly cannot post to it';
  // What follows the first `{{…}}` may complete the scheme or the host.
  const lower = start.toLowerCase();
  if (SCHEMES.some((scheme) => lower.startsWith(scheme) || scheme.startsWith(lower))) return undefined;
  return `starts with ${quoted(start)}, where an absolute http:// or https:// URL must start: LaunchDarkly cannot post to it`;
}

const rule: Rule = {
  id: 'endpoint-url',
  severity: 'warning',
  description: 'Every endpoint url is an absolute http:// or https:// URL, or starts with a `{{…}}` that can hold one, and writes no control character.',
  fix:
    'Write the whole address, `https://api.example.com/hooks/{{channel}}`, or start the url with a form variable of type `uri` ' +
    'that holds the base address (`{{baseUrl}}/hooks`). Nothing may come before the scheme, not even a space: LaunchDarkly posts ' +
    'to the url as it renders, and a relative or empty one reaches no service. ' +
    'Keep the url on one line, without tabs: LaunchDarkly refuses a url with a control character in it.',
  check({ manifest, workspace }) {
    const reports: Report[] = [];
    for (const { path, label, endpoint } of endpointsOf(manifest)) {
      // A url that is not text is the schema's to report.
      if (typeof endpoint.url !== 'string') continue;
      const problem = problemWith(workspace, endpoint.url);
      if (problem) reports.push({ message: `${label}.url ${endpoint.url.trim() === '' ? '' : `${quoted(endpoint.url)} `}${problem}`, pointer: pointerFrom([...path, 'url']) });
      // A URL parser as browsers have it drops a tab or a line break without a word; LaunchDarkly's refuses the url.
      const control = literalMatch(workspace, endpoint.url, URL_CONTROL);
      // An empty url (`\t`) is reported as such above.
      if (control && endpoint.url.trim() !== '') {
        reports.push({
          message: `${label}.url holds ${codePoint(control.text)}, a control character no URL may hold: LaunchDarkly cannot post to it`,
          pointer: pointerFrom([...path, 'url']),
          within: { line: control.line, column: control.column },
        });
      }
    }
    return reports;
  },
};

export default rule;
