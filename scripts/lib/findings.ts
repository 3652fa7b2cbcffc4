import * as path from 'node:path';
import type { Integration } from './integration/load';
import { relativePath } from './integration/paths';
import { byCodeUnits } from './text-order';
import { plural } from './plural';

export type Severity = 'error' | 'warning';

/**
 * A change to one file's text that fixes a finding: `text` in place of the characters from
 * `start` to `end` (offsets in the text as read), which must still be `replaced` when applied.
 */
export interface TextEdit {
  start: number;
  end: number;
  replaced: string;
  text: string;
}

/** How many byte order marks `text` starts with. */
export function leadingByteOrderMarks(text: string): number {
  return /^\uFEFF*/.exec(text)![0].length;
}

/**
 * The sure fix for a file that starts with `marks` byte order marks: delete them all. An editor
 * that adds one on saving may add it before one already there, and deleting only the first
 * would leave a file that starts with a mark, for another run of --fix.
 */
export function removeByteOrderMarks(marks: number): TextEdit {
  return { start: 0, end: marks, replaced: '\uFEFF'.repeat(marks), text: '' };
}

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
  /** How `validate --fix` fixes it, in `file`, when the rule knows a sure fix. */
  edit?: TextEdit;
}

/** What a rule (or the schema) says about one problem, relative to the integration's folder. */
export interface Report {
  message: string;
  /** JSON pointer into the manifest of the offending value. */
  pointer?: string;
  /** With `pointer`: point at this key of the object at `pointer` rather than at a value. */
  key?: string;
  /**
   * With `pointer` to a string that is a template (the endpoint url, a header value): the place in
   * the string's text, 1-based, as the template's own findings count; the finding points there.
   */
  within?: { line: number; column: number };
  /** A file other than the manifest, relative to the integration folder (a template, an icon). */
  file?: string;
  line?: number;
  column?: number;
  /** Sample ref of the event that triggered the problem. */
  sample?: string;
  /** Overrides the rule's severity for this one report. */
  severity?: Severity;
  /** A sure fix, in the report's file (the manifest without `file`). */
  edit?: TextEdit;
}

/**
 * The Finding for a report about `integration`: the rule id and severity, the file relative to the
 * root, and the report's JSON pointer turned into the line and column of the manifest text.
 */
export function placeReport(integration: Integration, rule: { id: string; severity: Severity }, report: Report): Finding {
  const finding: Finding = {
    rule: rule.id,
    severity: report.severity ?? rule.severity,
    file: report.file ? relativePath(integration.root, path.resolve(integration.dir, report.file)) : integration.manifestFile,
    message: report.message,
  };
  let line = report.line;
  let column = report.column;
  if (line === undefined && report.pointer !== undefined && !report.file && integration.document) {
    const document = integration.document;
    const position =
      report.key !== undefined
        ? document.locateKey(report.pointer, report.key)
        : ((report.within && document.locateInString(report.pointer, report.within)) ?? document.locate(report.pointer));
    line = position?.line;
    column = position?.column;
  }
  if (line !== undefined) finding.line = line;
  if (column !== undefined) finding.column = column;
  if (report.sample) finding.sample = report.sample;
  if (report.edit) finding.edit = report.edit;
  return finding;
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

/** `1 error, 2 warnings in 3 integrations`: the last line of every output for people. */
export function describeSummary(summary: Summary): string {
  return `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')} in ${plural(summary.integrations, 'integration')}`;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    byCodeUnits(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    byCodeUnits(a.rule, b.rule)
  );
}
