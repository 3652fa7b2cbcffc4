import type { Sample } from '../../samples/types';
import type { AdversarialRendering } from './adversarial';
import { htmlEscapedMarkers } from './adversarial';
import { formatPath, isTextual, patternCovers, valuesAt, type EventPath, type Pattern } from '../../render/event-paths';
import { documentedValues } from '../../render/event-shape';
import type { JsonCheck } from '../../json-syntax';
import type { PrintSite } from '../../render/template-analysis';
import { analysisOf, type TemplateSource } from './template-sources';
import type { TextEdit } from '../../findings';
import { parseTemplate } from '../../render/template-ast';

/**
 * LaunchDarkly hands a JSON template every event string already JSON-escaped; `{{x}}` then
 * HTML-escapes it on top. A quote in the event becomes `\&quot;` (invalid JSON: the request is
 * refused or dropped), an apostrophe `&#x27;`, `&` `&amp;`, `<` `&lt;`, `=` `&#x3D;` (valid JSON,
 * wrong text). No CI sees it: the framework's canonical events carry no quote.
 *
 * Two complementary checks, merged into one finding per mustache:
 * - static: a `{{ }}` mustache inside a JSON string literal whose path resolves to event text
 *   (a string, or an array of strings) in the sample events or the documented event shape;
 * - dynamic: the template rendered against every sample it serves, with every event string
 *   extended by quotes, apostrophes, `<>&=`, a backtick, a backslash, a newline, a tab, a control
 *   character, an emoji and non-Latin text; each string must come back unchanged and the output
 *   must parse. Damage leads back, through a per-string marker, to the event path and then to
 *   the `{{ }}` that printed it.
 *
 * Decisions, applied the same way by both checks:
 * - URLs (`_links.site.href`, `baseURL`) are event strings like any other: `&` and `=` in their
 *   query strings come out as `&amp;` and `&#x3D;`, so `{{_links.site.href}}` is flagged;
 * - ids, keys, `kind`, `verbKind` and `timestamp.rfc3339` are strings too and are flagged: the
 *   rule judges the spelling, not today's values, and `{{{ }}}` costs nothing there;
 * - `pathEncode` and `queryEncode` output is flagged where their argument is event text: they
 *   keep an apostrophe (`pathEncode` `&` and `=` too), which `{{ }}` turns into an entity;
 * - numbers (`{{timestamp.milliseconds}}`), booleans, form variables (the framework does not
 *   JSON-escape them, so `{{{formVariables.x}}}` would be the unsafe one), data variables
 *   (`{{@index}}`, `{{@key}}`) and the output of `formatWithOffset` and `basicAuthHeaderValue`
 *   are not event text and are never flagged.
 */

// A template with thousands of flagged mustaches asks for the place of each: its lines are found once.
let lineStarts: { source: string; starts: number[] } | undefined;

/** The offsets in its source of the text a node spans (Handlebars ends lines at `\r\n`, `\r` or `\n`, counts columns from 0). */
function spanOf(source: string, loc: hbs.AST.SourceLocation): { start: number; end: number } {
  if (lineStarts?.source !== source) {
    const starts = [0];
    for (const lineBreak of source.matchAll(/\r\n?|\n/g)) starts.push(lineBreak.index + lineBreak[0].length);
    lineStarts = { source, starts };
  }
  const { starts } = lineStarts;
  const offset = (position: hbs.AST.Position) => Math.min(source.length, (starts[position.line - 1] ?? source.length) + position.column);
  return { start: offset(loc.start), end: offset(loc.end) };
}

/** The text a node spans in its source, for messages. */
function sourceText(source: string, loc: hbs.AST.SourceLocation): string {
  const { start, end } = spanOf(source, loc);
  return source.slice(start, end);
}

/** `{{x}}` as `{{{x}}}`, keeping whitespace control (`{{~x~}}` becomes `{{~{x}~}}`). */
export function tripleStash(mustache: string): string {
  const match = /^\{\{(~?)([\s\S]*?)(~?)\}\}$/.exec(mustache);
  if (!match) return mustache;
  const [, left, inner, right] = match;
  return left || right ? `{{${left}{${inner.trim()}}${right}}}` : `{{{${inner.trim()}}}}`;
}

/** Mustache text on one line, for messages. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

// "Any": the rule judges the spelling, and some of what it flags (ids, timestamps) never holds a quote today.
const DAMAGE = 'any quote in it becomes \\&quot; and breaks the JSON, any apostrophe &#x27;';
const URL_DAMAGE = '`&` and `=` in a query string become &amp; and &#x3D;, and any quote \\&quot;, which breaks the JSON';

/** `_links.*.href`, `baseURL`: the damage worth naming there is the query string's. */
function isUrlPath(pattern: Pattern): boolean {
  const last = pattern[pattern.length - 1];
  return last === 'href' || (pattern.length === 1 && last === 'baseURL');
}

