import { formatPath, patternKey, valuesAt, type Pattern } from '../../render/event-paths';
import type { FormValues } from '../../render/context';
import { CI_OAUTH } from '../../render/form-values';
import { formVariableReadByKey, withLastName } from '../../render/absent';
import { analyzeTemplate, type PathSite } from '../../render/template-analysis';
import { hasArguments, isCall, someNode } from '../../render/template-ast';
import { isRecord } from '../../json-value';
import { closest } from '../../suggest';
import { ciFormValues, sharedRenderSetup } from '../renderings';
import { documentedValues } from '../../render/event-shape';
import { analysisOf, endpointReport, endpointTexts, templateSources, type TemplateProblem } from '../template-safety/template-sources';
import { sharedTemplateTree } from '../template-trees';
import type { Report, Rule } from '../types';

/** The values a pattern reaches in what a template sees, from each source that tells, in turn. */
type Reach = (pattern: Pattern) => Iterable<unknown[]>;

function reaches(reach: Reach, pattern: Pattern): boolean {
  for (const values of reach(pattern)) if (values.length > 0) return true;
  return false;
}

function keysAt(reach: Reach, pattern: Pattern): string[] {
  const keys = new Set<string>();
  for (const values of reach(pattern)) for (const value of values) if (isRecord(value)) for (const key of Object.keys(value)) keys.add(key);
  return [...keys];
}

/**
 * How a kind of template sees its data: what a pattern reaches, and which unknown last names are
 * sure mistakes. A form variable is one (the manifest declares them all); an event field only at
 * the top of the event and close to a known one, since real events carry fields no sample shows.
 */
interface View {
  reach: Reach;
  /** What the name is, and the name meant where a near one is the likely fix. */
  mistake(pattern: Pattern, near: string | undefined): { is: string; near?: string } | undefined;
}

function bodyView(reachEvent: Reach, formValues: FormValues): View {
  return {
    // `formVariables` hides an event field of that name: each pattern has one source.
    *reach(pattern) {
      if (pattern.length === 0) {
        yield* reachEvent(pattern);
        yield [{ formVariables: formValues }];
      } else if (pattern[0] === 'formVariables') yield valuesAt({ formVariables: formValues }, pattern);
      else yield* reachEvent(pattern);
    },
    mistake: (pattern, near) => {
      if (pattern.length === 2 && pattern[0] === 'formVariables') return { is: 'not a form variable of this manifest', near };
      // Read by key, as the endpoint reads them.
      if (pattern.length === 1 && Object.prototype.hasOwnProperty.call(formValues, pattern[0])) {
        return { is: formVariableReadByKey(pattern[0]) };
      }
      if (pattern.length === 1 && near !== undefined) return { is: 'a field of no change-history event', near };
      return undefined;
    },
  };
}

function endpointView(reachEvent: Reach, formValues: FormValues): View {
  return {
    *reach(pattern) {
      if (pattern[0] === 'context') yield* reachEvent(pattern.slice(1));
      else yield valuesAt({ ...formValues, context: {}, oauth: CI_OAUTH }, pattern);
    },
    mistake: (pattern, near) => {
      if (pattern.length === 1) return { is: 'not a form variable of this manifest (the endpoint sees them by key, the event as `context`)', near };
      if (pattern.length === 2 && pattern[0] === 'context' && near !== undefined) return { is: 'a field of no change-history event', near };
      return undefined;
    },
  };
}

/** Only arguments can be wrong unseen: a text without a call that takes any needs no analysis. */
function givesArguments(ast: hbs.AST.Program): boolean {
  return someNode(ast, (node) => isCall(node) && hasArguments(node));
}

/** Strict mode checks the path a mustache or a section prints, not what a helper or a block is given. */
function isArgument(site: PathSite): boolean {
  return site.statement.path !== site.node;
}

function callName(site: PathSite): string {
  const path = site.statement.path;
  const name = path.type === 'PathExpression' ? (path as hbs.AST.PathExpression).original : 'the call';
  return site.statement.type === 'BlockStatement' ? `{{#${name}}}` : `{{${name}}}`;
}

