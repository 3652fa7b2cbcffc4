import { compileTemplate, TemplateError } from '../../scripts/lib/render/template';
import { callAsWritten, helperCalls, isCall, MAX_PATH_PARTS, MAX_TEMPLATE_DEPTH, parseTemplate, pathText, walk, walkInScope, type CallNode } from '../../scripts/lib/render/template-ast';

type Node = hbs.AST.Node;

/** A short label per node, for comparing visiting orders. */
function label(node: Node): string {
  const n = node as unknown as Record<string, unknown>;
  if (node.type === 'PathExpression') return `path:${n.original}`;
  if (node.type === 'StringLiteral' || node.type === 'NumberLiteral' || node.type === 'BooleanLiteral') return `${node.type}:${n.value}`;
  if (node.type === 'ContentStatement') return `content:${JSON.stringify(n.value)}`;
  if (node.type === 'HashPair') return `pair:${n.key}`;
  return node.type;
}

function visited(source: string): string[] {
  const labels: string[] = [];
  walk(parseTemplate(source), (node) => labels.push(label(node)));
  return labels;
}

describe('callAsWritten', () => {
  const calls = (source: string) => {
    const found: string[] = [];
    walk(parseTemplate(source), (node) => {
      if (isCall(node)) found.push(callAsWritten(node as CallNode));
    });
    return found;
  };

  it('writes each call with its braces, its name as written and one … for each argument', () => {
    expect(calls('{{{pathEncode key}}}{{queryEncode a}}{{#equal a "b"}}x{{/equal}}{{^if a}}y{{/if}}')).toEqual([
      '{{{pathEncode …}}}',
      '{{queryEncode …}}',
      '{{#equal … …}}',
      '{{^if …}}',
    ]);
    expect(calls('{{#if (lookup . "k")}}{{/if}}{{"name" x y=1}}')).toEqual(['{{#if …}}', '(lookup … …)', '{{"name" … y=…}}']);
  });
});

describe('pathText', () => {
  it('brackets the segments Handlebars would not read as names written bare, and those it reads as literals', () => {
    expect(pathText(['title', 'plainText'])).toBe('title.plainText');
    expect(pathText(['tags', '9'])).toBe('tags.[9]');
    expect(pathText(['customProperties', 'change ticket', 'name'])).toBe('customProperties.[change ticket].name');
    expect(pathText(['a', 'true', 'b.c'])).toBe('a.[true].[b.c]');
    // Each form it writes reads back as the same parts.
    for (const parts of [['tags', '9'], ['a', 'true', 'b.c', 'x-y', 'é']]) {
      const mustache = parseTemplate(`{{${pathText(parts)}}}`).body[0] as hbs.AST.MustacheStatement;
      expect((mustache.path as hbs.AST.PathExpression).parts).toEqual(parts);
    }
  });
});

describe('walkInScope', () => {
  it('visits a call\'s path, parameters, hash, main part and else part, in source order', () => {
    expect(visited('{{#if (equal a "b") x=1}}yes{{else}}{{c}}{{/if}}')).toEqual([
      'Program',
      'BlockStatement',
      'path:if',
      'SubExpression',
      'path:equal',
      'path:a',
      'StringLiteral:b',
      'Hash',
      'pair:x',
      'NumberLiteral:1',
      'Program',
      'content:"yes"',
      'Program',
      'MustacheStatement',
      'path:c',
    ]);
  });

  it('visits partial parameters and hashes (not the partial name) and decorator arguments', () => {
    expect(visited('{{> card item size=2}}')).toEqual(['Program', 'PartialStatement', 'path:item', 'Hash', 'pair:size', 'NumberLiteral:2']);
    expect(visited('{{#> layout title}}{{body}}{{/layout}}')).toEqual([
      'Program',
      'PartialBlockStatement',
      'path:title',
      'Program',
      'MustacheStatement',
      'path:body',
    ]);
    expect(visited('{{* decorate a}}')).toEqual(['Program', 'Decorator', 'path:decorate', 'path:a']);
  });

  it('puts block parameters in scope in the main part only, nested ones added to outer ones', () => {
    const scopes: string[] = [];
    walkInScope(parseTemplate('{{#each l as |item|}}{{#each item.m as |inner|}}{{inner}}{{/each}}{{else}}{{item}}{{/each}}'), (node, blockParams) => {
      if (node.type === 'MustacheStatement') scopes.push([...blockParams].sort().join(','));
    });
    expect(scopes).toEqual(['inner,item', '']);
  });

  it('finds every helper call, however deep', () => {
    const calls = helperCalls(parseTemplate('{{#each l}}{{#if (equal a (lookup b "c"))}}{{pathEncode d}}{{/if}}{{/each}}'));
    expect(calls.map((call) => `${call.name}@${call.line}:${call.column}`)).toEqual(['each@1:4', 'if@1:15', 'equal@1:19', 'lookup@1:28', 'pathEncode@1:46']);
  });

  it('takes a name that only starts with `this` for a helper, as Handlebars does, and a scoped or parent path for none', () => {
    const calls = helperCalls(parseTemplate('{{thistle a}}{{this.x a}}{{./y a}}{{../z a}}{{#if (thisOne)}}{{/if}}'));
    expect(calls.map((call) => call.name)).toEqual(['thistle', 'if', 'thisOne']);
  });
});

