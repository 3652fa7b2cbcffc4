import { isCiBlank, templateRenderings } from '../renderings';
import type { Report, Rule } from '../types';

const rule: Rule = {
  id: 'template-empty',
  severity: 'error',
  description: 'The `validation` and `member` templates render a body that is not empty or blank for the CI\'s sample event.',
  fix:
    'LaunchDarkly sends the `validation` template when someone presses "validate connection" (with an environment event), and ' +
    'the framework\'s CI requires it and the `member` template to render something: write a body that does not depend on ' +
    'conditions the sample event may not meet, such as a fixed "LaunchDarkly is connected" message.',
  ciRule: 15,
  check({ integration, workspace }) {
    const reports: Report[] = [];
    for (const rendering of templateRenderings(integration, workspace)) {
      if (!isCiBlank(rendering)) continue;
      // The framework's CI trims the output before it checks it, so whitespace counts as empty.
      const body = rendering.output === '' ? 'an empty body' : 'only whitespace';
      reports.push({
        file: rendering.file,
        message: `templates.${rendering.templateKind} renders ${body} for the CI's ${rendering.sample.kind} event (${rendering.sample.ref})`,
        sample: rendering.sample.ref,
      });
    }
    return reports;
  },
};

export default rule;
