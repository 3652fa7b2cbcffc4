import Handlebars from 'handlebars';
import rule from '../../scripts/lib/rules/checks/template-data-variable';
import { checkTemplate, runWithSamples, subjectRoot } from '../fixtures/template-safety/support';

const check = (source: string) => checkTemplate(rule, 'flag', 'templates/flag.json', source);

describe('template-data-variable', () => {
  it('is a warning of our own: the framework\'s CI renders such a template without a word', () => {
    expect(rule.severity).toBe('warning');
    expect(rule.ciRule).toBeUndefined();
  });

  it('reports a data variable Handlebars sets nowhere, given to a helper or block, with the one meant', () => {
    const source = '[{{#each tags}}"{{this}}"{{#unless @lst}},{{/unless}}{{/each}}]\n{{#if (lookup @root.tags @indx)}}x{{/if}}';
    expect(check(source)).toEqual([
      expect.objectContaining({
        line: 1,
        column: 36,
        message: expect.stringMatching(/^`@lst` is no variable Handlebars sets \(did you mean `@last`\?\): given to `\{\{#unless …\}\}`, it is undefined on every event/),
      }),
      expect.objectContaining({ line: 2, column: 26, message: expect.stringMatching(/^`@indx` is no variable Handlebars sets \(did you mean `@index`\?\): given to `\(lookup … …\)`/) }),
    ]);
    // What the warning says: strict mode lets it through, and the comma comes after the last item too.
    expect(Handlebars.compile(source.split('\n')[0], { strict: true })({ tags: ['a', 'b'] })).toBe('["a","b",]');
  });

  it('is silent on the variables Handlebars sets, on printed ones (which fail to render), and on plain names', () => {
    expect(check('{{#each tags}}{{#if @first}}{{@index}}{{@key}}{{/if}}{{#unless @last}},{{/unless}}{{#if @../index}}{{/if}}{{/each}}{{#if @root.name}}{{/if}}{{@idx}}{{#if idx}}{{/if}}')).toEqual([]);
    // Each loop's data frame links the one around it.
    expect(check('{{#each tags}}{{#if @_parent}}{{/if}}{{/each}}')).toEqual([]);
  });

  it('checks hash arguments and the endpoint', () => {
    expect(check('{{#if (equal kind "flag") x=@nope}}{{/if}}').map((report) => report.column)).toEqual([29]);
    const root = subjectRoot({
      templates: { flag: 'templates/flag.json' },
      files: { 'templates/flag.json': '{}' },
      endpoint: { url: 'https://hooks.example/{{pathEncode @channel}}' },
    });
    expect(runWithSamples(rule, root)).toEqual([
      {
        pointer: '/capabilities/auditLogEventsHook/endpoint/url',
        within: { line: 1, column: 36 },
        message: expect.stringMatching(/^the endpoint url: `@channel` is no variable Handlebars sets: given to `\{\{pathEncode …\}\}`/),
      },
    ]);
  });
});
