import { loadIntegration } from '../../scripts/lib/integration/load';
import { RenderSetup } from '../../scripts/lib/render/request';
import { loadSamples, resolveSample } from '../../scripts/lib/samples/load';
import { checkDisplayName, defaultDisplayName, scaffoldFiles, type ScaffoldAnswers } from '../../scripts/lib/scaffold/scaffold';
import { createFixtureRoot } from '../helpers/fixture-root';

function answers(overrides: Partial<ScaffoldAnswers> = {}): ScaffoldAnswers {
  return { name: 'acme', displayName: 'Acme', site: 'https://acme.example', auth: 'api-key', kinds: ['flag'], body: 'json', ...overrides };
}

function manifestOf(files: Record<string, string>): Record<string, any> {
  return JSON.parse(files['manifest.json']!);
}

describe('scaffoldFiles', () => {
  it('lets each chosen kind through the default policy, the way LaunchDarkly names its resources', () => {
    const manifest = manifestOf(scaffoldFiles(answers({ kinds: ['flag', 'project', 'environment', 'member'] })));
    expect(manifest.capabilities.auditLogEventsHook.defaultPolicy).toEqual([
      { effect: 'allow', resources: ['proj/*:env/production:flag/*', 'proj/*', 'proj/*:env/*', 'member/*'], actions: ['*'] },
    ]);
  });

  it('derives the support address from the site host, without www. or a port', () => {
    expect(manifestOf(scaffoldFiles(answers({ site: 'https://www.acme.example:8443/app' }))).supportEmail).toBe('support@acme.example');
  });

  it('gives a placeholder support address where the site\'s host makes no valid one: an IP address, an odd name', () => {
    expect(manifestOf(scaffoldFiles(answers({ site: 'http://[::1]:8080' }))).supportEmail).toBe('support@example.com');
    expect(manifestOf(scaffoldFiles(answers({ site: 'http://10.0.0.7/' }))).supportEmail).toBe('support@example.com');
    for (const site of ['https://acme.example.', 'https://a_b.acme.example', 'https://-bad-.acme.example', `https://${'x'.repeat(64)}.example`]) {
      expect(manifestOf(scaffoldFiles(answers({ site }))).supportEmail).toBe('support@example.com');
    }
  });

  it('puts whole characters in the placeholder icons: an emoji that starts the display name, not half of it', () => {
    const files = scaffoldFiles(answers({ displayName: '🚀 Rocket Ops' }));
    for (const icon of ['assets/images/square.svg', 'assets/images/horizontal.svg']) {
      expect(files[icon]).toContain('>🚀R</text>');
    }
    expect(scaffoldFiles(answers({ displayName: '👩‍🚀 Crew' }))['assets/images/square.svg']).toContain('>👩‍🚀C</text>');
  });

  it('ends its sentences with one period after a display name that brings its own (Acme Inc.)', () => {
    const files = scaffoldFiles(answers({ displayName: 'Acme Inc.', body: 'text' }));
    expect(manifestOf(files).overview).toBe('Send LaunchDarkly changes to Acme Inc.');
    expect(files['templates/validation.txt']).toBe('LaunchDarkly is connected to Acme Inc.\n');
    expect(files['README.md']).toContain('events (flag) to Acme Inc.\n');
    expect(files['README.md']).toContain('find Acme Inc.\n');
    expect(Object.values(files).join('')).not.toContain('..');
  });

  it('says in its README what the default policy sends in words, each kind with the resource the policy names', () => {
    const readme = scaffoldFiles(answers({ kinds: ['flag', 'member'] }))['README.md']!;
    expect(readme).toContain('By default, changes to:\n\n- flags in production environments (`proj/*:env/production:flag/*`)\n- account members (`member/*`)\n\nEdit the policy');
  });

  it('keeps the overview within 100 characters, falling back to a generic one for long names', () => {
    expect(manifestOf(scaffoldFiles(answers())).overview).toBe('Send LaunchDarkly changes to Acme.');
    const long = manifestOf(scaffoldFiles(answers({ displayName: 'A'.repeat(80) })));
    expect(long.overview).toBe('Send LaunchDarkly change-history events to this service.');
    const limit = 'Send LaunchDarkly changes to .'.length;
    expect(manifestOf(scaffoldFiles(answers({ displayName: 'B'.repeat(100 - limit) }))).overview).toHaveLength(100);
  });
});

describe('defaultDisplayName', () => {
  it('capitalises the words of the folder name, padding names the framework finds too short', () => {
    expect(defaultDisplayName('acme-incident-desk')).toBe('Acme Incident Desk');
    expect(defaultDisplayName('ab')).toBe('Ab integration');
    expect(defaultDisplayName('abc')).toBe('Abc');
  });

  // `{{apiKey}}` would HTML-escape the key: a base64 key's `=` padding would arrive as `&#x3D;`.
  it.each([
    ['api-key' as const, 'apiKey', 'X-API-Key', ''],
    ['bearer' as const, 'apiToken', 'Authorization', 'Bearer '],
  ])('%s: the header carries the secret exactly as given', (auth, key, header, prefix) => {
    const { name, ...files } = { name: 'acme', ...scaffoldFiles(answers({ auth })) };
    const root = createFixtureRoot({ [name]: { files } });
    const setup = new RenderSetup(loadIntegration(root, name));
    const secret = "k3y+/ab=='&<\"";
    const event = resolveSample(loadSamples(), 'flag/update-rules').event;
    const rendered = setup.render(event, { formValues: { [key]: secret } });
    expect(rendered.request.headers).toContainEqual({ name: header, value: prefix + secret });
  });
});

describe('checkDisplayName', () => {
  it('counts characters as the schema does, not UTF-16 units', () => {
    expect(() => checkDisplayName('🚀'.repeat(100))).not.toThrow();
    expect(() => checkDisplayName('🚀'.repeat(101))).toThrow('--display-name must be at most 100 characters (it has 101)');
  });
});
