import type { Rule } from '../types';

const rule: Rule = {
  id: 'overview-period',
  severity: 'error',
  description: '`overview` ends with a period.',
  fix: 'End the one-line `overview` with a full stop ("."), with nothing after it.',
  ciRule: 2,
  check({ manifest }) {
    const overview = manifest.overview as unknown;
    if (typeof overview !== 'string' || overview.endsWith('.')) return [];
    // The framework's test compares the last character, so "Done. " fails just like "Done".
    const message = overview.trimEnd().endsWith('.')
      ? 'overview has whitespace after its final period; it must end with the period itself'
      : 'overview must end with a period';
    return [{ message, pointer: '/overview' }];
  },
};

export default rule;
