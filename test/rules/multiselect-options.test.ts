import rule from '../../scripts/lib/rules/checks/multiselect-options';
import { checkManifest, validManifest } from '../helpers/fixture-root';
import { LOCATIONS, manifestWithVariable, variable } from '../helpers/form-variables';

const OPTIONS = [
  { label: 'Flags', value: 'flag' },
  { label: 'Segments', value: 'segment' },
];

describe('multiselect-options', () => {
  it('is an error for CI rule 10', () => {
    expect(rule.severity).toBe('error');
    expect(rule.ciRule).toBe(10);
  });

  it('is silent on the valid manifest', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
  });

  describe.each(LOCATIONS)('in $label', (location) => {
    it('accepts a multiselect with options and preselected values among them', () => {
      const good = variable('kinds', 'multiselect', { multiselectOptions: OPTIONS, multiselectDefaultOptions: ['flag'], isOptional: true });
      expect(checkManifest(rule, manifestWithVariable(location, good))).toEqual([]);
    });

    it('reports a multiselect without options, at its type', () => {
      const message = `form variable "kinds" (${location.label}[1]) is a multiselect but has no multiselectOptions to choose from`;
      for (const extra of [{}, { multiselectOptions: [] }]) {
        expect(checkManifest(rule, manifestWithVariable(location, variable('kinds', 'multiselect', extra)))).toEqual([
          { message, pointer: `${location.pointer}/1`, key: 'type', ...location.topLevelOnly },
        ]);
      }
    });

    it('reports each forbidden key at that key', () => {
      const bad = variable('kinds', 'multiselect', {
        multiselectOptions: OPTIONS,
        defaultValue: 'flag',
        dynamicOptions: {},
        allowedValues: ['flag'],
        isSecret: false,
      });
      expect(checkManifest(rule, manifestWithVariable(location, bad))).toEqual(
        ['defaultValue', 'dynamicOptions', 'allowedValues', 'isSecret'].map((key) => ({
          message: `form variable "kinds" (${location.label}[1]) is a multiselect, which must not have ${key}`,
          pointer: `${location.pointer}/1`,
          key,
          ...location.topLevelOnly,
        })),
      );
    });
  });

  it('reports a preselected value that no option offers', () => {
    const bad = variable('kinds', 'multiselect', { multiselectOptions: OPTIONS, multiselectDefaultOptions: ['flag', 'metric'] });
    expect(checkManifest(rule, manifestWithVariable(LOCATIONS[0], bad))).toEqual([
      {
        message: 'form variable "kinds" (formVariables[1]) preselects "metric", which is not the value of any of its multiselectOptions',
        pointer: '/formVariables/1/multiselectDefaultOptions/1',
        // The framework's CI accepts it: a warning, so the tool never rejects what the CI accepts.
        severity: 'warning',
      },
    ]);
  });

  it('does not quote the preselected value of a secret variable, which preview and send take for a secret', () => {
    const secret = variable('tokens', 'multiselect', { isSecret: true, multiselectOptions: OPTIONS, multiselectDefaultOptions: ['tok-Secret-22'] });
    const reports = checkManifest(rule, manifestWithVariable(LOCATIONS[0], secret));
    expect(reports).toContainEqual(
      expect.objectContaining({ message: 'form variable "tokens" (formVariables[1]) preselects a value, which is not the value of any of its multiselectOptions' }),
    );
    expect(JSON.stringify(reports)).not.toContain('tok-Secret-22');
  });

  it('leaves other types alone and survives malformed options', () => {
    expect(checkManifest(rule, manifestWithVariable(LOCATIONS[0], variable('x', 'string', { multiselectOptions: OPTIONS })))).toEqual([]);
    const odd = variable('kinds', 'multiselect', { multiselectOptions: [null, 'flag', { value: 3 }], multiselectDefaultOptions: 'flag' });
    expect(checkManifest(rule, manifestWithVariable(LOCATIONS[0], odd))).toEqual([]);
  });
});
