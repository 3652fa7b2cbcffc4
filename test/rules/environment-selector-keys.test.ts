import rule from '../../scripts/lib/rules/checks/environment-selector-keys';
import { checkManifest, validManifest } from '../helpers/fixture-root';
import { LOCATIONS, manifestWithVariable, variable } from '../helpers/form-variables';

const FORBIDDEN = ['multiselectOptions', 'multiselectDefaultOptions', 'defaultValue', 'dynamicOptions', 'allowedValues', 'isSecret'];

describe('environment-selector-keys', () => {
  it('is an error for CI rule 11', () => {
    expect(rule.severity).toBe('error');
    expect(rule.ciRule).toBe(11);
  });

  it('is silent on the valid manifest', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
  });

  describe.each(LOCATIONS)('in $label', (location) => {
    it('accepts a bare environmentSelector', () => {
      const good = variable('environments', 'environmentSelector', { isOptional: true, dependsOn: [] });
      expect(checkManifest(rule, manifestWithVariable(location, good))).toEqual([]);
    });

    it('reports every forbidden key, each at its key', () => {
      const extra = {
        multiselectOptions: [{ label: 'a', value: 'a' }],
        multiselectDefaultOptions: ['a'],
        defaultValue: 'production',
        dynamicOptions: {},
        allowedValues: ['production'],
        isSecret: false,
      };
      const reports = checkManifest(rule, manifestWithVariable(location, variable('environments', 'environmentSelector', extra)));
      expect(reports).toEqual(
        FORBIDDEN.map((key) => ({
          message: `form variable "environments" (${location.label}[1]) is an environmentSelector, which must not have ${key}`,
          pointer: `${location.pointer}/1`,
          key,
          ...location.topLevelOnly,
        })),
      );
    });
  });

  it('leaves other types alone', () => {
    const manifest = manifestWithVariable(LOCATIONS[0], variable('x', 'multiselect', { multiselectDefaultOptions: ['a'] }));
    expect(checkManifest(rule, manifest)).toEqual([]);
  });
});
