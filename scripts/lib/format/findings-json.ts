import { effectiveSeverity, summarize, type IntegrationFindings } from '../findings';

/** One JSON document for machines; with `strict`, warnings are reported as errors. */
export function formatFindingsJson(results: IntegrationFindings[], options: { strict: boolean }): string {
  const integrations = results.map((result) => ({
    name: result.name,
    findings: result.findings.map((finding) => ({ ...finding, severity: effectiveSeverity(finding, options.strict) })),
  }));
  return JSON.stringify({ integrations, summary: summarize(results, options.strict) }, null, 2) + '\n';
}
