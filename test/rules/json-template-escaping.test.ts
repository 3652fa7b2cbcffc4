import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadIntegration } from '../../scripts/lib/integration/load';
import rule from '../../scripts/lib/rules/checks/json-template-escaping';
import { templateRenderings } from '../../scripts/lib/rules/renderings';
import { adversarialRenderings } from '../../scripts/lib/rules/template-safety/adversarial';
import { dynamicProblems, staticProblems, type EscapingProblem } from '../../scripts/lib/rules/template-safety/escaping';
import { checkJson } from '../../scripts/lib/json-syntax';
import { templateSources } from '../../scripts/lib/rules/template-safety/template-sources';
import { Workspace } from '../../scripts/lib/workspace';
import { canonicalFlag, testSamples } from '../fixtures/template-safety/samples';
import { checkTemplate, places, runWithSamples, subjectRoot } from '../fixtures/template-safety/support';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'template-safety');

/**
 * The mustaches of each defective fixture that write event text with `{{ }}`, as written in the
 * file (`#2` for a second occurrence of the same text). Every other mustache of the file, and
 * every mustache of the clean fixtures, must give no finding.
 */
const DEFECTIVE: Record<string, string[]> = {
  'default-splunk-hec.json.hbs': ['{{kind}}', '{{_id}}'],
  'environment-grafana-annotation.json': ['{{project.environment.key}}', '{{title.plainText}}'],
  'flag-block-params.json': ['{{tag}}'],
  'flag-chained-else-if.json': ['{{details.plainText}}'],
  'flag-comment-if.json': ['{{comment}}'],
  'flag-custom-properties-object.json': ['{{name}}'],
  'flag-custom-property-values.json': ['{{customProperties.jira.values}}'],
  'flag-datadog-event.json': ['{{project.key}}', '{{project.environment.key}}', '{{this}}'],
  'flag-dynatrace-custom-properties.json': ['{{this}}', '{{member.email}}'],
  'flag-equal-branches.json': ['{{title.plainText}}'],
  'flag-equal-with-else.json': ['{{titleVerb}}'],
  'flag-escaped-quotes.json': ['{{name}}'],
  'flag-google-chat-cards.json': ['{{project.name}}', '{{project.environment.name}}', '{{_links.site.href}}'],
  'flag-html.json': ['{{title.html}}'],
  'flag-lookup.json': ['{{lookup title "plainText"}}'],
  'flag-markdown-text.json': ['{{title.markdown}}', '{{details.markdown}}'],
  'flag-mixed-spellings.json.hbs': ['{{project.name}}', '{{verbKind}}'],
  'flag-pagerduty.json': ['{{title.plainText}}', '{{member.displayName}}'],
  'flag-parent-path.json': ['{{../name}}'],
  'flag-rfc3339.json': ['{{timestamp.rfc3339}}'],
  'flag-root-path.json': ['{{@root.title.plainText}}'],
  'flag-slack-attachments.json': ['{{title.plainText}}', '{{_links.site.href}}'],
  'flag-tags-array.json': ['{{tags}}'],
  'flag-teams-messagecard.json': ['{{member.displayName}}', '{{project.name}}'],
  'flag-this-prefixed.json': ['{{this.name}}'],
  'flag-url-only.json': ['{{_links.site.href}}'],
  'flag-whitespace-control.json': ['{{~title.plainText~}}'],
  'flag-with-else.json': ['{{name}}'],
  'flag-with-member.json.hbs': ['{{displayName}}', '{{email}}'],
  'member-audit.json': ['{{member.email}}'],
  'project-honeycomb-marker.json': ['{{title.plainText}}'],
  'validation-ping.json': ['{{project.name}}'],
};

/** Defective mustaches that no sample event reaches (no sample has a `dynatrace` custom property). */
const NOT_RENDERED: Record<string, string[]> = {
  'flag-dynatrace-custom-properties.json': ['{{this}}'],
};

function fixtureFiles(kind: 'defective' | 'clean'): string[] {
  return fs.readdirSync(path.join(FIXTURES, kind)).filter((file) => /\.json(\.hbs)?$/.test(file)).sort();
}

/** The template kind a fixture is written for: the part of its name before the first dash. */
function kindOf(file: string): string {
  return file.split('-')[0];
}

