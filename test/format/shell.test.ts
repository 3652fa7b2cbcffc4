import { execFileSync } from 'node:child_process';
import { shellWord } from '../../scripts/lib/format/shell';
import { plainShellWord } from '../../scripts/lib/shell-word';

// What `sh` makes of the word is the only judge of the quoting.
function throughShell(word: string, env: Record<string, string> = {}): string {
  return execFileSync('sh', ['-c', `printf '%s' ${word}`], { env: { ...process.env, ...env } }).toString();
}

describe('shellWord', () => {
  it.each([
    'plain',
    "it's",
    'say "hi"',
    'dollar $HOME and ${PATH}',
    'back`tick` and $(whoami)',
    'line one\nline two\n',
    "'''",
    '\\ backslash \\n',
    'émoji 🚀 and عربى',
    '',
  ])('round-trips %j through sh', (text) => {
    expect(throughShell(shellWord(text))).toBe(text);
  });

  it('shows no control character but line feeds and tabs, which printf writes instead, and sh reads it back whole in any locale', () => {
    const secret = { value: 'ldhksecret0x', envName: 'LD_HOOK_KIT_VAR_TOKEN' };
    for (const text of ['\u001b]0;pwned\u0007title', "it's\r\n\tfake\u001b[2J", 'ldhksecret0x\u001b[31mldhksecret0x', 'line\u2028sep é\u0085\u009b', '\u007f']) {
      const word = shellWord(text, [secret]);
      expect(word).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
      expect(word).not.toContain('ldhksecret0x');
      for (const locale of ['C', 'C.UTF-8']) {
        expect([locale, throughShell(word, { LD_HOOK_KIT_VAR_TOKEN: 'ldhksecret0x', LC_ALL: locale })]).toEqual([locale, text]);
      }
    }
    expect(shellWord('a\u001bb')).toBe(`'a'"$(printf '\\033')"'b'`);
  });

  it('puts secrets in environment variables instead of the command', () => {
    const word = shellWord("https://x.test/hooks/s3cr3t'/path?t=s3cr3t", [{ value: 's3cr3t', envName: 'LD_HOOK_KIT_VAR_TOKEN' }]);
    expect(word).not.toContain('s3cr3t');
    expect(word).toContain('"$LD_HOOK_KIT_VAR_TOKEN"');
    expect(throughShell(word, { LD_HOOK_KIT_VAR_TOKEN: 's3cr3t' })).toBe("https://x.test/hooks/s3cr3t'/path?t=s3cr3t");
  });

  it('writes a computed value as its expansion', () => {
    const word = shellWord('Basic ldhkbase640x+/=!', [{ value: 'ldhkbase640x+/=', expansion: `"$(printf '%s' "$USER" | base64 | tr -d '\\n')"` }]);
    expect(throughShell(word, { USER: 'bob:pw' })).toBe('Basic Ym9iOnB3!');
  });

  it('replaces the longest secret where secrets overlap, and every secret wherever it stands', () => {
    const secrets = [
      { value: 'abc', envName: 'SHORT' },
      { value: 'abcdef', envName: 'LONG' },
    ];
    expect(shellWord('abcdef', secrets)).toBe('"$LONG"');
    const word = shellWord('x abcdef y abc z', [{ value: 'abc', envName: 'SHORT' }, { value: 'y', envName: 'WHY' }]);
    expect(word).not.toMatch(/abc|'[^']*y[^']*'/);
    expect(throughShell(word, { SHORT: 'abc', WHY: 'y' })).toBe('x abcdef y abc z');
  });
});

describe('plainShellWord', () => {
  it('leaves a plain word as it is and quotes one that needs it, which sh reads back whole', () => {
    expect(plainShellWord('/tmp/fork-1/root.d')).toBe('/tmp/fork-1/root.d');
    for (const text of ['my fork', "it's", '$HOME', 'a;b', '*', '']) {
      expect(plainShellWord(text)).not.toBe(text);
      expect(throughShell(plainShellWord(text))).toBe(text);
    }
  });

  it('writes control characters as escapes, in bash\'s $\'…\' quoting, which bash reads back whole', () => {
    for (const text of ['/tmp/a\nb', 'tab\there', "it's\u001b[2J", 'back\\slash\r', 'line\u2028sep é\u0085']) {
      const word = plainShellWord(text);
      expect(word).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
      // In any locale: the C one of many CI runners too.
      for (const locale of ['C', 'C.UTF-8']) {
        expect([locale, execFileSync('bash', ['-c', `printf '%s' ${word}`], { env: { ...process.env, LC_ALL: locale } }).toString()]).toEqual([locale, text]);
      }
    }
  });
});
