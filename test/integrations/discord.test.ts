import fc from 'fast-check';
import type { TemplateKind } from '../../scripts/lib/integration/manifest';
import { chooseTemplate } from '../../scripts/lib/render/template-choice';
import type { Sample, TemplateEvent } from '../../scripts/lib/samples/types';
import { discordContract } from '../../scripts/lib/delivery/contracts/discord';
import {
  AMBER,
  allSamples,
  characters,
  DEFAULT_COLOURS,
  discordSetup,
  eventOf,
  field,
  findSample,
  FLAG_COLOURS,
  formValues,
  RED,
  render,
  renderJson,
  type DiscordBody,
  type DiscordEmbed,
} from './discord-setup';

// Events as templates see them are loosely typed; these tests read them by path.
type Event = Record<string, any>;

const LIMITS = { title: 256, description: 4096, fieldValue: 1024, total: 6000 };

/** The parts of a body Discord would refuse because the event's own text is longer than Discord allows. */
function partsOverLimit(event: Event, embed: DiscordEmbed, includeDetails: boolean): string[] {
  const over: string[] = [];
  if (characters(event.title.plainText) > LIMITS.title) over.push('title');
  if (includeDetails && characters(event.details.markdown) > LIMITS.description) over.push('description');
  if (typeof event.comment === 'string' && characters(event.comment) > LIMITS.fieldValue) over.push('comment');
  const texts = [embed.title, embed.description, embed.footer?.text, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])];
  const total = texts.reduce((sum, text) => sum + (typeof text === 'string' ? characters(text) : 0), 0);
  if (total > LIMITS.total) over.push('total');
  return over.sort();
}

/** Which part each contract problem is about, so problems can be compared with `partsOverLimit`. */
function problemParts(problems: string[], embed: DiscordEmbed): string[] {
  return problems
    .map((problem) => {
      if (problem.startsWith('embeds[0].title ')) return 'title';
      if (problem.startsWith('embeds[0].description ')) return 'description';
      if (problem.startsWith('embeds must have at most')) return 'total';
      const fieldValue = /^embeds\[0\]\.fields\[(\d+)\]\.value /.exec(problem);
      if (fieldValue && embed.fields?.[Number(fieldValue[1])]?.name === 'Comment') return 'comment';
      return `unexpected: ${problem}`;
    })
    .sort();
}

/** What LaunchDarkly sends for the event's kind, plus `default` against flags (the framework's CI renders it so). */
function templatePairs(): [TemplateKind, string, Sample][] {
  const templates = discordSetup().hook.templates;
  const pairs: [TemplateKind, string, Sample][] = [];
  for (const sample of allSamples()) {
    const chosen = chooseTemplate(templates, sample.kind);
    if (!chosen) throw new Error(`no template for ${sample.ref}`);
    pairs.push([chosen.kind, sample.ref, sample]);
    if (chosen.kind !== 'default') pairs.push(['default', sample.ref, sample]);
  }
  return pairs;
}

/** Checks everything the README promises about an event's message, and returns the contract's problems. */
function checkEventMessage(templateKind: TemplateKind, event: Event, extra: Record<string, string> = {}): string[] {
  const body = renderJson(event as TemplateEvent, extra, templateKind);
  const values = formValues(extra);

  expect(body.allowed_mentions).toEqual({ parse: [] });
  expect(body).not.toHaveProperty('content');
  if (values.username) expect(body.username).toBe(values.username);
  else expect(body).not.toHaveProperty('username');
  expect(body.embeds).toHaveLength(1);
  const [embed] = body.embeds;

  expect(embed.title).toBe(event.title.plainText);
  if (event._links.site) expect(embed.url).toBe(event._links.site.href);
  else expect(embed).not.toHaveProperty('url');
  if (values.includeDetails && event.details.markdown !== '') expect(embed.description).toBe(event.details.markdown);
  else expect(embed).not.toHaveProperty('description');
  expect(embed.timestamp).toBe(event.timestamp.rfc3339);
  expect(embed.footer).toEqual({ text: `LaunchDarkly · ${event.verbKind}` });

  const colours = templateKind === 'flag' ? FLAG_COLOURS : DEFAULT_COLOURS;
  if (event.verbKind in colours) expect(embed.color).toBe(colours[event.verbKind]);
  else expect(embed).not.toHaveProperty('color');

  const { project } = event;
  const expectedFields: { name: string; value: string }[] = [];
  if (project.name !== '' || project.key !== '') {
    expectedFields.push({ name: 'Project', value: project.name !== '' ? project.name : `\`${project.key}\`` });
  }
  const environment = project.environment;
  if (environment.name !== '' || environment.key !== '') {
    expectedFields.push({ name: 'Environment', value: environment.name !== '' ? environment.name : `\`${environment.key}\`` });
  }
  if (templateKind === 'flag') expectedFields.push({ name: 'Flag key', value: `\`${event.key}\`` });
  else expectedFields.push({ name: 'Kind', value: `\`${event.kind}\`` });
  if (typeof event.comment === 'string' && event.comment !== '') expectedFields.push({ name: 'Comment', value: event.comment });
  if (templateKind === 'flag' && values.includeCustomProps && event.customProperties) {
    for (const property of Object.values(event.customProperties as Record<string, { name?: string; values?: string[] }>)) {
      if (property.name && property.values && property.values.length > 0) {
        expectedFields.push({ name: property.name, value: property.values.join(', ') });
      }
    }
  }
  expect((embed.fields ?? []).map(({ name, value }) => ({ name, value }))).toEqual(expectedFields);

  const problems = discordContract(body);
  expect(problemParts(problems, embed)).toEqual(partsOverLimit(event, embed, Boolean(values.includeDetails)));
  return problems;
}

