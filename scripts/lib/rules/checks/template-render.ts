import { isJsonTemplate } from '../../render/context';
import { TemplateError, UnknownHelperError } from '../../render/template';
import { ciFormValues, sharedRenderSetup, templateRenderings, type TemplateRendering } from '../renderings';
import type { Report, Rule } from '../types';
import { clarifyRenderError, findAbsence } from '../../render/absent';
import { MAX_PATH_PARTS, MAX_TEMPLATE_DEPTH } from '../../render/template-ast';
import { describeReadFailure } from '../../render/template-read';
import { leadingByteOrderMarks, removeByteOrderMarks } from '../../findings';
import { MAX_SOURCE_BYTES } from '../../text-file';
import { analysisOf, templateSources } from '../template-safety/template-sources';

function place(error: TemplateError): Pick<Report, 'line' | 'column'> {
  const position: Pick<Report, 'line' | 'column'> = {};
  if (error.line !== undefined) position.line = error.line;
  if (error.column !== undefined) position.column = error.column;
  return position;
}

const rule: Rule = {
  id: 'template-render',
  severity: 'error',
  description: 'Every template the manifest names exists, parses and renders the CI\'s sample event of its kind, and the other sample events it serves (a warning).',
  fix:
    'Create the file at the path the manifest gives (relative to the integration folder) or correct the path; fix the Handlebars ' +
    'syntax at the position shown; and make the template render the canonical sample of its kind in strict mode, where a missing ' +
    'property is an error: reference only documented event paths, and wrap optional ones in `{{#if ...}}`. A failure on another sample ' +
    'event is a warning: the CI does not render those, but LaunchDarkly renders every event the policy delivers, and sends nothing for one that fails ' +
    '(unknown-helper reports unknown helpers, template-missing-field fields some events lack). Save templates as UTF-8 ' +
    'without a byte order mark: LaunchDarkly sends the mark as the first bytes of the body (a warning, except before JSON, which it breaks); ' +
    '`ld-hook-kit validate --fix` deletes it. ' +
    `The kit reads templates of up to ${MAX_SOURCE_BYTES / 1024} KB, where real ones hold a few KB: compiling a much larger one could take gigabytes of memory. ` +
    `Blocks and subexpressions may nest ${MAX_TEMPLATE_DEPTH} levels deep, where real ones nest a few: parsing deeper can take minutes. ` +
    `A path may have ${MAX_PATH_PARTS} parts (\`a.b.c\` has 3), where events nest a dozen: Handlebars cannot compile one of some thousand.`,
  ciRule: 15,
  check({ integration, workspace }) {
    const sources = templateSources(integration, workspace);
    // Sources come only from an auditLogEventsHook, which is what a setup needs.
    const setup = sources.length > 0 ? sharedRenderSetup(integration, workspace) : undefined;
    if (!setup) return [];
    const reports: Report[] = [];
    const compiled = new Set<string>();
    for (const entry of sources) {
      const kinds = entry.kinds.map((kind) => `templates.${kind}`).join(', ');
      if (entry.decoding) {
        // The framework's CI reads the file as it is: only a BOM before JSON breaks what it parses.
        const { problem, reason, line, column } = entry.decoding;
        reports.push({
          file: entry.file,
          line,
          column,
          message: `${kinds}: the template ${reason}`,
          ...(problem === 'bom' && isJsonTemplate(entry.file) ? {} : { severity: 'warning' as const }),
          // The text read starts after the first mark.
          ...(problem === 'bom' ? { edit: removeByteOrderMarks(1 + leadingByteOrderMarks(entry.source!)) } : {}),
        });
      }
      switch (entry.status) {
        case 'refused':
          // path-confinement reports it; reading the file would also mean leaving the folder.
          continue;
        case 'missing':
        case 'folder':
        case 'folder-path':
        case 'detour':
        case 'unreadable':
          reports.push({ pointer: entry.pointer, message: describeReadFailure(kinds, integration.dir, entry.file, entry.status, entry.reason) });
          continue;
        default:
          break;
      }
      try {
        // The run's shared setup: the renderings reuse this compiled template.
        setup.template(entry.file);
        compiled.add(entry.file);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        // unknown-helper reports every such call, with the helper meant, where the renderer stops at the first.
        if (error instanceof UnknownHelperError) continue;
        reports.push({ file: entry.file, ...place(error), message: `${kinds}: ${error.message}` });
      }
    }
    const analysisFor = (file: string) => {
      const entry = sources.find((candidate) => candidate.file === file);
      return entry ? analysisOf(entry) : undefined;
    };
    const seen = new Set<string>();
    const formValues = ciFormValues(setup);
    const failures = templateRenderings(integration, workspace).filter((rendering) => rendering.error && compiled.has(rendering.file));
    for (const rendering of failures) {
      if (!rendering.ciPair) continue;
      const error = rendering.error!;
      const key = `${rendering.file}:${error.line}:${error.column}:${error.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const clarified = clarifyRenderError(error, analysisFor(rendering.file), rendering.sample.event, formValues);
      reports.push({
        file: rendering.file,
        ...place(clarified),
        message: `templates.${rendering.templateKind} fails to render the CI's ${rendering.sample.kind} event (${rendering.sample.ref}): ${clarified.message}`,
        sample: rendering.sample.ref,
      });
    }
    // Other samples: the CI never renders them, LaunchDarkly does. A field they lack is
    // template-missing-field's warning; anything else (a data variable no block sets, a loop
    // past its budget) is this one's, once per failure with the samples it happens on.
    const otherFailures = new Map<string, { rendering: TemplateRendering; clarified: TemplateError; refs: string[] }>();
    for (const rendering of failures) {
      const error = rendering.error!;
      if (rendering.ciPair || findAbsence(error, analysisFor(rendering.file), rendering.sample.event, formValues)) continue;
      const key = `${rendering.file}:${error.line}:${error.column}:${error.message}`;
      if (seen.has(key)) continue;
      const known = otherFailures.get(key);
      if (known) known.refs.push(rendering.sample.ref);
      else otherFailures.set(key, { rendering, clarified: clarifyRenderError(error, analysisFor(rendering.file), rendering.sample.event, formValues), refs: [rendering.sample.ref] });
    }
    for (const { rendering, clarified, refs } of otherFailures.values()) {
      // Named in the message, which JSON output gives apart from the finding's own sample, the first.
      const events = refs.length > 1 ? `${refs.length} sample events (${refs.slice(0, 4).join(', ')}${refs.length > 4 ? ', ...' : ''})` : `sample event ${refs[0]}`;
      reports.push({
        file: rendering.file,
        ...place(clarified),
        message: `templates.${rendering.templateKind} fails to render ${events} (the CI renders none of them): ${clarified.message}`,
        severity: 'warning',
        sample: rendering.sample.ref,
      });
    }
    return reports;
  },
};

export default rule;
