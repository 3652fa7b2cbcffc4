import type { Rule } from '../types';

/** The schema's `minLength` and `maxLength` of `overview`, in characters (code points, as the schema counts). */
export const OVERVIEW_MIN_LENGTH = 10;
export const OVERVIEW_MAX_LENGTH = 100;

const rule: Rule = {
  id: 'overview-period',
  severity: 'error',
  description: '`overview` ends with a period.',
  fix: 'End the one-line `overview` with a full stop ("."), with nothing after it: `ld-hook-kit validate --fix` does it.',
  ciRule: 2,
  check({ integration, manifest }) {
    const overview = manifest.overview as unknown;
    if (typeof overview !== 'string' || overview.endsWith('.')) return [];
    // The framework's test compares the last character, so "Done. " fails just like "Done".
    const message = overview.trimEnd().endsWith('.')
      ? 'overview has whitespace after its final period; it must end with the period itself'
      : 'overview must end with a period';
    const written = integration.document?.written('/overview');
    const fixed = `${overview.trimEnd().replace(/\.$/, '')}.`;
    // An overview the schema would refuse is no sure fix: too long with the period, or too short
    // once the whitespace is cut. The author rewrites it.
    const length = [...fixed].length;
    if (!written || length > OVERVIEW_MAX_LENGTH || length < OVERVIEW_MIN_LENGTH) return [{ message, pointer: '/overview' }];
    // The whole string is what must still be there, so the edit cannot land anywhere else. Without
    // whitespace to cut, the period goes before the closing quote and every escape stays as written.
    const text = overview.trimEnd() === overview ? `${written.text.slice(0, -1)}."` : JSON.stringify(fixed);
    return [{ message, pointer: '/overview', edit: { start: written.start, end: written.end, replaced: written.text, text } }];
  },
};

export default rule;
