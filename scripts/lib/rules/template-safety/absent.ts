import type { FormValues } from '../../render/context';
import { describeAbsence, TemplateError } from '../../render/template';
import type { TemplateEvent } from '../../samples/types';
import { valuesAt, WILDCARD } from './event-paths';
import type { PathSite, TemplateAnalysis } from './template-analysis';

/** What a body template reads paths from: the event, and the form values as `formVariables`. */
type TemplateData = Record<string, unknown>;

/** Index of the first segment of the pattern that some value on the way lacks; -1 when none does. */
function firstAbsent(event: TemplateData, pattern: readonly string[]): number {
  for (let k = 0; k < pattern.length; k++) {
    const segment = pattern[k];
    const parents = valuesAt(event, pattern.slice(0, k));
    if (parents.length === 0) return -1;
    const lacks = parents.some((parent) => {
      if (parent === null || typeof parent !== 'object') return true;
      return segment !== WILDCARD && !Object.prototype.hasOwnProperty.call(parent, segment);
    });
    if (lacks) return k;
  }
  return -1;
}

/** The absent part as the template writes it: `comment`, `customProperties.jira`, `../comment`. */
function absentAsWritten(site: PathSite, data: TemplateData): string | undefined {
  for (let i = 0; i < site.patterns.length; i++) {
    const k = firstAbsent(data, site.patterns[i]);
    if (k < 0) continue;
    const written = k - site.contextLengths[i];
    if (written < 0) continue;
    const path = site.node;
    const parts = path.parts.slice(0, site.partsOffset + written + 1).join('.');
    if (path.data) return `@${parts}`;
    return '../'.repeat(path.depth) + parts;
  }
  return undefined;
}

export interface Absence {
  /** The absent part as the template writes it. */
  absent: string;
  /** The path that reads it, when found. */
  site?: PathSite;
  /** Set when it is a form variable the manifest does not declare: no event can supply it. */
  undeclaredFormVariable?: boolean;
}

function absence(absent: string, site?: PathSite): Absence {
  const found: Absence = { absent };
  if (site) found.site = site;
  if (/^formVariables\./.test(absent)) found.undeclaredFormVariable = true;
  return found;
}

/**
 * For a render error caused by an absent property: the absent part of the path, as written in
 * the template, and the path that reads it. Handlebars names only the last segment it looked up
 * (`plainText` for an absent `nope.plainText`), or none at all. Undefined for other errors.
 * `formValues` are those the event was rendered with: the template sees them as `formVariables`.
 */
export function findAbsence(
  error: TemplateError,
  analysis: TemplateAnalysis | undefined,
  event: TemplateEvent,
  formValues: FormValues,
): Absence | undefined {
  const sites = analysis?.paths ?? [];
  if (!error.absent) return undefined;
  const data: TemplateData = { ...event, formVariables: formValues };
  if (!error.absent.parent) {
    for (const site of sites.filter((candidate) => candidate.line === error.line && candidate.column === error.column)) {
      const absent = absentAsWritten(site, data);
      if (absent) return absence(absent, site);
    }
    return absence(error.absent.name);
  }
  // Strict mode checks only a path's last segment, so no position comes with an absent parent:
  // the first path in the template whose absent segment is followed by the one JavaScript read.
  for (const site of sites) {
    const reads = site.patterns.some((pattern) => {
      const k = firstAbsent(data, pattern);
      return k >= 0 && pattern[k + 1] === error.absent!.name;
    });
    const absent = reads ? absentAsWritten(site, data) : undefined;
    if (absent) return absence(absent, site);
  }
  return undefined;
}

/** The renderer's message with the absent part named as the template writes it. */
export function explainRenderError(error: TemplateError, found: Absence | undefined, formValues: FormValues): string {
  if (!found) return error.message;
  if (found.undeclaredFormVariable) {
    const declared = Object.keys(formValues);
    const which = declared.length > 0 ? `it declares ${declared.join(', ')}` : 'it declares none';
    return `\`${found.absent}\` is not a form variable of this manifest (${which}): add it to formVariables or stop using it`;
  }
  return describeAbsence({ name: found.absent, parent: false });
}

/**
 * The render error told in the template's terms: the absent part named as the template writes it
 * and, for an absent parent (JavaScript's error has no position), where the path that reads it is.
 */
export function clarifyRenderError(
  error: TemplateError,
  analysis: TemplateAnalysis | undefined,
  event: TemplateEvent,
  formValues: FormValues,
): TemplateError {
  const found = findAbsence(error, analysis, event, formValues);
  if (!found) return error;
  const positioned = error.line !== undefined || !found.site;
  return new TemplateError(
    explainRenderError(error, found, formValues),
    error.file,
    positioned ? error.line : found.site!.line,
    positioned ? error.column : found.site!.column,
    error.absent,
  );
}
