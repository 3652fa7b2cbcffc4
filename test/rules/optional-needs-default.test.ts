import rule from '../../scripts/lib/rules/checks/optional-needs-default';
import { checkManifest, validManifest } from '../helpers/fixture-root';
import { LOCATIONS, manifestWithVariable, variable } from '../helpers/form-variables';

describe('optional-needs-default', () => {
  it('is an error for CI rule 9', () => {
    expect(rule.severity).toBe('error');
    expect(rule.ciRule).toBe(9);
  });

  it('is silent on the valid manifest', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
  });

  describe.each(LOCATIONS)('in $label', (location) => {
    it('reports an optional variable without a default, at the isOptional key', () => {
      const manifest = manifestWithVariable(location, variable('team', 'string', { isOptional: true }));
      expect(checkManifest(rule, manifest)).toEqual([
        { message: `form variable "team" (${location.label}[1]) is optional but has no defaultValue: give it one of its type ("" will do for text) or remove isOptional`, pointer: `${location.pointer}/1`, key: 'isOptional', ...location.topLevelOnly },
      ]);
    });

    it('accepts an empty string or false as the default', () => {
      expect(checkManifest(rule, manifestWithVariable(location, variable('a', 'string', { isOptional: true, defaultValue: '' })))).toEqual([]);
      expect(checkManifest(rule, manifestWithVariable(location, variable('b', 'boolean', { isOptional: true, defaultValue: false })))).toEqual([]);
    });
  });

  it('exempts multiselect and environmentSelector', () => {
    for (const type of ['multiselect', 'environmentSelector']) {
      expect(checkManifest(rule, manifestWithVariable(LOCATIONS[1], variable('x', type, { isOptional: true })))).toEqual([]);
    }
  });

  it('reports other types, booleans included', () => {
    const manifest = manifestWithVariable(LOCATIONS[0], variable('loud', 'boolean', { isOptional: true }));
    expect(checkManifest(rule, manifest)).toHaveLength(1);
  });

  it('ignores isOptional values other than true', () => {
    for (const isOptional of [false, 'true', 1]) {
      expect(checkManifest(rule, manifestWithVariable(LOCATIONS[0], variable('x', 'string', { isOptional })))).toEqual([]);
    }
  });
});
