import { checkJson } from '../../scripts/lib/json-syntax';

describe('checkJson on long strings', () => {
  it('places an error after a string of millions of characters', () => {
    const result = checkJson(`{"a": "${'x'.repeat(3_000_000)}\u0001"}`);
    expect(result).toMatchObject({ ok: false, line: 1, column: 3_000_008, message: 'control character U+0001 inside a string: write it escaped' });
  });

  it('walks a string of a million escapes to the error after it', () => {
    const result = checkJson(`{"a": "${'\\n'.repeat(1_000_000)}" "b": 1}`);
    expect(result).toMatchObject({ ok: false, line: 1, column: 2_000_010, message: 'expected `,` or `}` after a property value, found `"`' });
  });

  it('still names a bad escape or number at its place', () => {
    expect(checkJson('{"a": "\\x"}')).toMatchObject({ ok: false, column: 8, message: 'invalid escape `\\x` in a string' });
    expect(checkJson('{"a": -}')).toMatchObject({ ok: false, column: 7, message: 'invalid number' });
    expect(checkJson('{"a": "open')).toMatchObject({ ok: false, column: 12, message: 'unterminated string' });
  });
});