/**
 * The first field the site may stand for whose parent is there and whose last name is a sure
 * mistake: in `{{#formVariables.verbose}}`, `x` is `formVariables.verbose.x` or, when the value
 * is `true`, the event's `x`.
 */
function sureMistake(site: PathSite, view: View): { pattern: Pattern; last: string; mistake: { is: string; near?: string } } | undefined {
  for (const pattern of site.patterns) {
    if (!reaches(view.reach, pattern.slice(0, -1))) continue;
    const last = pattern[pattern.length - 1];
    const [near] = closest(last, keysAt(view.reach, pattern.slice(0, -1)), { limit: 1 });
    const mistake = view.mistake(pattern, near);
    if (mistake) return { pattern, last, mistake };
  }
  return undefined;
}

/**
 * Each argument whose last name is a sure mistake (see View), once per name as written and field
 * it stands for, at its first place. Only the last name may be unknown: an absent parent throws in strict mode, and the
 * render rules report it.
 */
function problemsIn(paths: PathSite[], view: View): TemplateProblem[] {
  const byWriting = new Map<string, { problem: TemplateProblem; places: number }>();
  for (const site of paths) {
    const names = site.node.parts.length - site.partsOffset;
    if (!isArgument(site) || names <= 0 || site.patterns.some((pattern) => reaches(view.reach, pattern))) continue;
    const found = sureMistake(site, view);
    if (!found) continue;
    const { pattern, last, mistake } = found;
    const written = site.node.original;
    // The same writing may stand for another field in another block's context.
    const key = `${written}\u0000${patternKey(pattern)}`;
    const known = byWriting.get(key);
    if (known) {
      known.places++;
      continue;
    }
    const meant = mistake.near === undefined ? undefined : withLastName(written, last, mistake.near);
    const suggestion = meant === undefined ? '' : ` (did you mean \`${meant}\`?)`;
    const path = formatPath(pattern) === written ? '' : ` (\`${formatPath(pattern)}\`)`;
    byWriting.set(key, {
      places: 1,
      problem: {
        line: site.line,
        column: site.column,
        message: `\`${written}\`${path} is ${mistake.is}${suggestion}: Handlebars checks no argument of \`${callName(site)}\`, even in strict mode, so it gets undefined on every event`,
      },
    });
  }
  return [...byWriting.values()].map(({ problem, places }) =>
    places === 1 ? problem : { ...problem, message: `${problem.message} (read ${places} times; this is the first)` },
  );
}

const rule: Rule = {
  id: 'template-unknown-field',
  severity: 'warning',
  description: 'What templates give helpers and blocks (`{{#if x}}`, `{{queryEncode x}}`) is a declared form variable, not a misspelt name.',
  fix:
    'Strict mode makes a missing name an error only where a mustache prints it: `{{#if formVariables.chanel}}` is always false, ' +
    '`{{#each}}` over a misspelt field never runs and `{{queryEncode chanel}}` prints `undefined`, on every event and with no error. ' +
    'Correct the name (the message suggests the nearest one), or declare the form variable it means.',
  check({ integration, workspace }) {
    const setup = sharedRenderSetup(integration, workspace);
    if (!setup) return [];
    const events = workspace.samples().map((sample) => sample.event);
    const reachEvent: Reach = function* (pattern) {
      yield documentedValues(pattern);
      for (const event of events) yield valuesAt(event, pattern);
    };
    const formValues = ciFormValues(setup);
    const reports: Report[] = [];
    const body = bodyView(reachEvent, formValues);
    for (const entry of templateSources(integration, workspace)) {
      if (!entry.ast || !givesArguments(entry.ast)) continue;
      const analysis = analysisOf(entry)!;
      for (const problem of problemsIn(analysis.paths, body)) reports.push({ file: entry.file, ...problem });
    }
    const endpoint = endpointView(reachEvent, formValues);
    for (const endpointText of endpointTexts(integration)) {
      const ast = endpointText.text.includes('{{') ? sharedTemplateTree(workspace, endpointText.text) : undefined;
      if (!ast || !givesArguments(ast)) continue;
      for (const problem of problemsIn(analyzeTemplate(ast).paths, endpoint)) reports.push(endpointReport(endpointText, problem));
    }
    return reports;
  },
};

export default rule;
