import Handlebars from 'handlebars';
import { jsonEscapeStrings } from '../../scripts/lib/render/context';
import { ADVERSARIAL_TEXT, adversarialEvent, damagedMarkers } from '../../scripts/lib/rules/template-safety/adversarial';
import { formatPath, isTextual, patternCovers, patternMatches, uniquePatterns, valuesAt, WILDCARD } from '../../scripts/lib/render/event-paths';
import { analyzeTemplate, type PrintSite } from '../../scripts/lib/render/template-analysis';
import { parseTemplate } from '../../scripts/lib/render/template-ast';
import { tripleStash } from '../../scripts/lib/rules/template-safety/template-sources';
import { canonicalFlag } from '../fixtures/template-safety/samples';

function prints(source: string): Record<string, Pick<PrintSite, 'kind' | 'inJsonString'> & { paths: string[] }> {
  const result: Record<string, Pick<PrintSite, 'kind' | 'inJsonString'> & { paths: string[] }> = {};
  for (const site of analyzeTemplate(parseTemplate(source)).prints) {
    result[`${site.line}:${site.column}`] = { kind: site.kind, inJsonString: site.inJsonString, paths: site.patterns.map(formatPath) };
  }
  return result;
}

describe('template analysis: what each mustache prints', () => {
  it('follows each, with, sections, block params, this, ../ and @root', () => {
    const source =
      '{{#each tags as |tag i|}}{{tag}}{{i}}{{../name}}{{this}}{{/each}}' +
      '{{#with member}}{{email}}{{@root.kind}}{{/with}}{{#comment}}{{.}}{{/comment}}{{#each customProperties}}{{name}}{{@key}}{{/each}}';
    const found = Object.values(prints(source)).map((site) => `${site.kind}:${site.paths.join('|')}`);
    expect(found).toEqual([
      'event:tags.*',
      'other:',
      'event:name',
      'event:tags.*',
      'event:member.email',
      'event:kind',
      'event:comment|comment.*',
      'event:customProperties.*.name',
      'data:',
    ]);
  });

  it('keeps if/unless/equal in the same context, as Handlebars does for ../', () => {
    const found = Object.values(prints('{{#each tags}}{{#if this}}{{#equal ../kind "flag"}}{{../name}}{{/equal}}{{/if}}{{/each}}'));
    expect(found.map((site) => site.paths.join())).toEqual(['name']);
    // Handlebars agrees: `../` skips blocks that keep the context.
    expect(Handlebars.compile('{{#each tags}}{{#if this}}{{../name}}{{/if}}{{/each}}')({ tags: ['x'], name: 'N' })).toBe('N');
  });

  it('tells form variables, lookups and helpers apart', () => {
    const found = Object.values(
      prints('{{formVariables.a}}{{#with formVariables}}{{b}}{{/with}}{{lookup title "plainText"}}{{lookup tags @index}}{{queryEncode key}}{{formatWithOffset 1 2 "x"}}{{shout name}}{{"lit"}}'),
    ).map((site) => `${site.kind}:${site.paths.join('|')}`);
    expect(found).toEqual(['form:', 'form:', 'event:title.plainText', 'event:tags.*', 'safe-helper:key', 'safe-helper:', 'other:', 'other:']);
  });

  it('knows which mustaches stand inside a JSON string', () => {
    const source = '{"a": "{{x}}", "b": {{y}}, "c": "q \\"{{z}}\\" r", {{#if c}}"d{{/if}}{{w}}"}';
    expect(Object.values(prints(source)).map((site) => site.inJsonString)).toEqual([true, false, true, true]);
  });

  it('collects what equal and equalWithElse compare', () => {
    const analysis = analyzeTemplate(parseTemplate('{{#equal verbKind "updateOn"}}{{/equal}}{{#with project}}{{#equalWithElse key "x"}}{{else}}{{/equalWithElse}}{{/with}}'));
    expect(analysis.comparedPatterns.map(formatPath)).toEqual(['verbKind', 'project.key']);
  });
});

