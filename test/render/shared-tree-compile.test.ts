import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildCorpus } from '../../scripts/bench/corpus';
import { createHandlebars } from '../../scripts/lib/render/handlebars-env';
import { compileTemplate } from '../../scripts/lib/render/template';
import { parseTemplate } from '../../scripts/lib/render/template-ast';
import { loadSamples } from '../../scripts/lib/samples/load';
import { templateContext } from '../../scripts/lib/render/context';

const REPO = path.resolve(__dirname, '../..');

/** Notes that only Handlebars reads: whitespace control's, and the compiler's on call targets. */
const HANDLEBARS_NOTES = new Set(['leftStripped', 'rightStripped', 'strict', 'falsy']);

/** The tree as analysis reads it. */
function asReadersSeeIt(tree: hbs.AST.Program): string {
  return JSON.stringify(tree, (key, value) => (HANDLEBARS_NOTES.has(key) ? undefined : value));
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Whitespace control in every shape: standalone blocks, `~` on either side, else chains, comments. */
const WHITESPACE_CASES = [
  '{\n  {{#if a}}\n  "a": 1\n  {{else if b}}\n  "b": 2\n  {{else}}\n  "c": 3\n  {{/if}}\n}',
  'x  {{~a~}}  y\n{{~#each list~}} [{{this}}] {{~/each~}}\n  end',
  '  {{! a standalone comment }}\n{{#unless a}}\n\n  none\n{{/unless}}\n',
  '{{#each items as |item|}}\n  {{#with item}}\n    {{name}}\n  {{/with}}\n{{/each}}\n',
  '\t{{~#if a}}\t\n  \t{{~^}}\n{{/if~}}\t',
];

/** What Handlebars' compiler rewrites in place: literals in call position, partials without a context. */
const REWRITTEN_CASES = ['{{"text"}} {{#true}}x{{/true}}', '{{#> p}}fallback{{/p}}{{> q}}{{nope}}'];

function templateTexts(): { name: string; text: string }[] {
  const texts = [
    ...filesUnder(path.join(REPO, 'integrations'), /\.(json|hbs)$/).filter((file) => file.includes(`${path.sep}templates${path.sep}`)),
    ...filesUnder(path.join(REPO, 'test/fixtures/template-safety'), /\.(json|hbs)$/).filter((file) => !file.endsWith('manifest.json')),
  ].map((file) => ({ name: path.relative(REPO, file), text: fs.readFileSync(file, 'utf8') }));
  for (const entry of buildCorpus(150)) {
    for (const [file, text] of Object.entries(entry.files)) {
      if (file.startsWith('templates/')) texts.push({ name: `corpus ${entry.name}/${file}`, text });
    }
  }
  WHITESPACE_CASES.forEach((text, index) => texts.push({ name: `whitespace case ${index}`, text }));
  REWRITTEN_CASES.forEach((text, index) => texts.push({ name: `rewritten case ${index}`, text }));
  // The corpus repeats templates across integrations of one archetype: one of each text is enough.
  const seen = new Set<string>();
  return texts.filter(({ text }) => !seen.has(text) && seen.add(text));
}

describe('compiling a shared tree', () => {
  const samples = loadSamples();
  const texts = templateTexts();

  it('covers our integrations, the template fixtures and the bench corpus', () => {
    expect(texts.length).toBeGreaterThan(100);
  });

  it('leaves the tree as other readers saw it and renders what compiling the source renders', () => {
    let compared = 0;
    for (const { name, text } of texts) {
      let tree: hbs.AST.Program;
      try {
        tree = parseTemplate(text);
      } catch {
        continue;
      }
      const before = asReadersSeeIt(tree);
      const fromTree = compileTemplate(text, name, undefined, tree);
      const fromSource = compileTemplate(text, name);
      // A second integration with the same text compiles the tree the first one compiled.
      const fromTreeAgain = compileTemplate(text, name, undefined, tree);
      // What Handlebars renders when it compiles the text itself, with none of our sharing.
      const reference = createHandlebars().compile(text, { strict: true });
      for (const sample of samples) {
        const context = templateContext(sample.event, { channel: 'ops' }, name.includes('.json'));
        const outcome = (render: () => string) => {
          try {
            return render();
          } catch {
            return 'error';
          }
        };
        const expected = [name, outcome(() => reference(context, { allowProtoMethodsByDefault: false, allowProtoPropertiesByDefault: false }))];
        expect([name, outcome(() => fromSource.render(context))]).toEqual(expected);
        expect([name, outcome(() => fromTree.render(context))]).toEqual(expected);
        expect([name, outcome(() => fromTreeAgain.render(context))]).toEqual(expected);
      }
      expect([name, asReadersSeeIt(tree)]).toEqual([name, before]);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('compiles a private tree when compiling would rewrite a literal in call position', () => {
    const text = '{{"quoted"}} {{#if true}}{{true}}{{/if}}';
    const tree = parseTemplate(text);
    const before = JSON.stringify(tree);
    const compiled = compileTemplate(text, 't.txt', undefined, tree);
    expect(compiled.ast).not.toBe(tree);
    expect(compiled.render({ quoted: 'q', true: 't' })).toBe('q t');
    expect(JSON.stringify(tree)).toBe(before);
    expect(tree.body[0]).toMatchObject({ type: 'MustacheStatement', path: { type: 'StringLiteral' } });
  });

  it('compiles a private tree for a partial, to which compiling adds a context without a place', () => {
    const text = '{{#> shared-tree-test}}fallback{{/shared-tree-test}}';
    const tree = parseTemplate(text);
    const before = JSON.stringify(tree);
    const compiled = compileTemplate(text, 't.txt', undefined, tree);
    expect(compiled.render({})).toBe('fallback');
    expect(compiled.ast).not.toBe(tree);
    expect(JSON.stringify(tree)).toBe(before);
  });

  it('shares compiled code between environments, never their helpers', () => {
    const text = '{{#if flag}}{{queryEncode name}}{{else}}{{pathEncode name}}{{/if}}';
    const loud = createHandlebars({ queryEncode: (value: string) => `${value.toUpperCase()}!`, pathEncode: () => 'x' });
    const quiet = createHandlebars({ queryEncode: () => 'x', pathEncode: (value: string) => `(${value})` });
    const first = compileTemplate(text, 'a.txt', loud);
    const second = compileTemplate(text, 'b.txt', quiet);
    expect(first.render({ flag: true, name: 'go' })).toBe('GO!');
    expect(second.render({ flag: true, name: 'go' })).toBe('x');
    expect(second.render({ flag: false, name: 'go' })).toBe('(go)');
  });

  it('reports a compile error from the render, with the file of the template that failed', () => {
    // The parser accepts a partial with two arguments; only the compiler refuses it.
    const text = '{{> p a b}}';
    const first = compileTemplate(text, 'first.txt');
    const second = compileTemplate(text, 'second.txt');
    const refused = { name: 'TemplateError', message: 'Unsupported number of partial arguments: 2' };
    expect(() => first.render({})).toThrow(expect.objectContaining({ ...refused, file: 'first.txt' }));
    expect(() => second.render({})).toThrow(expect.objectContaining({ ...refused, file: 'second.txt' }));
  });
});
