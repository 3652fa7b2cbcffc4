import { deliver } from '../../scripts/lib/delivery/send';
import { startReceiver, type Receiver } from '../../scripts/lib/delivery/receiver';
import type { HttpRequest } from '../../scripts/lib/render/http-request';
import type { TemplateEvent } from '../../scripts/lib/samples/types';
import { CONTRACTS } from '../../scripts/lib/delivery/contracts';
import { eventOf, findSample, render, TARGETING_ACTIONS } from './discord-setup';

/** The rendered request, sent to the local receiver instead of discord.com: same path, query, headers and body. */
function toReceiver(request: HttpRequest, receiver: Receiver): HttpRequest {
  const target = new URL(request.url);
  return { ...request, url: `${receiver.url}${target.pathname}${target.search}` };
}

describe('delivering a flag targeting change to a Discord-like endpoint on 127.0.0.1', () => {
  let receiver: Receiver;

  beforeEach(async () => {
    receiver = await startReceiver({ host: '127.0.0.1', contract: CONTRACTS.discord, secrets: ['tok'] });
  });

  afterEach(async () => {
    await receiver.close();
  });

  // A change the default policy sends: a targeting action on a flag in production.
  const targetingChange = findSample(
    'a targeting change of a flag in production that fits in a message',
    (event) =>
      event.kind === 'flag' &&
      event.project.environment.key === 'production' &&
      (TARGETING_ACTIONS as readonly string[]).includes(event.verbKind) &&
      [...event.title.plainText].length <= 256 &&
      [...event.details.markdown].length <= 4096,
  );

  test('the rendered message is accepted with 204, and arrives as rendered', async () => {
    const { request } = render(targetingChange.event);
    const result = await deliver(toReceiver(request, receiver));
    expect(result.delivered).toBe(true);
    expect(result.attempts.map((attempt) => attempt.status)).toEqual([204]);

    const [received] = receiver.requests();
    expect(received.method).toBe('POST');
    // The token is masked in what the receiver records.
    expect(received.path).toMatch(/^\/api\/webhooks\/123\/(?!tok$)[^/]+$/);
    expect(received.headers).toEqual(expect.arrayContaining([{ name: 'Content-Type', value: 'application/json' }]));
    expect(received.problems).toEqual([]);
    expect(received.body).toEqual(JSON.parse(request.body));
  });

  test('a message with a 300-character title is refused with 400 naming the title, and LaunchDarkly retries once', async () => {
    const event = eventOf(targetingChange) as Record<string, any>;
    event.title.plainText = 'T'.repeat(300);
    const { request } = render(event as TemplateEvent);
    const result = await deliver(toReceiver(request, receiver));
    expect(result.delivered).toBe(false);
    expect(result.attempts.map((attempt) => attempt.status)).toEqual([400, 400]);
    // What includeErrorResponseBody shows the admin: Discord-shaped, naming the field.
    const answer = JSON.parse(result.attempts[0].bodyExcerpt) as { message: string; errors: string[] };
    expect(answer.errors).toEqual(['embeds[0].title must be at most 256 characters (it has 300)']);
    expect(receiver.requests().every((received) => received.status === 400)).toBe(true);
  });

  test('a message whose display name has a double quote is refused as malformed JSON', async () => {
    const { request } = render(targetingChange.event, { username: 'The "Ops" bot' });
    const result = await deliver(toReceiver(request, receiver), { retries: 0 });
    expect(result.attempts.map((attempt) => attempt.status)).toEqual([400]);
    expect(receiver.requests()[0].reason).toMatch(/malformed JSON/);
  });
});