describe('the Discord templates against every sample event', () => {
  const pairs = templatePairs();

  test.each(pairs.map(([kind, ref, sample]) => [kind, ref, sample] as const))(
    '%s template, %s: valid JSON, the event text intact, and only the limits the event itself breaks',
    (kind, _ref, sample) => {
      checkEventMessage(kind, sample.event);
    },
  );

  test('most samples are delivered as they are, and the others break only the limits the README names', () => {
    const refused = pairs.filter(([kind, , sample]) => discordContract(renderJson(sample.event, {}, kind)).length > 0);
    expect(refused.length).toBeLessThan(pairs.length / 4);
    for (const [kind, , sample] of refused) {
      const problems = discordContract(renderJson(sample.event, {}, kind));
      for (const problem of problems) expect(problem).toMatch(/^embeds\[0\]\.(title|description) must be at most (256|4096) characters/);
    }
  });

  test.each(allSamples().map((sample) => [sample.ref, sample] as const))(
    'with change details off, %s matches the promises too',
    (_ref, sample) => {
      const kind = chooseTemplate(discordSetup().hook.templates, sample.kind)!.kind;
      checkEventMessage(kind, sample.event, { includeDetails: 'false' });
    },
  );

  test.each(allSamples().filter((sample) => sample.kind === 'flag').map((sample) => [sample.ref, sample] as const))(
    'with custom properties on, %s gets one field per named property with values',
    (_ref, sample) => {
      checkEventMessage('flag', sample.event, { includeCustomProps: 'true' });
    },
  );

  test('some samples do carry custom properties and comments, so those branches are exercised', () => {
    const flags = allSamples().filter((sample) => sample.kind === 'flag');
    expect(flags.some((sample) => sample.event.customProperties)).toBe(true);
    expect(flags.some((sample) => typeof sample.event.comment === 'string' && sample.event.comment !== '')).toBe(true);
    expect(flags.some((sample) => !('comment' in sample.event))).toBe(true);
    expect(allSamples().some((sample) => !(sample.event._links as Event).site)).toBe(true);
  });
});

