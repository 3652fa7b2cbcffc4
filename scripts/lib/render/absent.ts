import type { FormValues } from './context';
import { describeAbsence, TemplateError, type CompiledTemplate } from './template';
import type { TemplateEvent } from '../samples/types';
import { formatPath, valuesAt, WILDCARD } from './event-paths';
import { documentedValues } from './event-shape';
import { isRecord } from '../json-value';
import { analyzeTemplate, type PathSite, type TemplateAnalysis } from './template-analysis';
import { closest } from '../suggest';
import { pathText } from './template-ast';

/**
 * What a template reads paths from: for a body template the event and the form values as
 * `formVariables`; for the endpoint the form values, the event as `context`, and `oauth`.
 */
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

/** The type of the first value on the way that has no properties to read: `null`, or a string, number or boolean. */
function primitiveOnTheWay(data: TemplateData, pattern: readonly string[]): string | undefined {
  const parent = valuesAt(data, pattern).find((value) => value === null || (value !== undefined && typeof value !== 'object'));
  return parent === undefined ? undefined : parent === null ? 'null' : typeof parent;
}

/** The absent part of a path as the template writes it and as a path from the template's root. */
interface AbsentPart {
  written: string;
  resolved: readonly string[];
  /** Set when the part before the absent one is null, a string, a number or a boolean, which have no properties. */
  parentType?: string;
}

/** Whether the pattern, whose first absent segment is at `k`, is one the failure could have come from. */
type Explains = (pattern: readonly string[], k: number) => boolean;

/**
 * The absent part as the template writes it (`comment`, `customProperties.jira`, `../comment`), and
 * what its parent is when not an object. A section may stand for several ways through the data (it
 * enters an object but iterates a list): `explains` keeps those the failure can have come from.
 */
function absentAsWritten(site: PathSite, data: TemplateData, explains: Explains = () => true, booleanContexts = false): AbsentPart | undefined {
  for (let i = 0; i < site.patterns.length; i++) {
    const pattern = site.patterns[i];
    // A boolean context comes only from a loop (`{{#each formVariables}}`): see absentParts.
    if (!booleanContexts && valuesAt(data, pattern.slice(0, site.contextLengths[i])).some((value) => typeof value === 'boolean')) continue;
    const k = firstAbsent(data, pattern);
    if (k < 0 || !explains(pattern, k)) continue;
    const segmentsWritten = k - site.contextLengths[i] + 1;
    if (segmentsWritten < 1) continue;
    const path = site.node;
    const parts = pathText(path.parts.slice(0, site.partsOffset + segmentsWritten));
    const parentType = primitiveOnTheWay(data, pattern.slice(0, k));
    return {
      written: path.data ? `@${parts}` : '../'.repeat(path.depth) + parts,
      resolved: pattern.slice(0, k + 1),
      ...(parentType ? { parentType } : {}),
    };
  }
  return undefined;
}

export interface Absence {
  /** The absent part as the template writes it. */
  absent: string;
  /** The absent part as a path from the template's root (`['context', 'nope']`), when known. */
  resolved?: readonly string[];
  /** The path that reads it, when found. */
  site?: PathSite;
  /** Set when it is a form variable the manifest does not declare: no event can supply it. */
  undeclaredFormVariable?: boolean;
  /** Set when the part before the absent one is a string, number or boolean, which has no properties. */
  parentType?: string;
  /** Set when `../` went up past the event, where nothing is. */
  pastTop?: boolean;
  /** Set when the failure is at `site`, not at the copy of it Handlebars reported (see twinAbsence). */
  elsewhere?: boolean;
  /** Set when the path's context is not known: a block worked it out while rendering, or sections nest too deep. */
  contextUnknown?: PathSite['contextUnknown'];
  /** Other paths lacking the same part, when which of them failed is unknown (`site` is the first). */
  alsoAt?: PathSite[];
}

function absence(part: AbsentPart, site?: PathSite): Absence {
  const found: Absence = { absent: part.written, resolved: part.resolved };
  if (site) found.site = site;
  if (part.parentType) found.parentType = part.parentType;
  return found;
}

/**
 * The sites' absent parts, in order: those of boolean contexts only when no other way gives one,
 * since a section over `true` keeps the context it had and only a loop enters a boolean.
 */
