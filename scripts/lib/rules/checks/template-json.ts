import { isJsonTemplate } from '../../render/context';
import type { RenderSetup } from '../../render/request';
import type { TemplateEvent } from '../../samples/types';
import { ciRenderOptions, isCiBlank, outputJson, previewCommandFor, rendererFor, sharedRenderSetup, templateRenderings, type TemplateRendering } from '../renderings';
import type { Report, Rule } from '../types';
import { checkJson, excerptAt } from '../../json-syntax';

/** The event with every character that JSON or HTML escaping touches taken out of its strings. */
function defanged(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/["\\<>&'`=\u0000-\u001f]/g, '');
  if (Array.isArray(value)) return value.map(defanged);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, defanged(v)]));
  return value;
}

/**
 * A real event's output that is not JSON, for a reason other than the characters it holds (those
 * are json-template-escaping's): it stays broken with those characters taken out.
 */
function structurallyBroken(setup: RenderSetup, rendering: TemplateRendering): boolean {
  try {
    const event = defanged(rendering.sample.event) as TemplateEvent;
    const output = setup.body(event, ciRenderOptions(setup, rendering.templateKind)).body;
    return !checkJson(output).ok;
  } catch {
    return false;
  }
}

const rule: Rule = {
  id: 'template-json',
  severity: 'error',
  description: 'A JSON template (`.json`, `.json.hbs`) renders valid JSON: for the CI\'s sample event (error) and for every other sample (warning).',
  fix:
    'The finding points at the template place that wrote the character where the JSON breaks; the message gives the output\'s ' +
    'line and column too, and the `ld-hook-kit preview` command that shows that output (with the form values the CI renders with, where preview\'s own would take another branch). Common causes are a comma left before `}` or ' +
    '`]` when an `{{#if}}` or `{{#each}}` ends the list, a missing comma between items, an event value written outside quotes, or a ' +
    'literal line break inside a string (write `\\n`).',
  ciRule: 15,
  check({ integration, workspace }) {
    const reports: Report[] = [];
    const judged = new Set<string>();
    const renderings = templateRenderings(integration, workspace).filter(
      (rendering) => rendering.output !== undefined && isJsonTemplate(rendering.file),
    );
    // CI pairs first: their error makes a warning about the same file redundant.
    for (const rendering of [...renderings.filter((r) => r.ciPair), ...renderings.filter((r) => !r.ciPair)]) {
      if (judged.has(rendering.file)) continue;
      const blank = rendering.output!.trim() === '';
      // A blank body is no JSON, but template-empty-output (another event) or template-empty (the
      // CI's validation or member event) already says so, in those terms.
      if (blank && (!rendering.ciPair || isCiBlank(rendering))) continue;
      const parsed = outputJson(integration, workspace, rendering.output!);
      if (parsed.ok) continue;
      const setup = sharedRenderSetup(integration, workspace)!;
      if (!rendering.ciPair && !structurallyBroken(setup, rendering)) continue;
      judged.add(rendering.file);
      const renderer = rendererFor(rendering, integration, workspace)!;
      const origin = renderer.bodyOrigin(
        rendering.sample.event,
        ciRenderOptions(setup, rendering.templateKind),
        rendering.output!,
        parsed.offset,
      );
      const preview = previewCommandFor(workspace, integration, setup, rendering, renderer !== setup);
      // Only the CI's event gets here blank: no place in the template wrote the body's end.
      const problem = blank
        ? `renders ${rendering.output === '' ? 'an empty body' : 'only whitespace'} for the CI's ${rendering.sample.kind} event, which is not JSON`
        : `renders invalid JSON at output line ${parsed.line}, column ${parsed.column}: ${parsed.message} ` +
          `(near \`${excerptAt(rendering.output!, parsed.line, parsed.column).trim()}\`)`;
      reports.push({
        file: rendering.file,
        ...(blank ? {} : origin),
        message:
          `templates.${rendering.templateKind} ${problem}` +
          // The framework's CI renders only the canonical sample: a failure on another event is a warning.
          (rendering.ciPair ? '' : '; the framework\'s CI sample renders fine, real events like this one do not') +
          (preview ? `; \`${preview}\` shows this output` : ''),
        sample: rendering.sample.ref,
        ...(rendering.ciPair ? {} : { severity: 'warning' as const }),
      });
    }
    return reports;
  },
};

export default rule;
