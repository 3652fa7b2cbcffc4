import type { RuleDoc } from '../rules/catalog';
import type { Painter } from './paint';

export const RULES_FORMATS = ['text', 'json'] as const;
export type RulesFormat = (typeof RULES_FORMATS)[number];

function ciLabel(doc: RuleDoc): string {
  if (doc.ciRule === undefined) return '';
  return doc.ciRule === 'schema' ? 'CI schema' : `CI rule ${doc.ciRule}`;
}

/** One line a rule: id, severity, the framework CI rule it enforces, what it checks. */
export function formatRuleList(docs: RuleDoc[], p: Painter): string {
  const idWidth = Math.max(...docs.map((doc) => doc.id.length));
  const ciWidth = Math.max(...docs.map((doc) => ciLabel(doc).length));
  const lines = docs.map((doc) => {
    const severity = doc.severity === 'error' ? p.red('error  ') : p.yellow('warning');
    return `${p.bold(doc.id.padEnd(idWidth))}  ${severity}  ${p.dim(ciLabel(doc).padEnd(ciWidth))}  ${doc.description}`;
  });
  lines.push('', p.dim('`ld-hook-kit rules <rule>` tells how to fix what a rule reports.'));
  return lines.join('\n') + '\n';
}

/** Each rule whole: what it checks and how to fix what it reports. */
export function formatRuleDetails(docs: RuleDoc[], p: Painter): string {
  return docs
    .map((doc) => {
      const heading = `${p.bold(doc.id)} (${doc.severity}${doc.ciRule === undefined ? '' : `, ${ciLabel(doc).replace('CI', "the framework's CI")}`})`;
      return [heading, '', doc.description, '', `${p.bold('How to fix:')} ${doc.fix}`].join('\n');
    })
    .join('\n\n\n') + '\n';
}

export function formatRulesJson(docs: RuleDoc[]): string {
  return JSON.stringify({ rules: docs }, null, 2) + '\n';
}
