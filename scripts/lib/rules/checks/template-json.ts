import { isJsonTemplate } from '../../render/context';
import { templateRenderings } from '../renderings';
import type { Report, Rule } from '../types';
import { checkJson, excerptAt } from '../template-safety/json-syntax';

const rule: Rule = {
  id: 'template-json',
  severity: 'error',
  description: 'A JSON template (`.json`, `.json.hbs`) renders valid JSON for the CI\'s sample event of its kind.',
  fix:
    'Render the template (`ld-hook-kit preview`) and look at the output position given: common causes are a comma left before `}` or ' +
    '`]` when an `{{#if}}` or `{{#each}}` ends the list, a missing comma between items, an event value written outside quotes, or a ' +
    'literal line break inside a string (write `\\n`).',
  ciRule: 15,
  check({ integration, workspace }) {
    const reports: Report[] = [];
    const seen = new Set<string>();
    for (const rendering of templateRenderings(integration, workspace)) {
      if (!rendering.ciPair || rendering.output === undefined || !isJsonTemplate(rendering.file)) continue;
      const key = `${rendering.file}\u0000${rendering.sample.ref}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const parsed = checkJson(rendering.output);
      if (parsed.ok) continue;
      reports.push({
        file: rendering.file,
        message:
          `templates.${rendering.templateKind} renders invalid JSON at output line ${parsed.line}, column ${parsed.column}: ${parsed.message} ` +
          `(near \`${excerptAt(rendering.output, parsed.line, parsed.column).trim()}\`)`,
        sample: rendering.sample.ref,
      });
    }
    return reports;
  },
};

export default rule;