describe('rendering errors', () => {
  it('carry the position of the missing name and leave stack trace collection as it was', () => {
    const before = Error.stackTraceLimit;
    const template = compileTemplate('{\n  "a": {{missing}}\n}', 'templates/flag.json.hbs');
    let caught: unknown;
    try {
      template.render({});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TemplateError);
    expect(caught).toMatchObject({ file: 'templates/flag.json.hbs', line: 2, column: 10 });
    expect(Error.stackTraceLimit).toBe(before);
  });

  it('tell a partial, which LaunchDarkly never has, at the first place that names it', () => {
    const template = compileTemplate('{\n  "a": "{{#if a}}{{> footer}}{{/if}}"\n}', 'templates/flag.json.hbs');
    expect(() => template.render({ a: true })).toThrow(
      expect.objectContaining({
        message: '`{{> footer}}` is a partial, and LaunchDarkly registers none (an integration cannot ship one): write its text into the template',
        line: 2,
        column: 18,
      }),
    );
    // Not reached, not rendered: nothing to tell.
    expect(template.render({ a: false })).toBe('{\n  "a": ""\n}');
  });

  it('tell a partial whose name is worked out at the only place that could have asked for it', () => {
    expect(() => compileTemplate('{\n  "a": "{{> (lookup . "kind")}}"\n}', 'templates/flag.json').render({ kind: 'flag' })).toThrow(
      expect.objectContaining({
        message: '`{{> (…)}}` asks for `flag`, which is a partial, and LaunchDarkly registers none (an integration cannot ship one): write its text into the template',
        line: 2,
        column: 9,
      }),
    );
  });

  it('tell a decorator, which LaunchDarkly has none of, where it is', () => {
    expect(() => compileTemplate('{"a": 1}\n{{* foo}}', 'templates/flag.json').render({})).toThrow(
      expect.objectContaining({ message: '`{{* foo}}` is a decorator, which LaunchDarkly\'s renderer does not have: remove it', line: 2, column: 1 }),
    );
  });

  it('tell a data variable given to a helper that climbs above every loop where it is', () => {
    expect(() => compileTemplate('x\n{{#if @../key}}x{{/if}}', 'templates/flag.json').render({})).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/^`@\.\.\/key` climbs above the `\{\{#each\}\}` loops around it: /), line: 2, column: 7 }),
    );
  });

  it('name a missing field whose name holds a quote, as a literal in call position reads it', () => {
    expect(() => compileTemplate('{{"a\\"b"}}', 'templates/flag.json').render({})).toThrow(
      expect.objectContaining({ message: '`a"b` is not defined in the event (strict mode makes a missing property an error)', line: 1, column: 3 }),
    );
  });

  it('after a partial block, still name the missing field and its place', () => {
    expect(() => compileTemplate('{{#> p}}{{/p}}{{nope}}', 'templates/flag.json').render({})).toThrow(
      expect.objectContaining({ message: '`nope` is not defined in the event (strict mode makes a missing property an error)', line: 1, column: 17 }),
    );
  });

  it('tell a data variable Handlebars does not set there from a missing event field', () => {
    const renderError = (source: string, context: unknown) => {
      try {
        compileTemplate(source, 'templates/flag.json').render(context);
      } catch (error) {
        return error as TemplateError;
      }
      throw new Error('no error');
    };
    const sets = '`{{#each}}` sets `@index`, `@key`, `@first` and `@last` for its block, and `@root` is the top of what the template reads';
    expect(renderError('{"a": {{@index}} }', {})).toMatchObject({ message: `\`@index\` is read where no \`{{#each}}\` runs: ${sets}`, line: 1, column: 9 });
    expect(renderError('{{#each tags}}\n{{@idx}}{{/each}}', { tags: [1] })).toMatchObject({
      message: `\`@idx\` is no variable Handlebars sets: ${sets}; did you mean \`@index\`?`,
      line: 2,
      column: 3,
    });
    expect(renderError('{{#each tags}}{{@../first}}{{/each}}', { tags: [1] }).message).toBe(`\`@../first\` climbs above the \`{{#each}}\` loops around it: ${sets}`);
    expect(renderError('{{@rot.name}}', { name: 'x' }).message).toBe(`\`@rot\` is no variable Handlebars sets: ${sets}; did you mean \`@root.name\`?`);
    // Handlebars compiles the two alike bodies once, with the loop's places: the failing one is outside it.
    expect(renderError('{"a": "{{#each t}}{{@key}}{{/each}}", "b": "{{#with t}}{{@key}}{{/with}}"}', { t: { x: 1 } })).toMatchObject({
      message: `\`@key\` is read where no \`{{#each}}\` runs: ${sets}`,
      line: 1,
      column: 58,
    });
    // Several copies outside every loop: which one failed no place tells, so each is named.
    const twoOutside = '{"a": "{{#each t}}{{@key}}{{/each}}", "b": "{{#with t}}{{@key}}{{/with}}",\n"c": "{{#with t}}{{@key}}{{/with}}"}';
    expect(renderError(twoOutside, { t: { x: 1 } })).toMatchObject({
      message: `\`@key\` is read where no \`{{#each}}\` runs (or at line 2, column 20): ${sets}`,
      line: 1,
      column: 58,
    });
    // Inside a loop they render, and a missing field is still one.
    expect(compileTemplate('{{#each tags}}{{@index}}{{@key}}{{@first}}{{@last}}{{/each}}', 'templates/flag.json').render({ tags: ['x'] })).toBe('00truetrue');
    expect(renderError('{{#each tags}}{{index}}{{/each}}', { tags: [{}] }).message).toBe('`index` is not defined in the event (strict mode makes a missing property an error)');
  });
});

