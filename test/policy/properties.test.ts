import fc from 'fast-check';
import { evaluatePolicy, matchesSpecifier } from '../../scripts/lib/policy/match';
import { TEMPLATE_KIND_RESOURCE_TYPES, canReach } from '../../scripts/lib/policy/reach';
import { parseResourceSpecifier, type Resource } from '../../scripts/lib/policy/specifier';
import { parsePolicy, type ParsedStatement } from '../../scripts/lib/policy/statement';

// Small alphabets, so that generated patterns and resources actually meet.
const SHAPES = [['proj'], ['proj', 'env'], ['proj', 'env', 'flag'], ['proj', 'env', 'segment'], ['proj', 'metric'], ['member']];
const ACTIONS = ['updateOn', 'updateName', 'createFlag', 'updateRole', 'xyz'];

const namePattern = fc.constantFrom('*', 'a', 'b', 'a*', '*b', 'ab', '**');
const tagPattern = fc.constantFrom('ops', 'OPS', 'sec*', '*', 'x');
const actionPattern = fc.constantFrom('*', 'updateOn', 'update*', 'createFlag', '*Role', 'none');

const specifierText = fc.oneof(
  { weight: 1, arbitrary: fc.constant('*') },
  {
    weight: 6,
    arbitrary: fc.constantFrom(...SHAPES).chain((types) =>
      fc
        .tuple(...types.map((type) => fc.tuple(fc.constant(type), namePattern, fc.array(tagPattern, { maxLength: 2 }))))
        .map((segments) => segments.map(([type, name, tags]) => `${type}/${name}${tags.length > 0 ? `;${tags.join(',')}` : ''}`).join(':')),
    ),
  },
);

const rawStatement = fc
  .record({
    effect: fc.constantFrom('allow', 'deny', undefined),
    resourceKey: fc.constantFrom('resources', 'notResources'),
    specifiers: fc.array(specifierText, { minLength: 1, maxLength: 3 }),
    actionKey: fc.constantFrom('actions', 'notActions'),
    actions: fc.array(actionPattern, { minLength: 1, maxLength: 3 }),
  })
  .map(({ effect, resourceKey, specifiers, actionKey, actions }) => ({
    ...(effect ? { effect } : {}),
    [resourceKey]: specifiers,
    [actionKey]: actions,
  }));

const rawPolicy = fc.array(rawStatement, { maxLength: 5 });

function parse(raw: unknown[]): ParsedStatement[] {
  const parsed = parsePolicy(raw);
  if (parsed.problems.length > 0) throw new Error(`generated policy did not parse: ${parsed.problems[0].message}`);
  return parsed.statements;
}

const resourceOf = (types: readonly string[]) =>
  fc
    .tuple(...types.map((type) => fc.record({ type: fc.constant(type), name: fc.constantFrom('a', 'b', 'ab', 'ba', '*'), tags: fc.subarray(['ops', 'Ops', 'security', 'y']) })))
    .map((segments): Resource => ({ segments }));

const resource = fc.constantFrom(...SHAPES).chain(resourceOf);
const access = fc.record({ resource, action: fc.constantFrom(...ACTIONS) });

describe('policy properties', () => {
  it('adding a deny statement never lets more events through', () => {
    fc.assert(
      fc.property(rawPolicy, rawStatement, fc.nat(5), access, (raw, extra, at, event) => {
        const before = evaluatePolicy(parse(raw), event);
        const withDeny = [...raw];
        withDeny.splice(Math.min(at, raw.length), 0, { ...extra, effect: 'deny' });
        const after = evaluatePolicy(parse(withDeny), event);
        if (after.delivered) expect(before.delivered).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('adding an allow statement never lets fewer events through', () => {
    fc.assert(
      fc.property(rawPolicy, rawStatement, access, (raw, extra, event) => {
        const before = evaluatePolicy(parse(raw), event);
        const after = evaluatePolicy(parse([...raw, { ...extra, effect: 'allow' }]), event);
        if (before.delivered) expect(after.delivered).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('statement order never changes the decision', () => {
    fc.assert(
      fc.property(
        rawPolicy.chain((raw) => fc.tuple(fc.constant(raw), fc.shuffledSubarray(raw.map((_, i) => i), { minLength: raw.length, maxLength: raw.length }))),
        access,
        ([raw, order], event) => {
          const statements = parse(raw);
          const shuffled = order.map((i) => statements[i]);
          const a = evaluatePolicy(statements, event);
          const b = evaluatePolicy(shuffled, event);
          expect(b.delivered).toBe(a.delivered);
          // Decisions name the lowest-index statement, so even that does not move.
          expect(b.decidedBy).toBe(a.decidedBy);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a matching deny always blocks', () => {
    fc.assert(
      fc.property(rawPolicy, access, (raw, event) => {
        const statements = parse(raw);
        const decision = evaluatePolicy(statements, event);
        const denied = statements.some(
          (statement) => statement.effect === 'deny' && evaluatePolicy([{ ...statement, effect: 'allow' }], event).delivered,
        );
        if (denied) expect(decision).toMatchObject({ delivered: false, decidedBy: expect.any(Number) });
        if (decision.delivered) expect(statements[statements.findIndex((s) => s.index === decision.decidedBy)].effect).toBe('allow');
      }),
      { numRuns: 500 },
    );
  });

  it('"*" as a name matches every name, whatever its characters and tags', () => {
    const anyName = fc.string({ minLength: 1 });
    fc.assert(
      fc.property(fc.constantFrom(...SHAPES), fc.array(anyName, { minLength: 3, maxLength: 3 }), fc.array(fc.string(), { maxLength: 3 }), (types, names, tags) => {
        const parsed = parseResourceSpecifier(types.map((type) => `${type}/*`).join(':'));
        if (!parsed.ok) throw new Error(parsed.message);
        const target: Resource = { segments: types.map((type, i) => ({ type, name: names[i], tags })) };
        expect(matchesSpecifier(target, parsed.specifier)).toBe(true);
        const statements = parse([{ resources: [parsed.specifier.text], actions: ['*'] }]);
        expect(evaluatePolicy(statements, { resource: target, action: names[0] }).delivered).toBe(true);
      }),
    );
  });

  it('canReach never calls a shape unreachable when some resource of it gets through', () => {
    const kinds = Object.values(TEMPLATE_KIND_RESOURCE_TYPES);
    fc.assert(
      fc.property(
        rawPolicy,
        fc.constantFrom(...kinds).chain((types) => fc.tuple(fc.constant(types), resourceOf(types), fc.constantFrom(...ACTIONS))),
        (raw, [types, target, action]) => {
          const statements = parse(raw);
          if (evaluatePolicy(statements, { resource: target, action }).delivered) expect(canReach(statements, types).possible).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
