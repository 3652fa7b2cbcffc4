import type { FormVariable } from '../../scripts/lib/integration/manifest';
import type { HttpRequest } from '../../scripts/lib/render/http-request';
import { shellStandIn, shellValuesOf, transformedValues, type ShellValue, type TransformedValue } from '../../scripts/lib/requests/shell-values';

const variable = (key: string, isSecret: boolean): FormVariable => ({ key, name: key, type: 'string', description: key, isSecret });

describe('shellValuesOf', () => {
  it('stands in for the secret variables alone, numbered among the secrets, saying which have a value', () => {
    const variables = [variable('channel', false), variable('apiKey', true), variable('signingSecret', true)];
    const values = shellValuesOf(variables, (key) => key === 'signingSecret', undefined);
    expect(values).toEqual([
      { value: shellStandIn(0), envName: 'LD_HOOK_KIT_VAR_APIKEY', key: 'apiKey', given: false },
      { value: shellStandIn(1), envName: 'LD_HOOK_KIT_VAR_SIGNINGSECRET', key: 'signingSecret', given: true },
    ]);
  });

  it('adds both OAuth values for an OAuth integration, given only where a value was', () => {
    const values = shellValuesOf([], () => false, { accessToken: 'tok' });
    expect(values.map(({ key, envName, given }) => ({ key, envName, given }))).toEqual([
      { key: 'oauth.baseURI', envName: 'LD_HOOK_KIT_OAUTH_BASE_URI', given: false },
      { key: 'oauth.accessToken', envName: 'LD_HOOK_KIT_OAUTH_ACCESS_TOKEN', given: true },
    ]);
  });
});

