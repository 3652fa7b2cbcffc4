import { isCiBlank, templateRenderings } from '../renderings';
import { calledName } from '../../render/template-ast';
import { templateSources } from '../template-safety/template-sources';
import type { Report, Rule } from '../types';

/**
 * The block statement that holds the whole of a template's body, when one does
 * (`{{#equal verbKind "createFlag"}}…{{/equal}}` and blank lines around it): a body empty
 * for some events was left out by it.
 */
function enclosingBlock(ast: hbs.AST.Program | undefined): hbs.AST.BlockStatement | undefined {
  const statements = (ast?.body ?? []).filter(
    (statement) => statement.type !== 'CommentStatement' && !(statement.type === 'ContentStatement' && (statement as hbs.AST.ContentStatement).value.trim() === ''),
  );
  return statements.length === 1 && statements[0].type === 'BlockStatement' ? (statements[0] as hbs.AST.BlockStatement) : undefined;
}

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
    const sources = byFile.size > 0 ? templateSources(integration, workspace) : [];
    for (const [file, refs] of byFile) {
      const more = refs.length > 1 ? ` (and ${refs.length - 1} more: ${refs.slice(1, 4).join(', ')}${refs.length > 4 ? ', ...' : ''})` : '';
      const block = enclosingBlock(sources.find((source) => source.file === file)?.ast);
      const name = block && calledName(block);
      const where = block ? `; the whole body is inside this ${name ? `\`{{#${name}}}\` ` : ''}block` : '';
      reports.push({
        file,
        ...(block ? { line: block.loc.start.line, column: block.loc.start.column + 1 } : {}),
        message: `renders only whitespace for sample ${refs[0]}${more}: such events would reach the endpoint with an empty body${where}`,
        sample: refs[0],
      });
    }
    return reports;
  },
};

export default rule;
