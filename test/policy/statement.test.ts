import { actionNameProblem, describePolicyProblem, parsePolicy, parseStatement } from '../../scripts/lib/policy/statement';

function problemsOf(statement: unknown): { pointer: string; message: string }[] {
  const result = parseStatement(statement, 0);
  if (result.ok) throw new Error('expected the statement to be refused');
  return result.problems.map(({ pointer, message }) => ({ pointer, message }));
}

describe('parseStatement', () => {
  it('reads a complete statement', () => {
    const result = parseStatement({ effect: 'deny', resources: ['proj/*:env/*:flag/*;ops'], actions: ['updateOn', 'update*'] }, 3);
    expect(result).toEqual({
      ok: true,
      statement: {
        index: 3,
        effect: 'deny',
        resources: {
          key: 'resources',
          specifiers: [expect.objectContaining({ text: 'proj/*:env/*:flag/*;ops', any: false })],
        },
        actions: { key: 'actions', patterns: ['updateOn', 'update*'] },
      },
    });
  });

  it('takes a missing effect as allow', () => {
    const result = parseStatement({ resources: ['proj/*'], actions: ['*'] }, 0);
    expect(result.ok && result.statement.effect).toBe('allow');
  });

  it('reads notResources and notActions', () => {
    const result = parseStatement({ notResources: ['member/*'], notActions: ['updateTags'] }, 0);
    expect(result.ok && result.statement.resources.key).toBe('notResources');
    expect(result.ok && result.statement.actions).toEqual({ key: 'notActions', patterns: ['updateTags'] });
  });

  it.each([
    ['a string', 'allow', [{ pointer: '/0', message: 'a policy statement must be an object, not the string "allow"' }]],
    ['null', null, [{ pointer: '/0', message: 'a policy statement must be an object, not null' }]],
    ['an array', [], [{ pointer: '/0', message: 'a policy statement must be an object, not an array' }]],
  ])('refuses %s', (_what, statement, problems) => {
    expect(problemsOf(statement)).toEqual(problems);
  });

  it('refuses an effect other than allow or deny', () => {
    expect(problemsOf({ effect: 'permit', resources: ['proj/*'], actions: ['*'] })).toEqual([
      { pointer: '/0/effect', message: 'effect must be "allow" or "deny", not "permit"' },
    ]);
    expect(problemsOf({ effect: 'Deny', resources: ['proj/*'], actions: ['*'] })).toEqual([
      { pointer: '/0/effect', message: 'effect must be "allow" or "deny", not "Deny" (effects are lowercase: "deny")' },
    ]);
    expect(problemsOf({ effect: true, resources: ['proj/*'], actions: ['*'] })).toEqual([
      { pointer: '/0/effect', message: 'effect must be "allow" or "deny", not true' },
    ]);
    expect(problemsOf({ effect: 'ALLOW', resources: ['proj/*'], actions: ['*'] })).toEqual([
      { pointer: '/0/effect', message: 'effect must be "allow" or "deny", not "ALLOW" (effects are lowercase: "allow")' },
    ]);
    // A key that is present counts, even with nothing in it.
    expect(problemsOf({ effect: undefined, resources: ['proj/*'], actions: ['*'] })).toEqual([
      { pointer: '/0/effect', message: 'effect must be "allow" or "deny", not undefined' },
    ]);
  });

  it('refuses both resources and notResources, and both actions and notActions', () => {
    expect(problemsOf({ resources: ['proj/*'], notResources: ['member/*'], actions: ['*'], notActions: ['x'] })).toEqual([
      { pointer: '/0/notResources', message: 'a statement has either resources or notResources, not both' },
      { pointer: '/0/notActions', message: 'a statement has either actions or notActions, not both' },
    ]);
  });

  it('refuses neither resources nor notResources, and neither actions nor notActions', () => {
    expect(problemsOf({ effect: 'allow' })).toEqual([
      { pointer: '/0', message: 'the statement needs resources or notResources, a list of resource specifiers' },
      { pointer: '/0', message: 'the statement needs actions or notActions, a list of action names' },
    ]);
  });

  it('suggests the key a near miss meant', () => {
    expect(problemsOf({ resource: ['proj/*'], NotActions: ['x'] })).toEqual([
      {
        pointer: '/0',
        message: 'the statement needs resources or notResources, a list of resource specifiers; found "resource": did you mean "resources"?',
      },
      {
        pointer: '/0',
        message: 'the statement needs actions or notActions, a list of action names; found "NotActions": did you mean "notActions"?',
      },
    ]);
  });

  it('refuses lists that are not arrays, or empty', () => {
    expect(problemsOf({ resources: 'proj/*', actions: [] })).toEqual([
      { pointer: '/0/resources', message: 'resources must be an array of resource specifiers, not the string "proj/*" (write ["proj/*"])' },
      { pointer: '/0/actions', message: 'actions is empty; list at least one, or use ["*"] to match all' },
    ]);
    expect(problemsOf({ notResources: [], notActions: {} })).toEqual([
      { pointer: '/0/notResources', message: 'notResources is empty; list at least one, or replace it with resources: ["*"] to match all' },
      { pointer: '/0/notActions', message: 'notActions must be an array of action names, not an object' },
    ]);
  });

  it('points at each bad item', () => {
    expect(problemsOf({ resources: ['proj/*', 'proj/*::flag/*', 7], actions: ['updateOn', '', 'update On', null] })).toEqual([
      { pointer: '/0/resources/1', message: 'resource specifier "proj/*::flag/*" has an empty segment ("::")' },
      { pointer: '/0/resources/2', message: 'resources[2] must be a resource specifier string, not the number 7' },
      { pointer: '/0/actions/1', message: 'an action name is empty; use "*" for every action' },
      { pointer: '/0/actions/2', message: 'action name "update On" contains whitespace' },
      { pointer: '/0/actions/3', message: 'actions[3] must be an action name string, not null' },
    ]);
  });
});

