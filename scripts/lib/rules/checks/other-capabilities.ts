import type { Rule } from '../types';

const rule: Rule = {
  id: 'other-capabilities',
  severity: 'error',
  description: 'A manifest without `capabilities` lists at least one `otherCapabilities` entry.',
  fix:
    'An integration must do something LaunchDarkly can tell: add a capability under `capabilities` (such as `auditLogEventsHook`), ' +
    'or list what it offers outside the framework in `otherCapabilities` (such as `["external"]`).',
  ciRule: 14,
  check({ manifest }) {
    // Like the framework's CI, only a missing `capabilities` counts; a present but malformed one is the schema's finding.
    if (manifest.capabilities !== undefined && manifest.capabilities !== null) return [];
    const other = manifest.otherCapabilities as unknown;
    if (Array.isArray(other) && other.length > 0) return [];
    if (Array.isArray(other)) {
      return [{ message: 'the manifest has no capabilities and otherCapabilities is empty: list at least one', pointer: '/otherCapabilities' }];
    }
    // A malformed otherCapabilities (not an array) is the schema's finding, not a missing one.
    if (other !== undefined && other !== null) return [];
    const message = 'the manifest has neither capabilities nor otherCapabilities: it must declare at least one of them';
    // `"capabilities": null` is worth pointing at; a missing key leaves only the manifest itself.
    return [manifest.capabilities === null ? { message, pointer: '', key: 'capabilities' } : { message, pointer: '' }];
  },
};

export default rule;
