import rule from '../../scripts/lib/rules/checks/template-empty';
import { checkTemplate, runWithSamples, subjectRoot } from '../fixtures/template-safety/support';
import { validManifest } from '../helpers/fixture-root';

describe('template-empty', () => {
  it('is the framework CI rule 15, an error', () => {
    expect(rule).toMatchObject({ severity: 'error', ciRule: 15 });
  });

  it('reports validation and member templates that render nothing for the CI event', () => {
    expect(checkTemplate(rule, 'validation', 'templates/validation.json', '{{#if comment}}{"t": "x"}{{/if}}')).toEqual([
      {
        file: 'templates/validation.json',
        sample: 'environment/canonical',
        message: "templates.validation renders an empty body for the CI's environment event (environment/canonical)",
      },
    ]);
    expect(checkTemplate(rule, 'member', 'templates/member.json', '{{#equal verbKind "createMember"}}{}{{/equal}}')).toEqual([
      expect.objectContaining({ file: 'templates/member.json', sample: 'member/canonical' }),
    ]);
  });

  it('counts whitespace as empty, as the framework\'s CI trims what it checks', () => {
    expect(checkTemplate(rule, 'validation', 'templates/validation.txt', ' \n\t{{#if comment}}x{{/if}}\n')).toEqual([
      expect.objectContaining({ message: "templates.validation renders only whitespace for the CI's environment event (environment/canonical)" }),
    ]);
  });

  it('renders with the CI\'s form values, not with defaults', () => {
    const prefix = { key: 'prefix', name: 'Prefix', type: 'string', description: 'A prefix.', isOptional: true, defaultValue: '' };
    const manifest = { formVariables: [...(validManifest().formVariables as object[]), prefix] };
    const root = subjectRoot({ templates: { validation: 'templates/validation.txt' }, files: { 'templates/validation.txt': '{{formVariables.prefix}}' }, manifest });
    expect(runWithSamples(rule, root)).toEqual([]);
  });

  it('leaves other kinds and non-CI events to template-empty-output', () => {
    expect(checkTemplate(rule, 'flag', 'templates/flag.json', '')).toEqual([]);
    // Empty for the varied environment event only.
    expect(checkTemplate(rule, 'validation', 'templates/validation.json', '{{#equal verbKind "updateTags"}}{}{{/equal}}')).toEqual([]);
  });

  it('accepts what the framework\'s CI renders non-empty: an else part in `equal` counts there', () => {
    expect(checkTemplate(rule, 'validation', 'templates/validation.txt', '{{#equal kind "flag"}}no{{else}}LaunchDarkly is connected{{/equal}}')).toEqual([]);
    expect(checkTemplate(rule, 'validation', 'templates/validation.txt', '{{#equal kind "flag"}}no{{/equal}}')).toHaveLength(1);
  });
});