/** 1-based line and column of the n-th `{{...}}` with this exact text (not part of a `{{{...}}}`). */
function locate(source: string, wanted: string): string {
  const [text, nth] = wanted.split('#');
  let seen = 0;
  const lines = source.split('\n');
  for (let line = 0; line < lines.length; line++) {
    let from = 0;
    for (;;) {
      const index = lines[line].indexOf(text, from);
      if (index < 0) break;
      from = index + 1;
      if (index > 0 && lines[line][index - 1] === '{') continue;
      seen++;
      if (seen === Number(nth ?? 1)) return `${line + 1}:${index + 1}`;
    }
  }
  throw new Error(`${wanted} is not in the fixture`);
}

function check(kind: 'defective' | 'clean', file: string) {
  const source = fs.readFileSync(path.join(FIXTURES, kind, file), 'utf8');
  return { source, reports: checkTemplate(rule, kindOf(file), `templates/${file}`, source) };
}

describe('json-template-escaping on the fixture templates', () => {
  it('has many fixtures of both kinds, each defective one with its expected findings', () => {
    expect(fixtureFiles('defective').length).toBeGreaterThanOrEqual(25);
    expect(fixtureFiles('clean').length).toBeGreaterThanOrEqual(25);
    expect(fixtureFiles('defective')).toEqual(Object.keys(DEFECTIVE).sort());
  });

  it.each(fixtureFiles('defective'))('defective/%s: exactly the `{{ }}` event strings, each once', (file) => {
    const { source, reports } = check('defective', file);
    expect(places(reports).sort()).toEqual(DEFECTIVE[file].map((text) => locate(source, text)).sort());
    for (const report of reports) {
      expect(report.file).toBe(`templates/${file}`);
      expect(report.message).toMatch(/HTML-escapes the event's text: .*Write `\{\{~?\{.*\}~?\}\}`\.$/);
    }
  });

  it.each(fixtureFiles('defective'))('defective/%s: applying the suggested fixes leaves nothing to report', (file) => {
    const { source, reports } = check('defective', file);
    let fixed = source.split('\n');
    // Right to left on each line, so earlier columns stay valid.
    for (const report of [...reports].sort((a, b) => b.line! - a.line! || b.column! - a.column!)) {
      const [, written, suggested] = /^`([^`]+)`.* Write `([^`]+)`\.$/.exec(report.message)!;
      const line = fixed[report.line! - 1];
      expect(line.slice(report.column! - 1).startsWith(written)).toBe(true);
      fixed[report.line! - 1] = line.slice(0, report.column! - 1) + suggested + line.slice(report.column! - 1 + written.length);
    }
    expect(checkTemplate(rule, kindOf(file), `templates/${file}`, fixed.join('\n'))).toEqual([]);
  });

  it.each(fixtureFiles('clean'))('clean/%s: no finding', (file) => {
    expect(check('clean', file).reports).toEqual([]);
  });

  /** Each half of the rule on its own, for the fixture file. */
  function halves(folder: string, file: string): { source: string; found: { static: string[]; dynamic: string[] } } {
    const source = fs.readFileSync(path.join(FIXTURES, folder, file), 'utf8');
    const root = subjectRoot({ templates: { [kindOf(file)]: `templates/${file}` }, files: { [`templates/${file}`]: source } });
    const integration = loadIntegration(root, 'subject');
    const workspace = new Workspace({ root, samples: testSamples });
    const [entry] = templateSources(integration, workspace);
    const at = (findings: EscapingProblem[]) => findings.map((finding) => `${finding.line}:${finding.column}`).sort();
    return {
      source,
      found: {
        static: at(staticProblems(entry, workspace.samples())),
        dynamic: at(dynamicProblems(entry, adversarialRenderings(integration, workspace), () => true, checkJson)),
      },
    };
  }

  it.each(fixtureFiles('defective'))('defective/%s: static and dynamic checks agree wherever a sample renders the mustache', (file) => {
    const { source, found } = halves('defective', file);
    const expected = DEFECTIVE[file].map((text) => locate(source, text)).sort();
    const unreached = (NOT_RENDERED[file] ?? []).map((text) => locate(source, text));
    expect(found.static).toEqual(expected);
    expect(found.dynamic).toEqual(expected.filter((place) => !unreached.includes(place)));
  });

  it.each(fixtureFiles('clean'))('clean/%s: neither check finds anything', (file) => {
    expect(halves('clean', file).found).toEqual({ static: [], dynamic: [] });
  });

  it.each([...fixtureFiles('defective').map((f) => ['defective', f]), ...fixtureFiles('clean').map((f) => ['clean', f])])(
    '%s/%s renders valid JSON for the CI event of its kind (a fixture that fails to render would test nothing)',
    (folder, file) => {
      const source = fs.readFileSync(path.join(FIXTURES, folder, file), 'utf8');
      const root = subjectRoot({ templates: { [kindOf(file)]: `templates/${file}` }, files: { [`templates/${file}`]: source } });
      const integration = loadIntegration(root, 'subject');
      const renderings = templateRenderings(integration, new Workspace({ root, samples: testSamples }));
      const ci = renderings.filter((rendering) => rendering.ciPair);
      expect(ci).toHaveLength(1);
      expect(ci[0].error).toBeUndefined();
      expect(checkJson(ci[0].output!).ok).toBe(true);
    },
  );
});

/** `1:<column>` of the first occurrence of `text` in a one-line template. */
function at(source: string, text: string): string {
  const index = source.indexOf(text);
  if (index < 0) throw new Error(`${text} is not in ${source}`);
  return `1:${index + 1}`;
}

describe('json-template-escaping', () => {
  const flag = (source: string, file = 'templates/flag.json', samples = testSamples()) => checkTemplate(rule, 'flag', file, source, samples);

  it('names the mustache, the damage and the fix', () => {
    const [report] = flag('{"text": "{{title.plainText}}"}');
    expect(report).toMatchObject({ file: 'templates/flag.json', line: 1, column: 11 });
    expect(report.message).toBe(
      "`{{title.plainText}}` HTML-escapes the event's text: any quote in it becomes \\&quot; and breaks the JSON, any apostrophe &#x27;. " +
        'Write `{{{title.plainText}}}`.',
    );
  });

  it('renders a CI event\'s adversarial variant as its plain one: an else part in `equal` is the CI\'s, not an escaping problem', () => {
    // The CI pair renders with the framework CI's `equal` (else included), production's drops the
    // else part and renders nothing: comparing the two would blame the empty body on escaping.
    expect(flag('{{#equal kind "segment"}}{"segment": true}{{else}}{"name": "{{{name}}}"}{{/equal}}')).toEqual([]);
  });

  it('gives the quotes too where the mustache stands outside a JSON string, as three braces alone leave the JSON broken', () => {
    const source = '{"tags": {{tags}}, "n": {{name}} }';
    expect(flag(source).map((report) => report.message)).toEqual([
      "`{{tags}}` HTML-escapes the event's text: any quote in it becomes \\&quot; and breaks the JSON, any apostrophe &#x27;. " +
        'It stands outside a JSON string, where event text is no JSON value: write `"{{{tags}}}"`.',
      "`{{name}}` HTML-escapes the event's text: any quote in it becomes \\&quot; and breaks the JSON, any apostrophe &#x27;. " +
        'It stands outside a JSON string, where event text is no JSON value: write `"{{{name}}}"`.',
    ]);
  });

  it('says what a URL suffers: its query string', () => {
    const [report] = flag('{"url": "{{_links.site.href}}"}');
    expect(report.message).toContain('`&` and `=` in a query string become &amp; and &#x3D;');
  });

  it('names the event path when the mustache reads it relative to a block', () => {
    const [report] = flag('[{{#each tags}}"{{this}}"{{#unless @last}},{{/unless}}{{/each}}]');
    expect(report.message).toMatch(/^`\{\{this\}\}` \(the event's `tags\.\*`\) HTML-escapes/);
  });

  it('finds the event text a section over a boolean form variable prints, at its mustache, with its fix', () => {
    // For `true`, the section keeps the event as its context: `title` is the event's.
    const [report] = flag('{"a": "{{#formVariables.includeDetails}}{{title.plainText}}{{/formVariables.includeDetails}}"}');
    expect(report).toMatchObject({ line: 1, column: 41 });
    expect(report.message).toMatch(/^`\{\{title\.plainText\}\}` HTML-escapes/);
    expect(report.edit).toBeDefined();
  });

  it('keeps whitespace control in the suggested fix', () => {
    const [report] = flag('{"text": "{{~ title.plainText ~}}"}');
    expect(report.message).toContain('Write `{{~{title.plainText}~}}`.');
  });

  it('carries the edit that writes the mustache with three braces, whitespace control kept, in its place', () => {
    const source = '{\r\n  "a": "{{~ title.plainText ~}}",\r\n  "b": "{{name}}"\r\n}';
    const reports = flag(source);
    let fixed = source;
    for (const { edit } of [...reports].sort((a, b) => b.edit!.start - a.edit!.start)) {
      expect(fixed.slice(edit!.start, edit!.end)).toBe(edit!.replaced);
      fixed = fixed.slice(0, edit!.start) + edit!.text + fixed.slice(edit!.end);
    }
    expect(fixed).toBe('{\r\n  "a": "{{~{title.plainText}~}}",\r\n  "b": "{{{name}}}"\r\n}');
    expect(flag(fixed)).toEqual([]);
  });

  it('places its edits after lone \\r line breaks as the parser does, and makes none it cannot place on its mustache', () => {
    const source = '{\r  "b": "{{_links.site.href}}",\n  "c": "{{kind}}", "d": "{{kind}}"\r}';
    const reports = flag(source);
    expect(reports.map((report) => report.edit!.replaced)).toEqual(['{{_links.site.href}}', '{{kind}}', '{{kind}}']);
  });

  it('offers no edit for a value outside a JSON string, which three braces would not make JSON', () => {
    const reports = flag('{"tags": {{tags}}, "t": "x"}');
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.filter((report) => report.edit)).toEqual([]);
  });

  it('carries the sample whose special characters showed the damage', () => {
    // Only the varied samples have a double quote in the title; the dynamic check saw it there.
    const [report] = flag('{"text": "{{title.plainText}}"}');
    expect(['flag/canonical', 'flag/toggle-off', 'flag/update-rules']).toContain(report.sample);
  });

  it('names as its example an event the template receives, also when only the static check saw the damage', () => {
    // `nobody` makes every rendering fail, so no adversarial output shows the damage: the example
    // comes from the samples, and a flag template only receives flag events.
    const [report] = flag('{"text": "{{title.plainText}}", "who": "{{{nobody.name}}}"}');
    expect(report.sample).toMatch(/^flag\//);
  });

  it('applies to .json and .json.hbs in any case, and to no other template', () => {
    const bad = '{"text": "{{title.plainText}}"}';
    expect(flag(bad, 'templates/flag.JSON')).toHaveLength(1);
    expect(flag(bad, 'templates/flag.Json.Hbs')).toHaveLength(1);
    expect(flag('<p>{{title.plainText}}</p>', 'templates/flag.html')).toEqual([]);
    expect(flag('text={{title.plainText}}', 'templates/flag.txt')).toEqual([]);
  });

  it('never flags form variables, numbers, data variables or the output of formatWithOffset and basicAuthHeaderValue', () => {
    const template =
      '{"a": "{{formVariables.channel}}", "b": "{{timestamp.milliseconds}}", "c": [{{#each tags}}"{{@index}}"{{#unless @last}},{{/unless}}{{/each}}], ' +
      '"d": "{{formatWithOffset timestamp.milliseconds 0 "rfc3339"}}", "e": "{{queryEncode formVariables.channel}}", ' +
      '"g": "{{basicAuthHeaderValue formVariables.apiUser formVariables.apiToken}}"}';
    expect(flag(template)).toEqual([]);
  });

  it('flags pathEncode and queryEncode of event text, naming what each keeps for HTML escaping to damage, with the fix', () => {
    const reports = flag('{"e": "{{queryEncode key}}", "f": "https://x.example/{{pathEncode name}}", "g": "{{{queryEncode name}}}"}');
    expect(reports.map(({ line, column, message, edit }) => ({ line, column, message, text: edit?.text }))).toEqual([
      {
        line: 1,
        column: 8,
        message: "`{{queryEncode key}}` HTML-escapes what queryEncode makes of the event's text: queryEncode keeps an apostrophe, which then becomes &#x27;. Write `{{{queryEncode key}}}`.",
        text: '{{{queryEncode key}}}',
      },
      {
        line: 1,
        column: 54,
        message:
          "`{{pathEncode name}}` HTML-escapes what pathEncode makes of the event's text: pathEncode keeps `&`, `=` and an apostrophe, which then become &amp;, &#x3D; and &#x27;. Write `{{{pathEncode name}}}`.",
        text: '{{{pathEncode name}}}',
      },
    ]);
  });

  it('still finds what only the documented event shape shows (no samples at all)', () => {
    // Static alone: nothing renders without samples, the documented shape says these are text.
    const source = '{"t": "{{title.plainText}}", "n": "{{timestamp.seconds}}", "x": [{{#each tags}}"{{this}}"{{/each}}]}';
    expect(places(flag(source, undefined, []))).toEqual([at(source, '{{title'), at(source, '{{this}}')]);
  });

  it('sees mustaches in JSON strings through escaped quotes, branches and loops', () => {
    const escapedQuotes = '{"t": "say \\"{{name}}\\""}';
    expect(places(flag(escapedQuotes))).toEqual([at(escapedQuotes, '{{name}}')]);
    // Outside any string the mustache is invalid JSON whatever it prints: template-json reports
    // that; here the dynamic check still sees the value damaged and points at it.
    const bare = '{"t": {{name}} }';
    expect(places(flag(bare))).toEqual([at(bare, '{{name}}')]);
    // A quote opened in a branch leaves the mustache after it in a string.
    const branches = '{"t": {{#if comment}}"{{name}}"{{else}}"x"{{/if}} }';
    expect(places(flag(branches))).toEqual([at(branches, '{{name}}')]);
    // Each iteration starts where the last one ended; after the loop the quotes are balanced again
    // (static alone here: no samples, so nothing renders).
    const loop = '{"t": [{{#each tags}}"{{this}}"{{/each}}], "k": {{kind}} }';
    expect(places(flag(loop, undefined, []))).toEqual([at(loop, '{{this}}')]);
  });

  it('finds a damaged value printed where the static check does not look, and points at the first line', () => {
    // A partial block renders its own body when the partial is missing; the static check does not
    // follow partials (go-handlebars-compat refuses them), the rendering does.
    const reports = flag('{\n  "t": "{{#> nothing}}{{title.plainText}}{{/nothing}}"\n}');
    expect(reports).toHaveLength(1);
    expect(reports[0].line).toBe(1);
    expect(reports[0].column).toBeUndefined();
    expect(reports[0].message).toMatch(/^the event's `title\.plainText` comes out HTML-escaped .* no `\{\{ \}\}` of this template prints that path/);
  });

  it('renders the branches that compare event strings with their real values', () => {
    // Static analysis alone would find this too; without the second variant the adversarial
    // verbKind never equals "updateRules" and the dynamic check would have nothing to judge.
    const source = '{"t": "{{#equal verbKind "updateRules"}}{{name}}{{/equal}}"}';
    const root = subjectRoot({ templates: { flag: 'templates/flag.json' }, files: { 'templates/flag.json': source } });
    const only = testSamples().filter((sample) => sample.ref === 'flag/update-rules');
    const reports = runWithSamples(rule, root, only);
    expect(reports).toHaveLength(1);
    expect(reports[0].sample).toBe('flag/update-rules');
  });

  it('reports a template whose output stops parsing once strings carry special characters', () => {
    // `{{{ }}}` outside a JSON string: fine while the value is a bare word, broken once it is not.
    const source = '{"t": "x", "n": {{{key}}} }';
    const event = { ...canonicalFlag(), key: '12' };
    const samples = [{ ref: 'flag/numeric-key', kind: 'flag', tier: 'varied' as const, file: '/x.json', event }];
    const reports = flag(source, undefined, samples);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ line: 1, sample: 'flag/numeric-key' });
    expect(reports[0].message).toMatch(/^renders invalid JSON \(output line 1, column \d+: .*\) when the strings of sample flag\/numeric-key/);
  });

  it('gives one finding per mustache however many samples and kinds show it', () => {
    const source = '{"t": "{{title.plainText}}"}';
    const root = subjectRoot({
      templates: { flag: 'templates/all.json', default: 'templates/all.json', project: 'templates/all.json' },
      files: { 'templates/all.json': source },
    });
    expect(places(runWithSamples(rule, root))).toEqual([at(source, '{{title')]);
  });

  it('quotes each template\'s own mustache, on one line, when one integration has several', () => {
    const flagSource = '{\n  "t": "{{\n    title.plainText\n  }}"\n}';
    const projectSource = '{"p": "{{name}}"}';
    const root = subjectRoot({
      templates: { flag: 'templates/flag.json', project: 'templates/project.json' },
      files: { 'templates/flag.json': flagSource, 'templates/project.json': projectSource },
    });
    const messages = runWithSamples(rule, root).map((report) => `${report.file} ${report.message.split(' HTML-escapes')[0]}`);
    expect(messages).toEqual(['templates/flag.json `{{ title.plainText }}`', 'templates/project.json `{{name}}`']);
  });

  it('is silent for templates it cannot read or parse and for the standard payload', () => {
    expect(flag('{"t": "{{title.plainText"}')).toEqual([]);
    const root = subjectRoot({ templates: { flag: 'templates/none.json' }, files: {} });
    expect(runWithSamples(rule, root)).toEqual([]);
  });
});
