import fc from 'fast-check';
import { globMatch, hasWildcard, matchesEverything } from '../../scripts/lib/policy/glob';

/** An independent oracle: the glob as a RegExp, every metacharacter escaped. Test code only. */
function viaRegExp(pattern: string, text: string, ignoreCase = false): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
    .join('[\\s\\S]*');
  return new RegExp(`^${source}$`, ignoreCase ? 'iu' : 'u').test(text);
}

describe('globMatch', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything at all', true],
    ['production', 'production', true],
    ['production', 'Production', false],
    ['qa_*', 'qa_eu', true],
    ['qa_*', 'qa_', true],
    ['qa_*', 'qa', false],
    ['*-beta', 'cabin-beta', true],
    ['*-beta', 'cabin-beta-2', false],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'acb', false],
    ['**', 'x', true],
    ['', '', true],
    ['', 'x', false],
    ['x', '', false],
  ])('%j against %j is %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  it('lets a "*" after other characters match the empty run too', () => {
    // Random patterns and texts rarely match each other, so the RegExp property below seldom meets these.
    expect(globMatch('a*b', 'ab')).toBe(true);
    expect(globMatch('*-beta', '-beta')).toBe(true);
    expect(globMatch('qa_*_eu', 'qa__eu')).toBe(true);
  });

  it('treats regex metacharacters as themselves', () => {
    expect(globMatch('a.c', 'abc')).toBe(false);
    expect(globMatch('a.c', 'a.c')).toBe(true);
    expect(globMatch('(x|y)+', 'x')).toBe(false);
    expect(globMatch('(x|y)+', '(x|y)+')).toBe(true);
    expect(globMatch('[ab]', 'a')).toBe(false);
    expect(globMatch('a?', 'ab')).toBe(false);
    expect(globMatch('^$\\', '^$\\')).toBe(true);
  });

  it('ignores case only when asked', () => {
    expect(globMatch('OPS', 'ops')).toBe(false);
    expect(globMatch('OPS', 'ops', { ignoreCase: true })).toBe(true);
    expect(globMatch('Sec*', 'SECURITY', { ignoreCase: true })).toBe(true);
  });

  it('answers patterns that make naive backtracking explode', () => {
    // Naive backtracking tries some 5000^10 splits here and would never return within the test's
    // timeout; no clock is read, so a slow machine cannot fail it.
    expect(globMatch('*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false);
    expect(globMatch('*a*a*a*a*a*a*a*a*a*a*', 'a'.repeat(5000))).toBe(true);
  });

  it('agrees with an escaped RegExp on any pattern and text', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', '*', '.', '\\', '(', '[', '?', '+', '$', 'é');
    const word = fc.array(alphabet, { maxLength: 10 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(word, word, fc.boolean(), (pattern, text, ignoreCase) => {
        expect(globMatch(pattern, text, { ignoreCase })).toBe(viaRegExp(pattern, text, ignoreCase));
      }),
      { numRuns: 2000 },
    );
  });

  it('lets "*" match every string', () => {
    fc.assert(fc.property(fc.string(), (text) => globMatch('*', text)));
  });

  it('lets a string without "*" match exactly itself', () => {
    const literal = fc.string().filter((text) => !text.includes('*'));
    fc.assert(fc.property(literal, fc.string(), (pattern, text) => globMatch(pattern, text) === (pattern === text)));
  });
});

describe('hasWildcard and matchesEverything', () => {
  it('recognise wildcards and all-star patterns', () => {
    expect(hasWildcard('qa_*')).toBe(true);
    expect(hasWildcard('qa')).toBe(false);
    expect(matchesEverything('*')).toBe(true);
    expect(matchesEverything('***')).toBe(true);
    expect(matchesEverything('a*')).toBe(false);
    expect(matchesEverything('')).toBe(false);
  });
});