describe('event text arrives exactly as written', () => {
  const base = findSample('a flag change in one environment', (event) => event.kind === 'flag' && event.project.environment.key !== '');

  test("a title, details and comment with ', \", &, <, backslashes, newlines and emoji are not escaped or changed", () => {
    const event = eventOf(base) as Event;
    event.title.plainText = `Zoë said "ship it" & it's <b>done</b> \\o/ 🚢`;
    event.details.markdown = `- Changed rule 1 from ~~"a" & 'b'~~ to *<c>*\n\t- back\\slash \`code\` = ok`;
    event.comment = `Approved by "Ops" & QA's lead <qa@example.com>\r\nLine two\u2028three`;
    event.project.name = `Booking "v2" & <friends>`;
    event.project.environment.name = `Prod 'eu' = live`;
    const body = renderJson(event as TemplateEvent);
    const [embed] = body.embeds;
    expect(embed.title).toBe(event.title.plainText);
    expect(embed.description).toBe(event.details.markdown);
    expect(field(embed, 'Comment')?.value).toBe(event.comment);
    expect(field(embed, 'Project')?.value).toBe(event.project.name);
    expect(field(embed, 'Environment')?.value).toBe(event.project.environment.name);
    expect(render(event as TemplateEvent).request.body).not.toMatch(/&(amp|quot|lt|gt|#x27|#x3D|#x60);/);
    expect(discordContract(body)).toEqual([]);
  });

  test('any characters at all in the texts an event carries give valid JSON that comes back unchanged', () => {
    const nasty = fc.constantFrom('"', '\\', '&', '<', '>', "'", '`', '=', '\n', '\r', '\t', '\u0000', '\u001f', '\u2028', '\u2029', '{{x}}', '@everyone', '</script>', '\ud83d\ude80');
    const text = fc.string({ unit: fc.oneof(nasty, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 60 });
    fc.assert(
      fc.property(fc.record({ title: text, details: text, comment: text, project: text, environment: text, verb: text }), (texts) => {
        const event = eventOf(base) as Event;
        event.title.plainText = texts.title;
        event.details.markdown = texts.details;
        event.comment = texts.comment;
        event.project.name = texts.project;
        event.project.environment.name = texts.environment;
        event.verbKind = texts.verb;
        for (const kind of ['flag', 'default'] as const) {
          const body = renderJson(event as TemplateEvent, {}, kind);
          const [embed] = body.embeds;
          expect(embed.title).toBe(texts.title);
          expect(embed.description).toBe(texts.details === '' ? undefined : texts.details);
          expect(field(embed, 'Comment')?.value).toBe(texts.comment === '' ? undefined : texts.comment);
          expect(field(embed, 'Project')?.value).toBe(texts.project === '' ? `\`${event.project.key}\`` : texts.project);
          expect(field(embed, 'Environment')?.value).toBe(
            texts.environment === '' ? `\`${event.project.environment.key}\`` : texts.environment,
          );
          expect(embed.footer?.text).toBe(`LaunchDarkly · ${texts.verb}`);
          expect(discordContract(body)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('nobody is pinged', () => {
  test('an @everyone, @here or role mention anywhere in the event stays text: allowed_mentions parses nothing', () => {
    const event = eventOf(findSample('a flag change with a comment', (e) => e.kind === 'flag' && typeof e.comment === 'string')) as Event;
    event.title.plainText = '@everyone the flag is on';
    event.details.markdown = '@here <@&123456789> <@987654321>';
    event.comment = '@everyone';
    for (const kind of ['flag', 'default'] as const) {
      const body = renderJson(event as TemplateEvent, {}, kind);
      expect(body.allowed_mentions).toEqual({ parse: [] });
      // Mentions ping only from `content`; the messages never have one.
      expect(body).not.toHaveProperty('content');
    }
  });
});

describe('the comment field', () => {
  const withComment = findSample('a flag change with a comment', (e) => e.kind === 'flag' && typeof e.comment === 'string' && e.comment !== '');

  test('is there, with the comment exactly, when the event has one', () => {
    const body = renderJson(withComment.event);
    expect(field(body.embeds[0], 'Comment')).toEqual({ name: 'Comment', value: withComment.event.comment });
  });

  test.each([
    ['has no comment key', (event: Event) => void delete event.comment],
    ['has an empty comment', (event: Event) => void (event.comment = '')],
  ])('is left out when the event %s, and the body is still accepted', (_what, change) => {
    const event = eventOf(withComment) as Event;
    change(event);
    for (const kind of ['flag', 'default'] as const) {
      const body = renderJson(event as TemplateEvent, {}, kind);
      expect(field(body.embeds[0], 'Comment')).toBeUndefined();
      expect(discordContract(body)).toEqual([]);
    }
  });
});

describe('colours', () => {
  const base = findSample('a flag change in one environment', (event) => event.kind === 'flag' && event.project.environment.key !== '');

  function colourOf(verbKind: string, kind: 'flag' | 'default' = 'flag'): number | undefined {
    const event = eventOf(base) as Event;
    event.verbKind = verbKind;
    return renderJson(event as TemplateEvent, {}, kind).embeds[0].color;
  }

  test('turning targeting on or off and deleting a flag look different', () => {
    expect(colourOf('updateOn')).toBe(AMBER);
    expect(colourOf('deleteFlag')).toBe(RED);
    expect(colourOf('updateOn')).not.toBe(colourOf('deleteFlag'));
  });

  test.each(Object.entries(FLAG_COLOURS))('flag template: %s is %i', (verbKind, colour) => {
    expect(colourOf(verbKind)).toBe(colour);
  });

  test.each(Object.entries(DEFAULT_COLOURS))('default template: %s is %i', (verbKind, colour) => {
    expect(colourOf(verbKind, 'default')).toBe(colour);
  });

  test('an action with no colour of its own leaves the colour out (Discord draws its neutral bar)', () => {
    expect(colourOf('updateFlagVariations')).toBeUndefined();
    expect(colourOf('updateName', 'default')).toBeUndefined();
  });

  test('every colour is one Discord accepts', () => {
    for (const colour of [...Object.values(FLAG_COLOURS), ...Object.values(DEFAULT_COLOURS)]) {
      expect(Number.isInteger(colour) && colour >= 0 && colour <= 0xffffff).toBe(true);
    }
  });
});

describe('the settings', () => {
  const base = findSample('a flag change with custom properties', (event) => event.kind === 'flag' && event.customProperties);

  test('the display name defaults to LaunchDarkly, can be changed, and is left out when emptied', () => {
    expect(renderJson(base.event).username).toBe('LaunchDarkly');
    expect(renderJson(base.event, { username: 'Release radio 📻' }).username).toBe('Release radio 📻');
    expect(renderJson(base.event, { username: '' })).not.toHaveProperty('username');
  });

  test('a double quote or backslash in the display name breaks the JSON, as the README warns, in validation too', () => {
    for (const username of ['The "Ops" bot', 'C:\\bots\\ld', 'trailing\\']) {
      for (const kind of ['flag', 'validation'] as const) {
        const event = kind === 'validation' ? findSample('an environment event', (e) => e.kind === 'environment').event : base.event;
        expect(() => JSON.parse(render(event, { username }, kind).request.body)).toThrow(SyntaxError);
      }
    }
  });

  test('custom properties are off by default, and on request come one per field, values joined by commas', () => {
    const properties = base.event.customProperties as Record<string, { name: string; values: string[] }>;
    const names = Object.values(properties).map((property) => property.name);
    const off = renderJson(base.event).embeds[0];
    for (const name of names) expect(field(off, name)).toBeUndefined();
    const on = renderJson(base.event, { includeCustomProps: 'true' }).embeds[0];
    for (const property of Object.values(properties)) {
      expect(field(on, property.name)).toEqual({ name: property.name, value: property.values.join(', '), inline: true });
    }
  });

  test('custom properties without a name or without values are left out rather than sent empty', () => {
    const event = eventOf(base) as Event;
    event.customProperties = {
      ticket: { name: 'Change ticket', values: ['CHG-1', 'CHG-2 "urgent"'] },
      empty: { name: 'Nothing here', values: [] },
      nameless: { name: '', values: ['x'] },
    };
    const body = renderJson(event as TemplateEvent, { includeCustomProps: 'true' });
    expect(field(body.embeds[0], 'Change ticket')?.value).toBe('CHG-1, CHG-2 "urgent"');
    expect(field(body.embeds[0], 'Nothing here')).toBeUndefined();
    expect(body.embeds[0].fields?.some((f) => f.value === 'x')).toBe(false);
    expect(discordContract(body)).toEqual([]);
  });

  test('the endpoint is the webhook on discord.com, with the thread only when one is set', () => {
    const plain = render(base.event).request;
    expect(plain.method).toBe('POST');
    expect(plain.url).toBe('https://discord.com/api/webhooks/123/tok');
    expect(plain.headers).toEqual([{ name: 'Content-Type', value: 'application/json' }]);
    expect(render(base.event, { threadId: '998877' }).request.url).toBe('https://discord.com/api/webhooks/123/tok?thread_id=998877');
  });
});

describe('the validation message', () => {
  const environments = allSamples().filter((sample) => sample.kind === 'environment');

  test('there are environment samples to check it with', () => {
    expect(environments.length).toBeGreaterThan(0);
  });

  test.each(environments.map((sample) => [sample.ref, sample] as const))(
    'against %s: non-empty valid JSON that Discord accepts',
    (_ref, sample) => {
      const { request } = render(sample.event, {}, 'validation');
      expect(request.body.trim()).not.toBe('');
      const body = JSON.parse(request.body) as DiscordBody;
      expect(discordContract(body)).toEqual([]);
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(body.username).toBe('LaunchDarkly');
      expect(body.embeds).toHaveLength(1);
      expect(body.embeds[0].title).toMatch(/connected/);
      expect(body.embeds[0].timestamp).toBe((sample.event.timestamp as Event).rfc3339);
      expect(request.url).toBe('https://discord.com/api/webhooks/123/tok');
    },
  );
});
