import type { Rule } from '../types';

/**
 * The framework ships three ServiceNow integrations that are variants of one product and share
 * one OAuth client on purpose; its CI lists them by name, so a name that merely starts like
 * theirs (`servicenow-copy`) shares nothing. A key shared only among them is fine.
 */
const SHARED_KEY_FAMILY: ReadonlySet<string> = new Set(['servicenow', 'servicenow-app', 'servicenow-normal']);

const rule: Rule = {
  id: 'oauth-key-unique',
  severity: 'warning',
  description: 'No other integration of the root uses the same `oauthIntegrationKey` (the framework\'s three ServiceNow variants may share one).',
  fix:
    'Give each integration its own `oauthIntegrationKey` (its own OAuth client); only variants of one product may share a key, ' +
    'and upstream that needs the framework maintainers to list them as such.',
  ciRule: 6,
  scope: 'repository',
  check({ integration, manifest, workspace }) {
    const key = manifest.oauthIntegrationKey as unknown;
    if (typeof key !== 'string') return [];
    const users = new Set([integration.name]);
    for (const other of workspace.integrations()) {
      if (other.name !== integration.name && other.manifest?.oauthIntegrationKey === key) users.add(other.name);
    }
    if (users.size < 2) return [];
    const names = [...users].sort();
    if (names.every((name) => SHARED_KEY_FAMILY.has(name))) return [];
    return [
      {
        message: `oauthIntegrationKey "${key}" is used by ${names.length} integrations: ${names.join(', ')}; each integration needs its own`,
        pointer: '/oauthIntegrationKey',
      },
    ];
  },
};

export default rule;