describe('describePolicyProblem', () => {
  it('names a statement as people count, from 1, and leaves a problem of the whole policy as it is', () => {
    expect(describePolicyProblem({ index: 0, pointer: '/0', message: 'a policy statement must be an object, not null' })).toBe(
      'defaultPolicy statement 1: a policy statement must be an object, not null',
    );
    expect(describePolicyProblem({ index: 2, pointer: '/2/effect', message: 'effect must be "allow" or "deny", not true' })).toBe(
      'defaultPolicy statement 3: effect must be "allow" or "deny", not true',
    );
    expect(describePolicyProblem({ index: null, pointer: '', message: 'a policy must be an array of statements, not null' })).toBe(
      'a policy must be an array of statements, not null',
    );
  });
});

describe('actionNameProblem', () => {
  it('accepts names and patterns, refuses what cannot be an action', () => {
    expect(actionNameProblem('updateOn')).toBeUndefined();
    expect(actionNameProblem('update*')).toBeUndefined();
    expect(actionNameProblem('*')).toBeUndefined();
    expect(actionNameProblem('proj/*')).toBe('action name "proj/*" looks like a resource specifier or a list; actions are single names like "updateOn"');
    expect(actionNameProblem('updateOn,updateRules')).toMatch(/looks like a resource specifier or a list/);
  });
});

describe('parsePolicy', () => {
  it('keeps the good statements and reports the bad ones with pointers into the array', () => {
    const policy = parsePolicy([
      { effect: 'allow', resources: ['proj/*:env/production:flag/*'], actions: ['*'] },
      { effect: 'allow', resources: ['proj/*', 'proj'], actions: ['*'] },
      { effect: 'deny', resources: ['proj/*:env/*:flag/*'], actions: ['updateName'] },
    ]);
    expect(policy.statements.map((statement) => statement.index)).toEqual([0, 2]);
    expect(policy.problems).toEqual([
      {
        index: 1,
        pointer: '/1/resources/1',
        message: 'resource specifier "proj" has no "/": each segment is type/name (for any proj, write "proj/*")',
      },
    ]);
  });

  it('reports a policy that is not an array', () => {
    expect(parsePolicy({ effect: 'allow' })).toEqual({
      statements: [],
      problems: [{ index: null, pointer: '', message: 'a policy must be an array of statements, not an object' }],
    });
    expect(parsePolicy(undefined).problems[0].message).toBe('a policy must be an array of statements, not undefined');
  });

  it('accepts an empty policy (the schema, not the parser, requires a statement)', () => {
    expect(parsePolicy([])).toEqual({ statements: [], problems: [] });
  });
});
