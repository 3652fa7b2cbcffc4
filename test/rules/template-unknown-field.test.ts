import rule from '../../scripts/lib/rules/checks/template-unknown-field';
import { checkTemplate, places, runWithSamples, subjectRoot } from '../fixtures/template-safety/support';
import { testSamples } from '../fixtures/template-safety/samples';

const check = (source: string, kind = 'flag') => checkTemplate(rule, kind, 'templates/flag.json', source);

function checkEndpoint(endpoint: Record<string, unknown>) {
  const root = subjectRoot({ templates: { flag: 'templates/flag.json' }, files: { 'templates/flag.json': '{}' }, endpoint });
  return runWithSamples(rule, root);
}

describe('template-unknown-field', () => {
  it('is a warning: the framework CI renders these without an error', () => {
    expect(rule.severity).toBe('warning');
  });

  it('reports a form variable the manifest does not declare, given to a block or a helper, with the nearest declared one', () => {
    expect(check('{"a": "{{#if formVariables.includeDetials}}yes{{/if}}"}')).toEqual([
      {
        file: 'templates/flag.json',
        line: 1,
        column: 14,
        message:
          '`formVariables.includeDetials` is not a form variable of this manifest (did you mean `formVariables.includeDetails`?): ' +
          'Handlebars checks no argument of `{{#if}}`, even in strict mode, so it gets undefined on every event',
      },
    ]);
    const [helper] = check('{"a": "{{queryEncode formVariables.nothingLikeIt}}"}');
    expect(helper.message).toMatch(/^`formVariables.nothingLikeIt` is not a form variable of this manifest: .*`\{\{queryEncode\}\}`/);
  });

  it('reports a misspelt event field at the top of the event, in blocks, subexpressions and through @root', () => {
    expect(places(check('{{#if titel}}{{/if}}\n{{#each tgas}}{{/each}}\n{{#if (equal verbKnd "updateOn")}}{{/if}}'))).toEqual([
      '1:7',
      '2:9',
      '3:14',
    ]);
    const [inBlock] = check('{{#with project}}{{#if @root.titel}}{{/if}}{{/with}}');
    expect(inBlock.message).toMatch(/^`@root.titel` \(`titel`\) is a field of no change-history event \(did you mean `@root.title`\?\)/);
  });

  it('reports a misspelt event field inside a section over a boolean form variable, which keeps the event as its context', () => {
    const [report] = check('{{#formVariables.includeDetails}}{{#if titel}}{{/if}}{{/formVariables.includeDetails}}');
    expect(report).toMatchObject({ line: 1, column: 40 });
    expect(report.message).toMatch(/^`titel` is a field of no change-history event \(did you mean `title`\?\)/);
  });

  it('says how many times a name is read, at the first place', () => {
    const reports = check('{{#if titel}}{{/if}}\n{{#if titel}}{{/if}}\n{{#unless titel}}{{/unless}}');
    expect(places(reports)).toEqual(['1:7']);
    expect(reports[0].message).toMatch(/ \(read 3 times; this is the first\)$/);
    // The same writing in another block's context is another name: told apart.
    const apart = checkEndpoint({ url: 'https://hooks.example/{{#if kye}}{{/if}}{{#with context}}{{#if kye}}{{/if}}{{/with}}' });
    expect(apart.map((report) => report.message.replace(/ \(.*/, ''))).toEqual([
      'the endpoint url: `kye` is not a form variable of this manifest',
      'the endpoint url: `kye`',
    ]);
    // `member.nme` is no sure mistake (a field under the top), and no second reading of the top-level one.
    expect(check('{{#if nme}}{{/if}}{{#with member}}{{#if nme}}{{/if}}{{/with}}').map((report) => report.message)).toEqual([
      expect.not.stringContaining('read 2 times'),
    ]);
    expect(apart[1].message).toMatch(/^the endpoint url: `kye` \(`context.kye`\) is a field of no change-history event \(did you mean `key`\?\)/);
    expect(check('{{#if formVariabls}}{{/if}}')[0].message).toMatch(/did you mean `formVariables`\?/);
  });

  it('reports a form variable read by its key, as the endpoint reads it, where a body template sees it under formVariables', () => {
    const [report] = check('{"a": "{{#if channel}}x{{/if}}"}');
    expect(report).toMatchObject({ line: 1, column: 14 });
    expect(report.message).toBe(
      '`channel` is a form variable, which a template reads as `formVariables.channel`: ' +
        'Handlebars checks no argument of `{{#if}}`, even in strict mode, so it gets undefined on every event',
    );
    // An event field of the same name is what the template reads.
    const withSite = testSamples().map((sample) => ({ ...sample, event: { ...sample.event, site: 'harbour' } }));
    expect(checkTemplate(rule, 'flag', 'templates/flag.json', '{{#if site}}{{/if}}', withSite)).toEqual([]);
    expect(check('{{#if site}}{{/if}}')).toHaveLength(1);
  });

  it('is silent on what events or the manifest have, on what strict mode already checks, and on unknown deeper fields', () => {
    expect(check('{{#if comment}}{{/if}}{{#each project.tags}}{{#if this}}{{/if}}{{/each}}{{#if formVariables.channel}}{{/if}}')).toEqual([]);
    expect(check('{{#if customProperties.anything.name}}{{/if}}{{#if tags.length}}{{/if}}')).toEqual([]);
    // Printed paths and sections fail in strict mode; an absent parent throws there too.
    expect(check('{{titel}}{{#titel}}{{/titel}}{{#if titel.plainText}}{{/if}}')).toEqual([]);
    // Real events carry fields no sample shows (a project's environments): only a top-level near miss is sure.
    expect(check('{{#each project.environments}}{{/each}}{{#if somethingElseEntirely}}{{/if}}')).toEqual([]);
    // Block params and data variables are not fields.
    expect(check('{{#each tags as |tag|}}{{#if tag}}{{/if}}{{#if @first}}{{/if}}{{/each}}')).toEqual([]);
  });

  it('reads the endpoint as LaunchDarkly renders it: form variables by key, the event as context', () => {
    const reports = checkEndpoint({
      url: 'https://hooks.example/{{queryEncode chanel}}/{{pathEncode context.kye}}',
      headers: [{ name: 'Authorization', value: '{{basicAuthHeaderValue apiUser apiToken}} {{#if oauth.accessToken}}x{{/if}}' }],
    });
    expect(reports).toEqual([
      {
        pointer: '/capabilities/auditLogEventsHook/endpoint/url',
        within: { line: 1, column: 37 },
        message:
          'the endpoint url: `chanel` is not a form variable of this manifest (the endpoint sees them by key, the event as `context`) ' +
          '(did you mean `channel`?): Handlebars checks no argument of `{{queryEncode}}`, even in strict mode, so it gets undefined on every event',
      },
      {
        pointer: '/capabilities/auditLogEventsHook/endpoint/url',
        within: { line: 1, column: 59 },
        message: expect.stringMatching(/^the endpoint url: `context.kye` is a field of no change-history event \(did you mean `context.key`\?\)/),
      },
    ]);
  });
});
