import rule from '../../scripts/lib/rules/checks/default-value-type';
import { checkManifest, validManifest } from '../helpers/fixture-root';
import { LOCATIONS, manifestWithVariable, variable } from '../helpers/form-variables';

describe('default-value-type', () => {
  it('is an error for CI rule 8', () => {
    expect(rule.severity).toBe('error');
    expect(rule.ciRule).toBe(8);
  });

  it('is silent on the valid manifest (an optional enum with a string default)', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
  });

  describe.each(LOCATIONS)('in $label', (location) => {
    it('accepts optional defaults of the right type', () => {
      for (const good of [
        variable('a', 'string', { isOptional: true, defaultValue: '' }),
        variable('b', 'uri', { isOptional: true, defaultValue: 'https://x.example' }),
        variable('c', 'enum', { isOptional: true, defaultValue: 'x', allowedValues: ['x', 'y'] }),
        variable('d', 'dynamicEnum', { isOptional: true, defaultValue: 'x' }),
        variable('e', 'boolean', { isOptional: true, defaultValue: false }),
      ]) {
        expect(checkManifest(rule, manifestWithVariable(location, good))).toEqual([]);
      }
    });

    it('reports a default on a required variable, at the defaultValue key', () => {
      const manifest = manifestWithVariable(location, variable('team', 'string', { defaultValue: 'ops' }));
      expect(checkManifest(rule, manifest)).toEqual([
        {
          message:
            `form variable "team" (${location.label}[1]) has a defaultValue but is not optional: ` +
            'a default is only allowed with isOptional: true (use placeholder for a hint)',
          pointer: `${location.pointer}/1`,
          key: 'defaultValue',
        },
      ]);
    });

    it('reports a boolean default on a string-valued variable', () => {
      for (const type of ['string', 'uri', 'enum', 'dynamicEnum']) {
        const manifest = manifestWithVariable(location, variable('team', type, { isOptional: true, defaultValue: true }));
        expect(checkManifest(rule, manifest)).toEqual([
          {
            message: `form variable "team" (${location.label}[1]) is of type ${type}, so its defaultValue must be a string, not true`,
            pointer: `${location.pointer}/1/defaultValue`,
          },
        ]);
      }
    });

    it('reports a string default on a boolean', () => {
      const manifest = manifestWithVariable(location, variable('loud', 'boolean', { isOptional: true, defaultValue: 'true' }));
      expect(checkManifest(rule, manifest)).toEqual([
        {
          message: `form variable "loud" (${location.label}[1]) is of type boolean, so its defaultValue must be true or false, not "true"`,
          pointer: `${location.pointer}/1/defaultValue`,
        },
      ]);
    });
  });

  it('reports both problems of one variable', () => {
    const manifest = manifestWithVariable(LOCATIONS[0], variable('loud', 'boolean', { defaultValue: 'yes' }));
    expect(checkManifest(rule, manifest).map((report) => report.pointer + ' ' + (report.key ?? ''))).toEqual([
      '/formVariables/1 defaultValue',
      '/formVariables/1/defaultValue ',
    ]);
  });

  it('reports an enum default that is not among allowedValues', () => {
    const manifest = manifestWithVariable(LOCATIONS[0], variable('region', 'enum', { isOptional: true, defaultValue: 'mars', allowedValues: ['eu', 'us'] }));
    expect(checkManifest(rule, manifest)).toEqual([
      {
        message: 'form variable "region" (formVariables[1]) has defaultValue "mars", which is not one of its allowedValues',
        pointer: '/formVariables/1/defaultValue',
        // The framework's CI accepts it: a warning, so the tool never rejects what the CI accepts.
        severity: 'warning',
      },
    ]);
  });

  it('never prints the default of a secret variable', () => {
    for (const [type, extra] of [['enum', { allowedValues: ['a'] }], ['string', {}], ['boolean', {}]] as const) {
      const value = type === 'string' ? 42 : 'hunter2-SECRET';
      const manifest = manifestWithVariable(LOCATIONS[0], variable('token', type, { isOptional: true, isSecret: true, defaultValue: value, ...extra }));
      const messages = checkManifest(rule, manifest).map((report) => report.message);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/ a value/);
      expect(messages[0]).not.toContain(String(value));
    }
  });

  it('leaves top-level multiselect and environmentSelector defaults to their own rules', () => {
    for (const type of ['multiselect', 'environmentSelector']) {
      expect(checkManifest(rule, manifestWithVariable(LOCATIONS[0], variable('x', type, { defaultValue: 3 })))).toEqual([]);
    }
  });

  it('in the approval lists, where only rule 8 is the CI\'s, reports their default without isOptional as an error', () => {
    for (const location of LOCATIONS.slice(1)) {
      for (const type of ['multiselect', 'environmentSelector']) {
        expect(checkManifest(rule, manifestWithVariable(location, variable('x', type, { defaultValue: 'production' })))).toEqual([
          { message: expect.stringMatching(/has a defaultValue but is not optional/), pointer: `${location.pointer}/1`, key: 'defaultValue' },
        ]);
        expect(checkManifest(rule, manifestWithVariable(location, variable('x', type, { defaultValue: 'production', isOptional: true })))).toEqual([]);
      }
    }
  });

  it('names a variable without a key by its position, and skips non-objects', () => {
    const manifest = validManifest({ formVariables: [null, 'x', { type: 'string', defaultValue: 'a' }] });
    expect(checkManifest(rule, manifest)).toEqual([
      { message: expect.stringMatching(/^formVariables\[2\] has a defaultValue but is not optional/), pointer: '/formVariables/2', key: 'defaultValue' },
    ]);
  });
});
