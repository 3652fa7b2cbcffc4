import type { FormValues } from './context';
import { describeAbsence, TemplateError } from './template';
import type { TemplateEvent } from '../samples/types';
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

/** The type of the first value on the way that is a string, number or boolean: it has no properties to read. */
function primitiveOnTheWay(data: TemplateData, pattern: readonly string[]): string | undefined {
  const parent = valuesAt(data, pattern).find((value) => value !== null && value !== undefined && typeof value !== 'object');
  return parent === undefined ? undefined : typeof parent;
}

/** The absent part as the template writes it (`comment`, `customProperties.jira`, `../comment`), and what its parent is when not an object. */
function absentAsWritten(site: PathSite, data: TemplateData): { written: string; parentType?: string } | undefined {
  for (let i = 0; i < site.patterns.length; i++) {
    const k = firstAbsent(data, site.patterns[i]);
    if (k < 0) continue;
    const written = k - site.contextLengths[i];
    if (written < 0) continue;
    const path = site.node;
    const parts = path.parts.slice(0, site.partsOffset + written + 1).join('.');
    const parentType = primitiveOnTheWay(data, site.patterns[i].slice(0, k));
    return { written: path.data ? `@${parts}` : '../'.repeat(path.depth) + parts, ...(parentType ? { parentType } : {}) };
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
  /** Set when the part before the absent one is a string, number or boolean, which has no properties. */
  parentType?: string;
}

function absence(absent: string, site?: PathSite, parentType?: string): Absence {
  const found: Absence = { absent };
  if (site) found.site = site;
  if (parentType) found.parentType = parentType;
  else if (/^formVariables\.[^.]+$/.test(absent)) found.undeclaredFormVariable = true;
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
      if (absent) return absence(absent.written, site, absent.parentType);
    }
    return absence(error.absent.name);
  }
  // Strict mode checks only a path's last segment, so no position comes with an absent parent:
  // the paths whose absent segment is followed by the one JavaScript read (or, on a string,
  // number or boolean, is that one). Only a single such path gives a position: when several do,
  // which of them ran is unknown.
  const name = error.absent.name;
  const candidates: { site: PathSite; written: string; parentType?: string }[] = [];
  for (const site of sites) {
    const reads = site.patterns.some((pattern) => {
      const k = firstAbsent(data, pattern);
      return k >= 0 && (pattern[k + 1] === name || (pattern[k] === name && primitiveOnTheWay(data, pattern.slice(0, k)) !== undefined));
    });
    const absent = reads ? absentAsWritten(site, data) : undefined;
    if (absent) candidates.push({ site, ...absent });
  }
  if (candidates.length === 0) return undefined;
  if (candidates.length === 1) return absence(candidates[0].written, candidates[0].site, candidates[0].parentType);
  const [first] = candidates;
  const agree = candidates.every((candidate) => candidate.written === first.written && candidate.parentType === first.parentType);
  return agree ? absence(first.written, undefined, first.parentType) : undefined;
}

/** The renderer's message with the absent part named as the template writes it. */
function explainRenderError(error: TemplateError, found: Absence | undefined, formValues: FormValues): string {
  if (!found) return error.message;
  if (found.undeclaredFormVariable) {
    const declared = Object.keys(formValues);
    const which = declared.length > 0 ? `it declares ${declared.join(', ')}` : 'it declares none';
    return `\`${found.absent}\` is not a form variable of this manifest (${which}): add it to formVariables or stop using it`;
  }
  if (found.parentType) {
    const cut = found.absent.lastIndexOf('.');
    return `\`${found.absent.slice(0, cut)}\` is a ${found.parentType}, which has no property \`${found.absent.slice(cut + 1)}\``;
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
