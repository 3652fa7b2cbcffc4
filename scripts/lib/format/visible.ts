/**
 * Text from outside the tool (a manifest's values, what a server answered, what a sender sent)
 * with each control character written as `\u001b`: the terminal would otherwise act on an escape
 * sequence (clear the screen, retitle the window) or a line break and show what is not there.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// Line feeds and tabs lay out a body; a carriage return could write over a line already shown.
const CONTROL_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

// Workflow commands encode line breaks their own way (%0A, %0D).
const CONTROL_BUT_BREAKS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g;

function escaped(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** On one line: every control character escaped. */
export function visible(text: string): string {
  return text.replace(CONTROL, escaped);
}

/** Over several lines, as a body is shown: line feeds and tabs kept, every other control character escaped. */
export function visibleLines(text: string): string {
  return text.replace(CONTROL_BUT_LAYOUT, escaped);
}

/** For a GitHub annotation, which encodes line breaks itself: every other control character escaped. */
export function visibleButBreaks(text: string): string {
  return text.replace(CONTROL_BUT_BREAKS, escaped);
}
