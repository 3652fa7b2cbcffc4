import rule from '../../scripts/lib/rules/checks/endpoint-render';
import { runWithSamples, subjectRoot } from '../fixtures/template-safety/support';

function check(endpoint: Record<string, unknown>, samples?: Parameters<typeof runWithSamples>[2]) {
  const root = subjectRoot({ templates: { flag: 'templates/flag.json' }, files: { 'templates/flag.json': '{}' }, endpoint });
  return runWithSamples(rule, root, samples);
}

describe('endpoint-render', () => {
  it('is the framework CI rule 3, an error', () => {
    expect(rule).toMatchObject({ severity: 'error', ciRule: 3 });
  });

  it('accepts form variables by key, the event as context, oauth and helpers', () => {
    expect(
      check({
        url: 'https://{{region}}.hooks.example/{{queryEncode channel}}/{{context.project.key}}?at={{oauth.baseURI}}',
        headers: [
          { name: 'Authorization', value: '{{basicAuthHeaderValue apiUser apiToken}}' },
          { name: 'X-Token', value: 'Bearer {{oauth.accessToken}}' },
        ],
      }),
    ).toEqual([]);
  });

  it('reports each value that fails, at its pointer, explaining what endpoint templates see', () => {
    const reports = check({
      url: 'https://hooks.example/{{formVariables.channel}}',
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'Authorization', value: 'Bearer {{apiTokn}}' },
      ],
    });
    expect(reports.map((report) => report.pointer)).toEqual([
      '/capabilities/auditLogEventsHook/endpoint/url',
      '/capabilities/auditLogEventsHook/endpoint/headers/1/value',
    ]);
    expect(reports[1].message).toMatch(/^header 2 \(Authorization\) does not render: `apiTokn` is not defined .*form variables by key/);
    expect(reports.every((report) => report.sample === undefined)).toBe(true);
  });

  it('renders against the CI flag event, and names it when the event is what fails', () => {
    expect(check({ url: 'https://hooks.example/{{context.nope}}' })).toEqual([
      expect.objectContaining({ pointer: '/capabilities/auditLogEventsHook/endpoint/url', sample: 'flag/canonical' }),
    ]);
  });

  it('names the absent part of a nested path as the endpoint writes it, not its last segment', () => {
    const messageFor = (url: string) => check({ url })[0]?.message;
    expect(messageFor('https://hooks.example/{{context.nope.x}}')).toBe(
      'the endpoint url does not render: `context.nope` is not defined in the event (strict mode makes a missing property an error)',
    );
    expect(messageFor('https://hooks.example/{{#with context}}{{nope.y}}{{/with}}')).toMatch(/: `nope` is not defined in the event/);
    expect(messageFor('https://hooks.example/{{context.project.key.x}}')).toBe(
      'the endpoint url does not render: `context.project.key` is a string, which has no property `x`',
    );
    expect(messageFor('https://hooks.example/{{chanel.x}}')).toMatch(/: `chanel` is not defined .*form variables by key/);
  });

  it('names the form variable a misspelt key is close to', () => {
    const [report] = check({ url: 'https://hooks.example/', headers: [{ name: 'Authorization', value: 'Bearer {{apiTokn}}' }] });
    expect(report.message).toMatch(/form variables by key .*; did you mean the form variable `apiToken`\?$/);
    expect(check({ url: 'https://hooks.example/{{APIUSER.x}}' })[0].message).toMatch(/did you mean the form variable `apiUser`\?$/);
    // Nothing is close to `nope`; the event's fields are not form variables, and are named under `context`.
    expect(check({ url: 'https://hooks.example/{{nope}}' })[0].message).not.toMatch(/did you mean/);
    expect(check({ url: 'https://hooks.example/{{context.kindd}}' })[0].message).toMatch(/in the event .*; did you mean `context\.kind`\?$/);
  });

  it('names the form variables the manifest has when the name is close to none of them', () => {
    expect(check({ url: 'https://hooks.example/{{endpointUrl}}' })[0].message).toBe(
      'the endpoint url does not render: `endpointUrl` is not defined (strict mode makes a missing property an error): endpoint ' +
        "templates see the form variables by key (this manifest's are channel, signingSecret, region, username, includeDetails, " +
        'apiUser, apiToken, site), the event under `context` (`{{context.project.key}}`) and, with requiresOAuth, `oauth.baseURI` and `oauth.accessToken`',
    );
  });

  it('reports syntax errors, and leaves unknown helpers to unknown-helper', () => {
    expect(check({ url: 'https://hooks.example/{{channel' })[0].message).toMatch(/^the endpoint url does not render: does not parse/);
    const headers = [{ name: 'X-Channel', value: '{{nope}}' }];
    expect(check({ url: 'https://hooks.example/{{urlencode channel}}', headers })).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^header 1 \(X-Channel\) does not render: `nope` is not defined/) }),
    ]);
  });

  it('without samples, judges only the values that do not read the event', () => {
    expect(check({ url: 'https://hooks.example/{{context.project.key}}' }, [])).toEqual([]);
    expect(check({ url: 'https://hooks.example/{{chanel}}' }, [])).toHaveLength(1);
  });

  it('renders with an OAuth access token that is there, as LaunchDarkly always has one: what a branch on it guards is judged too', () => {
    const guarded = { name: 'Authorization', value: '{{#if oauth.accessToken}}Bearer {{oauth.acessToken}}{{/if}}' };
    expect(check({ url: 'https://hooks.example/', headers: [guarded] })).toEqual([
      expect.objectContaining({
        pointer: '/capabilities/auditLogEventsHook/endpoint/headers/0/value',
        message: expect.stringMatching(/^header 1 \(Authorization\) does not render: `oauth\.acessToken` /),
      }),
    ]);
  });
});
