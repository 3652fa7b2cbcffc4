import { effectiveSeverity, formatPlace, summarize, type IntegrationFindings } from '../findings';
import { paint, type Painter } from './paint';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Findings for people: grouped by integration, `file:line:col  severity  message  rule`, a summary. */
export function formatFindingsText(results: IntegrationFindings[], options: { strict: boolean; color: boolean }): string {
  const p: Painter = paint(options.color);
  const lines: string[] = [];
  for (const result of results) {
    if (result.findings.length === 0) continue;
    lines.push(p.bold(result.name));
    for (const finding of result.findings) {
      const severity = effectiveSeverity(finding, options.strict);
      const where = formatPlace(finding.file, finding.line, finding.column);
      const label = severity === 'error' ? p.red('error  ') : p.yellow('warning');
      const sample = finding.sample ? p.dim(` (sample ${finding.sample})`) : '';
      lines.push(`  ${p.dim(where)}  ${label}  ${finding.message}${sample}  ${p.dim(finding.rule)}`);
    }
    lines.push('');
  }
  const summary = summarize(results, options.strict);
  const counts = `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')} in ${plural(summary.integrations, 'integration')}`;
  const mark = summary.errors > 0 ? p.red('✖') : summary.warnings > 0 ? p.yellow('!') : p.green('✔');
  lines.push(`${mark} ${counts}`);
  if (summary.errors + summary.warnings > 0) lines.push(p.dim('`ld-hook-kit rules <rule>` explains a rule and how to fix what it reports.'));
  return lines.join('\n') + '\n';
}
