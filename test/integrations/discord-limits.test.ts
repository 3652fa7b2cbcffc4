/**
 * What a long change does to the Discord message. LaunchDarkly's templates cannot shorten text,
 * so these are the limits a change can still reach; the README's "Known limits" says the same,
 * and the last test keeps the two in step.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TemplateEvent } from '../../scripts/lib/samples/types';
import { DISCORD_MESSAGE_LIMITS, discordContract } from '../../scripts/lib/delivery/contracts/discord';
import { DISCORD_DIR, eventOf, findSample, renderJson } from './discord-setup';

type Event = Record<string, any>;

const base = findSample(
  'a flag change in one environment with a comment',
  (event) => event.kind === 'flag' && event.project.environment.key !== '' && typeof event.comment === 'string' && event.comment !== '',
);

/** The base event with short, known texts, then `change` applied. */
function event(change: (event: Event) => void = () => undefined): TemplateEvent {
  const copy = eventOf(base) as Event;
  copy.title.plainText = 'Ada Lovelace turned on the flag Dark mode in Production';
  copy.details.markdown = '- Turned on the flag';
  copy.comment = 'Launch day';
  copy.project.name = 'Web';
  copy.project.environment.name = 'Production';
  delete copy.customProperties;
  change(copy);
  return copy as TemplateEvent;
}

function problems(e: TemplateEvent, extra: Record<string, string> = {}): string[] {
  return discordContract(renderJson(e, extra));
}

const commentIndex = (e: TemplateEvent) => renderJson(e).embeds[0].fields!.findIndex((f) => f.name === 'Comment');

describe('limits a long change can reach', () => {
  test('a short change is accepted', () => {
    expect(problems(event())).toEqual([]);
  });

  test('details of exactly 4096 characters still fit; 5000 characters exceed the description limit and nothing else', () => {
    expect(problems(event((e) => (e.details.markdown = 'd'.repeat(4096))))).toEqual([]);
    expect(problems(event((e) => (e.details.markdown = 'd'.repeat(5000))))).toEqual([
      'embeds[0].description must be at most 4096 characters (it has 5000)',
    ]);
  });

  test('turning change details off makes the same long change deliverable, as the README advises', () => {
    const long = event((e) => (e.details.markdown = '- Added 900 individual targets: ' + 'user-0000, '.repeat(450)));
    expect(problems(long)).toHaveLength(1);
    expect(problems(long, { includeDetails: 'false' })).toEqual([]);
  });

  test('a comment of 1024 characters fits; one of 1025 exceeds the field value limit', () => {
    expect(problems(event((e) => (e.comment = 'c'.repeat(1024))))).toEqual([]);
    const long = event((e) => (e.comment = 'c'.repeat(1025)));
    expect(problems(long)).toEqual([`embeds[0].fields[${commentIndex(long)}].value must be at most 1024 characters (it has 1025)`]);
  });

  test('a title of 256 characters fits; a longer one (a very long flag name) exceeds the title limit', () => {
    expect(problems(event((e) => (e.title.plainText = 't'.repeat(256))))).toEqual([]);
    expect(problems(event((e) => (e.title.plainText = 't'.repeat(257))))).toEqual([
      'embeds[0].title must be at most 256 characters (it has 257)',
    ]);
  });

  test("lengths count code points (the contract's rule), so emoji and accents count one character each", () => {
    expect(problems(event((e) => (e.title.plainText = '🚢'.repeat(256))))).toEqual([]);
    expect(problems(event((e) => (e.details.markdown = 'é'.repeat(4096))))).toEqual([]);
  });

  test("the 6000 total is reached only with several parts near their limits: the README's example", () => {
    const crowded = event((e) => {
      e.details.markdown = 'd'.repeat(4000);
      e.comment = 'c'.repeat(1000);
      e.title.plainText = 't'.repeat(250);
      e.project.name = 'p'.repeat(400);
      e.project.environment.name = 'e'.repeat(400);
    });
    const found = problems(crowded);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^embeds must have at most 6000 characters .* \(they have 6\d{3}\)$/);
    // Each part on its own is within its limit, and the realistic maximum without long names is not.
    const withoutLongNames = event((e) => {
      e.details.markdown = 'd'.repeat(4096);
      e.comment = 'c'.repeat(1024);
      e.title.plainText = 't'.repeat(256);
    });
    expect(problems(withoutLongNames)).toEqual([]);
  });

  test('with custom properties on: 21 fit beside project, environment, flag key and comment; 22 exceed the 25 fields', () => {
    const withProperties = (count: number) =>
      event((e) => {
        e.customProperties = Object.fromEntries(
          Array.from({ length: count }, (_, i) => [`p${i}`, { name: `Property ${i}`, values: [`value ${i}`] }]),
        );
      });
    expect(renderJson(withProperties(21), { includeCustomProps: 'true' }).embeds[0].fields).toHaveLength(DISCORD_MESSAGE_LIMITS.fields);
    expect(problems(withProperties(21), { includeCustomProps: 'true' })).toEqual([]);
    expect(problems(withProperties(22), { includeCustomProps: 'true' })).toEqual(['embeds[0].fields must have at most 25 items (it has 26)']);
    expect(problems(withProperties(22))).toEqual([]);
  });

  test('a custom property whose only value is empty is refused, as the README says', () => {
    const empty = event((e) => (e.customProperties = { ticket: { name: 'Change ticket', values: [''] } }));
    expect(problems(empty, { includeCustomProps: 'true' })).toEqual([expect.stringMatching(/^embeds\[0\]\.fields\[\d+\]\.value must not be empty$/)]);
  });

  test("the README's Known limits name each of these numbers", () => {
    const readme = fs.readFileSync(path.join(DISCORD_DIR, 'README.md'), 'utf8');
    // Wrapped lines read as one.
    const limits = readme.slice(readme.indexOf('## Known limits')).replace(/\s+/g, ' ');
    for (const text of ['256', '4096', '1024', '6000', '25 fields', 'more than 21 custom properties', 'Include change details', 'only value is empty']) {
      expect(limits).toContain(text);
    }
  });
});