describe('transformedValues', () => {
  const token: ShellValue = { value: shellStandIn(0), envName: 'LD_HOOK_KIT_VAR_TOKEN', key: 'token', given: false };
  const baseURI: ShellValue = { value: 'ldhkoauthbaseurix', envName: 'LD_HOOK_KIT_OAUTH_BASE_URI', key: 'oauth.baseURI', given: false };

  /** A request whose parts are `place` with `{v}` as the value rendered through `transform`. */
  function requestWith(place: Partial<Record<'url' | 'header' | 'body', string>>, value: string, transform: (text: string) => string): HttpRequest {
    const fill = (text: string | undefined, fallback: string) => (text ?? fallback).replace(/\{v\}/g, transform(value));
    return { method: 'POST', url: fill(place.url, 'https://example.com/hook'), headers: [{ name: 'X-Key', value: fill(place.header, 'fixed') }], body: fill(place.body, '{}') };
  }

  /** What `transformedValues` finds for `value` written at `place` through `transform`, with `given` its value. */
  function judged(value: ShellValue, place: Partial<Record<'url' | 'header' | 'body', string>>, transform: (text: string) => string, given?: string): TransformedValue[] {
    return transformedValues(
      requestWith(place, value.value, transform),
      [value],
      () => given,
      (probes) => requestWith(place, probes.get(value)!, transform),
    );
  }

  const raw = (text: string) => text;
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  const changed = (key: string, givenChanged = false): TransformedValue[] => [{ key, hidden: false, givenChanged }];
  const only = (char: string) => (text: string) => text.split(char).join(`%${char.charCodeAt(0).toString(16).toUpperCase()}`);

  it('finds nothing where the value stands as it is', () => {
    expect(judged(token, { body: '{"k": "{v}"}' }, raw)).toEqual([]);
  });

  it('finds a value transformed in the url, in a header or in the body alike', () => {
    expect(judged(token, { url: 'https://example.com/{v}' }, only('='))).toEqual(changed('token'));
    expect(judged(token, { header: 'Bearer {v}' }, only('='))).toEqual(changed('token'));
    expect(judged(token, { body: '{"k": "{v}"}' }, only('='))).toEqual(changed('token'));
  });

  it('finds a value written once as it is and once transformed', () => {
    expect(judged(token, { body: '{"raw": "{v}"}', header: '{v}' }, raw)).toEqual([]);
    const request = (value: string) => ({ method: 'POST', url: 'https://example.com', headers: [], body: `${value} ${encodeURIComponent(value)}` });
    expect(transformedValues(request(token.value), [token], () => undefined, (probes) => request(probes.get(token)!))).toEqual(changed('token'));
  });

  it('finds a value the request holds only transformed past recognition (base64), and not one it does not hold', () => {
    expect(judged(token, { header: 'Basic {v}' }, base64)).toEqual([{ key: 'token', hidden: true, givenChanged: false }]);
    expect(transformedValues(requestWith({}, '', raw), [token], () => undefined, () => requestWith({}, '', raw))).toEqual([]);
  });

  it('finds a value transformed past recognition in one place though it stands as it is in another', () => {
    const request = (value: string) => ({ method: 'POST', url: `https://example.com/${value}`, headers: [{ name: 'X-Basic', value: base64(value) }], body: '{}' });
    expect(transformedValues(request(token.value), [token], () => undefined, (probes) => request(probes.get(token)!))).toEqual([{ key: 'token', hidden: true, givenChanged: false }]);
    // Given a value that base64 leaves recognizable nowhere either.
    expect(transformedValues(request(token.value), [token], () => 'plain42', (probes) => request(probes.get(token)!))).toEqual([{ key: 'token', hidden: true, givenChanged: true }]);
  });

  it('without a value, judges a token by = + and / each, and a base URI by : and /', () => {
    for (const char of ['=', '+', '/']) expect([char, judged(token, { body: '{v}' }, only(char))]).toEqual([char, changed('token')]);
    expect(judged(baseURI, { url: '{v}/hook' }, only(':'))).toEqual(changed('oauth.baseURI'));
    expect(judged(baseURI, { url: '{v}/hook' }, only('='))).toEqual([]);
  });

  it('renders once with every value probed when the template transforms none, and finds the few it transforms among many in a few renders', () => {
    const values = Array.from({ length: 50 }, (_, index): ShellValue => ({ value: shellStandIn(index), envName: `E${index}`, key: `k${index}`, given: false }));
    // Header k<i> holds value i as it is, except where `encoded` says the template URL-encodes it.
    const request = (written: (value: ShellValue) => string, encoded: string[]): HttpRequest => ({
      method: 'POST',
      url: 'https://example.com',
      headers: values.map((value) => ({ name: value.key, value: encoded.includes(value.key) ? encodeURIComponent(written(value)) : written(value) })),
      body: '{}',
    });
    const all = values.map((value) => value.key);
    for (const [encoded, mostRenders] of [[[], 1], [['k17'], 3], [['k0', 'k49'], 3], [all, 3]] as const) {
      let renders = 0;
      const found = transformedValues(request((value) => value.value, [...encoded]), values, () => undefined, (probes) => {
        renders++;
        return request((value) => probes.get(value) ?? value.value, [...encoded]);
      });
      expect(found).toEqual(encoded.flatMap((key) => changed(key)));
      expect(renders).toBeLessThanOrEqual(mostRenders);
    }
  });

  it('tells apart values written in one header, where the changed header alone cannot say which was transformed', () => {
    const values = [0, 1, 2, 3].map((index): ShellValue => ({ value: shellStandIn(index), envName: `E${index}`, key: `k${index}`, given: false }));
    const request = (written: (value: ShellValue) => string): HttpRequest => ({
      method: 'POST',
      url: 'https://example.com',
      headers: [{ name: 'X-Pair', value: `${written(values[0]!)} ${encodeURIComponent(written(values[1]!))}` }, { name: 'X-Other', value: `${written(values[2]!)},${written(values[3]!)}` }],
      body: '{}',
    });
    const found = transformedValues(request((value) => value.value), values, () => undefined, (probes) => request((value) => probes.get(value) ?? value.value));
    expect(found).toEqual(changed('k1'));
  });

  it('judges a value given both ways: by the characters such values hold, since the command reads the environment\'s, and by the one given', () => {
    expect(judged({ ...token, given: true }, { body: '{v}' }, only('='), 'plain42')).toEqual(changed('token'));
    expect(judged({ ...token, given: true }, { body: '{v}' }, only('&'), 'a&b')).toEqual(changed('token', true));
    expect(judged({ ...token, given: true }, { body: '{v}' }, raw, 'a&b')).toEqual([]);
  });
});
