import rule from '../../scripts/lib/rules/checks/json-template-name';
import { checkTemplate, places } from '../fixtures/template-safety/support';

const check = (file: string, source: string) => checkTemplate(rule, 'flag', file, source);

describe('json-template-name', () => {
  it('is a warning of our own, not one of the framework CI\'s rules', () => {
    expect(rule).toMatchObject({ severity: 'warning' });
    expect(rule.ciRule).toBeUndefined();
  });

  it('warns where a JSON body in a template not named as JSON prints event text, which reaches it unescaped', () => {
    const reports = check('templates/flag.hbs', '{\n  "flag": "{{key}}",\n  "text": "{{{title.plainText}}}"\n}');
    // `{{key}}` comes first: its backslash breaks the JSON before the title's quote does.
    expect(places(reports)).toEqual(['2:12']);
    expect(reports[0]).toMatchObject({ file: 'templates/flag.hbs', sample: 'flag/canonical' });
    expect(reports[0].message).toMatch(/^templates\.flag renders JSON, but LaunchDarkly JSON-escapes event text only in templates named/);
    expect(reports[0].message).toMatch(/Rename it `templates\/flag\.json\.hbs` and write event text with `\{\{\{ \}\}\}`$/);
  });

  it('names the JSON name to take for a file without the .hbs ending too', () => {
    const [report] = check('templates/flag', '{"text": "{{{title.plainText}}}"}');
    expect(report.message).toContain('Rename it `templates/flag.json.hbs`');
  });

  it('says nothing of a JSON template, of a body that is not JSON, or of a JSON body that prints no event text', () => {
    expect(check('templates/flag.json.hbs', '{"text": "{{{title.plainText}}}"}')).toEqual([]);
    expect(check('templates/flag.txt', 'Changed: {{{title.plainText}}}\n{"not": "a body of JSON"')).toEqual([]);
    expect(check('templates/flag.hbs', '{"ms": {{timestamp.milliseconds}}, "kind": "flag"}')).toEqual([]);
    // A bare string is JSON too, but no body a receiver parses as a document.
    expect(check('templates/flag.hbs', '"{{{title.plainText}}}"')).toEqual([]);
  });
});
