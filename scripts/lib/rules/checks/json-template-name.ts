import { isJsonTemplate } from '../../render/context';
import { TemplateError } from '../../render/template';
import { checkJson } from '../../json-syntax';
import { ciRenderOptions, outputJson, rendererFor, templateRenderings } from '../renderings';
import { sharedAdversarialEvent } from '../template-safety/adversarial';
import type { Report, Rule } from '../types';

/** The name that makes LaunchDarkly treat the template as JSON: `default.hbs` becomes `default.json.hbs`. */
function jsonName(file: string): string {
  return `${file.replace(/\.hbs$/i, '')}.json.hbs`;
}

const rule: Rule = {
  id: 'json-template-name',
  severity: 'warning',
  description: 'A template that renders JSON is named `.json` or `.json.hbs`, so that LaunchDarkly JSON-escapes the event text it prints.',
  fix:
    'LaunchDarkly JSON-escapes the event\'s strings only for templates whose file name ends in `.json` or `.json.hbs`; any other ' +
    'template gets them as they are, so a line break, a backslash or a quote in a comment or a name breaks a JSON body (`{{ }}` ' +
    'turns a quote into `&quot;` but leaves the others). Rename the file to end in `.json.hbs`, and its path in `templates`, then ' +
    'write event text inside JSON strings with three braces: `"{{{comment}}}"`.',
  check({ integration, workspace }) {
    const reports: Report[] = [];
    const judged = new Set<string>();
    for (const rendering of templateRenderings(integration, workspace)) {
      if (!rendering.ciPair || rendering.output === undefined || isJsonTemplate(rendering.file) || judged.has(rendering.file)) continue;
      judged.add(rendering.file);
      const plain = outputJson(integration, workspace, rendering.output);
      // A body that is JSON for the CI's event: an object or a list, not a bare word or number.
      if (!plain.ok || typeof plain.value !== 'object' || plain.value === null) continue;
      // The same event with a quote, a backslash, a line break and more added to every string.
      const { event } = sharedAdversarialEvent(workspace, rendering.sample, []);
      const setup = rendererFor(rendering, integration, workspace)!;
      const options = ciRenderOptions(setup, rendering.templateKind);
      let output: string;
      try {
        output = setup.body(event, options).body;
      } catch (error) {
        if (error instanceof TemplateError) continue;
        throw error;
      }
      const broken = checkJson(output);
      if (broken.ok) continue;
      reports.push({
        file: rendering.file,
        ...setup.bodyOrigin(event, options, output, broken.offset),
        message:
          `templates.${rendering.templateKind} renders JSON, but LaunchDarkly JSON-escapes event text only in templates named ` +
          '`.json` or `.json.hbs`: with a quote, a backslash or a line break in the event\'s text, the body stops being JSON here ' +
          `(${broken.message}). Rename it \`${jsonName(rendering.file)}\` and write event text with \`{{{ }}}\``,
        sample: rendering.sample.ref,
      });
    }
    return reports;
  },
};

export default rule;
