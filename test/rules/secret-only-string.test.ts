import rule from '../../scripts/lib/rules/checks/secret-only-string';
import { checkManifest, validManifest } from '../helpers/fixture-root';
import { LOCATIONS, manifestWithVariable, variable } from '../helpers/form-variables';

describe('secret-only-string', () => {
  it('is an error for CI rule 12', () => {
    expect(rule.severity).toBe('error');
    expect(rule.ciRule).toBe(12);
  });

  it('is silent on the valid manifest (a secret string)', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
  });

  describe.each(LOCATIONS)('in $label', (location) => {
    it('reports isSecret on a non-string variable, at isSecret', () => {
      for (const type of ['uri', 'boolean', 'enum', 'dynamicEnum', 'oauth', 'generated', 'publicKey']) {
        expect(checkManifest(rule, manifestWithVariable(location, variable('key', type, { isSecret: true })))).toEqual([
          {
            message: `form variable "key" (${location.label}[1]) is of type "${type}", but only string variables may be isSecret: true`,
            pointer: `${location.pointer}/1/isSecret`,
            ...location.topLevelOnly,
          },
        ]);
      }
    });

    it('accepts isSecret: false on any type', () => {
      expect(checkManifest(rule, manifestWithVariable(location, variable('url', 'uri', { isSecret: false })))).toEqual([]);
    });
  });

  it('leaves multiselect and environmentSelector to their own rules, and a missing type to the schema', () => {
    for (const type of ['multiselect', 'environmentSelector', undefined]) {
      expect(checkManifest(rule, manifestWithVariable(LOCATIONS[0], variable('x', type as string, { isSecret: true })))).toEqual([]);
    }
  });
});
