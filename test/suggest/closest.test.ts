import { closest } from '../../scripts/lib/suggest';

describe('closest', () => {
  it('gives typos nearest first, case aside, within a quarter of the word (at least 2 edits)', () => {
    expect(closest('Chanel', ['channel', 'panel', 'label', 'CHANNEL'])).toEqual(['CHANNEL', 'channel', 'panel']);
    expect(closest('abcdefghijkl', ['abcdefghwxyz', 'abcdefghixyz'])).toEqual(['abcdefghixyz']);
    expect(closest('ab', ['xyz'])).toEqual([]);
  });

  it('breaks a tie by the longer shared beginning, then by code units', () => {
    expect(closest('updateRule', ['updateRole', 'updateRules'])).toEqual(['updateRules', 'updateRole']);
    expect(closest('cat', ['cbt', 'cas'])).toEqual(['cas', 'cbt']);
  });

  it('takes a limit, a tolerance per candidate, and candidates close in another way', () => {
    expect(closest('x', ['xa', 'xb', 'xc'], { limit: 2 })).toEqual(['xa', 'xb']);
    expect(closest('abcd', ['abce', 'abcdefgh'], { tolerance: (candidate) => (candidate.length > 4 ? 4 : 0) })).toEqual(['abcdefgh']);
    expect(closest('tag', ['flag/update-tags', 'metric/create'], { alsoClose: (candidate, word) => candidate.includes(word) })).toEqual(['flag/update-tags']);
  });
});
