// Quoting one word for a POSIX shell: for the commands the kit writes and the ones its messages suggest.

/** `text` in single quotes, as one shell word whatever it holds. */
export function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

// What a terminal would act on, or a printed line would not show as it is.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The `--root` a suggested command needs to run as printed where the user ran theirs: none for the working folder. */
export function rootFlag(root: string): string {
  return root === '.' ? '' : ` --root ${plainShellWord(root)}`;
}

/** A kit command on one integration, as a message suggests it: `ld-hook-kit validate acme --root ../fork`. */
export function kitCommand(command: string, name: string, root: string): string {
  return `ld-hook-kit ${command} ${plainShellWord(name)}${rootFlag(root)}`;
}

/**
 * `text` as one shell word, quoted only where it needs to be: the commands the kit suggests stay
 * readable. With a control character, the `$'…'` quoting of bash and zsh, which writes it as an
 * escape: the printed command then runs as printed.
 */
export function plainShellWord(text: string): string {
  if (/^[\w./:@%+=,-]+$/.test(text)) return text;
  if (!UNPRINTABLE.test(text)) return singleQuoted(text);
  // Each as its UTF-8 bytes: bash reads `\xHH` in every locale, `\uHHHH` only in a UTF-8 one.
  const bytes = (char: string) => [...Buffer.from(char, 'utf8')].map((byte) => `\\x${byte.toString(16).padStart(2, '0')}`).join('');
  const escapes = text.replace(/[\\']/g, '\\$&').replace(new RegExp(UNPRINTABLE.source, 'g'), bytes);
  return `$'${escapes}'`;
}
