import rule from '../../scripts/lib/rules/checks/endpoint-url';
import { checkManifest, clone, validManifest } from '../helpers/fixture-root';

/** The valid manifest with its hook endpoint's url replaced. */
function withUrl(url: unknown): Record<string, unknown> {
  const manifest = clone(validManifest()) as any;
  manifest.capabilities.auditLogEventsHook.endpoint.url = url;
  return manifest;
}

const HOOK = 'capabilities.auditLogEventsHook.endpoint';
const POINTER = '/capabilities/auditLogEventsHook/endpoint/url';

describe('endpoint-url', () => {
  it("is a warning: the framework's CI accepts such a url, but no event reaches the service", () => {
    expect(rule.severity).toBe('warning');
    expect(rule.ciRule).toBeUndefined();
  });

  it.each([
    ['https://hooks.example.com/in'],
    ['HTTP://hooks.example.com'],
    ['https://{{region}}.api.pigeon-post.example/hooks/{{channel}}'],
    ['{{baseUrl}}/hooks/{{channel}}'],
    ['{{oauth.baseURI}}/api'],
    ['http{{secure}}://hooks.example.com'],
    ['https://{{host}}'],
    ['{{! the base }}{{baseUrl}}'],
  ])('is silent on %j, which is or may render as an absolute http(s) URL', (url) => {
    expect(checkManifest(rule, withUrl(url))).toEqual([]);
  });

  it('reports a control character written in the url, where it stands, which a WHATWG URL parser drops and LaunchDarkly refuses', () => {
    expect(checkManifest(rule, withUrl('https://hooks.example.com/a\tb'))).toEqual([
      { message: `${HOOK}.url holds U+0009, a control character no URL may hold: LaunchDarkly cannot post to it`, pointer: POINTER, within: { line: 1, column: 28 } },
    ]);
    expect(checkManifest(rule, withUrl('https://{{host}}/in\n'))).toEqual([expect.objectContaining({ within: { line: 1, column: 20 } })]);
    // What a comment holds is never written; an empty url is reported once, as empty.
    expect(checkManifest(rule, withUrl('https://hooks.example.com/{{!\n}}in'))).toEqual([]);
    expect(checkManifest(rule, withUrl('\t'))).toEqual([expect.objectContaining({ message: `${HOOK}.url is empty: LaunchDarkly has nowhere to send the request` })]);
  });

  it('reports an empty url', () => {
    expect(checkManifest(rule, withUrl(''))).toEqual([{ message: `${HOOK}.url is empty: LaunchDarkly has nowhere to send the request`, pointer: POINTER }]);
    expect(checkManifest(rule, withUrl('   '))).toEqual([{ message: `${HOOK}.url is empty: LaunchDarkly has nowhere to send the request`, pointer: POINTER }]);
  });

  it('reports a url without a mustache that is not an absolute http(s) URL', () => {
    for (const url of ['hooks.example.com/in', '/hooks', 'ftp://files.example.com', 'https://', ' https://hooks.example.com']) {
      expect(checkManifest(rule, withUrl(url))).toEqual([
        { message: `${HOOK}.url ${JSON.stringify(url)} is not an absolute http:// or https:// URL: LaunchDarkly cannot post to it`, pointer: POINTER },
      ]);
    }
  });

  it('reports a url whose text before the first mustache cannot start an http(s) URL, quoting a long one by its start', () => {
    expect(checkManifest(rule, withUrl('/hooks/{{channel}}'))).toEqual([
      {
        message: `${HOOK}.url "/hooks/{{channel}}" starts with "/hooks/", where an absolute http:// or https:// URL must start: LaunchDarkly cannot post to it`,
        pointer: POINTER,
      },
    ]);
    const long = 'x'.repeat(100_000);
    const [report] = checkManifest(rule, withUrl(long));
    expect(report.message).toBe(`${HOOK}.url "${'x'.repeat(80)}…" is not an absolute http:// or https:// URL: LaunchDarkly cannot post to it`);
  });

  it('checks the url of every endpoint, and leaves a url that is not text or does not parse to the schema and endpoint-render', () => {
    const manifest = withUrl('https://{{#if}}') as any;
    manifest.formVariables.push({
      key: 'project',
      name: 'Project',
      type: 'dynamicEnum',
      description: 'A project.',
      dynamicOptions: { endpoint: { url: 'api/projects', method: 'GET' }, parser: { path: '/items', label: '/name', value: '/id' } },
    });
    expect(checkManifest(rule, manifest)).toEqual([
      {
        message: `formVariables[${manifest.formVariables.length - 1}].dynamicOptions.endpoint.url "api/projects" is not an absolute http:// or https:// URL: LaunchDarkly cannot post to it`,
        pointer: `/formVariables/${manifest.formVariables.length - 1}/dynamicOptions/endpoint/url`,
      },
    ]);
    expect(checkManifest(rule, withUrl(42))).toEqual([]);
  });
});
