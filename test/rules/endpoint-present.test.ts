import rule from '../../scripts/lib/rules/checks/endpoint-present';
import { checkManifest, clone, validManifest } from '../helpers/fixture-root';

type Json = Record<string, any>;

function withHook(edit: (hook: Json) => void): Json {
  const manifest = clone(validManifest()) as Json;
  edit(manifest.capabilities.auditLogEventsHook);
  return manifest;
}

describe('endpoint-present', () => {
  it('is a warning: the framework\'s schema and CI accept a hook without an endpoint', () => {
    expect(rule.severity).toBe('warning');
    expect(rule.ciRule).toBeUndefined();
  });

  it('reports a hook without an endpoint, at the capability', () => {
    expect(checkManifest(rule, withHook((hook) => delete hook.endpoint))).toEqual([
      {
        message: 'auditLogEventsHook has no endpoint, so LaunchDarkly has nowhere to send the events it delivers: add one (url and method)',
        pointer: '/capabilities/auditLogEventsHook',
      },
    ]);
  });

  it('is silent with an endpoint, with custom delivery, and without the capability', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
    expect(checkManifest(rule, withHook((hook) => ((hook.deliveryMethod = 'custom'), delete hook.endpoint)))).toEqual([]);
    const noHook = clone(validManifest()) as Json;
    delete noHook.capabilities.auditLogEventsHook;
    noHook.capabilities.flagLink = {};
    expect(checkManifest(rule, noHook)).toEqual([]);
  });
});
