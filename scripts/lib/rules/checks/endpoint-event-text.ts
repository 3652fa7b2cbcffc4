import { codePoint, HEADER_VALUE_CONTROL, URL_CONTROL } from '../../http-syntax';
import { policyRouter } from '../../policy';
import { endpointContext } from '../../render/context';
import { CI_OAUTH } from '../../render/form-values';
import { TemplateError } from '../../render/template';
import { ciFormValues, sharedRenderSetup } from '../renderings';
import { endpointTexts } from '../template-safety/template-sources';
import { literalText, readsEvent } from '../template-trees';
import type { Report, Rule } from '../types';

function describeControl(char: string): string {
  if (/[\r\n]/.test(char)) return `a line break (${codePoint(char)})`;
  return char === '\t' ? `a tab (${codePoint(char)})` : `the control character ${codePoint(char)}`;
}

/** What HTTP forbids where the text goes: any control character in a url, any but tab in a header value. */
function forbiddenIn(pointer: string): RegExp {
  return pointer.endsWith('/url') ? URL_CONTROL : HEADER_VALUE_CONTROL;
}

const rule: Rule = {
  id: 'endpoint-event-text',
  severity: 'warning',
  description:
    'An endpoint url or header value that prints event text prints no line break or other control character for any sample event the policy delivers.',
  fix:
    'Event texts such as `details.plainText`, `comment` or a description can span several lines, and HTTP forbids a line break in a ' +
    'url or a header value: clients refuse to send such a request (some cut it out of a url silently). Print a text that is one line ' +
    'by nature (a key, a kind, a name), or move the text to the body.',
  check({ integration, manifest, workspace }) {
    // A control character written in the text itself is not event text (header-syntax reports it in a header).
    const texts = endpointTexts(integration).filter(
      ({ pointer, text }) => readsEvent(workspace, text) && !forbiddenIn(pointer).test(literalText(workspace, text)),
    );
    const setup = texts.length > 0 ? sharedRenderSetup(integration, workspace) : undefined;
    if (!setup) return [];
    const formValues = ciFormValues(setup);
    const route = policyRouter(manifest);
    const delivered = workspace.samples().filter((sample) => route(sample.event).delivered);
    const reports: Report[] = [];
    for (const { pointer, label, text } of texts) {
      let template;
      try {
        template = setup.endpointTemplate(text);
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
        const found = forbiddenIn(pointer).exec(value);
        if (!found) continue;
        // At the mustache that printed it, when the template can be traced.
        const within = template.originOf(endpointContext(sample.event, formValues, CI_OAUTH), value, found.index);
        reports.push({
          pointer,
          ...(within ? { within } : {}),
          sample: sample.ref,
          message: `${label} prints event text holding ${describeControl(found[0])}: HTTP forbids it there, so clients refuse to send the request`,
        });
        break;
      }
    }
    return reports;
  },
};

export default rule;
