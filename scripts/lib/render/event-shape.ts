import { valuesAt, WILDCARD, type Pattern } from './event-paths';

/**
 * The documented shape of a change-history event, every kind merged into one object: each path a
 * template may reference holds a value of its type (strings `''`, numbers `0`, arrays one item
 * of their item type). The checks read types from the sample events first; this covers what no
 * sample happens to show, such as the items of arrays that every sample leaves empty, so a
 * finding does not depend on how rich the samples are.
 */

const link = { href: '', type: '' };
const text = { plainText: '', markdown: '', html: '' };
const customProperty = { name: '', values: [''] };

export const DOCUMENTED_EVENT: Readonly<Record<string, unknown>> = Object.freeze({
  _links: { canonical: link, parent: link, self: link, site: link, details: link },
  baseURL: '',
  _id: '',
  _accountId: '',
  timestamp: { milliseconds: 0, seconds: 0, rfc3339: '', simple: '' },
  kind: '',
  name: '',
  key: '',
  details: text,
  title: text,
  comment: '',
  titleVerb: '',
  verbKind: '',
  project: { name: '', key: '', tags: [''], environment: { name: '', key: '', tags: [''] } },
  tags: [''],
  member: {
    _links: { parent: link, self: link },
    _id: '',
    email: '',
    emailLocalPart: '',
    firstName: '',
    lastName: '',
    displayName: '',
  },
  target: { _links: { canonical: link, site: link }, name: '', _id: '' },
  customProperties: {
    dynatrace: customProperty,
    datadog: customProperty,
    jira: customProperty,
    pagerDutyIntegrationKey: customProperty,
  },
});

/**
 * Documented values at a pattern. Custom property keys are the account's own, so any key under
 * `customProperties` reads as the documented ones do.
 */
export function documentedValues(pattern: Pattern): unknown[] {
  const found = valuesAt(DOCUMENTED_EVENT, pattern);
  if (found.length > 0 || pattern[0] !== 'customProperties' || pattern.length < 2) return found;
  return valuesAt(DOCUMENTED_EVENT, ['customProperties', WILDCARD, ...pattern.slice(2)]);
}
