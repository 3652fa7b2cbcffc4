import { KNOWN_HELPERS } from '../../render/helpers';
import { closest } from '../../suggest';

/**
 * Names people reach for from other Handlebars setups (handlebars-helpers, Ember, Ghost...) and
 * the LaunchDarkly helper, or Handlebars built-in, that does the job.
 */
const LOOKALIKES: Record<string, string[]> = {
  eq: ['equal', 'equalWithElse'],
  is: ['equal', 'equalWithElse'],
  ifeq: ['equal', 'equalWithElse'],
  ifequal: ['equal', 'equalWithElse'],
  ifequals: ['equal', 'equalWithElse'],
  ifcond: ['equal', 'equalWithElse'],
  compare: ['equal', 'equalWithElse'],
  ne: ['equalWithElse'],
  noteq: ['equalWithElse'],
  urlencode: ['queryEncode', 'pathEncode'],
  encodeuri: ['pathEncode'],
  encodeuricomponent: ['queryEncode'],
  encode: ['queryEncode', 'pathEncode'],
  escape: ['queryEncode'],
  base64: ['basicAuthHeaderValue'],
  basicauth: ['basicAuthHeaderValue'],
  date: ['formatWithOffset'],
  dateformat: ['formatWithOffset'],
  formatdate: ['formatWithOffset'],
  moment: ['formatWithOffset'],
  timestamp: ['formatWithOffset'],
  else: ['if', 'unless'],
  each_with_index: ['each'],
  foreach: ['each'],
  get: ['lookup'],
};

/** Known helpers that look like `name`: a typo, a different case, or a common name for the same job. */
export function closeHelpers(name: string, limit = 3): string[] {
  const lower = name.toLowerCase().replace(/[-_]/g, '');
  const suggestions = new Set<string>(LOOKALIKES[name.toLowerCase()] ?? LOOKALIKES[lower] ?? []);
  const typos = closest(lower, KNOWN_HELPERS, {
    limit,
    tolerance: (helper) => Math.max(1, Math.floor(helper.length / 4)),
    alsoClose: (helper, word) => word.length >= 3 && (helper.startsWith(word) || word.startsWith(helper)),
  });
  for (const helper of typos) suggestions.add(helper);
  return [...suggestions].slice(0, limit);
}
