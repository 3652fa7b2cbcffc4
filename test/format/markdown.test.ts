import fc from 'fast-check';
import { formatPullRequestPreview } from '../../scripts/lib/format/markdown';
import { readableBody } from '../../scripts/lib/format/requests';

const request = { method: 'POST', url: 'https://x.example/hook', headers: [{ name: 'Content-Type', value: 'text/plain' }], body: 'see ```code``` and ````more````' };

describe('formatPullRequestPreview', () => {
  it('fences the body with more backticks than any run inside it, so the body cannot end the block', () => {
    const block = formatPullRequestPreview({ integration: 'x', context: 'flag/update-rules', request }, []);
    expect(block).toContain('`````text\nsee ```code``` and ````more````\n`````');
    expect(block).toContain('```http\nPOST https://x.example/hook\nContent-Type: text/plain\n```');
  });

  it('lists delivered samples first and escapes pipes in the reasons', () => {
    const routes = [
      { ref: 'project/create', delivered: false, reason: 'no statement allows createProject | ever' },
      { ref: 'flag/update-rules', delivered: true, reason: 'statement 1 allows updateRules' },
    ];
    const block = formatPullRequestPreview({ integration: 'x', context: 'flag/update-rules', request }, routes);
    expect(block).toContain('Delivers 1 of 2 sample events:');
    const rows = block.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toEqual(['| `flag/update-rules` | yes | statement 1 allows updateRules |', '| `project/create` | no | no statement allows createProject \\| ever |']);
  });
});

describe('formatPullRequestPreview: Markdown in what it quotes', () => {
  it('keeps a resource specifier\'s stars, and a ref\'s backticks and pipes, from breaking the Markdown', () => {
    const routes = [{ ref: '/tmp/we|ird`name.json', delivered: true, reason: 'statement 1 allows updateOn on proj/*:env/production:flag/*' }];
    const block = formatPullRequestPreview({ integration: 'x', context: '/tmp/we|ird`name.json', request }, routes);
    expect(block).toContain('Sample event: ``/tmp/we|ird`name.json``');
    expect(block).toContain('| ``/tmp/we\\|ird`name.json`` | yes | statement 1 allows updateOn on proj/\\*:env/production:flag/\\* |');
  });

  it('says when the request cannot be sent as written', () => {
    const block = formatPullRequestPreview({ integration: 'x', context: 'flag/update-rules', request, unsendable: 'Host is a header HTTP clients write themselves' }, []);
    expect(block).toContain('Cannot be sent as written: Host is a header HTTP clients write themselves');
  });
});

describe('readableBody', () => {
  it('lays JSON out as JSON.stringify does, for any value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(readableBody(JSON.stringify(value))).toBe(JSON.stringify(value, null, 2));
      }),
    );
  });

  it('keeps every token as the body has it: digits, escapes, repeated keys', () => {
    const body = '{"id": 12345678901234567891, "n": 1.50, "e": 1E3, "esc": "\\u003c\\/", "color": 1, "color": 2, "empty": {}, "none": []}';
    expect(readableBody(body)).toBe(
      '{\n  "id": 12345678901234567891,\n  "n": 1.50,\n  "e": 1E3,\n  "esc": "\\u003c\\/",\n  "color": 1,\n  "color": 2,\n  "empty": {},\n  "none": []\n}',
    );
  });

  it('shows any other body as it is', () => {
    expect(readableBody('@here {"a": 1')).toBe('@here {"a": 1');
    expect(readableBody('')).toBe('');
  });
});

describe('formatPullRequestPreview: the parts it quotes', () => {
  it('marks a JSON body as json, and any other as text', () => {
    const json = formatPullRequestPreview({ integration: 'x', context: 'flag/update-rules', request: { ...request, body: '{"a":1}' } }, []);
    expect(json).toContain('```json\n{\n  "a": 1\n}\n```');
    expect(formatPullRequestPreview({ integration: 'x', context: 'flag/update-rules', request }, [])).toContain('`````text\n');
  });

  it('says why there is no request when there is none', () => {
    const block = formatPullRequestPreview({ integration: 'x', context: 'member/create', problem: 'no member or default template' }, []);
    expect(block).toContain('No request: no member or default template');
    expect(block).not.toContain('```');
  });

  it('escapes the control characters of what the integration, the event and the values given write, keeping the body\'s line feeds and tabs', () => {
    const RETITLE = '\u001b]0;pwned\u0007';
    const crafted = {
      method: 'POST',
      url: `https://x.example/a\r\nX-Fake: 1`,
      headers: [{ name: 'X-Note', value: `hi\nX-Fake: 1${RETITLE}` }],
      body: `line 1\n\tline 2\r${RETITLE}`,
    };
    const routes = [{ ref: `./event${RETITLE}.json`, delivered: true, reason: `statement 1 allows every action on proj/${RETITLE}` }];
    const block = formatPullRequestPreview({ integration: `x${RETITLE}`, context: `./event${RETITLE}.json`, request: crafted, unsendable: `bad\r${RETITLE}` }, routes);
    expect(block).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(block).toContain('```http\nPOST https://x.example/a\\u000d\\u000aX-Fake: 1\nX-Note: hi\\u000aX-Fake: 1\\u001b]0;pwned\\u0007\n```');
    expect(block).toContain('```text\nline 1\n\tline 2\\u000d\\u001b]0;pwned\\u0007\n```');
    expect(block).toContain('Sample event: `./event\\u001b]0;pwned\\u0007.json`');
    expect(block).toContain('Cannot be sent as written: bad\\\\u000d\\\\u001b\\]0;pwned\\\\u0007');
    expect(block).toContain('| statement 1 allows every action on proj/\\\\u001b\\]0;pwned\\\\u0007 |');
  });

  it('keeps the Markdown in an integration name and a multi-line problem from breaking the block', () => {
    const block = formatPullRequestPreview({ integration: 'my_hook*', context: 'flag/x', problem: 'line one\n# line two' }, []);
    expect(block).toMatch(/^### Request preview: my\\_hook\\\*\n/);
    expect(block).toContain('No request: line one \\# line two\n');
  });

  it('pads a sample ref that starts or ends with a backtick, which would otherwise merge with the marks', () => {
    const block = formatPullRequestPreview({ integration: 'x', context: '`odd`', request }, [{ ref: '`odd`', delivered: true, reason: 'r' }]);
    expect(block).toContain('Sample event: `` `odd` ``');
    expect(block).toContain('| `` `odd` `` | yes | r |');
  });
});
