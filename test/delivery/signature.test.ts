import { createHmac } from 'node:crypto';
import { DEFAULT_SIGNATURE_HEADER, signBody, signRequest, verifySignature } from '../../scripts/lib/delivery';

// Expected values come from outside this code: RFC 4231 test case 2, and
// `printf '<body>' | openssl dgst -sha256 -hmac <secret>` for the others.
const RFC4231_CASE_2 = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
const LD_BODY = '{"kind":"flag","date":1472243938774}';
const LD_BODY_SIGNATURE = '7a3af2ee9d7a9ca21fb170f47d1d11af4d9432e6d6048edd58d47e1392704105';
// "café ✓" as UTF-8 bytes, keyed with "k".
const UTF8_BYTES = Buffer.from([0x63, 0x61, 0x66, 0xc3, 0xa9, 0x20, 0xe2, 0x9c, 0x93]);
const UTF8_SIGNATURE = 'e5642ef1a49f1dc4c635630134ed9c382a4608193c4ffa3078cbf17fd0ffbf00';

describe('signBody', () => {
  it('matches published and openssl-computed HMAC-SHA256 vectors, as lowercase hex', () => {
    expect(signBody('what do ya want for nothing?', 'Jefe')).toBe(RFC4231_CASE_2);
    expect(signBody(LD_BODY, 'hook-secret')).toBe(LD_BODY_SIGNATURE);
  });

  it('signs a string as its UTF-8 bytes, the same as the Buffer of those bytes', () => {
    expect(signBody(UTF8_BYTES, 'k')).toBe(UTF8_SIGNATURE);
    expect(signBody('café ✓', 'k')).toBe(UTF8_SIGNATURE);
  });

  it('names the LaunchDarkly header', () => {
    expect(DEFAULT_SIGNATURE_HEADER).toBe('X-LD-Signature');
  });
});

describe('verifySignature', () => {
  const body = Buffer.from(LD_BODY);

  it('accepts the right signature, in either hex case and with stray whitespace', () => {
    expect(verifySignature(body, 'hook-secret', LD_BODY_SIGNATURE)).toBe(true);
    expect(verifySignature(body, 'hook-secret', LD_BODY_SIGNATURE.toUpperCase())).toBe(true);
    expect(verifySignature(body, 'hook-secret', ` ${LD_BODY_SIGNATURE}\t`)).toBe(true);
  });

  it('rejects the signature once any single byte of the body changes', () => {
    for (let i = 0; i < body.length; i++) {
      const changed = Buffer.from(body);
      changed[i] = changed[i]! ^ 0x01;
      expect(verifySignature(changed, 'hook-secret', LD_BODY_SIGNATURE)).toBe(false);
    }
  });

  it('rejects another secret, and a body that was re-serialised after parsing', () => {
    expect(verifySignature(body, 'hook-secreT', LD_BODY_SIGNATURE)).toBe(false);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(LD_BODY), null, 1));
    expect(verifySignature(reserialised, 'hook-secret', LD_BODY_SIGNATURE)).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too short', LD_BODY_SIGNATURE.slice(0, 63)],
    ['too long', LD_BODY_SIGNATURE + '0'],
    ['prefixed', `sha256=${LD_BODY_SIGNATURE}`],
    ['not hex, right length', 'z'.repeat(64)],
    ['garbage', '\u0000\uffff🙂 not a signature'],
    ['base64 of the digest', createHmac('sha256', 'hook-secret').update(body).digest('base64')],
  ])('returns false for a %s header without throwing', (_label, header) => {
    expect(() => verifySignature(body, 'hook-secret', header)).not.toThrow();
    expect(verifySignature(body, 'hook-secret', header)).toBe(false);
  });
});

describe('signRequest', () => {
  const request = {
    method: 'POST',
    url: 'https://hooks.example.com/ld',
    headers: [
      { name: 'Content-Type', value: 'application/json' },
      { name: 'x-LD-signature', value: 'stale' },
      { name: 'X-Other', value: '1' },
    ],
    body: LD_BODY,
  };

  it('replaces a signature header of the same name in any case, last, keeping the other headers in order', () => {
    expect(signRequest(request, 'hook-secret').headers).toEqual([
      { name: 'Content-Type', value: 'application/json' },
      { name: 'X-Other', value: '1' },
      { name: 'X-LD-Signature', value: LD_BODY_SIGNATURE },
    ]);
  });

  it('uses the header name it is given, as written, and leaves the default header alone then', () => {
    expect(signRequest(request, 'hook-secret', 'X-Hook-Sig').headers).toEqual([...request.headers, { name: 'X-Hook-Sig', value: LD_BODY_SIGNATURE }]);
  });

  it('returns a copy: method, url and body unchanged, the request given untouched', () => {
    const before = JSON.parse(JSON.stringify(request));
    const signed = signRequest(request, 'hook-secret');
    expect(signed).toMatchObject({ method: 'POST', url: 'https://hooks.example.com/ld', body: LD_BODY });
    expect(request).toEqual(before);
  });
});
