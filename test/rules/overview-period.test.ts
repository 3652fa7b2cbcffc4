import rule from '../../scripts/lib/rules/checks/overview-period';
import { checkManifest, cleanupFixtureRoots, validManifest } from '../helpers/fixture-root';

afterAll(cleanupFixtureRoots);

describe('overview-period', () => {
  it('is an error for CI rule 2', () => {
    expect(rule.severity).toBe('error');
    expect(rule.ciRule).toBe(2);
  });

  it('is silent when the overview ends with a period', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
  });

  it('reports an overview without a final period', () => {
    expect(checkManifest(rule, validManifest({ overview: 'Send changes to Pigeon Post' }))).toEqual([
      { message: 'overview must end with a period', pointer: '/overview' },
    ]);
  });

  it('reports whitespace after the period, as the framework does', () => {
    expect(checkManifest(rule, validManifest({ overview: 'Send changes to Pigeon Post. ' }))).toEqual([
      { message: 'overview has whitespace after its final period; it must end with the period itself', pointer: '/overview' },
    ]);
  });

  it('ignores a missing or non-string overview (the schema reports it)', () => {
    expect(checkManifest(rule, validManifest({ overview: undefined }))).toEqual([]);
    expect(checkManifest(rule, validManifest({ overview: 42 }))).toEqual([]);
  });
});
