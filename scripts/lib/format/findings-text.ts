import { describeSummary, effectiveSeverity, formatPlace, summarize, type IntegrationFindings } from '../findings';
import { paint, type Painter } from './paint';

/**
 * `text` with each control character written as `\u001b`: a manifest's keys and values reach the
 * messages, and the terminal would act on an escape sequence or a line break among them.
 */
function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Findings for people: grouped by integration, `file:line:col  severity  message  rule`, a summary. */
export function formatFindingsText(results: IntegrationFindings[], options: { strict: boolean; color: boolean }): string {
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
  if (fixable > 0) lines.push(`${fixable} of them ${fixable === 1 ? 'has a sure fix: `ld-hook-kit validate --fix` makes it' : 'have a sure fix: `ld-hook-kit validate --fix` makes them'}.`);
  if (summary.errors + summary.warnings > 0) lines.push(p.dim('`ld-hook-kit rules <rule>` explains a rule and how to fix what it reports.'));
  return lines.join('\n') + '\n';
}
