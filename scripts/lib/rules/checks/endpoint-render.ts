import { endpointContext } from '../../render/context';
import { CI_OAUTH } from '../../render/form-values';
import { NotRenderableError } from '../../render/request';
import { TemplateError, UnknownHelperError } from '../../render/template';
import type { TemplateEvent } from '../../samples/types';
import { ciFormValues, sharedRenderSetup } from '../renderings';
import type { Report, Rule } from '../types';
import { endpointTexts } from '../template-safety/template-sources';
import { readsEvent } from '../template-trees';
import { canonicalSample } from '../../samples/load';

const rule: Rule = {
  id: 'endpoint-render',
  severity: 'error',
  description: 'The endpoint url and every header value render in strict mode with the CI\'s form values and sample flag event.',
  fix:
    'The url and header values are Handlebars templates that see each form variable by its key (`{{apiKey}}`, not ' +
    '`{{formVariables.apiKey}}`), the event as `context` and, for `requiresOAuth` integrations, `oauth.baseURI`/`oauth.accessToken`. ' +
    'Reference only those, with helpers LaunchDarkly has, in valid Handlebars syntax.',
  ciRule: 3,
  check({ integration, workspace }) {
    const texts = endpointTexts(integration);
    if (texts.length === 0) return [];
    const setup = sharedRenderSetup(integration, workspace);
    if (!setup) return [];
    const formValues = ciFormValues(setup);
    const sample = canonicalSample(workspace.samples(), 'flag');
    // Without the CI's flag event only the texts that do not read the event can be judged.
    const event: TemplateEvent = sample?.event ?? { kind: 'flag' };
    try {
      setup.endpoint(event, { formValues, oauth: CI_OAUTH });
      return [];
    } catch (error) {
      if (!(error instanceof TemplateError) && !(error instanceof NotRenderableError)) throw error;
    }
    // The setup stops at the first failure; each value on its own gives every failure its place.
    const context = endpointContext(event, formValues, CI_OAUTH);
    const reports: Report[] = [];
    for (const { pointer, label, text } of texts) {
      if (!sample && readsEvent(workspace, text)) continue;
      try {
        setup.renderEndpointText(text, context);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        // unknown-helper reports it, with the helper meant.
        if (error instanceof UnknownHelperError) continue;
        const report: Report = { pointer, message: `${label} does not render: ${error.message}` };
        if (error.line !== undefined && error.column !== undefined) report.within = { line: error.line, column: error.column };
        if (sample && readsEvent(workspace, text)) report.sample = sample.ref;
        reports.push(report);
      }
    }
    return reports;
  },
};

export default rule;
