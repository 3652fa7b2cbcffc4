import type { Rule } from '../types';

/** The schema's `maxLength` of `overview`, in characters (code points, as the schema counts). */
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
    // A period that makes the overview too long for the schema is no sure fix: the author shortens it.
    if (!written || [...fixed].length > OVERVIEW_MAX_LENGTH) return [{ message, pointer: '/overview' }];
    // The whole string is what must still be there, so the edit cannot land anywhere else. Without
    // whitespace to cut, the period goes before the closing quote and every escape stays as written.
    const text = overview.trimEnd() === overview ? `${written.text.slice(0, -1)}."` : JSON.stringify(fixed);
    return [{ message, pointer: '/overview', edit: { start: written.start, end: written.end, replaced: written.text, text } }];
  },
};

export default rule;