export interface EscapingProblem {
  line: number;
  column?: number;
  message: string;
  sample?: string;
  /** `{{x}}` made `{{{x}}}`, for the problems a mustache of the template causes. */
  edit?: TextEdit;
}

function staticEvidence(patterns: Pattern[], samples: Sample[]): { found: boolean; sample?: string } {
  for (const sample of samples) {
    if (patterns.some((pattern) => valuesAt(sample.event, pattern).some(isTextual))) return { found: true, sample: sample.ref };
  }
  return { found: patterns.some((pattern) => documentedValues(pattern).some(isTextual)) };
}

function describedPath(site: PrintSite): string {
  const paths = [...new Set(site.patterns.map(formatPath))];
  return paths.length === 1 && paths[0] === site.written ? '' : ` (the event's \`${paths.join('`, `')}\`)`;
}

function isOneEscapedMustache(text: string): boolean {
  try {
    const [only, ...rest] = parseTemplate(text).body;
    return rest.length === 0 && only?.type === 'MustacheStatement' && (only as hbs.AST.MustacheStatement).escaped;
  } catch {
    return false;
  }
}

/**
 * The mustache with three braces, in place: a sure fix only inside a JSON string, where the
 * framework's JSON escaping is all the text needs. Outside one, the text is no JSON value either way.
 */
function tripleStashEdit(entry: TemplateSource, site: PrintSite): TextEdit | undefined {
  if (!site.inJsonString) return undefined;
  const { start, end } = spanOf(entry.source!, site.node.loc);
  const replaced = entry.source!.slice(start, end);
  const text = tripleStash(replaced);
  // Edits count from the start of the file, where a byte order mark, not in `source`, comes first.
  const shift = entry.decoding?.startsAt ?? 0;
  // Only ever the one mustache: should the place be off, the edit is not made rather than made wrong.
  return text !== replaced && isOneEscapedMustache(replaced) ? { start: start + shift, end: end + shift, replaced, text } : undefined;
}

/** A problem the mustache at `site` causes: told, and fixed with three braces. */
function printProblem(entry: TemplateSource, site: PrintSite, sample: string | undefined): EscapingProblem {
  const edit = tripleStashEdit(entry, site);
  return { line: site.line, column: site.column, message: printMessage(entry, site), ...(sample ? { sample } : {}), ...(edit ? { edit } : {}) };
}

function printMessage(entry: TemplateSource, site: PrintSite): string {
  const written = oneLine(sourceText(entry.source!, site.node.loc));
  const damage = site.patterns.length > 0 && site.patterns.every(isUrlPath) ? URL_DAMAGE : DAMAGE;
  // Outside a string three braces alone leave event text where JSON wants a value: the quotes are the fix too.
  const fix = site.inJsonString
    ? `Write \`${tripleStash(written)}\`.`
    : `It stands outside a JSON string, where event text is no JSON value: write \`"${tripleStash(written)}"\`.`;
  return `\`${written}\`${describedPath(site)} HTML-escapes the event's text: ${damage}. ${fix}`;
}

/**
 * What HTML escaping does to the output of the encoding helpers, by helper: the characters each
 * leaves as they are and `{{ }}` turns into entities.
 */
const ENCODED_DAMAGE: Readonly<Record<string, string>> = {
  pathEncode: 'pathEncode keeps `&`, `=` and an apostrophe, which then become &amp;, &#x3D; and &#x27;',
  queryEncode: 'queryEncode keeps an apostrophe, which then becomes &#x27;',
};

/** The helper a `{{pathEncode …}}` or `{{queryEncode …}}` mustache calls, or undefined. */
function encodingHelper(site: PrintSite): string | undefined {
  const path = site.node.path as hbs.AST.PathExpression;
  return site.kind === 'safe-helper' && Object.hasOwn(ENCODED_DAMAGE, path.original) ? path.original : undefined;
}

function encodedMessage(entry: TemplateSource, site: PrintSite, helper: string): string {
  const written = oneLine(sourceText(entry.source!, site.node.loc));
  return `\`${written}\` HTML-escapes what ${helper} makes of the event's text: ${ENCODED_DAMAGE[helper]}. Write \`${tripleStash(written)}\`.`;
}

