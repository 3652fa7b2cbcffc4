import { eventAccess } from '../../scripts/lib/policy/event-resource';
import { evaluatePolicy } from '../../scripts/lib/policy/match';
import { parsePolicy } from '../../scripts/lib/policy/statement';

/** The parts of a template context that place an event; the rest does not matter here. */
function event(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    kind: 'flag',
    verbKind: 'updateOn',
    key: 'storm-banner',
    tags: ['ops'],
    project: { key: 'harbour', tags: ['passenger'], environment: { key: 'production', tags: ['critical'] } },
    member: { _id: 'actor-1' },
    target: { _id: 'target-1' },
    ...overrides,
  };
}

function placed(value: unknown): { text: string; action: string } {
  const result = eventAccess(value);
  if (!result.ok) throw new Error(result.message);
  return { text: result.access.text, action: result.access.action };
}

describe('eventAccess', () => {
  it('places a flag event in its project and environment, with every level of tags', () => {
    expect(placed(event({}))).toEqual({ text: 'proj/harbour;passenger:env/production;critical:flag/storm-banner;ops', action: 'updateOn' });
  });

  it('places a segment event like a flag, with the segment type', () => {
    expect(placed(event({ kind: 'segment', key: 'islanders', verbKind: 'createSegment', tags: [] }))).toEqual({
      text: 'proj/harbour;passenger:env/production;critical:segment/islanders',
      action: 'createSegment',
    });
  });

  it('gives a change made in every environment the environment "*"', () => {
    const allEnvironments = event({ verbKind: 'createFlag', project: { key: 'harbour', tags: [], environment: { key: '', name: '', tags: null } } });
    expect(placed(allEnvironments).text).toBe('proj/harbour:env/*:flag/storm-banner;ops');
  });

  it('places an environment event, its own tags on the environment', () => {
    const environment = event({ kind: 'environment', verbKind: 'updateTags', key: 'production', tags: ['sox'] });
    expect(placed(environment)).toEqual({ text: 'proj/harbour;passenger:env/production;critical,sox', action: 'updateTags' });
  });

  it('places a project event, its own tags on the project', () => {
    const project = event({ kind: 'project', verbKind: 'createProject', key: 'harbour', tags: ['passenger', 'new'], project: { key: 'harbour', tags: ['passenger'], environment: { key: '', tags: null } } });
    expect(placed(project)).toEqual({ text: 'proj/harbour;passenger,new', action: 'createProject' });
  });

  it('places an environment event by its key when the context has no environment', () => {
    const environment = event({ kind: 'environment', verbKind: 'createEnvironment', key: 'staging', tags: ['new'], project: { key: 'harbour', tags: null } });
    expect(placed(environment).text).toBe('proj/harbour:env/staging;new');
  });

  it('places a project event by its key when the context has no project key', () => {
    const project = event({ kind: 'project', verbKind: 'createProject', key: 'harbour', tags: ['new'], project: {} });
    expect(placed(project).text).toBe('proj/harbour;new');
  });

  it('places a metric event in its project', () => {
    const metric = event({ kind: 'metric', verbKind: 'createMetric', key: 'checkout', tags: ['conversion'], project: { key: 'harbour', tags: null, environment: { key: '', tags: null } } });
    expect(placed(metric)).toEqual({ text: 'proj/harbour:metric/checkout;conversion', action: 'createMetric' });
  });

  it('places a member event on the member who was changed, else on the one who changed it', () => {
    const member = event({ kind: 'member', verbKind: 'updateRole', key: undefined, tags: null, project: { key: '', tags: null, environment: { key: '', tags: null } } });
    expect(placed(member)).toEqual({ text: 'member/target-1', action: 'updateRole' });
    expect(placed({ ...member, target: { name: 'x' } }).text).toBe('member/actor-1');
  });

  it('places other kinds at account level by key, else by target id', () => {
    expect(placed(event({ kind: 'webhook', key: undefined, tags: ['pager'] })).text).toBe('webhook/target-1;pager');
    expect(placed(event({ kind: 'integration', key: 'slack-1', tags: null })).text).toBe('integration/slack-1');
  });

  it('treats null tags as none and skips tags that are not strings', () => {
    const flag = event({ tags: null, project: { key: 'p', tags: [7, 'ok', ''], environment: { key: 'e', tags: null } } });
    expect(placed(flag).text).toBe('proj/p;ok:env/e:flag/storm-banner');
  });

  it('returns the built resource, so keys with ":" or ";" still match', () => {
    const result = eventAccess(event({ key: 'odd:key;x' }));
    expect(result.ok && result.access.resource.segments[2]).toEqual({ type: 'flag', name: 'odd:key;x', tags: ['ops'] });
  });

  it.each([
    ['not an object', 'flag', 'the event is not an object'],
    ['without kind', event({ kind: undefined }), 'the event has no kind'],
    ['with an empty kind', event({ kind: '' }), 'the event has no kind'],
    ['without verbKind', event({ verbKind: '' }), 'the flag event has no verbKind'],
    ['with a verbKind that is no text', event({ verbKind: 5 }), "the flag event's verbKind is not text, so it names no action"],
    ['with a kind that is no text', event({ kind: 7 }), "the event's kind is not text"],
    ['a flag without project key', event({ project: { environment: { key: 'e' } } }), 'the flag event has no project.key, so it names no resource'],
    ['a flag without key', event({ key: undefined }), 'the flag event has no key, so it names no resource'],
    ['a metric without key', event({ kind: 'metric', key: 7 }), 'the metric event has no key, so it names no resource'],
    ['a metric without project key', event({ kind: 'metric', project: {} }), 'the metric event has no project.key, so it names no resource'],
    ['an environment without project key', event({ kind: 'environment', project: { environment: { key: 'e' } } }), 'the environment event has no project.key, so it names no resource'],
    ['an environment without environment', event({ kind: 'environment', key: undefined, project: { key: 'p' } }), 'the environment event has no project.environment.key, so it names no resource'],
    ['a project without key', event({ kind: 'project', key: undefined, project: {} }), 'the project event has no project.key, so it names no resource'],
    ['a member without ids', event({ kind: 'member', member: {}, target: {} }), 'the member event has no target._id or member._id, so it names no resource'],
    ['a webhook without key or target', event({ kind: 'webhook', key: undefined, target: null }), 'the webhook event has no key or target._id, so it names no resource'],
  ])('refuses %s', (_what, value, message) => {
    expect(eventAccess(value)).toEqual({ ok: false, message });
  });

  it('feeds evaluatePolicy', () => {
    const { statements } = parsePolicy([{ resources: ['proj/*:env/production:flag/*;OPS'], actions: ['updateOn'] }]);
    const result = eventAccess(event({}));
    expect(result.ok && evaluatePolicy(statements, result.access)).toMatchObject({ delivered: true, decidedBy: 0 });
  });
});