describe('nesting', () => {
  const blocks = (depth: number) => '{{#if a}}'.repeat(depth) + 'x' + '{{/if}}'.repeat(depth);

  it('parses blocks and subexpressions as deep as the limit', () => {
    expect(() => parseTemplate(blocks(MAX_TEMPLATE_DEPTH))).not.toThrow();
    expect(() => parseTemplate(`{{x ${'(a '.repeat(MAX_TEMPLATE_DEPTH)}b${')'.repeat(MAX_TEMPLATE_DEPTH)}}}`)).not.toThrow();
    // Openers in comments and siblings side by side open no level.
    expect(() => parseTemplate(`${'{{!-- {{#if a}} ( --}}'.repeat(1000)}${'{{#if a}}(x){{else if b}}y{{/if}}'.repeat(1000)}`)).not.toThrow();
  });

  // Handlebars' parser takes seconds to minutes on these (its time grows with about the cube of the depth).
  it.each([
    ['blocks', blocks(2000), 1801],
    ['an else-if chain', `{{#if a}}${'{{else if b}}x'.repeat(2000)}{{/if}}`, 2796],
    ['subexpressions', `{{x ${'(a '.repeat(2000)}b${')'.repeat(2000)}}}`, 605],
    ['unclosed blocks', '\n{{^a}}'.repeat(2000), 1],
  ])('refuses %s nested deeper, at the token that goes too deep, before Handlebars parses', (_, source, column) => {
    const started = Date.now();
    let caught: unknown;
    try {
      compileTemplate(source, 'templates/flag.json');
    } catch (error) {
      caught = error;
    }
    expect(Date.now() - started).toBeLessThan(200);
    expect(caught).toBeInstanceOf(TemplateError);
    expect((caught as Error).message).toBe(`does not parse: blocks and subexpressions nest more than ${MAX_TEMPLATE_DEPTH} levels deep, which no template needs`);
    expect(caught).toMatchObject({
      line: source.startsWith('\n') ? MAX_TEMPLATE_DEPTH + 2 : 1,
      column,
    });
  });
});

