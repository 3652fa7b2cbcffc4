import rule from '../../scripts/lib/rules/checks/oauth-key-unique';
import { createFixtureRoot, runRule, validFiles, validManifest, type FixtureIntegration } from '../helpers/fixture-root';

function withKey(key: unknown): FixtureIntegration {
  return { manifest: validManifest({ requiresOAuth: true, oauthIntegrationKey: key }), files: validFiles() };
}

describe('oauth-key-unique', () => {
  it('is a warning for CI rule 6', () => {
    expect(rule.severity).toBe('warning');
    expect(rule.ciRule).toBe(6);
  });

  it('is silent when every key is its own', () => {
    const root = createFixtureRoot({ alpha: withKey('alpha-oauth'), beta: withKey('beta-oauth'), gamma: { manifest: validManifest() } });
    expect(runRule(rule, root, 'alpha')).toEqual([]);
    expect(runRule(rule, root, 'gamma')).toEqual([]);
  });

  it('reports a shared key on every integration using it, naming all of them', () => {
    const root = createFixtureRoot({
      zeta: withKey('shared-oauth'),
      alpha: withKey('shared-oauth'),
      mid: withKey('shared-oauth'),
      other: withKey('other-oauth'),
    });
    const expected = [
      {
        message: 'oauthIntegrationKey "shared-oauth" is used by 3 integrations: alpha, mid, zeta; each integration needs its own',
        pointer: '/oauthIntegrationKey',
      },
    ];
    expect(runRule(rule, root, 'alpha')).toEqual(expected);
    expect(runRule(rule, root, 'zeta')).toEqual(expected);
    expect(runRule(rule, root, 'mid')).toEqual(expected);
    expect(runRule(rule, root, 'other')).toEqual([]);
  });

  it('reports a key shared by just two integrations', () => {
    const root = createFixtureRoot({ alpha: withKey('pair-oauth'), beta: withKey('pair-oauth') });
    const expected = [
      { message: 'oauthIntegrationKey "pair-oauth" is used by 2 integrations: alpha, beta; each integration needs its own', pointer: '/oauthIntegrationKey' },
    ];
    expect(runRule(rule, root, 'alpha')).toEqual(expected);
    expect(runRule(rule, root, 'beta')).toEqual(expected);
  });

  it('lets the ServiceNow variants share a key', () => {
    const root = createFixtureRoot({
      servicenow: withKey('servicenow'),
      'servicenow-app': withKey('servicenow'),
      'servicenow-normal': withKey('servicenow'),
    });
    expect(runRule(rule, root, 'servicenow')).toEqual([]);
    expect(runRule(rule, root, 'servicenow-normal')).toEqual([]);
  });

  it('lets only the three named ServiceNow variants share: a name that starts the same is not one of them', () => {
    const root = createFixtureRoot({ servicenow: withKey('servicenow'), 'servicenow-app': withKey('servicenow'), servicenowevil: withKey('servicenow') });
    expect(runRule(rule, root, 'servicenowevil')).toEqual([
      {
        message: 'oauthIntegrationKey "servicenow" is used by 3 integrations: servicenow, servicenow-app, servicenowevil; each integration needs its own',
        pointer: '/oauthIntegrationKey',
      },
    ]);
  });

  it('reports a ServiceNow key that an integration outside the family also uses', () => {
    const root = createFixtureRoot({ servicenow: withKey('servicenow'), 'servicenow-app': withKey('servicenow'), copycat: withKey('servicenow') });
    expect(runRule(rule, root, 'servicenow')).toEqual([
      {
        message: 'oauthIntegrationKey "servicenow" is used by 3 integrations: copycat, servicenow, servicenow-app; each integration needs its own',
        pointer: '/oauthIntegrationKey',
      },
    ]);
  });

  it('skips folders without a readable manifest and keys of other types', () => {
    const root = createFixtureRoot({
      alpha: withKey('alpha-oauth'),
      empty: { files: { 'README.md': '# nothing yet' } },
      broken: { manifestText: '{"oauthIntegrationKey": "alpha-oauth",' },
      odd: withKey(['alpha-oauth']),
    });
    expect(runRule(rule, root, 'alpha')).toEqual([]);
    expect(runRule(rule, root, 'odd')).toEqual([]);
  });
});
