import rule from '../../scripts/lib/rules/checks/template-empty-output';
import { checkTemplate } from '../fixtures/template-safety/support';

describe('template-empty-output', () => {
  it('is a warning', () => {
    expect(rule.severity).toBe('warning');
  });

  it('reports once per template the samples it renders only whitespace for', () => {
    const source = '{{#equal verbKind "createFlag"}}{"t": "{{{name}}}"}{{/equal}}\n';
    expect(checkTemplate(rule, 'flag', 'templates/flag.json', source)).toEqual([
      {
        file: 'templates/flag.json',
        sample: 'flag/canonical',
        message:
          'renders only whitespace for sample flag/canonical (and 2 more: flag/toggle-off, flag/update-rules): such events would reach the endpoint with an empty body',
      },
    ]);
  });

  it('is silent when every sample gets a body', () => {
    expect(checkTemplate(rule, 'flag', 'templates/flag.json', '{"t": "{{{name}}}"}')).toEqual([]);
  });

  it('leaves an empty or blank CI body of validation and member to template-empty', () => {
    // Empty ('') for the CI's environment event only: template-empty's error.
    expect(checkTemplate(rule, 'validation', 'templates/validation.json', '{{#equal verbKind "createEnvironment"}}x{{/equal}}')).toEqual([]);
    // Empty ('') for both environment events: the CI one is template-empty's, the other is ours.
    expect(checkTemplate(rule, 'validation', 'templates/validation.json', '')).toEqual([
      expect.objectContaining({ sample: 'environment/varied', message: expect.stringMatching(/^renders only whitespace for sample environment\/varied:/) }),
    ]);
    expect(checkTemplate(rule, 'member', 'templates/member.json', ' \n\t')).toEqual([]);
    // Blank for the CI's flag event, but flag templates may be: that one is ours.
    expect(checkTemplate(rule, 'flag', 'templates/flag.json', ' \n\t')).toEqual([expect.objectContaining({ sample: 'flag/canonical' })]);
  });
});
