import { paint, wantsColor } from '../../scripts/lib/format/paint';

describe('wantsColor', () => {
  const terminal = { isTTY: true };

  it('colours a terminal, and never a pipe or a file', () => {
    expect(wantsColor(terminal, {})).toBe(true);
    expect(wantsColor({ isTTY: false }, {})).toBe(false);
  });

  it('turns colour off when NO_COLOR holds a value, but not when it is empty (no-color.org)', () => {
    expect(wantsColor(terminal, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor(terminal, { NO_COLOR: '' })).toBe(true);
  });

  it('turns colour off on a dumb terminal', () => {
    expect(wantsColor(terminal, { TERM: 'dumb' })).toBe(false);
  });
});

describe('paint', () => {
  it('wraps text in ANSI codes only when on', () => {
    expect(paint(true).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(paint(false).red('x')).toBe('x');
  });
});
