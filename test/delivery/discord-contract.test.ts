import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../../scripts/lib/package-root';
import { GENERATED_DISCORD_VALIDATOR_PATH, generateDiscordValidatorSource } from '../../scripts/lib/delivery/contracts/generate-discord-validator';
import { CONTRACTS, destinationRefusal, discordAnswer, discordContract, discordRejection } from '../../scripts/lib/delivery';
import type { HttpRequest } from '../../scripts/lib/render/http-request';

const embed = (extra: Record<string, unknown> = {}) => ({ title: 'Flag updated', description: 'Ingrid changed **beta**', ...extra });

describe('discordContract', () => {
  it('is registered under "discord", for a POST of application/json', () => {
    expect(CONTRACTS.discord).toEqual({ method: 'POST', mediaType: 'application/json', body: discordContract, accepted: discordAnswer, rejected: discordRejection });
  });

  it('is answered 204 and empty unless the query says wait=true, then 200 with the message', () => {
    const message = { content: 'hi', embeds: [{ title: 't' }], username: 'LaunchDarkly' };
    expect(discordAnswer(new URLSearchParams(''), message, 3)).toBeUndefined();
    expect(discordAnswer(new URLSearchParams('wait=1'), message, 3)).toBeUndefined();
    // A body that is not an object is the contract's to refuse; the answer does not fail on it.
    expect(discordAnswer(new URLSearchParams('wait=true'), null, 4)).toEqual({ status: 200, reply: { id: '4', type: 0, content: '', embeds: [] } });
    expect(discordAnswer(new URLSearchParams('thread_id=9&wait=true'), message, 3)).toEqual({
      status: 200,
      reply: { id: '3', type: 0, content: 'hi', embeds: [{ title: 't' }] },
    });
  });

  it.each([
    ['content only', { content: 'hello' }],
    ['one embed', { embeds: [embed()] }],
    [
      'every documented field at its limit',
      {
        content: 'c'.repeat(2000),
        username: 'u'.repeat(80),
        avatar_url: 'https://example.com/a.png',
        allowed_mentions: { parse: [] },
        embeds: [
          embed({
            title: 't'.repeat(256),
            description: 'd'.repeat(1000),
            url: 'http://example.com/flag',
            timestamp: '2024-05-01T12:00:00.000Z',
            color: 16777215,
            footer: { text: 'f'.repeat(100) },
            author: { name: 'a'.repeat(256) },
            fields: Array.from({ length: 25 }, (_, i) => ({ name: `n${i}`, value: 'v'.repeat(100), inline: i % 2 === 0 })),
          }),
          ...Array.from({ length: 9 }, () => ({ color: 0 })),
        ],
      },
    ],
    ['unknown properties (Discord ignores them)', { content: 'x', tts: false, embeds: [embed({ thumbnail: { url: 'https://x' } })] }],
    ['an emoji counted as one character', { content: '🙂'.repeat(2000) }],
  ])('accepts %s', (_label, body) => {
    expect(discordContract(body)).toEqual([]);
  });

  it('names the field and both numbers when a limit is passed', () => {
    const body = {
      content: 'c'.repeat(2001),
      username: 'u'.repeat(81),
      embeds: [
        embed({ fields: [{ name: 'a', value: 'b' }, { name: 'a', value: 'b' }, { name: 'a', value: 'b' }, { name: 'n', value: 'v'.repeat(1500) }] }),
        embed({ title: 't'.repeat(257), description: 'd'.repeat(4097), footer: { text: 'f'.repeat(2049) }, author: { name: 'a'.repeat(257) } }),
      ],
    };
    expect(discordContract(body)).toEqual(
      expect.arrayContaining([
        'content must be at most 2000 characters (it has 2001)',
        'username must be at most 80 characters (it has 81)',
        'embeds[0].fields[3].value must be at most 1024 characters (it has 1500)',
        'embeds[1].title must be at most 256 characters (it has 257)',
        'embeds[1].description must be at most 4096 characters (it has 4097)',
        'embeds[1].footer.text must be at most 2048 characters (it has 2049)',
        'embeds[1].author.name must be at most 256 characters (it has 257)',
      ]),
    );
  });

  it('counts too many embeds and fields', () => {
    expect(discordContract({ embeds: Array.from({ length: 11 }, () => embed()) })).toEqual(['embeds must have at most 10 items (it has 11)']);
    const fields = Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' }));
    expect(discordContract({ embeds: [embed({ fields })] })).toEqual(['embeds[0].fields must have at most 25 items (it has 26)']);
  });

  it('requires a non-empty content or embeds', () => {
    const problem = 'content or embeds must be present and non-empty (Discord cannot send an empty message)';
    expect(discordContract({})).toEqual([problem]);
    expect(discordContract({ content: '', embeds: [] })).toEqual([problem]);
    expect(discordContract({ username: 'bot' })).toEqual([problem]);
  });

  it('requires footer text, author name, and non-empty field names and values', () => {
    expect(discordContract({ embeds: [embed({ footer: {}, author: { url: 'https://x' }, fields: [{ name: '', value: '' }, { inline: 'yes' }] })] })).toEqual(
      expect.arrayContaining([
        'embeds[0].footer.text is required',
        'embeds[0].author.name is required',
        'embeds[0].fields[0].name must not be empty',
        'embeds[0].fields[0].value must not be empty',
        'embeds[0].fields[1].name is required',
        'embeds[0].fields[1].value is required',
        'embeds[0].fields[1].inline must be true or false',
      ]),
    );
  });

  it('checks colour, timestamp, URLs, types and allowed_mentions', () => {
    const problems = discordContract({
      content: 42,
      avatar_url: 'ftp://x',
      allowed_mentions: { parse: ['nobody'] },
      embeds: [embed({ color: 16777216, timestamp: 'yesterday', url: 'not a url' }), embed({ color: -1 }), embed({ color: 1.5 }), 'not an embed'],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'content must be a string',
        'avatar_url must be an http or https URL',
        'allowed_mentions.parse[0] must be one of "roles", "users", "everyone"',
        'embeds[0].color must be between 0 and 16777215 (it is 16777216)',
        'embeds[0].timestamp must be an ISO 8601 timestamp like 2024-05-01T12:00:00.000Z (it is "yesterday")',
        'embeds[0].url must be an http or https URL',
        'embeds[1].color must be between 0 and 16777215 (it is -1)',
        'embeds[2].color must be a whole number',
        'embeds[3] must be an object',
      ]),
    );
  });

  it('rejects a body that is not an object', () => {
    for (const body of [null, 'text', 3, [{ content: 'x' }]]) expect(discordContract(body)).toEqual(['body must be a JSON object']);
  });

  it('limits the characters of all embeds together to 6000', () => {
    // Each part is within its own limit; together they are 6001 characters.
    const field = { name: 'n'.repeat(200), value: 'v'.repeat(249) };
    const embeds = [
      embed({ title: 't'.repeat(256), description: 'd'.repeat(4096), footer: { text: 'f'.repeat(1000) }, author: { name: 'a'.repeat(200) } }),
      { fields: [field] },
    ];
    expect(discordContract({ embeds })).toEqual([
      'embeds must have at most 6000 characters in all titles, descriptions, field names and values, footer texts and author names together (they have 6001)',
    ]);
    field.value = 'v'.repeat(248);
    expect(discordContract({ embeds })).toEqual([]);
  });
});