describe('path length', () => {
  const path = (parts: number) => Array(parts).fill('a').join('.');

  it('parses a path with as many parts as the limit', () => {
    expect(() => parseTemplate(`{{${path(MAX_PATH_PARTS)}}}`)).not.toThrow();
  });

  // Handlebars' compiled code for such a path overflows JavaScript's stack, an error with no place, on every event.
  it('refuses a longer path at its place, before Handlebars compiles it', () => {
    const source = `{"a": "x",\n "b": "{{{title.${path(4000)}}}}"}`;
    let caught: unknown;
    try {
      compileTemplate(source, 'templates/flag.json').render({ title: {} });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TemplateError);
    expect(caught).toMatchObject({
      message: `does not parse: a path of 4,001 parts, more than the ${MAX_PATH_PARTS} a template may read, and deeper than any event`,
      line: 2,
      column: 11,
    });
  });
});

describe('comments, in the nesting check', () => {
  const blocks = (depth: number) => '{{#if a}}'.repeat(depth) + 'x' + '{{/if}}'.repeat(depth);
  const parseError = (source: string) => {
    try {
      compileTemplate(source, 'templates/flag.json');
    } catch (error) {
      return error as TemplateError;
    }
    throw new Error('no error');
  };

  it('hide nothing after an escaped `\\{{!--`, which is text', () => {
    expect(parseError(`\\{{!-- ${blocks(2000)} --}}`).message).toBe(
      `does not parse: blocks and subexpressions nest more than ${MAX_TEMPLATE_DEPTH} levels deep, which no template needs`,
    );
  });

  // A lazy match of a whole comment scanned to the end of the text for each one left open: 11 s for these.
  it('left open by the thousand are read once, and the parse error is Handlebars\'', () => {
    const started = Date.now();
    expect(parseError('{{!--a'.repeat(43_000)).message).toMatch(/^does not parse: /);
    expect(parseError('{{!a'.repeat(64_000)).message).toMatch(/^does not parse: /);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('places after a line or paragraph separator', () => {
  // Handlebars' lexer stops counting a line's columns at U+2028 and U+2029.
  const mustacheStarts = (source: string) =>
    parseTemplate(source)
      .body.filter((node) => node.type === 'MustacheStatement')
      .map((node) => `${node.loc.start.line}:${node.loc.start.column}`);

  it('are where the text puts them, and the text itself is kept', () => {
    expect(mustacheStarts('a\nb\u2028c{{x}} {{y}}\n\u2029{{z}}')).toEqual(['2:3', '2:9', '3:1']);
    expect(mustacheStarts('{{!-- a\nb\u2029c --}}{{x}}')).toEqual(['2:8']);
    const [text] = parseTemplate('a\nb\u2028c{{x}}').body as hbs.AST.ContentStatement[];
    expect(text.value).toBe('a\nb\u2028c');
  });

  it('are right in errors: a missing name, an unknown helper, a parse error', () => {
    const fail = (source: string, context: unknown = {}) => {
      try {
        compileTemplate(source, 'templates/flag.json').render(context);
      } catch (error) {
        return error as TemplateError;
      }
      throw new Error('no error');
    };
    expect(fail('a\nb\u2028c {{missing}}')).toMatchObject({ line: 2, column: 7 });
    expect(fail('a\nb\u2028c {{nohelper x}}')).toMatchObject({ line: 2, column: 7 });
    // As for `a\nb c {{x}`: at the lone `}`.
    expect(fail('a\nb\u2028c {{x}')).toMatchObject({ line: 2, column: 8 });
  });
});
