import Handlebars from 'handlebars';
import { jsonEscapeStrings } from '../../scripts/lib/render/context';
import { ADVERSARIAL_TEXT, adversarialEvent, htmlEscapedMarkers } from '../../scripts/lib/rules/template-safety/adversarial';
import { formatPath, isTextual, patternCovers, patternMatches, uniquePatterns, valuesAt, WILDCARD } from '../../scripts/lib/render/event-paths';
import { analyzeTemplate, type PrintSite } from '../../scripts/lib/render/template-analysis';
import { parseTemplate } from '../../scripts/lib/render/template-ast';
import { tripleStash } from '../../scripts/lib/rules/template-safety/escaping';
import { canonicalFlag } from '../fixtures/template-safety/samples';

function prints(source: string): Record<string, Pick<PrintSite, 'kind' | 'inJsonString'> & { paths: string[] }> {
  const result: Record<string, Pick<PrintSite, 'kind' | 'inJsonString'> & { paths: string[] }> = {};
  for (const site of analyzeTemplate(parseTemplate(source)).prints) {
    result[`${site.line}:${site.column}`] = { kind: site.kind, inJsonString: site.inJsonString, paths: site.patterns.map(formatPath) };
  }
  return result;
}

/** `kind:path|path` for each mustache, in the order analysis gives them. */
function kinds(source: string): string[] {
  return Object.values(prints(source)).map((site) => `${site.kind}:${site.paths.join('|')}`);
}

