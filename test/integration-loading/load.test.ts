import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadIntegration, listIntegrationNames } from '../../scripts/lib/integration/load';
import { parseJsonWithPositions } from '../../scripts/lib/integration/json-source';
import { resolveInsideFolder } from '../../scripts/lib/integration/paths';
import { MAX_SOURCE_BYTES } from '../../scripts/lib/text-file';
import { tempDir } from '../helpers/temp-dir';

function rootWith(files: Record<string, string | Buffer>): string {
  const root = tempDir('load');
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

describe('parseJsonWithPositions', () => {
  it('locates values and keys by JSON pointer, escaped segments included', () => {
    const result = parseJsonWithPositions('{\n  "a": {\n    "b/c": [1, "x"],\n    "t~": true\n  }\n}');
    if (!result.ok) throw new Error('should parse');
    expect(result.document.locate('/a/b~1c/1')).toMatchObject({ line: 3, column: 16 });
    expect(result.document.locateKey('/a', 't~')).toMatchObject({ line: 4, column: 5 });
    expect(result.document.locate('/a/t~0')).toMatchObject({ line: 4, column: 11 });
    expect(result.document.locate('/nope')).toBeUndefined();
  });

  it('reports syntax errors with line and column instead of throwing', () => {
    expect(parseJsonWithPositions('{\n  "a": 1,\n}')).toMatchObject({ ok: false, line: 2, column: 9 });
    expect(parseJsonWithPositions("{'a': 1}")).toMatchObject({ ok: false, line: 1, column: 2 });
  });

  it('counts lines that end in \\r\\n or a lone \\r as editors do, in syntax errors too', () => {
    expect(parseJsonWithPositions('{\r  "a": 1,,\r}')).toMatchObject({ ok: false, line: 2, column: 10 });
    expect(parseJsonWithPositions('{\r\n  "a": 1,,\r\n}')).toMatchObject({ ok: false, line: 2, column: 10 });
  });

  it('refuses a BOM and an empty file with a clear message', () => {
    expect(parseJsonWithPositions('\uFEFF{}')).toMatchObject({ ok: false, message: expect.stringContaining('byte order mark') });
    expect(parseJsonWithPositions('  \n')).toMatchObject({ ok: false, message: expect.stringContaining('empty') });
  });
});

describe('loadIntegration', () => {
  it('loads a manifest and keeps positions', () => {
    const root = rootWith({ 'integrations/good/manifest.json': '{\n  "name": "Good"\n}\n' });
    const integration = loadIntegration(root, 'good');
    expect(integration.problem).toBeUndefined();
    expect(integration.manifest).toEqual({ name: 'Good' });
    expect(integration.manifestFile).toBe('integrations/good/manifest.json');
    expect(integration.document?.locate('/name')).toMatchObject({ line: 2, column: 11 });
  });

  it.each([
    ['malformed JSON', '{"name": "x",,}', /invalid JSON/],
    ['an empty file', '', /empty/],
    ['an array', '[1, 2]', /must be a JSON object, but it is an array/],
    ['a string', '"manifest"', /must be a JSON object, but it is a string/],
  ])('reports %s as a problem, never an exception', (_what, content, message) => {
    const root = rootWith({ 'integrations/bad/manifest.json': content });
    const integration = loadIntegration(root, 'bad');
    expect(integration.manifest).toBeUndefined();
    expect(integration.problem?.message).toMatch(message);
  });

  it('reads a manifest after its byte order mark, as the framework\'s CI does, and remembers the mark', () => {
    const root = rootWith({ 'integrations/marked/manifest.json': '\uFEFF{\n  "name": "Marked"\n}\n' });
    const integration = loadIntegration(root, 'marked');
    expect(integration.problem).toBeUndefined();
    expect(integration.startsWithBom).toBe(true);
    expect(integration.manifest).toEqual({ name: 'Marked' });
    expect(integration.document?.locate('/name')).toMatchObject({ line: 2, column: 11 });
    expect(loadIntegration(rootWith({ 'integrations/plain/manifest.json': '{}' }), 'plain').startsWithBom).toBeUndefined();
  });

  it('reports a manifest that is only a byte order mark as empty', () => {
    const root = rootWith({ 'integrations/bare/manifest.json': '\uFEFF' });
    expect(loadIntegration(root, 'bare').problem?.message).toMatch(/empty/);
  });

  it('reports text that is not UTF-8', () => {
    const root = rootWith({ 'integrations/latin/manifest.json': Buffer.from([0x7b, 0x22, 0x6e, 0xe9, 0x22, 0x3a, 0x31, 0x7d]) });
    expect(loadIntegration(root, 'latin').problem?.message).toMatch(/not valid UTF-8/);
  });

  it('refuses, unread, a manifest larger than the kit reads', () => {
    const padded = `{"name": "Big", "description": "${'x'.repeat(MAX_SOURCE_BYTES)}"}`;
    const root = rootWith({ 'integrations/big/manifest.json': padded });
    const integration = loadIntegration(root, 'big');
    expect(integration.manifest).toBeUndefined();
    expect(integration.problem?.message).toBe(
      `manifest.json cannot be read: it holds ${padded.length.toLocaleString('en-US')} bytes, more than the ` +
        `${MAX_SOURCE_BYTES.toLocaleString('en-US')} the kit reads of a manifest or template (real ones hold a few thousand)`,
    );
  });

  it('reports a missing manifest', () => {
    const root = rootWith({ 'integrations/empty/README.md': 'x' });
    expect(loadIntegration(root, 'empty').problem?.message).toMatch(/manifest.json is missing/);
  });

  it('lists integration folders sorted, skipping files and hidden folders', () => {
    const root = rootWith({
      'integrations/zeta/manifest.json': '{}',
      'integrations/alpha/manifest.json': '{}',
      'integrations/.hidden/manifest.json': '{}',
      'integrations/notes.txt': 'x',
    });
    expect(listIntegrationNames(root)).toEqual(['alpha', 'zeta']);
  });
});

describe('resolveInsideFolder', () => {
  const root = rootWith({ 'integrations/x/templates/flag.json': '{}', 'outside.json': '{}' });
  const folder = path.join(root, 'integrations/x');
  fs.symlinkSync(path.join(root, 'outside.json'), path.join(folder, 'templates/link.json'));

  it('accepts paths inside the folder, existing or not', () => {
    expect(resolveInsideFolder(folder, 'templates/flag.json')).toMatchObject({ ok: true });
    expect(resolveInsideFolder(folder, './templates/../templates/new.json')).toMatchObject({ ok: true });
  });

  it.each([
    ['../outside.json', /leaves the integration folder/],
    ['templates/../../../outside.json', /leaves/],
    ['/etc/passwd', /absolute/],
    ['C:\\templates\\flag.json', /absolute/],
    ['\\templates\\flag.json', /absolute/],
    ['templates/link.json', /symbolic link/],
    ['templates/a\0.json', /NUL character/],
  ])('refuses %s', (manifestPath, reason) => {
    const result = resolveInsideFolder(folder, manifestPath);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('accepts a file inside a folder reached through a symbolic link (a fork checked out behind one)', () => {
    const linkedRoot = path.join(tempDir('linked'), 'fork');
    fs.symlinkSync(root, linkedRoot);
    expect(resolveInsideFolder(path.join(linkedRoot, 'integrations/x'), 'templates/flag.json')).toMatchObject({ ok: true });
  });
});

describe('JsonDocument.locate', () => {
  function documentOf(text: string) {
    const parsed = parseJsonWithPositions(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.document;
  }

  it('finds the last of duplicate keys, the one JSON.parse keeps', () => {
    const document = documentOf('{\n  "a": 1,\n  "a": 2\n}');
    expect(document.value).toEqual({ a: 2 });
    expect(document.locate('/a')).toMatchObject({ line: 3, column: 8 });
    expect(document.locateKey('', 'a')).toMatchObject({ line: 3, column: 3 });
  });

  it('decodes ~1 before ~0 in pointers, as RFC 6901 asks', () => {
    const document = documentOf('{"~1": "tilde-one", "/": "slash", "a/b": {"c~d": true}}');
    expect(document.locate('/~01')).toMatchObject({ line: 1, column: 8 });
    expect(document.locate('/~1')).toMatchObject({ line: 1, column: 26 });
    expect(document.locate('/a~1b/c~0d')).toMatchObject({ line: 1, column: 50 });
  });

  it('places a character of a string value through the escapes written before it', () => {
    // The text is `a"b\\c\n{{x}}é{{y}}`: line 2 of it starts after the escaped line break.
    const text = '{\n  "url": "a\\"b\\\\c\\n{{x}}\\u00e9{{y}}"\n}';
    const document = documentOf(text);
    expect((document.value as { url: string }).url).toBe('a"b\\c\n{{x}}é{{y}}');
    const column = (needle: string) => text.split('\n')[1].indexOf(needle) + 1;
    expect(document.locateInString('/url', { line: 1, column: 1 })).toEqual({ line: 2, column: column('a') });
    expect(document.locateInString('/url', { line: 1, column: 4 })).toEqual({ line: 2, column: column('\\\\') });
    expect(document.locateInString('/url', { line: 2, column: 1 })).toEqual({ line: 2, column: column('{{x}}') });
    expect(document.locateInString('/url', { line: 2, column: 6 })).toEqual({ line: 2, column: column('\\u00e9') });
    expect(document.locateInString('/url', { line: 2, column: 7 })).toEqual({ line: 2, column: column('{{y}}') });
    // The end of the text is a place (an unclosed mustache ends there); past it, none.
    expect(document.locateInString('/url', { line: 2, column: 12 })).toEqual({ line: 2, column: text.split('\n')[1].lastIndexOf('"') + 1 });
    expect(document.locateInString('/url', { line: 2, column: 13 })).toBeUndefined();
    expect(document.locateInString('/url', { line: 3, column: 1 })).toBeUndefined();
  });

  it('counts a line break written as \\r\\n once, and a lone \\r as one, as Handlebars does', () => {
    const document = documentOf('{"v": "a\\r\\nb\\rc"}');
    expect(document.locateInString('/v', { line: 2, column: 1 })).toEqual({ line: 1, column: 13 });
    expect(document.locateInString('/v', { line: 3, column: 1 })).toEqual({ line: 1, column: 16 });
  });

  it('places nothing inside what is not a string', () => {
    const document = documentOf('{"n": 12, "o": {}}');
    expect(document.locateInString('/n', { line: 1, column: 1 })).toBeUndefined();
    expect(document.locateInString('/o', { line: 1, column: 1 })).toBeUndefined();
    expect(document.locateInString('/missing', { line: 1, column: 1 })).toBeUndefined();
  });

  it('takes array indexes only in their canonical form', () => {
    const document = documentOf('{"arr": [10, 20]}');
    expect(document.locate('/arr/1')).toMatchObject({ line: 1, column: 14 });
    expect(document.locate('/arr/01')).toBeUndefined();
    expect(document.locate('/arr/-1')).toBeUndefined();
  });
});

describe('parseJsonWithPositions, where JSON.parse is stricter than the position parser', () => {
  it('reports a raw control character inside a string at its position', () => {
    const result = parseJsonWithPositions('{\n  "a": "line\nbreak"\n}');
    expect(result).toMatchObject({ ok: false, line: 2, column: 13, message: expect.stringMatching(/^invalid JSON: /) });
  });
});

describe('parseJsonWithPositions on a truncated file', () => {
  it('places the missing end at the end of the text, not at 1:1, and says the file is cut short', () => {
    expect(parseJsonWithPositions('{ "name": "x",\n  "version": \n')).toMatchObject({
      ok: false,
      line: 3,
      column: 1,
      message: 'invalid JSON: expected a value, found the end of the text: the file is cut short, or a closing `}`, `]` or `"` is missing',
    });
    expect(parseJsonWithPositions('{\n  "a": {')).toMatchObject({ ok: false, line: 2, column: 9, message: expect.stringMatching(/found the end of the text: the file is cut short/) });
  });

  it('names the character at fault in the words of JSON, not a parser\'s token names', () => {
    expect(parseJsonWithPositions('{\n  "a": 1,\n}')).toMatchObject({ ok: false, line: 2, column: 9, message: 'invalid JSON: trailing comma before `}`' });
    expect(parseJsonWithPositions('{"a": 1 "b": 2}')).toMatchObject({ ok: false, line: 1, column: 9, message: 'invalid JSON: expected `,` or `}` after a property value, found `"`' });
  });
});

describe('parseJsonWithPositions on deeply nested input', () => {
  it('refuses valid JSON nested deeper than the kit reads, and finds the syntax error of invalid JSON however deep, without overflowing the stack', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    expect(parseJsonWithPositions(deep)).toMatchObject({ ok: false, message: expect.stringMatching(/nests more than 200 levels deep/) });
    expect(parseJsonWithPositions('['.repeat(5000))).toMatchObject({
      ok: false,
      line: 1,
      column: 5001,
      message: 'invalid JSON: expected a value, found the end of the text: the file is cut short, or a closing `}`, `]` or `"` is missing',
    });
    const strayAfterDeep = `${'['.repeat(300)}{"a": [1]}${']'.repeat(300)}\n x`;
    expect(parseJsonWithPositions(strayAfterDeep)).toMatchObject({ ok: false, line: 2, column: 2, message: 'invalid JSON: unexpected `x` after the JSON value' });
    const fine = '['.repeat(200) + ']'.repeat(200);
    expect(parseJsonWithPositions(fine).ok).toBe(true);
  });
});