/** The `{{ }}` mustaches inside JSON strings that print event text, as it is or through an encoding helper. */
export function staticProblems(entry: TemplateSource, samples: Sample[]): EscapingProblem[] {
  const analysis = analysisOf(entry);
  if (!analysis) return [];
  const problems: EscapingProblem[] = [];
  for (const site of analysis.prints) {
    if (!site.escaped || !site.inJsonString) continue;
    const helper = encodingHelper(site);
    if (site.kind !== 'event' && !helper) continue;
    const evidence = staticEvidence(site.patterns, samples);
    if (!evidence.found) continue;
    const problem = printProblem(entry, site, evidence.sample);
    problems.push(helper ? { ...problem, message: encodedMessage(entry, site, helper) } : problem);
  }
  return problems;
}

/** What the adversarial renderings of this template show damaged, traced to its mustaches. */
export function dynamicProblems(
  entry: TemplateSource,
  renderings: AdversarialRendering[],
  plainParses: (file: string, ref: string) => boolean,
  parseJson: (text: string) => JsonCheck,
): EscapingProblem[] {
  const analysis = analysisOf(entry);
  if (!analysis) return [];
  // Every sample that shows the same damage would repeat it: the first one is the example, and
  // the later ones are not even worded (a template may print thousands of damaged paths).
  const byPlace = new Map<string, EscapingProblem>();
  const report = (line: number, column: number | undefined, problem: () => EscapingProblem) => {
    const key = placeKey({ line, column });
    if (!byPlace.has(key)) byPlace.set(key, problem());
  };
  const printersByPath = new Map<string, PrintSite[]>();
  const printersOf = (path: EventPath) => {
    const key = JSON.stringify(path);
    let printers = printersByPath.get(key);
    if (!printers) {
      printers = analysis.prints.filter((site) => site.escaped && site.kind === 'event' && site.patterns.some((pattern) => patternCovers(pattern, path)));
      printersByPath.set(key, printers);
    }
    return printers;
  };
  for (const rendering of renderings) {
    if (rendering.file !== entry.file || rendering.output === undefined) continue;
    const sample = rendering.sample.ref;
    const damaged = htmlEscapedMarkers(rendering.output);
    for (const index of damaged) {
      const path = rendering.markers[index];
      if (!path) continue;
      const printers = printersOf(path);
      if (printers.length === 0) {
        report(1, undefined, () => ({
          line: 1,
          message:
            `the event's \`${formatPath(path)}\` comes out HTML-escaped (${DAMAGE}) when sample ${sample} carries special ` +
            'characters, but no `{{ }}` of this template prints that path by name: find the mustache that prints it and write it with `{{{ }}}`.',
          sample,
        }));
        continue;
      }
      for (const site of printers) report(site.line, site.column, () => printProblem(entry, site, sample));
    }
    // Extending compared strings closes `{{#equal}}` branches, which can break the output in ways no
    // real event would: only the variant that keeps them judges whether the output parses.
    const realisticFlow = analysis.comparedPatterns.length === 0 || rendering.variant === 'uncompared';
    if (damaged.size === 0 && realisticFlow) {
      const parsed = parseJson(rendering.output);
      if (!parsed.ok && plainParses(rendering.file, sample)) {
        report(1, undefined, () => ({
          line: 1,
          message:
            `renders invalid JSON (output line ${parsed.line}, column ${parsed.column}: ${parsed.message}) when the strings of sample ` +
            `${sample} carry quotes, backslashes, newlines or control characters: put every event string inside a JSON ` +
            'string literal, as `"{{{name}}}"`.',
          sample,
        }));
      }
    }
  }
  return sortedByPlace([...byPlace.values()]);
}

function placeKey(problem: { line: number; column?: number }): string {
  return `${problem.line}:${problem.column ?? ''}`;
}

function sortedByPlace(problems: EscapingProblem[]): EscapingProblem[] {
  return problems.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}

/** One problem per place; the static message, the dynamic check's sample where both found it. */
export function mergeProblems(first: EscapingProblem[], second: EscapingProblem[]): EscapingProblem[] {
  const byPlace = new Map<string, EscapingProblem>();
  for (const problem of first) {
    const key = placeKey(problem);
    if (!byPlace.has(key)) byPlace.set(key, problem);
  }
  for (const problem of second) {
    const key = placeKey(problem);
    const known = byPlace.get(key);
    // The dynamic check saw the damage happen: its sample is the better example.
    if (known) known.sample = problem.sample ?? known.sample;
    else byPlace.set(key, problem);
  }
  return sortedByPlace([...byPlace.values()]);
}