function absentParts(sites: PathSite[], data: TemplateData, explains?: Explains): { site: PathSite; part: AbsentPart }[] {
  for (const booleanContexts of [false, true]) {
    const found = sites.flatMap((site) => {
      const part = absentAsWritten(site, data, explains, booleanContexts);
      return part ? [{ site, part }] : [];
    });
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * Handlebars compiles a block body written twice alike once, and reports a failure in any copy at
 * the first: when the paths written there lack nothing, the one copy of them that does is where
 * it failed (`{{#with project}}{{key}}{{/with}}{{#with title}}{{key}}{{/with}}`).
 */
function twinAbsence(here: PathSite[], sites: PathSite[], data: TemplateData): Absence | undefined {
  const written = new Set(here.map((site) => site.node.original));
  const twins: Absence[] = [];
  for (const site of sites) {
    if (here.includes(site) || !written.has(site.node.original)) continue;
    const part = absentAsWritten(site, data);
    if (part) twins.push({ ...absence(part, site), elsewhere: true });
    else if (site.pastTop) twins.push({ absent: site.node.original, site, pastTop: true, elsewhere: true });
  }
  return twins.length === 1 ? twins[0] : undefined;
}

/**
 * For a render error caused by an absent property: the absent part of the path, as written in
 * the template, and the path that reads it. Handlebars names only the last segment it looked up
 * (`plainText` for an absent `nope.plainText`), or none at all. Undefined for other errors.
 */
function locateAbsence(error: TemplateError, analysis: TemplateAnalysis | undefined, data: TemplateData): Absence | undefined {
  const sites = analysis?.paths ?? [];
  if (!error.absent) return undefined;
  if (!error.absent.parent) {
    const here = sites.filter((candidate) => candidate.line === error.line && candidate.column === error.column);
    const [first] = absentParts(here, data);
    if (first) return absence(first.part, first.site);
    const climbing = here.find((site) => site.pastTop);
    if (climbing) return { absent: climbing.node.original, site: climbing, pastTop: true };
    const unknown = here.find((site) => site.contextUnknown);
    if (unknown) return { absent: unknown.node.original, site: unknown, contextUnknown: unknown.contextUnknown };
    return twinAbsence(here, sites, data) ?? { absent: error.absent.name };
  }
  // Strict mode checks only a path's last segment, so no position comes with an absent parent:
  // the paths whose absent segment is followed by the one JavaScript read (or, on a string,
  // number or boolean, is that one). Only a single such path gives a position: when several do,
  // which of them ran is unknown.
  const name = error.absent.name;
  const reads: Explains = (pattern, k) =>
    pattern[k + 1] === name || (pattern[k] === name && primitiveOnTheWay(data, pattern.slice(0, k)) !== undefined);
  const candidates = absentParts(sites, data, reads);
  if (candidates.length === 0) {
    // `{{#if ../comment}}` at the top: JavaScript read `comment` of the nothing above the event.
    const climbing = sites.filter((site) => site.pastTop && site.node.parts[site.partsOffset] === name);
    if (climbing.length === 1) return { absent: climbing[0].node.original, site: climbing[0], pastTop: true };
    // `{{#with 1}}{{name}}{{/with}}`: JavaScript looked for `name` in a number.
    const unknown = sites.filter((site) => site.contextUnknown && site.node.parts.includes(name));
    return unknown.length === 1 ? { absent: unknown[0].node.original, site: unknown[0], contextUnknown: unknown[0].contextUnknown } : undefined;
  }
  if (candidates.length === 1) return absence(candidates[0].part, candidates[0].site);
  // Paths that all lack the same part fail alike wherever they run: the first stands for them all.
  const [first, ...others] = candidates;
  const same = (a: AbsentPart, b: AbsentPart) =>
    a.written === b.written && a.parentType === b.parentType && a.resolved.join('\0') === b.resolved.join('\0');
  if (!others.every(({ part }) => same(part, first.part))) return undefined;
  return { ...absence(first.part, first.site), alsoAt: others.map(({ site }) => site) };
}

/**
 * `locateAbsence` for a body template. `formValues` are those the event was rendered with: the
 * template sees them as `formVariables`.
 */
export function findAbsence(
  error: TemplateError,
  analysis: TemplateAnalysis | undefined,
  event: TemplateEvent,
  formValues: FormValues,
): Absence | undefined {
  const found = locateAbsence(error, analysis, { ...event, formVariables: formValues });
  if (found && !found.parentType && found.resolved?.length === 2 && found.resolved[0] === 'formVariables') {
    found.undeclaredFormVariable = true;
  }
  return found;
}

/**
 * `\`a.b\` is a string, which has no property \`c\``, for an absent `a.b.c` whose parent is not an
 * object. A single segment is read on a block's own context (`{{#with text}}{{c.d}}{{/with}}`):
 * its parent is `this`, or `..` (and so on) for one written `../c`.
 */
function describeNonObjectParent(found: Absence & { parentType: string }): string {
  const [, up, path] = /^((?:\.\.\/)*)(.*)$/s.exec(found.absent)!;
  const cut = path.lastIndexOf('.');
  const parent = cut >= 0 ? up + path.slice(0, cut) : up ? up.slice(0, -1) : 'this';
  const is = found.parentType === 'null' ? 'is null' : `is a ${found.parentType}`;
  return `\`${parent}\` ${is}, which has no property \`${path.slice(cut + 1)}\``;
}

/** Said of form variable `key` read by its key in a body template, which reads form variables under `formVariables` (only the endpoint reads them by key). */
export function formVariableReadByKey(key: string): string {
  return `a form variable, which a template reads as \`formVariables.${key}\``;
}

/**
 * The name meant, written as the template writes the absent one, when that one looks misspelt: no
 * change-history event has it there (an optional field one event lacks is not a mistake), and a
 * name close to it is documented or present there. `eventPattern` is the absent part's path in the
 * event, `found.resolved` its path in `data`, what the template was rendered with.
 */
function meantName(found: Absence, data: TemplateData, eventPattern: readonly string[]): string | undefined {
  const last = eventPattern[eventPattern.length - 1];
  if (!found.resolved || last === undefined || last === WILDCARD || documentedValues(eventPattern).length > 0) return undefined;
  const parents = [...documentedValues(eventPattern.slice(0, -1)), ...valuesAt(data, found.resolved.slice(0, -1))];
  const names = new Set(parents.filter(isRecord).flatMap((parent) => Object.keys(parent)));
  return writtenWith(found, last, likelyMeant(last, names));
}

/** The name a misspelt `name` most likely stands for. Two edits turn `nope` into `name`: for short names, only one is a likely slip. */
function likelyMeant(name: string, candidates: Iterable<string>): string | undefined {
  return closest(name, candidates, { limit: 1, tolerance: Math.max(1, Math.floor(name.length / 4)) })[0];
}

/** A path as written (`../titel`), with `name` in place of its last name `last` (`../title`). */
export function withLastName(written: string, last: string, name: string): string | undefined {
  return written.endsWith(last) ? written.slice(0, written.length - last.length) + name : undefined;
}

/** The absent part as the template writes it, with `meant` in place of its last name `last`. */
function writtenWith(found: Absence, last: string, meant: string | undefined): string | undefined {
  return meant === undefined ? undefined : withLastName(found.absent, last, meant);
}

function didYouMean(meant: string | undefined): string {
  return meant === undefined ? '' : `; did you mean \`${meant}\`?`;
}

/**
 * The path from the top that the absent part stands for, when the text does not show it:
 * `member.name` for `name` inside `{{#with member}}`, `tags.*.kind` for `kind` in `{{#each tags}}`.
 * `fromTop` is the path to where it is counted from (`['context']`, the event in an endpoint).
 */
function pathStoodFor(found: Absence, fromTop: readonly string[] = []): string | undefined {
  if (!found.resolved) return undefined;
  const written = found.absent.replace(/^@root\.|^(\.\.\/)+/, '');
  const fromHere = found.resolved.slice(fromTop.length);
  // The text shows the path already when it writes it in full, with or without brackets.
  const shown = [fromHere, found.resolved].some((path) => written === formatPath(path) || written === pathText(path));
  return shown ? undefined : formatPath(fromHere);
}

/** The renderer's message with the absent part named as the template writes it. */
function explainRenderError(error: TemplateError, found: Absence | undefined, data: TemplateData, formValues: FormValues): string {
  if (!found) return error.message;
  if (found.undeclaredFormVariable) {
    const declared = Object.keys(formValues);
    const which = declared.length > 0 ? `it declares ${declared.join(', ')}` : 'it declares none';
    const key = found.resolved![1];
    const meant = writtenWith(found, key, likelyMeant(key, declared));
    return `\`${found.absent}\` is not a form variable of this manifest (${which}): add it to formVariables or stop using it${didYouMean(meant)}`;
  }
  const unreadable = describeUnreadable(found);
  if (unreadable) return unreadable;
  const absence = describeAbsence({ name: found.absent, parent: false }, pathStoodFor(found));
  // A body template sees the form variables under `formVariables`, not by key as the endpoint does.
  const [name] = found.resolved ?? [];
  if (found.resolved?.length === 1 && found.absent === name && Object.prototype.hasOwnProperty.call(formValues, name)) {
    return `${absence}: \`${name}\` is ${formVariableReadByKey(name)}`;
  }
  return absence + didYouMean(found.resolved ? meantName(found, data, found.resolved) : undefined);
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
  const positioned = (error.line !== undefined && !found.elsewhere) || !found.site;
  const alsoAt = found.alsoAt?.map((site) => `line ${site.line}, column ${site.column}`).join('; ');
  return new TemplateError(
    explainRenderError(error, found, { ...event, formVariables: formValues }, formValues) + (alsoAt ? ` (also read at ${alsoAt})` : ''),
    error.file,
    positioned ? error.line : found.site!.line,
    positioned ? error.column : found.site!.column,
    error.absent,
  );
}

const STRICT = 'strict mode makes a missing property an error';

/** Why the path could not be read at all, when that is the trouble rather than a missing name. */
function describeUnreadable(found: Absence): string | undefined {
  if (found.parentType) return describeNonObjectParent({ ...found, parentType: found.parentType });
  if (found.pastTop) return describePastTop(found);
  if (found.contextUnknown) return describeUnknownContext(found);
  return undefined;
}

/** For a path read in a context a block worked out (`{{#with (queryEncode name)}}`, `{{#with 0}}`), or that sections nest too deep to follow. */
function describeUnknownContext(found: Absence): string {
  if (found.contextUnknown === 'too-deep') {
    return `\`${found.absent}\` is not defined in the context the blocks around it give, which nest too many sections (\`{{#name}}…{{/name}}\`) for the kit to tell which part of the event it is (${STRICT})`;
  }
  return `\`${found.absent}\` is not defined in the context the block around it gives: a literal, a helper's result or a data variable, not a part of the event (${STRICT})`;
}

/** For a path whose `../` went up past the event. */
function describePastTop(found: Absence): string {
  return `\`${found.absent}\` reads above the event, where nothing is: each \`../\` leaves one block that changed the context, and \`{{#if}}\`, \`{{#unless}}\`, \`{{#equal}}\`, a section over \`true\` and a block over the object already in context (\`{{#with this}}\`) change none (${STRICT})`;
}

/**
 * An endpoint url or header error in the endpoint's terms: those templates see the form variables
 * by key and the event under `context`, not the event itself. `data` is what it was rendered with.
 */
export function explainEndpointError(error: TemplateError, template: CompiledTemplate, data: TemplateData): string {
  if (!error.absent) return error.message;
  const found = locateAbsence(error, analyzeTemplate(template.ast), data);
  // Only an absent parent that no single path explains goes unfound.
  if (!found) return `a property on the way to \`${error.absent.name}\` is not defined (${STRICT})`;
  const unreadable = describeUnreadable(found);
  if (unreadable) return unreadable;
  const { absent, resolved } = found;
  if (resolved && resolved.length > 1) {
    const inEvent = resolved[0] === 'context';
    const meant = inEvent ? meantName(found, data, resolved.slice(1)) : undefined;
    const stoodFor = pathStoodFor(found, inEvent ? ['context'] : []);
    return `\`${absent}\`${stoodFor ? ` (\`${stoodFor}\`)` : ''} is not defined${inEvent ? ' in the event' : ''} (${STRICT})${didYouMean(meant)}`;
  }
  // A single segment at the top is read among the form variables: a misspelt key is the likely cause.
  const keys = Object.keys(data).filter((key) => key !== 'context' && key !== 'oauth');
  const [near] = resolved?.length === 1 && absent === resolved[0] ? closest(absent, keys, { limit: 1 }) : [];
  // The keys it may use, rather than an example's: a name far from all of them is no typo, and the list shows what is there.
  const byKey = keys.length > 0 ? `this manifest's are ${keys.join(', ')}` : 'this manifest has none';
  return (
    `\`${absent}\` is not defined (${STRICT}): endpoint templates see the form variables by ` +
    `key (${byKey}), the event under \`context\` (\`{{context.project.key}}\`) and, with requiresOAuth, \`oauth.baseURI\` and \`oauth.accessToken\`` +
    (near ? `; did you mean the form variable \`${near}\`?` : '')
  );
}