describe('discordContract on huge values', () => {
  it('quotes an invalid value cut short: a body may hold megabytes of it', () => {
    const long = 'é'.repeat(100_000);
    expect(discordContract({ embeds: [{ title: 't', timestamp: long }] })).toEqual([
      `embeds[0].timestamp must be an ISO 8601 timestamp like 2024-05-01T12:00:00.000Z (it is "${'é'.repeat(40)}…")`,
    ]);
  });
});

describe('destinationRefusal', () => {
  const message = { embeds: [{ title: 'x'.repeat(300) }] };
  const post = (url: string, body: unknown = message, overrides: Partial<HttpRequest> = {}): HttpRequest => ({
    method: 'POST',
    url,
    headers: [{ name: 'Content-Type', value: 'application/json; charset=utf-8' }],
    body: JSON.stringify(body),
    ...overrides,
  });

  it('judges a request to a Discord webhook, on any of its hosts, by Discord\'s rules, naming each problem', () => {
    for (const url of ['https://discord.com/api/webhooks/1/t', 'https://DiscordApp.com/api/v10/webhooks/1/t?wait=true', 'https://canary.discord.com/api/webhooks/1/t']) {
      expect([url, destinationRefusal(post(url))]).toEqual([url, 'Discord would refuse this message (400): embeds[0].title must be at most 256 characters (it has 300)']);
    }
    expect(destinationRefusal(post('https://discord.com/api/webhooks/1/t', { content: 'hi' }))).toBeUndefined();
    expect(destinationRefusal(post('https://discord.com/api/webhooks/1/t', message, { method: 'put' }))).toBe('Discord would refuse this request (405): it takes POST, not PUT');
    expect(destinationRefusal(post('https://discord.com/api/webhooks/1/t', message, { headers: [] }))).toBe(
      'Discord would refuse this request (400): it reads the body as application/json, not a body without a Content-Type',
    );
  });

  it('says nothing of other destinations, of Discord urls that are no webhook, or of a body that is no JSON (told apart)', () => {
    expect(destinationRefusal(post('https://example.com/api/webhooks/1/t'))).toBeUndefined();
    expect(destinationRefusal(post('https://discord.com/api/channels/1/messages'))).toBeUndefined();
    expect(destinationRefusal(post('https://discord.com.evil.example/api/webhooks/1/t'))).toBeUndefined();
    expect(destinationRefusal(post('not a url'))).toBeUndefined();
    expect(destinationRefusal({ ...post('https://discord.com/api/webhooks/1/t'), body: '{"embeds": [' })).toBeUndefined();
  });
});

describe('the generated Discord validator', () => {
  it('is up to date with DISCORD_MESSAGE_SCHEMA', () => {
    const onDisk = fs.readFileSync(path.join(packageRoot(), GENERATED_DISCORD_VALIDATOR_PATH), 'utf8');
    // A boolean, not the two texts, so that a failure says how to fix it.
    expect({ upToDate: onDisk === generateDiscordValidatorSource(), regenerateWith: 'npm run schema:generate' }).toEqual({
      upToDate: true,
      regenerateWith: 'npm run schema:generate',
    });
  });
});
