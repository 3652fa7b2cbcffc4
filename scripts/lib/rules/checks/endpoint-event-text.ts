import { codePoint, HEADER_VALUE_CONTROL } from '../../http-syntax';
import { routeEvent } from '../../policy';
import { endpointContext } from '../../render/context';
import { CI_OAUTH } from '../../render/form-values';
import { compileTemplate, TemplateError } from '../../render/template';
import { ciFormValues, sharedRenderSetup } from '../renderings';
import { endpointTexts } from '../template-safety/template-sources';
import { readsEvent } from '../template-trees';
import type { Report, Rule } from '../types';

const rule: Rule = {
  id: 'header-event-text',
  severity: 'warning',
  description: 'A header value that prints event text prints no line break or other control character for any sample event the policy delivers.',
  fix:
    'Event texts such as `details.plainText`, `comment` or a description can span several lines, and HTTP forbids a line break in a ' +
    'header value: clients refuse to send such a request. Print a text that is one line by nature (a key, a kind, a name), or move ' +
    'the text to the body.',
  check({ integration, manifest, workspace }) {
    const headers = endpointTexts(integration).filter(({ pointer, text }) => pointer.includes('/headers/') && readsEvent(workspace, text));
    const setup = headers.length > 0 ? sharedRenderSetup(integration, workspace) : undefined;
    if (!setup) return [];
    const formValues = ciFormValues(setup);
    const delivered = workspace.samples().filter((sample) => routeEvent(manifest, sample.event).delivered);
    const reports: Report[] = [];
    for (const { pointer, label, text } of headers) {
      let template;
      try {
        template = compileTemplate(text, 'manifest.json');
      } catch (error) {
        if (error instanceof TemplateError) continue; // endpoint-render reports it
        throw error;
      }
      for (const sample of delivered) {
        let value: string;
        try {
          value = template.render(endpointContext(sample.event, formValues, CI_OAUTH));
        } catch (error) {
          if (error instanceof TemplateError) continue;
          throw error;
        }
        const control = HEADER_VALUE_CONTROL.exec(value)?.[0];
        if (!control) continue;
        reports.push({
          pointer,
          sample: sample.ref,
          message: `${label} prints event text holding ${/[\r\n]/.test(control) ? `a line break (${codePoint(control)})` : `the control character ${codePoint(control)}`}: HTTP forbids it in a header value, so clients refuse to send the request`,
        });
        break;
      }
    }
    return reports;
  },
};

export default rule;
