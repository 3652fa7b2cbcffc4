import { isJsonTemplate } from '../../render/context';
import { outputJson, templatePairs, templateRenderings } from '../renderings';
import type { Report, Rule } from '../types';
import { adversarialRenderings } from '../template-safety/adversarial';
import { dynamicProblems, mergeProblems, staticProblems } from '../template-safety/escaping';
import { templateSources } from '../template-safety/template-sources';

/**
 * `{{ }}` on event text in JSON templates. How and why: template-safety/escaping.ts.
 */
const rule: Rule = {
  id: 'json-template-escaping',
  severity: 'warning',
  description: 'In a JSON template, event text is written with `{{{ }}}`: `{{ }}` HTML-escapes it after LaunchDarkly has JSON-escaped it.',
  fix:
    'LaunchDarkly JSON-escapes every event string for `.json`/`.json.hbs` templates, so inside a JSON string write event values ' +
    'with three braces: `"text": "{{{title.plainText}}}"`. With two, a quote in the event becomes `\\&quot;` (invalid JSON, the ' +
    'request fails) and an apostrophe, `&`, `<`, `>`, `=` or a backtick become HTML entities. This holds for URLs ' +
    '(`{{{_links.site.href}}}`: `&` and `=` in query strings) and identifiers too. Form variables are not JSON-escaped by the ' +
    'framework: keep `{{formVariables.x}}` as it is. `pathEncode` and `queryEncode` of event text take three braces too: they keep an ' +
    'apostrophe (`pathEncode` also `&` and `=`). Numbers and `formatWithOffset` output are not flagged. ' +
    '`ld-hook-kit validate --fix` writes the three braces wherever the value is inside a JSON string.',
  check({ integration, workspace }) {
    const entries = templateSources(integration, workspace).filter((entry) => entry.status === 'ok' && isJsonTemplate(entry.file));
    if (entries.length === 0) return [];
    const pairs = templatePairs(integration, workspace.samples());
    const parseJson = (text: string) => outputJson(integration, workspace, text);
    // The example a finding names is an event the template receives, not any event with that field.
    const received = (file: string) => [...new Set(pairs.filter((pair) => pair.file === file).map((pair) => pair.sample))];
    const parsing = new Set(
      templateRenderings(integration, workspace)
        .filter((rendering) => isJsonTemplate(rendering.file) && rendering.output !== undefined && parseJson(rendering.output).ok)
        .map((rendering) => `${rendering.file}\u0000${rendering.sample.ref}`),
    );
    const plainParses = (file: string, ref: string) => parsing.has(`${file}\u0000${ref}`);
    const adversarial = adversarialRenderings(integration, workspace);
    const reports: Report[] = [];
    for (const entry of entries) {
      const problems = mergeProblems(staticProblems(entry, received(entry.file)), dynamicProblems(entry, adversarial, plainParses, parseJson));
      for (const problem of problems) {
        const report: Report = { file: entry.file, line: problem.line, message: problem.message };
        if (problem.column !== undefined) report.column = problem.column;
        if (problem.sample) report.sample = problem.sample;
        if (problem.edit) report.edit = problem.edit;
        reports.push(report);
      }
    }
    return reports;
  },
};

export default rule;
