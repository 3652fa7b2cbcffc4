import { describeAbsence, type TemplateError } from '../../render/template';
import type { TemplateEvent } from '../../samples/types';
import { valuesAt, WILDCARD } from './event-paths';
import type { PathSite, TemplateAnalysis } from './template-analysis';

/** Index of the first segment of the pattern that some value on the way lacks; -1 when none does. */
function firstAbsent(event: TemplateEvent, pattern: readonly string[]): number {
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
function absentAsWritten(site: PathSite, event: TemplateEvent): string | undefined {
  for (let i = 0; i < site.patterns.length; i++) {
    const k = firstAbsent(event, site.patterns[i]);
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
}

/**
 * For a render error caused by an absent property: the absent part of the path, as written in
 * the template, and the path that reads it. Handlebars names only the last segment it looked up
 * (`plainText` for an absent `nope.plainText`), or none at all. Undefined for other errors.
 */
export function findAbsence(error: TemplateError, analysis: TemplateAnalysis | undefined, event: TemplateEvent): Absence | undefined {
  const sites = analysis?.paths ?? [];
  if (!error.absent) return undefined;
  if (!error.absent.parent) {
    for (const site of sites.filter((candidate) => candidate.line === error.line && candidate.column === error.column)) {
      const absent = absentAsWritten(site, event);
      if (absent) return { absent, site };
    }
    return { absent: error.absent.name };
  }
  // Strict mode checks only a path's last segment, so no position comes with an absent parent:
  // the first path in the template whose absent segment is followed by the one JavaScript read.
  for (const site of sites) {
    const reads = site.patterns.some((pattern) => {
      const k = firstAbsent(event, pattern);
      return k >= 0 && pattern[k + 1] === error.absent!.name;
    });
    const absent = reads ? absentAsWritten(site, event) : undefined;
    if (absent) return { absent, site };
  }
  return undefined;
}

/** The renderer's message with the absent part named as the template writes it. */
export function explainRenderError(error: TemplateError, absence: Absence | undefined): string {
  if (!absence) return error.message;
  return describeAbsence({ name: absence.absent, parent: false });
}
