import { eventDate } from '../../scripts/lib/delivery/event-date';

describe('eventDate', () => {
  it('reads the standard payload date, a template timestamp in milliseconds, ISO or digits', () => {
    expect(eventDate({ date: 1472243938774 })).toBe(1472243938774);
    expect(eventDate({ timestamp: { milliseconds: 1700000000123 } })).toBe(1700000000123);
    expect(eventDate({ timestamp: '2026-03-10T07:41:19Z' })).toBe(Date.parse('2026-03-10T07:41:19Z'));
    expect(eventDate({ timestamp: '5000' })).toBe(5000);
  });

  it("takes a Discord-like message's first embed", () => {
    const body = { embeds: [{ timestamp: '2026-03-10T07:41:19Z' }, { timestamp: '2020-01-01T00:00:00Z' }] };
    expect(eventDate(body)).toBe(Date.parse('2026-03-10T07:41:19Z'));
  });

  it('is undefined without a usable date', () => {
    for (const body of [null, 'text', [], {}, { date: 'not a date' }, { timestamp: '' }, { embeds: [] }, { date: Number.NaN }]) {
      expect(eventDate(body)).toBeUndefined();
    }
  });
});
