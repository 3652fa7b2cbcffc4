import { describeSummary, effectiveSeverity, summarize, type IntegrationFindings } from '../findings';
import { visibleButBreaks } from './visible';

// Workflow commands end at a newline and split properties at `,` and `:`, so those are encoded;
// other control characters (an escape sequence in a folder name) the log would act on are escaped.
function escapeData(text: string): string {
  return visibleButBreaks(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions annotations: `::error file=…,line=…,col=…,title=…::message`. */
export function formatFindingsGithub(results: IntegrationFindings[], options: { strict: boolean }): string {
  const lines: string[] = [];
  for (const result of results) {
    for (const finding of result.findings) {
      // The annotation commands are named as the severities are: ::error and ::warning.
      const level = effectiveSeverity(finding, options.strict);
      const properties = [`file=${escapeProperty(finding.file)}`];
      if (finding.line !== undefined) properties.push(`line=${finding.line}`);
      if (finding.column !== undefined) properties.push(`col=${finding.column}`);
      properties.push(`title=${escapeProperty(finding.rule)}`);
      const sample = finding.sample ? ` (sample ${finding.sample})` : '';
      lines.push(`::${level} ${properties.join(',')}::${escapeData(finding.message + sample)}`);
    }
  }
  const summary = summarize(results, options.strict);
  lines.push(describeSummary(summary));
  return lines.join('\n') + '\n';
}
