import { describeSummary, effectiveSeverity, formatPlace, summarize, type IntegrationFindings } from '../findings';
import { paint, type Painter } from './paint';
// A manifest's keys and values reach the messages.
import { visible } from './visible';

export interface FindingsTextOptions {
  strict: boolean;
  color: boolean;
  /** `--fix` ran: a sure fix still reported is one it did not make, and stderr said why. */
  fixRan?: boolean;
  /** The command that makes the sure fixes of what was checked, and of nothing else (default: `ld-hook-kit validate --fix`). */
  fixCommand?: string;
}

/** Findings for people: grouped by integration, `file:line:col  severity  message  rule`, a summary. */
export function formatFindingsText(results: IntegrationFindings[], options: FindingsTextOptions): string {
  const p: Painter = paint(options.color);
  const lines: string[] = [];
  for (const result of results) {
    if (result.findings.length === 0) continue;
    lines.push(p.bold(visible(result.name)));
    for (const finding of result.findings) {
      const severity = effectiveSeverity(finding, options.strict);
      const where = visible(formatPlace(finding.file, finding.line, finding.column));
      const label = severity === 'error' ? p.red('error  ') : p.yellow('warning');
      const sample = finding.sample ? p.dim(` (sample ${visible(finding.sample)})`) : '';
      lines.push(`  ${p.dim(where)}  ${label}  ${visible(finding.message)}${sample}  ${p.dim(finding.rule)}`);
    }
    lines.push('');
  }
  const summary = summarize(results, options.strict);
  const mark = summary.errors > 0 ? p.red('✖') : summary.warnings > 0 ? p.yellow('!') : p.green('✔');
  lines.push(`${mark} ${describeSummary(summary)}`);
  const fixable = results.reduce((count, result) => count + result.findings.filter((finding) => finding.edit).length, 0);
  if (fixable > 0 && options.fixRan) lines.push(`${fixable} of them ${fixable === 1 ? 'has' : 'have'} a sure fix that --fix did not make: what it said on stderr tells why.`);
  else if (fixable > 0) {
    const command = visible(options.fixCommand ?? 'ld-hook-kit validate --fix');
    lines.push(`${fixable} of them ${fixable === 1 ? 'has' : 'have'} a sure fix: \`${command}\` makes ${fixable === 1 ? 'it' : 'them'}.`);
  }
  if (summary.errors + summary.warnings > 0) lines.push(p.dim('`ld-hook-kit rules <rule>` explains a rule and how to fix what it reports.'));
  return lines.join('\n') + '\n';
}
