import { isCiBlank, templateRenderings } from '../renderings';
import type { Report, Rule } from '../types';

const rule: Rule = {
  id: 'template-empty-output',
  severity: 'warning',
  description: 'No template renders only whitespace for a sample event it receives: the receiver would get an empty body, or nothing.',
  fix:
    'LaunchDarkly sends the rendered template as the request body, so an event the template renders empty arrives as an empty ' +
    'request the receiver cannot read (or, if LaunchDarkly drops it, goes missing without a trace). Choose which events reach the ' +
    'endpoint with the policy (`defaultPolicy`, which customers can edit), not with conditions that leave the body empty, and make ' +
    'every branch of the template produce a complete body.',
  check({ integration, workspace }) {
    const byFile = new Map<string, string[]>();
    for (const rendering of templateRenderings(integration, workspace)) {
      if (rendering.output === undefined || rendering.output.trim() !== '') continue;
      // template-empty already makes this one an error.
      if (isCiBlank(rendering)) continue;
      const refs = byFile.get(rendering.file) ?? [];
      if (!refs.includes(rendering.sample.ref)) refs.push(rendering.sample.ref);
      byFile.set(rendering.file, refs);
    }
    const reports: Report[] = [];
    for (const [file, refs] of byFile) {
      const more = refs.length > 1 ? ` (and ${refs.length - 1} more: ${refs.slice(1, 4).join(', ')}${refs.length > 4 ? ', ...' : ''})` : '';
      reports.push({
        file,
        message: `renders only whitespace for sample ${refs[0]}${more}: such events would reach the endpoint with an empty body`,
        sample: refs[0],
      });
    }
    return reports;
  },
};

export default rule;
