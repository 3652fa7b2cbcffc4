import { auditLogEventsHookOf } from '../../integration/manifest';
import type { Rule } from '../types';

// The framework's schema leaves the endpoint out of the required keys for the hooks LaunchDarkly
// delivers by code of its own (`deliveryMethod: custom`); the CI accepts any hook without one.
const rule: Rule = {
  id: 'endpoint-present',
  severity: 'warning',
  description: 'An `auditLogEventsHook` has an `endpoint`, unless its `deliveryMethod` is `custom`.',
  fix:
    'LaunchDarkly sends each event it delivers to the endpoint\'s url: without one it has nowhere to send them, and `ld-hook-kit ' +
    'preview` and `send` have no request to show. Add `"endpoint": {"url": "...", "method": "POST"}` to the capability. Only ' +
    'integrations LaunchDarkly delivers by code of its own set `"deliveryMethod": "custom"` instead.',
  check({ manifest }) {
    const hook = auditLogEventsHookOf(manifest);
    if (!hook || hook.endpoint !== undefined || hook.deliveryMethod === 'custom') return [];
    return [
      {
        message: 'auditLogEventsHook has no endpoint, so LaunchDarkly has nowhere to send the events it delivers: add one (url and method)',
        pointer: '/capabilities/auditLogEventsHook',
      },
    ];
  },
};

export default rule;
