import fc from 'fast-check';
import { formatResource, parseResource, parseResourceSpecifier, type Segment } from '../../scripts/lib/policy/specifier';

function segmentsOf(text: string): Segment[] {
  const result = parseResourceSpecifier(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.message}`);
  return result.specifier.segments;
}

function errorOf(text: string): string {
  const result = parseResourceSpecifier(text);
  if (result.ok) throw new Error(`expected ${text} to be refused`);
  return result.message;
}

describe('parseResourceSpecifier accepts', () => {
  it('a flag specifier with wildcards', () => {
    expect(segmentsOf('proj/*:env/production:flag/*')).toEqual([
      { type: 'proj', name: '*', tags: [] },
      { type: 'env', name: 'production', tags: [] },
      { type: 'flag', name: '*', tags: [] },
    ]);
  });

  it('tags on any segment, wildcards in tags', () => {
    expect(segmentsOf('proj/*;mobile:env/*:flag/*;ops,sec*')).toEqual([
      { type: 'proj', name: '*', tags: ['mobile'] },
      { type: 'env', name: '*', tags: [] },
      { type: 'flag', name: '*', tags: ['ops', 'sec*'] },
    ]);
  });

  it.each(['proj/*', 'proj/*:metric/*', 'member/*', 'integration/*', 'proj/mobile:env/*:segment/beta-*', 'code-reference-repository/*', 'proj/qa_*'])(
    '%s',
    (text) => {
      const result = parseResourceSpecifier(text);
      expect(result).toEqual({ ok: true, specifier: expect.objectContaining({ text, any: false }) });
    },
  );

  it('a comma in a name: refused in a specifier (a guess at alternatives), but an event\'s resource may have one', () => {
    expect(parseResourceSpecifier('proj/*:env/production,staging').ok).toBe(false);
    expect(parseResource('proj/a,b:env/x:flag/y').ok).toBe(true);
  });

  it('the bare "*" as every resource', () => {
    expect(parseResourceSpecifier('*')).toEqual({ ok: true, specifier: { text: '*', any: true, segments: [] } });
  });

  it('unicode names', () => {
    expect(segmentsOf('proj/fjørd')).toEqual([{ type: 'proj', name: 'fjørd', tags: [] }]);
  });
});

describe('parseResourceSpecifier refuses, saying why', () => {
  it.each([
    ['', '"" is empty'],
    ['proj/*::flag/*', '"proj/*::flag/*" has an empty segment ("::")'],
    [':proj/*', '":proj/*" starts with ":", leaving the first segment empty'],
    ['proj/*:', '"proj/*:" ends with ":", leaving the last segment empty'],
    ['proj', '"proj" has no "/": each segment is type/name (for any proj, write "proj/*")'],
    ['proj/*:env:flag/*', '"proj/*:env:flag/*": the segment "env" has no "/": each segment is type/name (for any env, write "env/*")'],
    ['/mobile', '"/mobile" has no type before "/"'],
    ['proj/', '"proj/" has no name after "/"; use "*" for any name'],
    ['proj/*:env/', '"proj/*:env/": the segment "env/" has no name after "/"; use "*" for any name'],
    ['proj/a/b', '"proj/a/b" has more than one "/"; each segment is exactly type/name'],
    ['*/x', '"*/x" has a wildcard in its type; only names and tags take "*"'],
    ['pr.oj/x', '"pr.oj/x" has an invalid type "pr.oj"; types are words like proj, env, flag, segment, metric, member'],
    ['proj/*:env/production,staging', '"proj/*:env/production,staging": the segment "env/production,staging" has "," in its name; list each alternative as its own specifier instead'],
    ['proj/*:env/*:flag/*;', '"proj/*:env/*:flag/*;": the segment "flag/*;" has ";" but no tags after it'],
    ['flag/*;ops,,security', '"flag/*;ops,,security" has an empty tag in its tag list "ops,,security"'],
    ['flag/*;ops,', '"flag/*;ops," has an empty tag in its tag list "ops,"'],
    ['flag/*;,ops', '"flag/*;,ops" has an empty tag in its tag list ",ops"'],
    ['flag/*;ops;security', '"flag/*;ops;security" has more than one ";"; separate tags with ","'],
    ['flag/*;ops/x', '"flag/*;ops/x" has "/" in the tag "ops/x"; tags come last in a segment'],
    ['proj/* env/*', '"proj/* env/*" contains whitespace; a resource specifier has none'],
    [' proj/*', '" proj/*" contains whitespace; a resource specifier has none'],
    [';ops', '";ops" has no "/": each segment is type/name'],
    [';proj/x', '";proj/x" has its "/" after ";": a segment is type/name first, then ";" and its tags'],
    ['flag;ops/x', '"flag;ops/x" has its "/" after ";": a segment is type/name first, then ";" and its tags'],
  ])('%j', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '/', ':', ';', ',', '*', ' ', '-', 'é') }), (text) => {
        const result = parseResourceSpecifier(text);
        if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseResource and formatResource', () => {
  it('read a concrete resource, "*" included literally', () => {
    expect(parseResource('proj/harbour-booking:env/test')).toEqual({
      ok: true,
      resource: { segments: [{ type: 'proj', name: 'harbour-booking', tags: [] }, { type: 'env', name: 'test', tags: [] }] },
    });
    expect(parseResource('proj/a:env/*:flag/f;Ops')).toEqual({
      ok: true,
      resource: {
        segments: [
          { type: 'proj', name: 'a', tags: [] },
          { type: 'env', name: '*', tags: [] },
          { type: 'flag', name: 'f', tags: ['Ops'] },
        ],
      },
    });
  });

  it('refuse a bare "*" as a concrete resource', () => {
    expect(parseResource('*')).toEqual({ ok: false, message: '"*" has no "/": each segment is type/name' });
  });

  it('round-trip', () => {
    const token = fc.stringMatching(/^[a-z0-9_.-]{1,8}$/);
    const segment = fc.record({ type: fc.constantFrom('proj', 'env', 'flag', 'member', 'metric'), name: token, tags: fc.array(token, { maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (segments) => {
        const text = formatResource({ segments });
        expect(parseResource(text)).toEqual({ ok: true, resource: { segments } });
      }),
    );
  });
});
