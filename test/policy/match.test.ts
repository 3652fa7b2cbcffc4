import { evaluatePolicy, matchesAction, matchesSpecifier } from '../../scripts/lib/policy/match';
import { parseResource, parseResourceSpecifier, type Resource, type ResourceSpecifier } from '../../scripts/lib/policy/specifier';
import { parsePolicy, type ParsedStatement } from '../../scripts/lib/policy/statement';

function policy(statements: unknown[]): ParsedStatement[] {
  const parsed = parsePolicy(statements);
  if (parsed.problems.length > 0) throw new Error(parsed.problems.map((problem) => problem.message).join('\n'));
  return parsed.statements;
}

function resource(text: string): Resource {
  const parsed = parseResource(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.resource;
}

function specifier(text: string): ResourceSpecifier {
  const parsed = parseResourceSpecifier(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.specifier;
}

const matches = (resourceText: string, specifierText: string) => matchesSpecifier(resource(resourceText), specifier(specifierText));

describe('matchesSpecifier', () => {
  it('matches names exactly or by wildcard, case-sensitively', () => {
    expect(matches('proj/mobile:env/production:flag/dark-mode', 'proj/*:env/production:flag/*')).toBe(true);
    expect(matches('proj/mobile:env/staging:flag/dark-mode', 'proj/*:env/production:flag/*')).toBe(false);
    expect(matches('proj/mobile:env/Production:flag/dark-mode', 'proj/*:env/production:flag/*')).toBe(false);
    expect(matches('proj/mobile:env/qa_eu:flag/x', 'proj/*:env/qa_*:flag/*')).toBe(true);
    expect(matches('proj/mobile:env/qa:flag/x', 'proj/*:env/qa_*:flag/*')).toBe(false);
    expect(matches('proj/mobile:env/prod:segment/beta-testers', 'proj/mobile:env/*:segment/beta-*')).toBe(true);
    expect(matches('proj/web:env/prod:segment/beta-testers', 'proj/mobile:env/*:segment/beta-*')).toBe(false);
  });

  it('requires the same segment types in the same order and number', () => {
    expect(matches('proj/mobile', 'proj/*')).toBe(true);
    expect(matches('proj/mobile:env/production', 'proj/*')).toBe(false);
    expect(matches('proj/mobile:env/production:flag/x', 'proj/*:env/*')).toBe(false);
    expect(matches('proj/mobile:env/production:segment/x', 'proj/*:env/*:flag/*')).toBe(false);
    expect(matches('proj/mobile:metric/latency', 'proj/*:metric/*')).toBe(true);
    expect(matches('member/5f1c', 'member/*')).toBe(true);
    expect(matches('member/5f1c', 'proj/*')).toBe(false);
  });

  it('matches every resource with the bare "*"', () => {
    expect(matches('member/5f1c', '*')).toBe(true);
    expect(matches('proj/a:env/b:flag/c;x', '*')).toBe(true);
  });

  it('requires every listed tag (ANDed), case-insensitively, by wildcard', () => {
    const flag = 'proj/p:env/e:flag/f;Ops,security-team';
    expect(matches(flag, 'proj/*:env/*:flag/*;ops')).toBe(true);
    expect(matches(flag, 'proj/*:env/*:flag/*;OPS,Security-Team')).toBe(true);
    expect(matches(flag, 'proj/*:env/*:flag/*;ops,security')).toBe(false);
    expect(matches(flag, 'proj/*:env/*:flag/*;ops,security*')).toBe(true);
    expect(matches(flag, 'proj/*:env/*:flag/*;ops,billing')).toBe(false);
    expect(matches('proj/p:env/e:flag/f', 'proj/*:env/*:flag/*;ops')).toBe(false);
    expect(matches('proj/p:env/e:flag/f', 'proj/*:env/*:flag/*;*')).toBe(false);
  });

  it('reads tags per segment', () => {
    expect(matches('proj/p;mobile:env/e:flag/f', 'proj/*;mobile:env/*:flag/*')).toBe(true);
    expect(matches('proj/p:env/e:flag/f;mobile', 'proj/*;mobile:env/*:flag/*')).toBe(false);
  });

  it('does not treat a literal "*" in a resource as a wildcard', () => {
    expect(matches('proj/p:env/*:flag/f', 'proj/*:env/*:flag/*')).toBe(true);
    expect(matches('proj/p:env/*:flag/f', 'proj/*:env/production:flag/*')).toBe(false);
  });
});

describe('matchesAction', () => {
  it('matches by name, case-sensitively; "*" alone is every action, and a star inside a name is no wildcard', () => {
    expect(matchesAction('updateOn', 'updateOn')).toBe(true);
    expect(matchesAction('updateOn', 'updateon')).toBe(false);
    expect(matchesAction('updateOn', '*')).toBe(true);
    expect(matchesAction('updateOn', 'update*')).toBe(false);
    expect(matchesAction('updateOn', '**')).toBe(false);
    expect(matchesAction('update*', 'update*')).toBe(true);
  });
});

describe('evaluatePolicy', () => {
  const productionFlags = { effect: 'allow', resources: ['proj/*:env/production:flag/*'], actions: ['*'] };

  it('delivers what an allow statement matches, naming it (1-based in words, 0-based in decidedBy)', () => {
    expect(evaluatePolicy(policy([productionFlags]), { resource: 'proj/a:env/production:flag/f', action: 'updateOn' })).toEqual({
      delivered: true,
      decidedBy: 0,
      reason: 'statement 1 allows every action on proj/*:env/production:flag/*',
    });
  });

  it('delivers nothing no allow statement matches', () => {
    expect(evaluatePolicy(policy([productionFlags]), { resource: 'proj/a:env/test:flag/f', action: 'updateOn' })).toEqual({
      delivered: false,
      decidedBy: null,
      reason: 'no statement allows updateOn on proj/a:env/test:flag/f',
    });
  });

  it('lets deny win over allow, whatever the order', () => {
    const deny = { effect: 'deny', resources: ['proj/*:env/*:flag/*'], actions: ['updateName'] };
    const access = { resource: 'proj/a:env/production:flag/f', action: 'updateName' };
    expect(evaluatePolicy(policy([productionFlags, deny]), access)).toEqual({
      delivered: false,
      decidedBy: 1,
      reason: 'statement 2 denies updateName on proj/*:env/*:flag/*',
    });
    expect(evaluatePolicy(policy([deny, productionFlags]), access)).toMatchObject({ delivered: false, decidedBy: 0 });
    expect(evaluatePolicy(policy([productionFlags, deny]), { ...access, action: 'updateOn' })).toMatchObject({ delivered: true, decidedBy: 0 });
  });

  it('names the first of several matching statements', () => {
    const statements = policy([
      { resources: ['proj/*:env/*:flag/*'], actions: ['updateOn', 'updateRules'] },
      productionFlags,
      { effect: 'deny', resources: ['proj/*:env/*:flag/*;secret'], actions: ['*'] },
      { effect: 'deny', resources: ['*'], actions: ['updateTags'] },
    ]);
    expect(evaluatePolicy(statements, { resource: 'proj/a:env/production:flag/f', action: 'updateOn' })).toEqual({
      delivered: true,
      decidedBy: 0,
      reason: 'statement 1 allows updateOn on proj/*:env/*:flag/*',
    });
    expect(evaluatePolicy(statements, { resource: 'proj/a:env/production:flag/f;Secret', action: 'updateTags' })).toEqual({
      delivered: false,
      decidedBy: 2,
      reason: 'statement 3 denies every action on proj/*:env/*:flag/*;secret',
    });
    expect(evaluatePolicy(statements, { resource: 'proj/a:env/production:flag/f', action: 'updateTags' }).reason).toBe(
      'statement 4 denies updateTags on every resource',
    );
  });

  it('applies notActions: every action but those', () => {
    const statements = policy([{ resources: ['proj/*:env/*:flag/*'], notActions: ['updateTags', 'updateName'] }]);
    const flag = 'proj/a:env/production:flag/f';
    expect(evaluatePolicy(statements, { resource: flag, action: 'updateOn' })).toEqual({
      delivered: true,
      decidedBy: 0,
      reason: 'statement 1 allows updateOn (not in notActions) on proj/*:env/*:flag/*',
    });
    expect(evaluatePolicy(statements, { resource: flag, action: 'updateName' }).delivered).toBe(false);
  });

  it('applies notResources: every resource but those', () => {
    const statements = policy([{ notResources: ['member/*', 'proj/*:env/test:flag/*'], actions: ['*'] }]);
    expect(evaluatePolicy(statements, { resource: 'proj/a:env/production:flag/f', action: 'updateOn' })).toEqual({
      delivered: true,
      decidedBy: 0,
      reason: 'statement 1 allows every action on proj/a:env/production:flag/f (not in notResources)',
    });
    expect(evaluatePolicy(statements, { resource: 'proj/a:env/test:flag/f', action: 'updateOn' }).delivered).toBe(false);
    expect(evaluatePolicy(statements, { resource: 'member/5f1c', action: 'updateRole' }).delivered).toBe(false);
    expect(evaluatePolicy(statements, { resource: 'proj/a', action: 'createProject' }).delivered).toBe(true);
  });

  it('applies a deny with notResources to everything outside them', () => {
    const statements = policy([
      { resources: ['*'], actions: ['*'] },
      { effect: 'deny', notResources: ['proj/*:env/production:flag/*'], actions: ['*'] },
    ]);
    expect(evaluatePolicy(statements, { resource: 'proj/a:env/production:flag/f', action: 'updateOn' }).delivered).toBe(true);
    expect(evaluatePolicy(statements, { resource: 'proj/a', action: 'createProject' })).toMatchObject({ delivered: false, decidedBy: 1 });
  });

  it('handles member, project and environment resources', () => {
    const statements = policy([
      { resources: ['member/*'], actions: ['updateRole', 'createMember'] },
      { resources: ['proj/*'], actions: ['createProject', 'deleteProject'] },
      { resources: ['proj/*;customer-facing:env/*'], actions: ['*'] },
    ]);
    expect(evaluatePolicy(statements, { resource: 'member/5f1c', action: 'updateRole' })).toMatchObject({ delivered: true, decidedBy: 0 });
    expect(evaluatePolicy(statements, { resource: 'member/5f1c', action: 'deleteMember' }).delivered).toBe(false);
    expect(evaluatePolicy(statements, { resource: 'proj/a', action: 'deleteProject' })).toMatchObject({ delivered: true, decidedBy: 1 });
    expect(evaluatePolicy(statements, { resource: 'proj/a', action: 'updateTags' }).delivered).toBe(false);
    expect(evaluatePolicy(statements, { resource: 'proj/a;Customer-Facing:env/qa', action: 'createEnvironment' })).toMatchObject({
      delivered: true,
      decidedBy: 2,
    });
    expect(evaluatePolicy(statements, { resource: 'proj/a:env/qa', action: 'createEnvironment' }).delivered).toBe(false);
  });

  it('takes an already-built resource, whose names may hold any character', () => {
    const built: Resource = { segments: [{ type: 'proj', name: 'a:b', tags: ['x'] }] };
    expect(evaluatePolicy(policy([{ resources: ['proj/a*;X'], actions: ['*'] }]), { resource: built, action: 'x' }).delivered).toBe(true);
  });

  it('delivers nothing for an unreadable resource, and says so', () => {
    expect(evaluatePolicy(policy([{ resources: ['*'], actions: ['*'] }]), { resource: 'proj', action: 'x' })).toEqual({
      delivered: false,
      decidedBy: null,
      reason: 'the resource "proj" has no "/": each segment is type/name (for any proj, write "proj/*")',
    });
  });

  it('delivers nothing with an empty policy', () => {
    expect(evaluatePolicy([], { resource: 'proj/a', action: 'createProject' })).toEqual({
      delivered: false,
      decidedBy: null,
      reason: 'no statement allows createProject on proj/a',
    });
  });
});
