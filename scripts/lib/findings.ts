export type Severity = 'error' | 'warning';

/** One problem found in an integration. Data only: formatters decide how it looks. */
export interface Finding {
  rule: string;
  severity: Severity;
  /** Path relative to the root the tool was pointed at, with forward slashes. */
  file: string;
  line?: number;
  column?: number;
  message: string;
  /** The sample event that triggered the finding, as a sample ref (`flag/update-rules`). */
  sample?: string;
}

/** `file:line:column`, leaving out what is not known, the way compilers print a place. */
export function formatPlace(file: string, line?: number, column?: number): string {
  return [file, line, column].filter((part) => part !== undefined).join(':');
}

export interface IntegrationFindings {
  name: string;
  findings: Finding[];
}

export interface Summary {
  integrations: number;
  errors: number;
  warnings: number;
}

/** With `strict`, warnings count as errors: the exit code and the summary agree. */
export function effectiveSeverity(finding: Finding, strict: boolean): Severity {
  return strict ? 'error' : finding.severity;
}

export function summarize(results: IntegrationFindings[], strict = false): Summary {
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    for (const finding of result.findings) {
      if (effectiveSeverity(finding, strict) === 'error') errors++;
      else warnings++;
    }
  }
  return { integrations: results.length, errors, warnings };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    a.rule.localeCompare(b.rule)
  );
}
