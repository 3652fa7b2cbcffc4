import { singleQuoted } from '../shell-word';

/** A value to keep out of printed commands, and the environment variable that supplies it. */
export interface ShellSecret {
  value: string;
  envName: string;
}

/** A value the command computes when it runs: `expansion`, a double-quoted command substitution, writes it. */
export interface ShellComputed {
  value: string;
  expansion: string;
}

// Runs of unprintable characters but line feeds and tabs, which lay a body out.
const UNPRINTABLE_BUT_LAYOUT = /([\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]+)/;

/**
 * `text` in single quotes, but for each run of control characters other than line feeds and tabs,
 * which printf writes from octal escapes of its UTF-8 bytes (`"$(printf '\033')"`): the printed
 * script shows the terminal no escape sequence, and every POSIX shell reads it back whole.
 */
function singleQuotedPrintable(text: string): string {
  const parts = text.split(UNPRINTABLE_BUT_LAYOUT);
  if (parts.length === 1) return singleQuoted(text);
  const octal = (run: string) => [...Buffer.from(run, 'utf8')].map((byte) => `\\${byte.toString(8).padStart(3, '0')}`).join('');
  return parts.map((part, index) => (index % 2 === 1 ? `"$(printf '${octal(part)}')"` : part === '' ? '' : singleQuoted(part))).join('');
}

/**
 * One POSIX shell word that expands to `text`, whatever it holds (quotes, newlines, `$`,
 * backticks, escape sequences): single quotes, with each secret replaced by a double-quoted
 * "$VARIABLE" so the command runs with the secret in the environment and never shows it, and each
 * computed value by its expansion.
 */
export function shellWord(text: string, secrets: (ShellSecret | ShellComputed)[] = []): string {
  const active = secrets.filter((secret) => secret.value !== '').sort((a, b) => b.value.length - a.value.length);
  if (active.length === 0) return singleQuotedPrintable(text);
  const parts: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    let first: { index: number; secret: ShellSecret | ShellComputed } | undefined;
    for (const secret of active) {
      const index = rest.indexOf(secret.value);
      if (index >= 0 && (!first || index < first.index)) first = { index, secret };
    }
    if (!first) {
      parts.push(singleQuotedPrintable(rest));
      break;
    }
    if (first.index > 0) parts.push(singleQuotedPrintable(rest.slice(0, first.index)));
    parts.push('expansion' in first.secret ? first.secret.expansion : `"$${first.secret.envName}"`);
    rest = rest.slice(first.index + first.secret.value.length);
  }
  return parts.join('');
}
