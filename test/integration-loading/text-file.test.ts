import { decodeText } from '../../scripts/lib/text-file';

describe('decodeText', () => {
  it('returns UTF-8 text as it is, accents and emoji included', () => {
    expect(decodeText(Buffer.from('Ålesund 🚢\n', 'utf8'))).toEqual({ ok: true, text: 'Ålesund 🚢\n' });
  });

  it('places the first byte that is not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('line one\nr'), Buffer.from([0xf8]), Buffer.from('dt\n')]);
    expect(decodeText(bytes)).toEqual({ ok: false, message: 'is not valid UTF-8 text; save it as UTF-8', line: 2, column: 2 });
  });

  it('refuses a byte order mark, which would reach the receiver as the first bytes of the body', () => {
    expect(decodeText(Buffer.from('\uFEFF{"a": 1}', 'utf8'))).toMatchObject({ ok: false, line: 1, column: 1, message: expect.stringContaining('byte order mark') });
  });
});
