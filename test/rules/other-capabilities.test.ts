import rule from '../../scripts/lib/rules/checks/other-capabilities';
import { checkManifest, validManifest } from '../helpers/fixture-root';

describe('other-capabilities', () => {
  it('is an error for CI rule 14', () => {
    expect(rule.severity).toBe('error');
    expect(rule.ciRule).toBe(14);
  });

  it('is silent with capabilities', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
  });

  it('is silent without capabilities when otherCapabilities lists one', () => {
    expect(checkManifest(rule, validManifest({ capabilities: undefined, otherCapabilities: ['external'] }))).toEqual([]);
  });

  it('reports a manifest with neither, at the manifest itself', () => {
    expect(checkManifest(rule, validManifest({ capabilities: undefined }))).toEqual([
      { message: 'the manifest has neither capabilities nor otherCapabilities: it must declare at least one of them', pointer: '' },
    ]);
  });

  it('points at a null capabilities key', () => {
    expect(checkManifest(rule, validManifest({ capabilities: null }))).toEqual([
      { message: expect.stringContaining('neither capabilities nor otherCapabilities'), pointer: '', key: 'capabilities' },
    ]);
  });

  it('reports an empty otherCapabilities at that list', () => {
    expect(checkManifest(rule, validManifest({ capabilities: undefined, otherCapabilities: [] }))).toEqual([
      { message: 'the manifest has no capabilities and otherCapabilities is empty: list at least one', pointer: '/otherCapabilities' },
    ]);
  });

  it('leaves malformed values to the schema', () => {
    expect(checkManifest(rule, validManifest({ capabilities: undefined, otherCapabilities: 'external' }))).toEqual([]);
    expect(checkManifest(rule, validManifest({ capabilities: 'auditLogEventsHook' }))).toEqual([]);
  });
});
