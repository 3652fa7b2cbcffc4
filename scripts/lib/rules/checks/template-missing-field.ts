import { ciFormValues, sharedRenderSetup, templateRenderings } from '../renderings';
import type { Report, Rule } from '../types';
import { findAbsence } from '../../render/absent';
import { analysisOf, templateSources } from '../template-safety/template-sources';

const rule: Rule = {
  id: 'template-missing-field',
  severity: 'warning',
  description: 'Templates render every sample event they receive, not only the CI\'s: optional fields (`comment`, `customProperties`) are guarded.',
  fix:
    'LaunchDarkly renders in strict mode, where a property the event lacks is an error and the request is not sent. Fields such as ' +
    '`comment` and `customProperties` are absent from many real events: wrap their use in `{{#if comment}}...{{/if}}` ' +
    '(`{{#if}}` itself tolerates an absent property).',
  check({ integration, workspace }) {
    const renderings = templateRenderings(integration, workspace);
    if (renderings.length === 0) return [];
    const formValues = ciFormValues(sharedRenderSetup(integration, workspace)!);
    const sources = new Map(templateSources(integration, workspace).map((entry) => [entry.file, entry]));
    const found = new Map<string, { file: string; line: number; column?: number; absent: string; refs: string[]; ci: boolean }>();
    for (const rendering of renderings) {
      if (!rendering.error) continue;
      const entry = sources.get(rendering.file);
      const absence = findAbsence(rendering.error, entry ? analysisOf(entry) : undefined, rendering.sample.event, formValues);
      // An undeclared form variable fails on every event: template-render reports it.
      if (!absence || absence.undeclaredFormVariable) continue;
      // At each mustache that reads the path, as people look for it; else where Handlebars says.
      const sites = absence.site ? [absence.site, ...(absence.alsoAt ?? [])] : [undefined];
      for (const site of sites) {
        const start = site?.statement.loc.start;
        const line = start ? start.line : rendering.error.line;
        const column = start ? start.column + 1 : rendering.error.column;
        if (line === undefined) continue;
        const place = `${rendering.file}:${line}:${column}`;
        const known = found.get(place);
        if (known) {
          known.ci ||= rendering.ciPair;
          if (!rendering.ciPair && !known.refs.includes(rendering.sample.ref)) known.refs.push(rendering.sample.ref);
          continue;
        }
        found.set(place, {
          file: rendering.file,
          line,
          column,
          absent: absence.absent,
          refs: rendering.ciPair ? [] : [rendering.sample.ref],
          ci: rendering.ciPair,
        });
      }
    }
    const reports: Report[] = [];
    for (const { file, line, column, absent, refs, ci } of found.values()) {
      // Failing on the CI's own event is template-render's error, not this warning.
      if (ci || refs.length === 0) continue;
      // Named in the message, which JSON output gives apart from the finding's own sample, the first.
      const events = refs.length > 1 ? `${refs.length} sample events (${refs.slice(0, 4).join(', ')}${refs.length > 4 ? ', ...' : ''})` : `sample event ${refs[0]}`;
      const report: Report = {
        file,
        line,
        message: `\`${absent}\` is absent from ${events}; wrap it in \`{{#if ${absent}}}\``,
        sample: refs[0],
      };
      if (column !== undefined) report.column = column;
      reports.push(report);
    }
    return reports;
  },
};

export default rule;
