import { eventAt } from '../../scripts/lib/samples/timestamp';
import { loadSamples, resolveSample } from '../../scripts/lib/samples/load';

describe('eventAt', () => {
  const event = resolveSample(loadSamples(), 'flag/update-rules').event;

  it('moves the timestamp in all four of its forms, and nothing else', () => {
    const when = new Date('2031-07-04T09:08:07.654Z');
    const moved = eventAt(event, when);
    expect(moved.timestamp).toEqual({ milliseconds: 1940922487654, seconds: 1940922487, rfc3339: '2031-07-04T09:08:07Z', simple: '2031-07-04 09:08:07' });
    expect({ ...moved, timestamp: undefined }).toEqual({ ...event, timestamp: undefined });
    // The sample itself is left as it was.
    expect((event.timestamp as { seconds: number }).seconds).not.toBe(1940922487);
  });

  it('leaves an event without a timestamp object as it is', () => {
    const undated = { kind: 'flag', name: 'x' };
    expect(eventAt(undated, new Date())).toBe(undated);
    const odd = { kind: 'flag', timestamp: 'yesterday' };
    expect(eventAt(odd, new Date())).toBe(odd);
  });

  it('moves the date of a standard webhook payload', () => {
    const payload = { kind: 'flag', date: 1, accesses: [{ action: 'updateOn', resource: 'proj/a:env/b:flag/c' }] };
    expect(eventAt(payload, new Date(5000))).toEqual({ ...payload, date: 5000 });
  });

  it('moves only the forms the event holds', () => {
    expect(eventAt({ kind: 'flag', timestamp: { milliseconds: 1 } }, new Date(5000)).timestamp).toEqual({ milliseconds: 5000 });
  });
});