describe('event paths', () => {
  it('reads values through wildcards, indices and array length', () => {
    const event = canonicalFlag();
    expect(valuesAt(event, ['customProperties', WILDCARD, 'name'])).toEqual(['Jira issues', 'Runbook']);
    expect(valuesAt(event, ['tags', '0'])).toEqual(['quayside']);
    expect(valuesAt(event, ['tags', 'length'])).toEqual([1]);
    expect(valuesAt(event, ['nope', 'x'])).toEqual([]);
  });

  it('reads any index of an array, and nothing for an index it lacks, a name other than length, or a wildcard on a string', () => {
    const list = { items: ['i0', 'i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8', 'i9', 'i10', 'i11'] };
    expect(valuesAt(list, ['items', '1'])).toEqual(['i1']);
    expect(valuesAt(list, ['items', '11'])).toEqual(['i11']);
    expect(valuesAt(list, ['items', '12'])).toEqual([]);
    expect(valuesAt(list, ['items', 'name'])).toEqual([]);
    expect(valuesAt({ name: 'Berth allocation' }, ['name', WILDCARD])).toEqual([]);
  });

  it('takes an array for event text when any of its items is', () => {
    expect(isTextual(['FERRY-12', 7])).toBe(true);
    expect(isTextual([['FERRY-12']])).toBe(true);
    expect(isTextual([7, null])).toBe(false);
  });

  it('lets a pattern cover an array it prints whole, and nothing deeper', () => {
    expect(patternCovers(['tags'], ['tags', 2])).toBe(true);
    expect(patternCovers([WILDCARD, 'name'], ['member', 'name'])).toBe(true);
    expect(patternCovers(['title'], ['title', 'plainText'])).toBe(false);
    // A pattern longer than the path names something inside it, even when it ends in a wildcard.
    expect(patternCovers(['tags', WILDCARD], ['tags'])).toBe(false);
  });

  it('lets a pattern match only a path of its own length', () => {
    expect(patternMatches(['tags', WILDCARD], ['tags', 0])).toBe(true);
    expect(patternMatches(['tags'], ['tags', 0])).toBe(false);
  });

  it('writes paths as messages show them', () => {
    expect(formatPath(['tags', 0])).toBe('tags[0]');
    expect(formatPath([WILDCARD, 'name'])).toBe('*.name');
    expect(formatPath(['customProperties', WILDCARD, 'values', 1])).toBe('customProperties.*.values[1]');
    expect(formatPath([])).toBe('this');
  });

  it('keeps patterns whose segments differ only in where they split', () => {
    expect(uniquePatterns([['ab'], ['a', 'b'], ['ab']])).toEqual([['ab'], ['a', 'b']]);
  });

  it('suggests a triple-stash that Handlebars accepts and that prints unescaped', () => {
    for (const written of ['{{x}}', '{{ x }}', '{{~x~}}', '{{~ x}}', '{{lookup a "b"}}']) {
      const fixed = tripleStash(written);
      expect(Handlebars.compile(fixed)({ x: '<&>', a: { b: '"' } })).toMatch(/^(<&>|")$/);
    }
  });
});

describe('adversarial events', () => {
  it('extends every string after a numbered marker, keeps compared ones and fills empty string arrays', () => {
    const { event, markers } = adversarialEvent({ kind: 'flag', name: 'n', verbKind: 'updateOn', tags: [], timestamp: { seconds: 1 } }, [['verbKind']]);
    expect(event).toEqual({
      kind: `flagLDHKADV0Z${ADVERSARIAL_TEXT}`,
      name: `nLDHKADV1Z${ADVERSARIAL_TEXT}`,
      verbKind: 'updateOn',
      tags: [`LDHKADV2Z${ADVERSARIAL_TEXT}`],
      timestamp: { seconds: 1 },
    });
    expect(markers).toEqual([['kind'], ['name'], ['tags', 0]]);
  });

  it('covers every character Handlebars escapes and every one JSON escapes', () => {
    for (const char of ['"', "'", '<', '>', '&', '=', '`', '\\', '\n', '\t', '\u0007']) expect(ADVERSARIAL_TEXT).toContain(char);
    expect(ADVERSARIAL_TEXT).toMatch(/\p{Extended_Pictographic}/u);
    expect(ADVERSARIAL_TEXT).toMatch(/[\u0370-\u03ff\u3040-\u9fff\u0600-\u06ff]/);
  });

  it('tells intact, HTML-escaped and otherwise changed values apart', () => {
    const { event } = adversarialEvent({ kind: 'flag', a: 'x', b: 'y', c: 'z' });
    const escaped = jsonEscapeStrings(event) as Record<string, string>;
    const output = Handlebars.compile('{{{a}}} {{b}} {{{c}}}')({ ...escaped, c: encodeURIComponent(escaped.c) });
    expect([...damagedMarkers(output)]).toEqual([
      [2, 'html-escaped'],
      [3, 'changed'],
    ]);
  });
});
