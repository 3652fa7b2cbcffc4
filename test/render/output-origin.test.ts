import * as fs from 'node:fs';
import * as path from 'node:path';
import { listIntegrationNames, loadIntegration } from '../../scripts/lib/integration/load';
import { isJsonTemplate, templateContext } from '../../scripts/lib/render/context';
import { resolveFormValues } from '../../scripts/lib/render/form-values';
import { markedTree, originInOutput } from '../../scripts/lib/render/output-origin';
import { RenderSetup } from '../../scripts/lib/render/request';
import { compileTemplate, TemplateError } from '../../scripts/lib/render/template';
import { createHandlebars } from '../../scripts/lib/render/handlebars-env';
import { loadSamples } from '../../scripts/lib/samples/load';

const originOf = (source: string, context: unknown, offset: number) => {
  const template = compileTemplate(source, 'templates/flag.json');
  return template.originOf(context, template.render(context), offset);
};

describe('originOf', () => {
  it('places a character of a text at its line and column in the template', () => {
    const source = '{\n  "a": 1,\n{{#if on}}  "b": 2,\n{{/if}}\n}';
    const output = compileTemplate(source, 'templates/flag.json').render({ on: true });
    // The `}` after the trailing comma: the last character of the output, alone on the template's line 5.
    expect(output.endsWith(',\n}')).toBe(true);
    expect(originOf(source, { on: true }, output.length - 1)).toEqual({ line: 5, column: 1 });
    expect(originOf(source, { on: true }, output.indexOf('"b"'))).toEqual({ line: 3, column: 13 });
  });

  it('places a character a value wrote at the `{{` of the value', () => {
    const source = '{"t": "{{{title}}}", "n": 1}';
    const context = { title: 'say "hi"' };
    const output = compileTemplate(source, 'templates/flag.json').render(context);
    expect(originOf(source, context, output.indexOf('hi'))).toEqual({ line: 1, column: 8 });
  });

  it('counts from where whitespace control left a text, not from where the text began', () => {
    const source = '{{#if on}}\n  {{~x~}}   ,y{{/if}}';
    const output = compileTemplate(source, 'templates/flag.json').render({ on: true, x: 'x' });
    expect(output).toBe('x,y');
    expect(originOf(source, { on: true, x: 'x' }, 1)).toEqual({ line: 2, column: 13 });
  });

  it('places the end of the output just after the last text written', () => {
    const source = '{"a": [1,\n  2';
    expect(originOf(source, {}, source.length)).toEqual({ line: 2, column: 4 });
  });

  it('counts a standalone line\'s leftover from where whitespace control cut it, though the same text comes earlier', () => {
    // The text between the blocks is "\n\n  "; the standalone tags leave its middle "\n", on line 3.
    const source = '{{#if a}}\n{{/if}}\n\n  {{#if a}}\n{{/if}}x,';
    const output = compileTemplate(source, 'templates/flag.json').render({ a: false });
    expect(output).toBe('\nx,');
    expect(originOf(source, { a: false }, 0)).toEqual({ line: 3, column: 1 });
  });

  it('keeps a line break written as \\r\\n on its own line', () => {
    const source = '{\r\n  "a": 1,\r\n}';
    expect(originOf(source, {}, 1)).toEqual({ line: 1, column: 2 });
    expect(originOf(source, {}, 2)).toEqual({ line: 1, column: 3 });
    expect(originOf(source, {}, 3)).toEqual({ line: 2, column: 1 });
  });

  it('gives no position for a template with partials or decorators, whose text no marker precedes', () => {
    const context = { v: 1 };
    expect(originOf('{"a": {{v}}{{#> nope}}, }{{/nope}}', context, 11)).toBeUndefined();
    expect(originOf('{{#*inline "p"}}, "x": 1,{{/inline}}{"a": {{v}}{{> p}} }', context, 7)).toBeUndefined();
  });

  it('gives no position when a value holds the marker characters, rather than a wrong one', () => {
    expect(originOf('{"a": "{{{v}}}", }', { v: '\uE0000\uE001' }, 10)).toBeUndefined();
  });

  it('is asked only of a context the template renders: render() tells why another does not', () => {
    expect(() => originOf('{{a.b}}', {}, 0)).toThrow(TemplateError);
  });
});

describe('originInOutput', () => {
  it('gives no position when the marked render is not the output with markers added', () => {
    const { traced } = markedTree('{{#if a}}x{{/if}}')!;
    // As if a helper had upper-cased its block, marker and all.
    expect(originInOutput('\uE000' + '0\uE001X', traced, 'x', 0)).toBeUndefined();
    expect(originInOutput('\uE0000\uE001x', traced, 'x', 0)).toEqual({ line: 1, column: 10 });
  });
});

describe('originOf on real templates', () => {
  const root = path.join(__dirname, '..', '..');
  const samples = loadSamples();
  const templates = listIntegrationNames(root).flatMap((name) => {
    const integration = loadIntegration(root, name);
    const hook = integration.manifest?.capabilities?.auditLogEventsHook;
    return Object.entries(hook?.templates ?? {}).map(([kind, file]) => ({ integration, kind, file: file as string }));
  });

  it('finds templates to check', () => {
    expect(templates.length).toBeGreaterThan(0);
  });

  it.each(templates.map((entry) => [`${entry.integration.name}/${entry.file}`, entry] as const))(
    '%s: each output character checked is traced to the template place that wrote it',
    (_label, { integration, file }) => {
      const setup = new RenderSetup(integration);
      const source = fs.readFileSync(path.join(integration.dir, file), 'utf8');
      const lines = source.split('\n');
      const template = setup.template(file);
      // One marked render per event serves every offset of its output.
      const { tree, traced } = markedTree(source)!;
      const marked = createHandlebars().compile(tree, { strict: true });
      const valueStarts = new Set(traced.filter((node) => node.type === 'MustacheStatement').map((node) => `${node.loc.start.line}:${node.loc.start.column + 1}`));
      const formValues = resolveFormValues(setup.formVariables, {}, 'ci').values;
      let checked = 0;
      const misplaced: string[] = [];
      for (const sample of samples) {
        const context = templateContext(sample.event, formValues, isJsonTemplate(file));
        let output: string;
        try {
          output = template.render(context);
        } catch {
          continue; // An event of a kind this template does not serve.
        }
        const markedOutput = marked(context);
        for (let offset = 0; offset < output.length; offset += 3) {
          const origin = originInOutput(markedOutput, traced, output, offset);
          const atSource = origin ? lines[origin.line - 1].slice(origin.column - 1) : undefined;
          // A value's character is placed at the `{{` of a value; a text's is that very character of
          // the source, a line break the end of its line.
          const byValue = origin !== undefined && valueStarts.has(`${origin.line}:${origin.column}`);
          const byText = output[offset] === '\n' ? atSource === '' : atSource?.startsWith(output[offset]);
          if (!byValue && !byText) misplaced.push(`${sample.ref} offset ${offset}: ${JSON.stringify(origin)}`);
          checked++;
        }
      }
      expect(misplaced.slice(0, 5)).toEqual([]);
      expect(checked).toBeGreaterThan(0);
    },
  );
});
