import rule from '../../scripts/lib/rules/checks/dynamic-options';
import { checkManifest, validManifest } from '../helpers/fixture-root';
import { LOCATIONS, manifestWithVariable, variable } from '../helpers/form-variables';

const DYNAMIC_OPTIONS = {
  endpoint: { url: 'https://api.pigeon-post.example/channels', method: 'GET' },
  parser: { optionsPath: '/channels', optionsItems: { label: '/name', value: '/id' } },
};

describe('dynamic-options', () => {
  it('is an error for CI rule 13', () => {
    expect(rule.severity).toBe('error');
    expect(rule.ciRule).toBe(13);
  });

  it('is silent on the valid manifest', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
  });

  describe.each(LOCATIONS)('in $label', (location) => {
    it('accepts a dynamicEnum with dynamicOptions', () => {
      const good = variable('channel', 'dynamicEnum', { dynamicOptions: DYNAMIC_OPTIONS });
      expect(checkManifest(rule, manifestWithVariable(location, good))).toEqual([]);
    });

    it('reports a dynamicEnum without dynamicOptions, at its type', () => {
      expect(checkManifest(rule, manifestWithVariable(location, variable('channel', 'dynamicEnum')))).toEqual([
        {
          message: `form variable "channel" (${location.label}[1]) is a dynamicEnum but has no dynamicOptions to fetch its choices`,
          pointer: `${location.pointer}/1`,
          key: 'type',
          ...location.topLevelOnly,
        },
      ]);
    });

    it('reports dynamicOptions on another type, at dynamicOptions', () => {
      for (const type of ['enum', 'string']) {
        const bad = variable('channel', type, { dynamicOptions: DYNAMIC_OPTIONS });
        expect(checkManifest(rule, manifestWithVariable(location, bad))).toEqual([
          {
            message: `form variable "channel" (${location.label}[1]) is of type "${type}", but only dynamicEnum variables may have dynamicOptions`,
            pointer: `${location.pointer}/1`,
            key: 'dynamicOptions',
            ...location.topLevelOnly,
          },
        ]);
      }
    });
  });

  it('quotes the type, so that a misspelt one (a trailing space) does not read as the type it needs', () => {
    const [report] = checkManifest(rule, manifestWithVariable(LOCATIONS[0], variable('x', 'dynamicEnum ', { dynamicOptions: DYNAMIC_OPTIONS })));
    expect(report.message).toContain('is of type "dynamicEnum ", but only dynamicEnum variables');
  });

  it('leaves multiselect and environmentSelector to their own rules', () => {
    for (const type of ['multiselect', 'environmentSelector']) {
      expect(checkManifest(rule, manifestWithVariable(LOCATIONS[0], variable('x', type, { dynamicOptions: DYNAMIC_OPTIONS })))).toEqual([]);
    }
  });
});
