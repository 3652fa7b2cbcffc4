import { TEMPLATE_KIND_RESOURCE_TYPES, canReach } from '../../scripts/lib/policy/reach';
import { parsePolicy, type ParsedStatement } from '../../scripts/lib/policy/statement';

function policy(statements: unknown[]): ParsedStatement[] {
  const parsed = parsePolicy(statements);
  if (parsed.problems.length > 0) throw new Error(parsed.problems.map((problem) => problem.message).join('\n'));
  return parsed.statements;
}

const { flag, project, environment, member } = TEMPLATE_KIND_RESOURCE_TYPES;

describe('canReach', () => {
  const flagsOnly = policy([{ resources: ['proj/*:env/production:flag/*'], actions: ['*'] }]);

  it('sees that a flags-only policy reaches flags and nothing else', () => {
    expect(canReach(flagsOnly, flag)).toEqual({ possible: true, reason: 'statement 1 may allow proj/*:env/*:flag/* resources' });
    expect(canReach(flagsOnly, project)).toEqual({ possible: false, reason: 'no allow statement covers proj/* resources' });
    expect(canReach(flagsOnly, environment).possible).toBe(false);
    expect(canReach(flagsOnly, member).possible).toBe(false);
  });

  it('ignores names and tags: some resource may have them', () => {
    const narrow = policy([{ resources: ['proj/mobile;critical:env/prod-*'], actions: ['createEnvironment'] }]);
    expect(canReach(narrow, environment).possible).toBe(true);
  });

  it('lets the bare "*" reach everything', () => {
    const everything = policy([{ resources: ['*'], actions: ['*'] }]);
    for (const types of [flag, project, environment, member]) expect(canReach(everything, types).possible).toBe(true);
  });

  it('counts notResources as reaching, unless it excludes the whole shape', () => {
    const notMembers = policy([{ notResources: ['member/*'], actions: ['*'] }]);
    expect(canReach(notMembers, project).possible).toBe(true);
    expect(canReach(notMembers, member).possible).toBe(false);
    const notSomeMembers = policy([{ notResources: ['member/abc*'], actions: ['*'] }]);
    expect(canReach(notSomeMembers, member).possible).toBe(true);
  });

  it('finds a deny that shuts out a whole shape', () => {
    const statements = policy([
      { resources: ['*'], actions: ['*'] },
      { effect: 'deny', resources: ['member/*'], actions: ['*'] },
    ]);
    expect(canReach(statements, member)).toEqual({
      possible: false,
      reason: 'statement 2 denies every action on every member/* resource',
    });
    expect(canReach(statements, project).possible).toBe(true);
  });

  it('does not count a partial deny as shutting out the shape', () => {
    const partial = [
      { effect: 'deny', resources: ['proj/*:env/*:flag/*;secret'], actions: ['*'] },
      { effect: 'deny', resources: ['proj/*:env/test:flag/*'], actions: ['*'] },
      { effect: 'deny', resources: ['proj/*:env/*:flag/*'], actions: ['updateOn'] },
      { effect: 'deny', resources: ['proj/*:env/*:flag/*'], notActions: ['updateOn'] },
    ];
    const statements = policy([{ resources: ['proj/*:env/*:flag/*'], actions: ['*'] }, ...partial]);
    expect(canReach(statements, flag).possible).toBe(true);
  });

  it('treats a deny with notResources that cannot match the shape as covering it', () => {
    const statements = policy([
      { resources: ['*'], actions: ['*'] },
      { effect: 'deny', notResources: ['proj/*:env/*:flag/*'], actions: ['*'] },
    ]);
    expect(canReach(statements, project)).toMatchObject({ possible: false, reason: expect.stringMatching(/^statement 2 denies every action/) });
    expect(canReach(statements, flag).possible).toBe(true);
  });

  it('does not count an allow whose notActions excludes every action', () => {
    const statements = policy([{ resources: ['proj/*'], notActions: ['*'] }]);
    expect(canReach(statements, project).possible).toBe(false);
  });

  it('does not count a deny statement as allowing anything', () => {
    const denyOnly = policy([{ effect: 'deny', resources: ['proj/*:env/test:flag/*'], actions: ['updateOn'] }]);
    expect(canReach(denyOnly, flag)).toEqual({ possible: false, reason: 'no allow statement covers proj/*:env/*:flag/* resources' });
  });

  it('requires every segment type of a specifier to be the shape\'s, in order', () => {
    const segments = policy([{ resources: ['proj/*:env/*:segment/*'], actions: ['*'] }]);
    expect(canReach(segments, flag).possible).toBe(false);
  });

  it('lets a deny of the bare "*" shut out every shape', () => {
    const statements = policy([
      { resources: ['*'], actions: ['*'] },
      { effect: 'deny', resources: ['*'], actions: ['*'] },
    ]);
    for (const types of [flag, project, environment, member]) expect(canReach(statements, types)).toMatchObject({ possible: false, reason: expect.stringMatching(/^statement 2 denies every action/) });
  });

  it('lets one specifier or action pattern of a list decide, not only all of them together', () => {
    const allowAll = { resources: ['*'], actions: ['*'] };
    // One of two specifiers covers every member; one of two patterns is every action.
    expect(canReach(policy([allowAll, { effect: 'deny', resources: ['member/*', 'proj/*'], actions: ['*'] }]), member)).toMatchObject({ possible: false, reason: expect.stringMatching(/^statement 2 denies every action/) });
    expect(canReach(policy([allowAll, { effect: 'deny', resources: ['member/*'], actions: ['updateRole', '*'] }]), member)).toMatchObject({ possible: false, reason: expect.stringMatching(/^statement 2 denies every action/) });
    expect(canReach(policy([{ notResources: ['proj/*', 'member/*'], actions: ['*'] }]), member).possible).toBe(false);
    expect(canReach(policy([{ resources: ['member/*'], notActions: ['updateRole', '*'] }]), member).possible).toBe(false);
  });

  it('names the lowest-numbered covering deny, whatever order the statements are given in', () => {
    const statements = policy([
      { resources: ['*'], actions: ['*'] },
      { effect: 'deny', resources: ['member/*'], actions: ['*'] },
      { effect: 'deny', resources: ['*'], actions: ['*'] },
    ]);
    expect(canReach([...statements].reverse(), member)).toMatchObject({ possible: false, reason: expect.stringMatching(/^statement 2 denies every action/) });
  });

  it('answers no for an empty policy', () => {
    expect(canReach([], flag).possible).toBe(false);
  });
});
