import rule from '../../scripts/lib/rules/checks/form-variable-key-unique';
import { checkManifest, validManifest } from '../helpers/fixture-root';
import { LOCATIONS, manifestWithVariable, PLAIN_VARIABLE, variable } from '../helpers/form-variables';

describe('form-variable-key-unique', () => {
  it('is a warning: the framework\'s CI accepts a repeated key (a real integration has one)', () => {
    expect(rule.severity).toBe('warning');
    expect(rule.ciRule).toBeUndefined();
  });

  it('is silent on the valid manifest', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
  });

  describe.each(LOCATIONS)('in $label', (location) => {
    it('reports the repeat at its key, naming the first', () => {
      expect(checkManifest(rule, manifestWithVariable(location, variable(PLAIN_VARIABLE.key, 'string')))).toEqual([
        { message: `${location.label}[1] repeats the key "note" of ${location.label}[0]: the two fields would share one value`, pointer: `${location.pointer}/1/key` },
      ]);
    });

    it('accepts different keys', () => {
      expect(checkManifest(rule, manifestWithVariable(location, variable('other', 'string')))).toEqual([]);
    });
  });

  it('reports every repeat after the first, each naming the first', () => {
    const manifest = validManifest({ formVariables: [variable('a', 'string'), variable('a', 'string'), variable('b', 'string'), variable('a', 'string')] });
    expect(checkManifest(rule, manifest).map((report) => report.pointer)).toEqual(['/formVariables/1/key', '/formVariables/3/key']);
    expect(checkManifest(rule, manifest)[1].message).toContain('of formVariables[0]');
  });

  it('lets lists share keys: the approval capability keeps its own settings', () => {
    const manifest = manifestWithVariable(LOCATIONS[1], variable('channel', 'string'));
    expect(checkManifest(rule, manifest)).toEqual([]);
  });

  it('skips items that are not objects or have no string key (the schema reports them)', () => {
    const manifest = validManifest({ formVariables: ['x', { key: 1 }, { key: 1 }, variable('a', 'string')] });
    expect(checkManifest(rule, manifest)).toEqual([]);
  });
});
