import fc from 'fast-check';
import { MASK, maskSecrets, shownHeaderValue } from '../../scripts/lib/delivery';

describe('maskSecrets', () => {
  it('replaces every occurrence of every secret', () => {
    expect(maskSecrets('token=abc123&again=abc123; key xyz', ['abc123', 'xyz'])).toBe('token=****&again=****; key ****');
    expect(MASK).toBe('****');
  });

  it('masks a secret JSON-escaped and then HTML-escaped, as event text in a JSON template printed with {{ }} is', () => {
    // ab"cd\ef: JSON-escaped ab\"cd\\ef, then {{ }} writes the quote as &quot;.
    expect(maskSecrets('{"comment": "see ab\\&quot;cd\\\\ef here"}', ['ab"cd\\ef'])).toBe('{"comment": "see **** here"}');
  });

  it('masks a secret that contains another one whole (longest first, whatever the order given)', () => {
    expect(maskSecrets('the key is secret-long', ['secret', 'secret-long'])).toBe('the key is ****');
    expect(maskSecrets('the key is secret-long', ['secret-long', 'secret'])).toBe('the key is ****');
  });

  it('masks the URL-encoded form too', () => {
    const secret = 'p@ss word/+=';
    const encoded = encodeURIComponent(secret);
    expect(encoded).not.toBe(secret);
    expect(maskSecrets(`https://h/x?t=${encoded} and raw ${secret}`, [secret])).toBe('https://h/x?t=**** and raw ****');
  });

  it('masks the forms templates and printing give a secret: HTML-escaped, pathEncoded, JSON-escaped once and twice', () => {
    const secret = 'a"b\\c=d&e/f g';
    const html = 'a&quot;b\\c&#x3D;d&amp;e/f g';
    const once = JSON.stringify(secret).slice(1, -1);
    const twice = JSON.stringify(once).slice(1, -1);
    const text = [html, encodeURI(secret), once, twice, JSON.stringify(html).slice(1, -1)].join(' | ');
    expect(maskSecrets(text, [secret])).toBe('**** | **** | **** | **** | ****');
  });

  it('masks a secret as a server echoes it back: re-encoded by a URL parser, or its UTF-8 bytes read as Latin-1', () => {
    // A raw secret in a path, a queryEncoded one in a query (the parser adds %27), a header value.
    expect(maskSecrets('404 for /hooks/x%20y|z%7Bw%7D', ['x y|z{w}'])).toBe('404 for /hooks/****');
    expect(maskSecrets('no route GET /x?t=ab%27cd', ["ab'cd"])).toBe('no route GET /x?t=****');
    expect(maskSecrets('X-Token: pÃ¤55wÃ¶rd', ['pä55wörd'])).toBe('X-Token: ****');
  });

  it('masks a secret through two encodings in a row: a helper then HTML escaping, HTML escaping then a URL parser, a form', () => {
    // {{queryEncode formVariables.token}}: encodeURIComponent leaves the apostrophe, `{{…}}` escapes it.
    const apostrophe = "it's a secret";
    expect(maskSecrets(`{"u": "it&#x27;s%20a%20secret"}`, [apostrophe])).toBe('{"u": "****"}');
    // An HTML-escaped secret echoed back in a query.
    expect(maskSecrets('GET /x?t=a%26amp%3Bb-c0ffee', ['a&b-c0ffee'])).toBe('GET /x?t=****');
    // A form-encoded body echoed back: spaces as `+`.
    expect(maskSecrets('token=my+long+secret', ['my long secret'])).toBe('token=****');
  });

  it('masks a URL-encoded secret whatever the case of its hex digits, as some servers echo it', () => {
    // .NET's HttpUtility.UrlEncode, for one, writes lower-case escapes.
    expect(maskSecrets('invalid token abc%2fdef%2bghi%3d', ['abc/def+ghi='])).toBe('invalid token ****');
    expect(maskSecrets('GET /x?t=p%c3%a455w%C3%B6rd', ['pä55wörd'])).toBe('GET /x?t=****');
    expect(maskSecrets('key=%7ba%7d', ['{a}'])).toBe('key=****');
  });

  it('masks base64 that decodes to text holding a secret (basicAuthHeaderValue), padding escaped or not', () => {
    const basic = Buffer.from('alice:hunter22').toString('base64');
    expect(maskSecrets(`Authorization: Basic ${basic}`, ['hunter22'])).toBe('Authorization: Basic ****');
    expect(maskSecrets(`Basic ${basic.replace(/=/g, '&#x3D;')}`, ['hunter22'])).toBe('Basic ****');
    expect(maskSecrets(`Basic ${Buffer.from('alice:other-pw').toString('base64')}`, ['hunter22'])).toBe(`Basic ${Buffer.from('alice:other-pw').toString('base64')}`);
  });

  it('masks base64 holding any one of several secrets, short ones among them', () => {
    const basic = Buffer.from('alice:hunter22').toString('base64');
    expect(maskSecrets(`Basic ${basic}`, ['hunter22', 'other-secret', 'ab'])).toBe('Basic ****');
  });

  it('masks a base64 run as short as 8 characters', () => {
    const run = Buffer.from('abcdef').toString('base64');
    expect(run).toHaveLength(8);
    expect(maskSecrets(`Basic ${run}`, ['bcde'])).toBe('Basic ****');
  });

  it('looks for secrets shorter than four characters in base64 only beside the colon of user:password, since any word would hold them', () => {
    // "LaunchDarkly" read as base64 holds the bytes "Ir".
    expect(Buffer.from('LaunchDarkly', 'base64').toString('utf8')).toContain('Ir');
    expect(maskSecrets('LaunchDarkly', ['Ir'])).toBe('LaunchDarkly');
    // What basicAuthHeaderValue makes of a short password, or a short user name, and a server may echo.
    expect(maskSecrets(`Basic ${Buffer.from('alice:abc').toString('base64')}`, ['abc'])).toBe('Basic ****');
    expect(maskSecrets(`Basic ${Buffer.from('abc:longer-password').toString('base64')}`, ['abc'])).toBe('Basic ****');
  });

  it('masks base64 glued to the word before it, keeping the word where a separator ends it', () => {
    const basic = Buffer.from('alice:secretpass').toString('base64');
    expect(maskSecrets(`Basic+${basic}`, ['secretpass'])).toBe('Basic+****');
    expect(maskSecrets(`/hooks/${basic}`, ['secretpass'])).toBe('/hooks/****');
    expect(maskSecrets(`token-${basic}`, ['secretpass'])).toBe('token-****');
    expect(maskSecrets(`Basic%20${basic}`, ['secretpass'])).toBe('Basic%20****');
    // Each glued length from one to four characters.
    for (const glue of ['a', 'ab', 'abc', 'abcd']) expect(maskSecrets(`${glue}${basic}`, ['secretpass'])).not.toContain(basic.slice(-8));
  });

  it('masks a secret whose unreserved characters a client wrote percent-encoded, keeping the rest of the url as written', () => {
    expect(maskSecrets('POST /hooks/%53EKRIT-token-42?x=%2F1', ['SEKRIT-token-42'])).toBe('POST /hooks/****?x=%2F1');
    expect(maskSecrets('GET /%61%62c/%7eyz%2D9?q=1', ['abc/~yz-9'])).toBe('GET /****?q=1');
    // A reserved character stays escaped as the helpers write it; the others around it are read.
    expect(maskSecrets('/t/p%61ss%20word%2Fx', ['pass word/x'])).toBe('/t/****');
    expect(maskSecrets('/t/%2541bc', ['Abc'])).toBe('/t/%2541bc');
    // Quotes and brackets in the secret itself do not cut the run it is read in.
    for (const secret of ["SEKRIT'x9", 'SEK"RIT9', 'SEK<RIT9>', 'SEK`RIT9']) {
      expect([secret, maskSecrets(`GET /hook?b=%53${secret.slice(1)}&c=1`, [secret])]).toEqual([secret, 'GET /hook?b=****&c=1']);
    }
  });

  it('masks a secret as other JSON encoders write it: Go escapes <, > and &, ASCII-only ones everything past ASCII', () => {
    expect(maskSecrets('{"t":"tok\\u0026en\\u003c1\\u003e"}', ['tok&en<1>'])).toBe('{"t":"****"}');
    expect(maskSecrets('{"t":"caf\\u00e9-s3cr3t"}', ['café-s3cr3t'])).toBe('{"t":"****"}');
  });

  it("masks a secret as PHP's JSON encoder writes it, every slash escaped", () => {
    expect(maskSecrets('{"error":"invalid key wJalrXUtnFEMI\\/K7MDENG\\/bPxRfiCY"}', ['wJalrXUtnFEMI/K7MDENG/bPxRfiCY'])).toBe('{"error":"invalid key ****"}');
    expect(maskSecrets('{"t":"caf\\u00e9\\/s3cr3t"}', ['café/s3cr3t'])).toBe('{"t":"****"}');
  });

  it('masks the start of a secret where the kit cut the text short (…), in any of its forms, base64 too', () => {
    expect(maskSecrets(`${'x'.repeat(12)}SuperSecre…`, ['SuperSecretApiKey123'])).toBe(`${'x'.repeat(12)}****…`);
    expect(maskSecrets('404 for /hooks/ab%2Fcd%2…', ['ab/cd/efgh12'])).toBe('404 for /hooks/****…');
    // JSON-escaped, as a JSON body holds a quote.
    expect(maskSecrets('{"t": "ab\\"cde…', ['ab"cdef-123'])).toBe('{"t": "****…');
    const basic = Buffer.from('alice:hunter22-long-password').toString('base64');
    expect(maskSecrets(`Authorization: Basic ${basic.slice(0, 20)}…`, ['hunter22-long-password'])).toBe('Authorization: Basic ****…');
    // Each cut, and only where one is.
    expect(maskSecrets('a SuperS… b SuperSecr… c SuperSecr', ['SuperSecretApiKey123'])).toBe('a ****… b ****… c SuperSecr');
  });

  it('leaves a start of under four characters where the text is cut, and a short secret\'s start glued to a word', () => {
    expect(maskSecrets('the answer went on: Sup…', ['SuperSecretApiKey123'])).toBe('the answer went on: Sup…');
    expect(maskSecrets('xabcd… and abcd…', ['abcdefg'])).toBe('xabcd… and ****…');
  });

  it('masks a secret in another case, as a URL parser writes a host and some servers echo a value', () => {
    // fetch sends the Host header in lower case, and an error page may echo it.
    expect(maskSecrets('no tenant for Host: mysecrettenant.example.com', ['MySecretTenant'])).toBe('no tenant for Host: ****.example.com');
    expect(maskSecrets('INVALID KEY SK_LIVE_ABC123', ['sk_live_Abc123'])).toBe('INVALID KEY ****');
    expect(maskSecrets('GET /x?t=AB%2FCD%2FEFGH12', ['ab/cd/efgh12'])).toBe('GET /x?t=****');
    expect(maskSecrets('host mysecrette…', ['MySecretTenant'])).toBe('host ****…');
  });

  it('treats regular-expression characters literally', () => {
    expect(maskSecrets('a.b a+b (x) [y] $1 \\d', ['a.b', '(x)', '[y]', '$1', '\\d'])).toBe('**** a+b **** **** **** ****');
    expect(maskSecrets('axb', ['a.b'])).toBe('axb');
  });

  it('ignores empty secrets and leaves text without secrets alone', () => {
    expect(maskSecrets('nothing here', [])).toBe('nothing here');
    expect(maskSecrets('nothing here', ['', 'absent'])).toBe('nothing here');
  });

  it('does not rescan its own masks (a secret made of stars)', () => {
    expect(maskSecrets('hunter2 *', ['hunter2', '*'])).toBe('**** ****');
  });

  it('leaves no secret of 8 characters or more, raw or URL-encoded, in any text (property)', () => {
    // Secrets without "*": a secret made of stars could be "found" inside the mask itself.
    const secret = fc.string({ unit: fc.constantFrom('a', 'b', 'é', ' ', '/', '%', '.', '+'), minLength: 8, maxLength: 10 });
    fc.assert(
      fc.property(fc.array(secret, { minLength: 1, maxLength: 4 }), fc.array(fc.oneof(secret, fc.string({ maxLength: 5 })), { maxLength: 12 }), (secrets, parts) => {
        const text = parts.map((part, i) => (i % 3 === 0 ? encodeURIComponent(part) : part)).join('');
        const masked = maskSecrets(text, secrets);
        for (const s of secrets) {
          expect(masked).not.toContain(s);
          expect(masked).not.toContain(encodeURIComponent(s));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("masks a short secret where it stands alone, and leaves the tool's own words whole", () => {
    expect(maskSecrets('failed: timed out after 1000 ms', ['t'])).toBe('failed: timed out after 1000 ms');
    expect(maskSecrets('POST /hook?token=t&x=1 "t"', ['t'])).toBe('POST /hook?token=****&x=1 "****"');
    expect(maskSecrets('does not parse: the template ends', ['the'])).toBe('does not parse: **** template ends');
    // Up to 7 characters, a secret inside a longer word is left alone.
    expect(maskSecrets('xabc1234y and abc1234', ['abc1234'])).toBe('xabc1234y and ****');
    // Only a letter or digit at an end of the secret needs a boundary: its punctuation ends may touch a word.
    expect(maskSecrets('id-x9 x-x9', ['-x9'])).toBe('id**** x****');
    expect(maskSecrets('9x-b and 9x-', ['9x-'])).toBe('****b and ****');
    // From 8 characters on, a secret is masked inside other text too.
    expect(maskSecrets('prefixhunter22suffix', ['hunter22'])).toBe('prefix****suffix');
  });
});

describe('shownHeaderValue', () => {
  it('masks the value of a header whose name says it carries a credential', () => {
    for (const name of ['Authorization', 'Proxy-Authorization', 'Cookie', 'Set-Cookie', 'X-Api-Key', 'X-Auth-Token', 'X-Client-Secret', 'X-Password', 'X-Passwd', 'X-Credentials', 'X-Session-Id', 'x-session', 'X-Acme-Signature', 'X-Hub-Signature-256', 'X-Hmac-Sha256']) {
      expect([name, shownHeaderValue(name, 'opaque-value')]).toEqual([name, MASK]);
    }
  });

  it('masks a signature in a header of any name, by its shape: hex HMAC-SHA256, with or without its algorithm before it', () => {
    const hmac = 'a3f1'.repeat(16);
    for (const value of [hmac, hmac.toUpperCase(), `sha256=${hmac}`, ` ${hmac} `]) {
      expect([value, shownHeaderValue('X-Acme-Check', value)]).toEqual([value, MASK]);
    }
    // A shorter or longer run of hex is some id, not an HMAC-SHA256.
    for (const value of ['a3f1'.repeat(8), 'a3f1'.repeat(17), `${hmac}z`]) expect(shownHeaderValue('X-Request-Id', value)).toBe(value);
  });

  it('shows other headers as they are', () => {
    // "cookie" counts only as the whole name (Cookie, Set-Cookie), not inside another one.
    for (const name of ['Content-Type', 'User-Agent', 'X-Request-Id', 'Accept', 'Cookie-Consent']) {
      expect([name, shownHeaderValue(name, 'opaque-value')]).toEqual([name, 'opaque-value']);
    }
  });

  it('keeps the authentication scheme, as written, so its kind still shows', () => {
    expect(shownHeaderValue('Authorization', 'Bearer tok-123')).toBe('Bearer ****');
    expect(shownHeaderValue('Authorization', 'Basic YWxpY2U6aHVudGVyMjI=')).toBe('Basic ****');
    expect(shownHeaderValue('Authorization', 'token abc')).toBe('token ****');
    expect(shownHeaderValue('Authorization', 'Digest username="a"')).toBe('Digest ****');
    expect(shownHeaderValue('X-Api-Key', 'ApiKey k1')).toBe('ApiKey ****');
    expect(shownHeaderValue('X-Api-Key', 'Key k1')).toBe('Key ****');
    expect(shownHeaderValue('Authorization', 'Bearer  tok-123')).toBe('Bearer ****');
  });

  it('takes a scheme only at the start of the value', () => {
    expect(shownHeaderValue('Authorization', 'Custom Bearer tok-123')).toBe(MASK);
    expect(shownHeaderValue('Authorization', 'xBearer tok-123')).toBe(MASK);
  });

  it('does not take a word without a value after it for a scheme', () => {
    expect(shownHeaderValue('Authorization', 'Bearer   ')).toBe(MASK);
    expect(shownHeaderValue('Authorization', 'Bearer')).toBe(MASK);
    expect(shownHeaderValue('Authorization', 'Custom tok-123')).toBe(MASK);
  });

  it('leaves an empty value empty', () => {
    expect(shownHeaderValue('Authorization', '')).toBe('');
  });
});
