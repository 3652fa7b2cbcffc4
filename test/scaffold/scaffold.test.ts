import { defaultDisplayName, scaffoldFiles, type ScaffoldAnswers } from '../../scripts/lib/scaffold/scaffold';

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
});