/** `path|path` for each path expression analysis notes, with its place. */
function notedPaths(source: string): string[] {
  return analyzeTemplate(parseTemplate(source)).paths.map((site) => `${site.line}:${site.column} ${site.patterns.map(formatPath).join('|')}`);
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
    // An inverse section and unless render in the context they stand in too.
    expect(kinds('{{#with member}}{{^comment}}{{email}}{{/comment}}{{#unless comment}}{{displayName}}{{/unless}}{{/with}}')).toEqual([
      'event:member.email',
      'event:member.displayName',
    ]);
  });

  it('tells block params from paths that start with the same name', () => {
    // `name` is the block param; `this.name` the item's own field; `../name` the event's.
    expect(kinds('{{#each tags as |name|}}{{name}}{{this.name}}{{../name}}{{/each}}')).toEqual(['event:tags.*', 'event:tags.*.name', 'event:name']);
    expect(kinds('{{#with member as |m|}}{{m.email}}{{/with}}{{#each customProperties as |property|}}{{property.name}}{{/each}}')).toEqual([
      'event:member.email',
      'event:customProperties.*.name',
    ]);
  });

  it('takes a bare helper name for a call, unless a block param of that name shadows it', () => {
    expect(kinds('{{#each entries as |log|}}{{log}}{{/each}}{{log}}')).toEqual(['event:entries.*', 'other:']);
    // Hash arguments alone make a call too.
    expect(kinds('{{name a=1}}')).toEqual(['other:']);
  });

  it('follows a lookup sub-expression into a block, and nothing else a sub-expression gives', () => {
    expect(kinds('{{#with (lookup customProperties "jira")}}{{name}}{{/with}}{{#each (queryEncode tags)}}{{this}}{{/each}}')).toEqual([
      'event:customProperties.jira.name',
      'other:',
    ]);
  });

  it('gives no known context to the body of a block on a literal or on a helper that is not a block helper', () => {
    expect(kinds('{{#true}}{{name}}{{/true}}{{#queryEncode title}}{{name}}{{/queryEncode}}')).toEqual(['other:', 'other:']);
  });

  it('tells form variables, lookups and helpers apart', () => {
    const found = Object.values(
      prints('{{formVariables.a}}{{#with formVariables}}{{b}}{{/with}}{{lookup title "plainText"}}{{lookup tags @index}}{{queryEncode key}}{{formatWithOffset 1 2 "x"}}{{shout name}}{{"lit"}}'),
    ).map((site) => `${site.kind}:${site.paths.join('|')}`);
    expect(found).toEqual(['form:', 'form:', 'event:title.plainText', 'event:tags.*', 'safe-helper:key', 'safe-helper:', 'other:', 'other:']);
    // Every URL-safe helper; form variables among their arguments are not event paths; a numeric lookup key is that index.
    expect(kinds('{{pathEncode key}}{{basicAuthHeaderValue formVariables.apiUser formVariables.apiToken}}{{queryEncode formVariables.channel}}{{lookup tags 1}}')).toEqual([
      'safe-helper:key',
      'safe-helper:',
      'safe-helper:',
      'event:tags.1',
    ]);
    // A lookup without its key (helper-usage reports the call) stands for its object.
    expect(kinds('{{lookup title}}')).toEqual(['event:title']);
  });

  it('knows which mustaches stand inside a JSON string', () => {
    const source = '{"a": "{{x}}", "b": {{y}}, "c": "q \\"{{z}}\\" r", {{#if c}}"d{{/if}}{{w}}"}';
    expect(Object.values(prints(source)).map((site) => site.inJsonString)).toEqual([true, false, true, true]);
    // An escaped quote does not end a string; a mustache right after a backslash ends the escape it starts.
    const escapes = '{"a": "x\\"y", "b": {{y}}, "c": "\\\\{{z}}", "d": {{w}} }';
    expect(Object.values(prints(escapes)).map((site) => site.inJsonString)).toEqual([false, true, false]);
  });

  it('lets a loop body start where the last iteration ended, and if and with run theirs once', () => {
    const inString = (source: string) => Object.values(prints(source)).map((site) => site.inJsonString);
    // The second tag is printed after the first one's quote, inside a string.
    expect(inString('{{#each tags}}{{this}}"{{/each}}')).toEqual([true]);
    expect(inString('{{#tags}}{{this}}"{{/tags}}')).toEqual([true]);
    expect(inString('{{#queryEncode tags}}{{this}}"{{/queryEncode}}')).toEqual([true]);
    expect(inString('{{#if kind}}{{kind}}"{{/if}}')).toEqual([false]);
    expect(inString('{{#with member}}{{email}}"{{/with}}')).toEqual([false]);
  });

  it('lists mustaches and paths by line, then column', () => {
    const source = '{"text": "{{title.plainText}}",\n"who": "{{name}}"}';
    expect(Object.keys(prints(source))).toEqual(['1:11', '2:9']);
    expect(notedPaths(source)).toEqual(['1:13 title.plainText', '2:11 name']);
  });

  it('notes the paths that helpers, hash arguments and sub-expressions read, besides those printed', () => {
    expect(notedPaths('{{#if comment includeZero=tags.length}}{{queryEncode (lookup title "plainText")}}{{/if}}')).toEqual([
      '1:7 comment',
      '1:27 tags.length',
      '1:62 title',
    ]);
  });

  it('lets a section over a form variable keep the context, as Handlebars does for `true`', () => {
    // The value may be true (the context stays), or a string the section enters.
    expect(kinds('{{#formVariables.verbose}}{{title.plainText}}{{/formVariables.verbose}}')).toEqual(['event:title.plainText']);
    const render = (verbose: unknown) =>
      Handlebars.compile('{{#formVariables.verbose}}{{name}}|{{length}}{{/formVariables.verbose}}')({ name: 'N', formVariables: { verbose } });
    expect(render(true)).toBe('N|');
    expect(render('abc')).toBe('|3');
    // No event field is a boolean: a section over one enters it and pushes a level, as before.
    expect(kinds('{{#project}}{{name}}{{/project}}')).toEqual(['event:project.name|project.*.name']);
  });

  it('follows ../ past a level that a section over `true` does not push', () => {
    const analysis = analyzeTemplate(
      parseTemplate('{{#each tags}}{{#../formVariables.verbose}}{{../name}}{{/../formVariables.verbose}}{{/each}}{{#formVariables.verbose}}{{../name}}{{/formVariables.verbose}}'),
    );
    const sites = analysis.paths.filter((site) => site.node.original === '../name');
    // In the loop, `../` leaves the section's level or, for `true`, the loop's.
    expect(sites[0].patterns.map(formatPath)).toEqual(['tags.*.name', 'name']);
    expect(sites[0].pastTop).toBe(false);
    // At the top, `true` leaves `../` nothing to go up to.
    expect(sites[1].patterns.map(formatPath)).toEqual(['name']);
    expect(sites[1].pastTop).toBe(true);
    expect(() => Handlebars.compile('{{#formVariables.verbose}}{{../name}}{{/formVariables.verbose}}', { strict: true })({ name: 'N', formVariables: { verbose: true } })).toThrow(
      /"name" not defined/,
    );
  });

  it('pushes no level for a block over the object in context, and follows both ways where it may be another', () => {
    const uncles = (source: string) =>
      analyzeTemplate(parseTemplate(source))
        .paths.filter((site) => site.node.original === '../name')
        .map((site) => [site.patterns.map(formatPath), site.pastTop]);
    expect(uncles('{{#with project}}{{#with this}}{{../name}}{{/with}}{{#with ../project}}{{../name}}{{/with}}{{/with}}')).toEqual([
      [['name'], false],
      [['name'], false],
    ]);
    // The inner loop's item is the outer one when the indexes meet: Handlebars then pushes no level.
    expect(uncles('{{#each tags}}{{#each ../tags}}{{../name}}{{/each}}{{/each}}')).toEqual([[['tags.*.name', 'name'], false]]);
    const render = Handlebars.compile('{{#each tags}}{{#each ../tags}}{{../name}};{{/each}}{{/each}}');
    expect(render({ name: 'event', tags: [{ name: 'tag' }, { name: 'other' }] })).toBe('event;tag;other;event;');
  });

  it('notes a ../ that goes up past the event', () => {
    const [top, inLoop] = analyzeTemplate(parseTemplate('{{../kind}}{{#each tags}}{{../kind}}{{/each}}')).paths.filter((site) => site.node.original === '../kind');
    expect([top.pastTop, top.patterns]).toEqual([true, []]);
    expect([inLoop.pastTop, inLoop.patterns.map(formatPath)]).toEqual([false, ['kind']]);
  });

  it('walks each block body a bounded number of times, however deep loops nest', () => {
    const depth = 12;
    const source = '{{#each tags}}'.repeat(depth) + '"{{this}}' + '{{/each}}'.repeat(depth);
    const ast = parseTemplate(source);
    let innermost: hbs.AST.Program = ast;
    for (let level = 0; level < depth; level++) innermost = (innermost.body[0] as hbs.AST.BlockStatement).program;
    let walks = 0;
    const body = innermost.body;
    Object.defineProperty(innermost, 'body', {
      get: () => {
        walks++;
        return body;
      },
    });
    const [site] = analyzeTemplate(ast).prints;
    expect(site.inJsonString).toBe(true);
    // Once per set of JSON states it can start in (three states, so at most seven sets), where it took 2^12 before and a loop nested 24 deep took minutes.
    expect(walks).toBeLessThanOrEqual(7);
  });

  it('gives up on the context of sections nested so deep that the ways through them multiply past counting', () => {
    const nested = (depth: number) => '{{#project}}'.repeat(depth) + '{{name}}' + '{{/project}}'.repeat(depth);
    // Each section may enter its value or iterate it: 2^depth ways, 64 at most kept.
    expect(analyzeTemplate(parseTemplate(nested(6))).prints[0].patterns).toHaveLength(64);
    expect(analyzeTemplate(parseTemplate(nested(7))).prints[0]).toMatchObject({ kind: 'other', patterns: [] });
  });

  it('collects what equal and equalWithElse compare', () => {
    const analysis = analyzeTemplate(parseTemplate('{{#equal verbKind "updateOn"}}{{/equal}}{{#with project}}{{#equalWithElse key "x"}}{{else}}{{/equalWithElse}}{{/with}}'));
    expect(analysis.comparedPatterns.map(formatPath)).toEqual(['verbKind', 'project.key']);
    // A data variable is no event path.
    expect(analyzeTemplate(parseTemplate('{{#each customProperties}}{{#equal @key "jira"}}{{/equal}}{{/each}}')).comparedPatterns).toEqual([]);
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

  it('reads an empty key, which a template reads with {{lookup this ""}}, as that key and not as the wildcard', () => {
    expect(valuesAt({ '': 'blank', name: 'named' }, [''])).toEqual(['blank']);
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

  it('finds the values that came out HTML-escaped, not those intact or changed otherwise', () => {
    const { event } = adversarialEvent({ kind: 'flag', a: 'x', b: 'y', c: 'z' });
    const escaped = jsonEscapeStrings(event) as Record<string, string>;
    const output = Handlebars.compile('{{{a}}} {{b}} {{{c}}}')({ ...escaped, c: encodeURIComponent(escaped.c) });
    expect([...htmlEscapedMarkers(output)]).toEqual([2]);
  });
});
