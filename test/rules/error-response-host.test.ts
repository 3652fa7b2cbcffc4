import rule from '../../scripts/lib/rules/checks/error-response-host';
import { checkManifest, clone, createFixtureRoot, runRule, validFiles, validManifest } from '../helpers/fixture-root';

type Json = Record<string, any>;

const baseUrl = { key: 'baseUrl', name: 'Base URL', type: 'uri', description: 'Your Pigeon Post address.' };
const host = { key: 'host', name: 'Host', type: 'string', description: 'Your Pigeon Post host.' };

/** The valid manifest (includeErrorResponseBody: true) with another endpoint url and extra variables. */
function withUrl(url: string, ...extra: object[]): Json {
  const manifest = clone(validManifest()) as Json;
  manifest.capabilities.auditLogEventsHook.endpoint.url = url;
  manifest.formVariables.push(...extra);
  return manifest;
}

const POINTER = '/capabilities/auditLogEventsHook/endpoint/url';

describe('error-response-host', () => {
  it('is an error for CI rule 7', () => {
    expect(rule.severity).toBe('error');
    expect(rule.ciRule).toBe(7);
  });

  it('is silent when the host variable is an enum with allowedValues', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
  });

  it('is silent for a static host, whatever the path uses', () => {
    expect(checkManifest(rule, withUrl('https://api.pigeon-post.example/{{baseUrl}}?to={{host}}#{{channel}}', baseUrl, host))).toEqual([]);
  });

  it('reports a url that starts with a free-form variable', () => {
    expect(checkManifest(rule, withUrl('{{baseUrl}}/hooks/{{channel}}', baseUrl))).toEqual([
      {
        message:
          'includeErrorResponseBody is true, but the endpoint host comes from form variable "baseUrl", of type "uri": ' +
          'make it an enum with allowedValues, or set includeErrorResponseBody to false',
        pointer: POINTER,
      },
    ]);
  });

  it('only warns for a url that starts with a free-form variable written in a way the CI does not read', () => {
    // The framework's CI takes the text between the leading `{{` and the first `}` for the key.
    for (const url of ['{{ baseUrl }}/hooks', '{{{baseUrl}}}/hooks', '{{~baseUrl}}/hooks']) {
      expect([url, checkManifest(rule, withUrl(url, baseUrl))]).toEqual([
        url,
        [
          {
            message:
              'includeErrorResponseBody is true, but the endpoint host comes from form variable "baseUrl", of type "uri". ' +
              "The framework's CI does not catch it (it recognises only `{{baseUrl}}`, with no spaces or third brace), yet error " +
              'responses would come from whatever host the customer types: make it an enum with allowedValues, or set includeErrorResponseBody to false',
            pointer: POINTER,
            severity: 'warning',
          },
        ],
      ]);
    }
    // Another variable in the host is still an error.
    expect(checkManifest(rule, withUrl('{{ baseUrl }}{{#if host}}https://{{host}}/x{{/if}}', baseUrl, host))).toEqual([
      expect.objectContaining({ message: expect.stringContaining('"baseUrl"'), severity: 'warning' }),
      { message: expect.stringContaining('the endpoint host comes from form variable "host"'), pointer: POINTER },
    ]);
  });

  it('reports a variable inside the host', () => {
    for (const url of [
      'https://{{host}}.pigeon-post.example/hooks',
      'https://api.{{host}}/hooks',
      'https://{{pathEncode host}}.pigeon-post.example/',
      'https://{{host}}:8443/hooks',
      'https://{{@root.host}}.pigeon-post.example/hooks',
      'https://{{lookup this "host"}}.pigeon-post.example/hooks',
      'https://{{lookup . "host"}}/hooks',
      'https://{{lookup @root "host"}}/hooks',
      // Through a block parameter, or a block, over the form values.
      'https://{{#with this as |v|}}{{v.host}}{{/with}}/hooks',
      'https://{{#with @root as |v|}}{{#if v.host}}{{v.host}}{{/if}}{{/with}}/hooks',
      'https://{{#with this}}{{host}}{{/with}}/hooks',
      // Block parameters for the form values, two steps deep, and a lookup through one.
      'https://{{#with this as |v|}}{{#with v as |w|}}{{w.host}}{{/with}}{{/with}}/hooks',
      'https://{{#with this as |v|}}{{lookup v "host"}}{{/with}}/hooks',
      // A block that writes the whole url, host and path.
      '{{#if host}}https://{{host}}/hooks{{else}}https://pigeon-post.example/hooks{{/if}}',
      '{{#with this as |v|}}https://{{v.host}}/{{v.channel}}{{/with}}',
      // Before the scheme's `//` is complete: a value given there brings the rest, and a host (`//evil.example`).
      'https:{{host}}/hooks',
      'https:/{{{host}}}',
      'http{{{host}}}/hooks',
    ]) {
      expect([url, checkManifest(rule, withUrl(url, host))]).toEqual([
        url,
        [{ message: expect.stringContaining('the endpoint host comes from form variable "host", of type "string"'), pointer: POINTER }],
      ]);
    }
  });

  it('is silent for a block that writes a static host and puts the variable in the path', () => {
    for (const url of [
      '{{#if host}}https://static.pigeon-post.example/{{host}}{{/if}}',
      '{{#unless channel}}https://a.pigeon-post.example{{else}}https://b.pigeon-post.example/{{host}}{{/unless}}',
      '{{#with this as |v|}}https://static.pigeon-post.example/{{v.host}}{{/with}}',
      '{{#if channel}}{{#if host}}https://static.pigeon-post.example/{{host}}{{/if}}{{else}}https://pigeon-post.example/x/{{host}}{{/if}}',
      // `with` always enters the form values: its else part, empty here, never runs.
      '{{#with this as |v|}}https://static.pigeon-post.example/{{/with}}{{host}}',
    ]) {
      expect([url, checkManifest(rule, withUrl(url, host))]).toEqual([url, []]);
    }
  });

  it('reads blocks whole when a url has too many ways to come out, rather than miss a host', () => {
    // Seven conditionals in a row make 128 ways: each block is read whole, names in its path included.
    const url = `${'{{#if channel}}{{/if}}'.repeat(7)}{{#if host}}https://static.pigeon-post.example/{{host}}{{/if}}`;
    expect(checkManifest(rule, withUrl(url, host))).toEqual([{ message: expect.stringContaining('form variable "host"'), pointer: POINTER }]);
  });

  it('reads a scheme followed by text, not //, as a host written as it is', () => {
    expect(checkManifest(rule, withUrl('https:api.pigeon-post.example/{{host}}', host))).toEqual([]);
  });

  it('warns, naming the free-form ones, when a loop over the form values may print any of them into the host', () => {
    const url = 'https://{{#each this}}{{#equal @key "host"}}{{this}}{{/equal}}{{/each}}/hooks';
    expect(checkManifest(rule, withUrl(url, host))).toEqual([
      {
        message: expect.stringMatching(/^includeErrorResponseBody is true, but a loop over the form values \(`\{\{#each this\}\}`\) writes the endpoint host, and it may print "channel", "signingSecret", "host", which the customer types freely/),
        pointer: POINTER,
        severity: 'warning',
      },
    ]);
    expect(checkManifest(rule, withUrl('https://{{#each this as |value|}}{{value}}{{/each}}/hooks', host))[0].severity).toBe('warning');
    // A loop over one variable's items reads that variable, as before.
    expect(checkManifest(rule, withUrl('https://{{#each host}}{{this}}{{/each}}/hooks', host))[0].message).toContain('form variable "host"');
  });

  it('only warns for a variable in the user info or port, which the CI does not count as the host', () => {
    for (const url of [
      'https://{{host}}@api.pigeon-post.example/hooks',
      'https://ld:{{host}}@api.pigeon-post.example/hooks',
      'https://api.pigeon-post.example:{{host}}',
      'https://[::1]:{{host}}/hooks',
    ]) {
      expect([url, checkManifest(rule, withUrl(url, host))]).toEqual([
        url,
        [
          {
            message: expect.stringMatching(/^includeErrorResponseBody is true and form variable "host", of type "string", fills the url's user info or port: a value holding "@", "\/" or "#" would move the host/),
            pointer: POINTER,
            severity: 'warning',
          },
        ],
      ]);
    }
    expect(checkManifest(rule, withUrl('https://api.pigeon-post.example:{{queryEncode host}}/hooks', host))).toEqual([]);
  });

  it('only warns for a variable inside a scheme written out with its ://, which the CI does not count as the host', () => {
    for (const url of ['http{{host}}://api.pigeon-post.example/hooks', 'ht{{{host}}}tps://api.pigeon-post.example']) {
      expect([url, checkManifest(rule, withUrl(url, host))]).toEqual([
        url,
        [
          {
            message: expect.stringMatching(/^includeErrorResponseBody is true and form variable "host", of type "string", fills the url's scheme: a value holding ":\/\/" would move the host/),
            pointer: POINTER,
            severity: 'warning',
          },
        ],
      ]);
    }
    expect(checkManifest(rule, withUrl('http{{queryEncode host}}://api.pigeon-post.example', host))).toEqual([]);
    // At the very start the url begins with the variable, which the CI does check.
    expect(checkManifest(rule, withUrl('{{host}}://api.pigeon-post.example', host))).toEqual([
      { message: expect.stringContaining('the endpoint host comes from form variable "host"'), pointer: POINTER },
    ]);
    // Filling the scheme and the user info, it is reported once.
    expect(checkManifest(rule, withUrl('http{{host}}://{{host}}@api.pigeon-post.example', host))).toEqual([
      { message: expect.stringContaining("fills the url's scheme"), pointer: POINTER, severity: 'warning' },
    ]);
  });

  it('reports a variable once, as an error, when it fills both the host and the port', () => {
    expect(checkManifest(rule, withUrl('https://{{host}}.pigeon-post.example:{{host}}/', host))).toEqual([
      { message: expect.stringContaining('the endpoint host comes from form variable "host"'), pointer: POINTER },
    ]);
  });

  it('accepts a condition that only chooses between static hosts, but not a variable written by a branch', () => {
    const eu = { key: 'eu', name: 'EU', type: 'boolean', description: 'Whether the account is in the EU.' };
    const chooser = '{{#if eu}}https://eu.pigeon-post.example{{else}}https://pigeon-post.example{{/if}}/hooks';
    expect(checkManifest(rule, withUrl(chooser, eu))).toEqual([]);
    const writer = 'https://{{#if eu}}eu.pigeon-post.example{{else}}{{host}}{{/if}}/hooks';
    expect(checkManifest(rule, withUrl(writer, eu, host))).toEqual([
      { message: expect.stringContaining('form variable "host"'), pointer: POINTER },
    ]);
  });

  it('reports an enum without allowedValues', () => {
    const manifest = withUrl('https://{{host}}.pigeon-post.example', { ...host, type: 'enum' });
    expect(checkManifest(rule, manifest)).toEqual([
      { message: expect.stringContaining('"host", an enum without allowedValues'), pointer: POINTER },
    ]);
  });

  it('is silent when includeErrorResponseBody is not true', () => {
    const manifest = withUrl('{{baseUrl}}/hooks', baseUrl);
    manifest.capabilities.auditLogEventsHook.includeErrorResponseBody = false;
    expect(checkManifest(rule, manifest)).toEqual([]);
    delete manifest.capabilities.auditLogEventsHook.includeErrorResponseBody;
    expect(checkManifest(rule, manifest)).toEqual([]);
  });

  it('leaves names that are not form variables to the rendering checks', () => {
    expect(checkManifest(rule, withUrl('{{oauth.baseURI}}/hooks'))).toEqual([]);
    expect(checkManifest(rule, withUrl('https://{{context.project.key}}.pigeon-post.example'))).toEqual([]);
    expect(checkManifest(rule, withUrl('https://{{undeclared}}.pigeon-post.example'))).toEqual([]);
  });

  it('checks the eventsHook capability too', () => {
    const manifest = withUrl('https://api.pigeon-post.example', baseUrl);
    manifest.capabilities.eventsHook = {
      endpoint: { url: '{{baseUrl}}/events', method: 'POST' },
      templates: {},
      includeErrorResponseBody: true,
    };
    expect(checkManifest(rule, manifest)).toEqual([
      { message: expect.stringContaining('"baseUrl"'), pointer: '/capabilities/eventsHook/endpoint/url' },
    ]);
  });

  it('does not throw on malformed endpoints', () => {
    for (const url of [undefined, 3, '{{#if}}', 'https://{{broken']) {
      expect(checkManifest(rule, withUrl(url as string, baseUrl))).toEqual([]);
    }
    const noVariables = withUrl('{{baseUrl}}/x');
    noVariables.formVariables = { baseUrl };
    expect(checkManifest(rule, noVariables)).toEqual([]);
  });
});

describe('error-response-host and user info', () => {
  it('accepts a queryEncoded variable in the user info, which cannot move the host', () => {
    const manifest = validManifest();
    (manifest.capabilities as any).auditLogEventsHook.endpoint.url = 'https://ld:{{queryEncode signingSecret}}@api.pigeon-post.example/hooks';
    const root = createFixtureRoot({ userinfo: { manifest, files: validFiles() } });
    expect(runRule(rule, root, 'userinfo')).toEqual([]);
  });

  it('still warns about a raw variable in the user info, whose `/` or `@` would move the host', () => {
    const manifest = validManifest();
    (manifest.capabilities as any).auditLogEventsHook.endpoint.url = 'https://ld:{{signingSecret}}@api.pigeon-post.example/hooks';
    const root = createFixtureRoot({ userinfo: { manifest, files: validFiles() } });
    expect(runRule(rule, root, 'userinfo')).toEqual([expect.objectContaining({ message: expect.stringContaining('"signingSecret"'), severity: 'warning' })]);
  });
});
