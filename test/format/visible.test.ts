import { formatAttempt } from '../../scripts/lib/format/delivery';
import { paint } from '../../scripts/lib/format/paint';
import { formatReceived } from '../../scripts/lib/format/received';
import { visible, visibleLines } from '../../scripts/lib/format/visible';

const plain = paint(false);
const CLEAR_SCREEN = '\u001b[2J';
const RETITLE = '\u001b]0;pwned\u0007';

describe('visible', () => {
  it('escapes every control character, C1 and line separators included, and leaves other text alone', () => {
    expect(visible(`a${CLEAR_SCREEN}b\r\n\t\u009b\u2028é😀`)).toBe('a\\u001b[2Jb\\u000d\\u000a\\u0009\\u009b\\u2028é😀');
  });

  it('keeps the line feeds and tabs that lay out a body, and escapes a carriage return', () => {
    expect(visibleLines(`line 1\n\tline 2\r${RETITLE}`)).toBe('line 1\n\tline 2\\u000d\\u001b]0;pwned\\u0007');
  });
});

describe('what a server or a sender wrote, shown', () => {
  it("never passes an endpoint's escape sequences to the terminal in send's attempt lines", () => {
    const line = formatAttempt({ status: 500, error: null, ms: 3, bodyExcerpt: `${CLEAR_SCREEN}oops${RETITLE}` }, (text) => text, plain);
    expect(line).toBe('  attempt: 500 in 3 ms  \\u001b[2Joops\\u001b]0;pwned\\u0007\n');
    expect(formatAttempt({ status: null, error: `reset ${CLEAR_SCREEN}`, ms: 3, bodyExcerpt: '' }, (text) => text, plain)).not.toContain('\u001b');
  });

  it("never passes a sender's escape sequences to the terminal in receive's blocks, nor lets it fake a block", () => {
    const block = formatReceived(
      {
        seq: 1,
        method: 'POST',
        path: `/hook${CLEAR_SCREEN}`,
        headers: [{ name: 'X-Note', value: `hi${RETITLE}` }],
        body: `${CLEAR_SCREEN}text\r#99  fake request line`,
        bytes: 40,
        status: 400,
        reason: `malformed JSON ${CLEAR_SCREEN}`,
        problems: [`bad ${RETITLE}`],
        receivedAt: 0,
      },
      plain,
    );
    expect(block).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(block).toContain('\\u001b[2Jtext\\u000d#99  fake request line');
  });
});
