import rule from '../../scripts/lib/rules/checks/template-missing-field';
import { checkTemplate } from '../fixtures/template-safety/support';

const check = (source: string, kind = 'flag') => checkTemplate(rule, kind, 'templates/flag.json', source);

describe('template-missing-field', () => {
  it('is a warning', () => {
    expect(rule.severity).toBe('warning');
  });

  it('names the absent field, the sample and the guard, at the mustache', () => {
    expect(check('{\n  "comment": "{{{comment}}}"\n}')).toEqual([
      {
        file: 'templates/flag.json',
        line: 2,
        column: 15,
        sample: 'flag/toggle-off',
        message: '`comment` is absent from sample event flag/toggle-off; wrap it in `{{#if comment}}`',
      },
    ]);
  });

  it('names the first absent part of a deeper path, as the template writes it', () => {
    // toggle-off has no customProperties at all; update-rules has them, but no runbook.
    expect(check('{"r": "{{{customProperties.runbook.name}}}"}')[0].message).toBe(
      '`customProperties` is absent from 2 sample events (flag/toggle-off, flag/update-rules); wrap it in `{{#if customProperties}}`',
    );
    const withGuard = '{"r": "{{#if customProperties}}{{{customProperties.runbook.name}}}{{/if}}"}';
    expect(check(withGuard)[0].message).toBe(
      '`customProperties.runbook` is absent from sample event flag/update-rules; wrap it in `{{#if customProperties.runbook}}`',
    );
    const inBlock = '{"r": "{{#with customProperties}}{{{runbook.name}}}{{/with}}"}';
    expect(check(inBlock)[0].message).toMatch(/^`runbook` is absent from sample event flag\/update-rules;/);
  });

  it('warns at each place that reads the absent field when which of them failed is unknown', () => {
    // JavaScript's error for an absent parent has no position: both helper arguments could have made it.
    const source = '{\n  "a": "{{{queryEncode customProperties.runbook}}}",\n  "b": "{{{queryEncode customProperties.runbook}}}"\n}';
    expect(check(source).map(({ line, column, message }) => ({ line, column, message }))).toEqual([
      { line: 2, column: 9, message: expect.stringMatching(/^`customProperties` is absent from sample event flag\/\S+;/) },
      { line: 3, column: 9, message: expect.stringMatching(/^`customProperties` is absent from sample event flag\/\S+;/) },
    ]);
  });

  it('is silent for guarded fields, and for failures on the CI event (template-render reports those)', () => {
    expect(check('{"c": "{{#if comment}}{{{comment}}}{{/if}}"}')).toEqual([]);
    expect(check('{"c": "{{{nope}}}"}')).toEqual([]);
  });
});
