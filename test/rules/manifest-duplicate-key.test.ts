import rule from '../../scripts/lib/rules/checks/manifest-duplicate-key';
import { repeatedKeys } from '../../scripts/lib/json-syntax';
import { loadIntegration } from '../../scripts/lib/integration/load';
import { createFixtureRoot, runRule, validFiles, validManifest } from '../helpers/fixture-root';

/** The valid manifest as text, with `extra` written into the top-level object after `"name"`. */
function manifestWith(extra: string): string {
  const text = JSON.stringify(validManifest(), null, 2);
  return text.replace(/\n {2}"name": ("[^"]*"),\n/, (line) => `${line}${extra}\n`);
}

function check(manifestText: string) {
  return runRule(rule, createFixtureRoot({ subject: { manifestText, files: validFiles() } }), 'subject');
}

describe('manifest-duplicate-key', () => {
  it('is a warning of our own: the framework\'s CI keeps the last value without a word', () => {
    expect(rule.severity).toBe('warning');
    expect(rule.ciRule).toBeUndefined();
  });

  it('is silent on a manifest without repeated keys', () => {
    expect(check(JSON.stringify(validManifest(), null, 2))).toEqual([]);
  });

  it('reports a repeated top-level key at its second writing, naming the first', () => {
    const text = manifestWith('  "name": "Second name",');
    expect(check(text)).toEqual([
      {
        line: 3,
        column: 3,
        message: '`name` is written again in the top-level object (first at line 2, column 3): only this last value counts, and the first is ignored',
      },
    ]);
    // What every reader sees is the last one.
    expect(loadIntegration(createFixtureRoot({ subject: { manifestText: text, files: validFiles() } }), 'subject').manifest?.name).toBe('Second name');
  });

  it('names the object by its JSON pointer, inside arrays too, and each further writing', () => {
    const manifest = validManifest() as Record<string, unknown>;
    const text = JSON.stringify(manifest, null, 2).replace(
      /("formVariables": \[\n {4}\{\n)/,
      '$1      "key": "first",\n      "key": "second",\n',
    );
    const reports = check(text);
    expect(reports.map((report) => report.message)).toEqual([
      expect.stringMatching(/^`key` is written again in `\/formVariables\/0` \(first at line \d+, column 7\)/),
      expect.stringMatching(/^`key` is written again in `\/formVariables\/0` \(first at line \d+, column 7\)/),
    ]);
  });
});

const keysRepeatedIn = (text: string) => repeatedKeys(text, JSON.parse(text));

describe('repeatedKeys', () => {
  it('compares keys as JSON reads them: escapes spelled differently are the same key', () => {
    expect(keysRepeatedIn('{"a": 1, "\\u0061": 2}')).toEqual([{ path: [], key: 'a', firstOffset: 1, offset: 9 }]);
  });

  it('gives each repeat the path of its object, past closed siblings and empty containers', () => {
    const text = '{"a": [{"x": []}, {}, {"b": {"k": 1, "k": 2}}], "c": {"k": [{}], "k": 2}}';
    expect(keysRepeatedIn(text).map(({ path, key }) => ({ path, key }))).toEqual([
      { path: ['a', 2, 'b'], key: 'k' },
      { path: ['c'], key: 'k' },
    ]);
  });

  it('keeps objects apart: the same key in two objects is no repeat', () => {
    expect(keysRepeatedIn('{"x": {"a": 1}, "y": {"a": 2}, "z": [{"a": 1}, {"a": 2}]}')).toEqual([]);
  });

  it('tells keys from values by the text\'s own strings: a colon or an escaped quote inside a value is no key', () => {
    expect(keysRepeatedIn('{"a": "b\\": 1", "c": ["\\"a\\":", "a:"], "d": {"a": "a"}}')).toEqual([]);
    expect(keysRepeatedIn('{"a": "b\\": 1", "a" : 2}')).toEqual([{ path: [], key: 'a', firstOffset: 1, offset: 16 }]);
  });

  it('gives the path of a nested object, array indexes as numbers', () => {
    expect(keysRepeatedIn('{"list": [0, {"k": 1, "k": 2}]}')).toEqual([{ path: ['list', 1], key: 'k', firstOffset: 14, offset: 22 }]);
  });
});
