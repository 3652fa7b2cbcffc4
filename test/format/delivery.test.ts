import { formatAttempt, formatOutcome, formatSendHeading, formatSendJson, formatSendSummary, type SentRequest } from '../../scripts/lib/format/delivery';
import { paint } from '../../scripts/lib/format/paint';
import { formatOrder } from '../../scripts/lib/format/received';
import type { ReceivedRequest } from '../../scripts/lib/delivery';

const plain = paint(false);
const mask = (text: string) => text.replaceAll('tok-123', '****');
const shown = { method: 'POST', url: 'https://hooks.example/in', headers: [], body: '{}' };

function sentRequest(context: string, delivered: boolean, extra: Partial<SentRequest> = {}): SentRequest {
  return {
    context,
    shown,
    result: { delivered, attempts: [{ status: delivered ? 204 : 500, error: null, ms: 12.4, bodyExcerpt: '' }] },
    ...extra,
  };
}

describe('send output', () => {
  it('opens a block with the sample, method and url, and the body problem under it', () => {
    expect(formatSendHeading('flag/update-rules', shown, undefined, plain)).toBe('flag/update-rules  POST https://hooks.example/in\n');
    expect(formatSendHeading('flag/x', shown, 'the body stops being JSON at line 1', plain)).toBe(
      'flag/x  POST https://hooks.example/in\n  the body stops being JSON at line 1\n',
    );
  });

  it('escapes the control characters of the sample, the request line, the body problem and a held sample\'s reason', () => {
    const RETITLE = '\u001b]0;pwned\u0007';
    const crafted = { ...shown, url: 'https://hooks.example/in\r\nX-Fake: 1' };
    expect(formatSendHeading(`./event${RETITLE}.json`, crafted, `templates/${RETITLE}.json.hbs is not JSON`, plain)).toBe(
      './event\\u001b]0;pwned\\u0007.json  POST https://hooks.example/in\\u000d\\u000aX-Fake: 1\n  templates/\\u001b]0;pwned\\u0007.json.hbs is not JSON\n',
    );
    expect(formatSendSummary([], [{ ref: `./event${RETITLE}.json`, reason: `statement 1 denies proj/${RETITLE}` }], plain).split('\n')[0]).toBe(
      './event\\u001b]0;pwned\\u0007.json  not sent, the default policy does not deliver it (statement 1 denies proj/\\u001b]0;pwned\\u0007)',
    );
  });

  it('tells each attempt with the secrets an answer echoes masked, its whitespace folded', () => {
    expect(formatAttempt({ status: 401, error: null, ms: 8.6, bodyExcerpt: 'bad token\n  tok-123' }, mask, plain)).toBe('  attempt: 401 in 9 ms  bad token ****\n');
    expect(formatAttempt({ status: null, error: 'connect ECONNREFUSED (tok-123)', ms: 1, bodyExcerpt: '' }, mask, plain)).toBe(
      '  attempt: failed: connect ECONNREFUSED (****) in 1 ms\n',
    );
    expect(formatOutcome({ delivered: false, attempts: [] }, plain)).toBe('  not delivered\n');
  });

  it('masks a secret holding a line break or a run of spaces before folding the whitespace, which would change it', () => {
    const spaced = (text: string) => text.replaceAll('tok  1\t2', '****');
    expect(formatAttempt({ status: 400, error: null, ms: 1, bodyExcerpt: 'you sent tok  1\t2\n' }, spaced, plain)).toBe('  attempt: 400 in 1 ms  you sent **** \n');
  });

  it('sums up several requests, naming the samples the policy held back, and says nothing more of a single one', () => {
    const two = [sentRequest('flag/a', true), sentRequest('flag/b', false)];
    expect(formatSendSummary(two, [], plain)).toBe('1 of 2 requests delivered\n');
    expect(formatSendSummary([two[0]], [{ ref: 'project/create', reason: 'no statement allows it' }], plain)).toBe(
      'project/create  not sent, the default policy does not deliver it (no statement allows it)\n' +
        '1 of 1 request delivered; 1 sample the default policy does not deliver not sent\n',
    );
    expect(formatSendSummary([two[0]], [], plain)).toBe('');
  });

  it('writes one JSON document, or a list of them for every sample, with errors masked and times rounded', () => {
    const failed = sentRequest('flag/b', false, { bodyProblem: 'not JSON' });
    failed.result.attempts = [{ status: null, error: 'timed out tok-123', ms: 30000.7, bodyExcerpt: '' }];
    expect(JSON.parse(formatSendJson([failed], false, mask))).toEqual({
      context: 'flag/b',
      delivered: false,
      attempts: [{ status: null, error: 'timed out ****', ms: 30001 }],
      request: shown,
      bodyProblem: 'not JSON',
    });
    // An answer's start, masked, whitespace as sent.
    failed.result.attempts.push({ status: 400, error: null, ms: 3, bodyExcerpt: '{"embeds": ["tok-123 is\n too long"]}' });
    expect(JSON.parse(formatSendJson([failed], false, mask)).attempts[1]).toEqual({ status: 400, error: null, ms: 3, bodyExcerpt: '{"embeds": ["**** is\n too long"]}' });
    expect(JSON.parse(formatSendJson([sentRequest('flag/a', true), failed], true, mask)).map((document: { context: string }) => document.context)).toEqual([
      'flag/a',
      'flag/b',
    ]);
  });
});

describe('formatOrder', () => {
  const request = (seq: number, date?: number): ReceivedRequest => ({
    seq,
    method: 'POST',
    path: '/',
    headers: [],
    body: {},
    bytes: 2,
    status: 204,
    reason: 'accepted',
    problems: [],
    receivedAt: 0,
    ...(date === undefined ? {} : { date }),
  });

  it('says reordered only when dated events came out of date order, never for undated ones', () => {
    expect(formatOrder([request(2, 1000), request(1, 2000)])).toBe('  by event date (reordered): #2 1970-01-01T00:00:01.000Z, #1 1970-01-01T00:00:02.000Z\n');
    expect(formatOrder([request(1, 1000), request(3), request(2)])).toBe(
      '  by event date: #1 1970-01-01T00:00:01.000Z, #3 undated, #2 undated (undated: no date in the body\'s `date`, `timestamp`, `timestamp.milliseconds` or `embeds[0].timestamp`)\n',
    );
  });
});
