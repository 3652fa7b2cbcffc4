import type { IntegrationFindings } from '../findings';
import { formatFindingsGithub } from './findings-github';
import { formatFindingsJson } from './findings-json';
import { formatFindingsText, type FindingsTextOptions } from './findings-text';

export const FINDINGS_FORMATS = ['text', 'json', 'github'] as const;
export type FindingsFormat = (typeof FINDINGS_FORMATS)[number];

export function formatFindings(
  format: FindingsFormat,
  results: IntegrationFindings[],
  options: FindingsTextOptions,
): string {
  switch (format) {
    case 'json':
      return formatFindingsJson(results, options);
    case 'github':
      return formatFindingsGithub(results, options);
    default:
      return formatFindingsText(results, options);
  }
}

export { paint, wantsColor } from './paint';
