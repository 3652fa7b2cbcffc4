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
        line: 1,
        column: 1,
        sample: 'flag/canonical',
        message:
          'renders only whitespace for sample flag/canonical (and 2 more: flag/toggle-off, flag/update-rules): such events would reach the endpoint with an empty body; ' +
          'the whole body is inside this `{{#equal}}` block',
      },
    ]);
  });

  it('points at the block that holds the whole body, blank lines and comments around it, and only then', () => {
    const wrapped = '{{! flag changes only }}\n\n  {{~#if (equal verbKind "createFlag")}}{"t": "{{{name}}}"}{{/if}}\n';
    expect(checkTemplate(rule, 'flag', 'templates/flag.json', wrapped)).toEqual([
      expect.objectContaining({ line: 3, column: 3, message: expect.stringMatching(/; the whole body is inside this `\{\{#if\}\}` block$/) }),
    ]);
    // Text beside the block: no one block left the body out.
    const [beside] = checkTemplate(rule, 'flag', 'templates/flag.json', '{{#equal verbKind "createFlag"}}{"t": 1}{{/equal}}{{#if false}}{}{{/if}}');
    expect(beside.line).toBeUndefined();
    expect(beside.message).toMatch(/an empty body$/);
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
