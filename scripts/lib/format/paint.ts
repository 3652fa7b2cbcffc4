export interface Painter {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

function style(open: number, close: number, on: boolean): (text: string) => string {
  return on ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text;
}

/** ANSI colours when `on`; the caller decides (see wantsColor). */
export function paint(on: boolean): Painter {
  return {
    bold: style(1, 22, on),
    dim: style(2, 22, on),
    red: style(31, 39, on),
    yellow: style(33, 39, on),
    green: style(32, 39, on),
    cyan: style(36, 39, on),
  };
}

/** Colour on a terminal, unless NO_COLOR is set to a value (no-color.org: an empty one does not count) or TERM is dumb. */
export function wantsColor(stream: Pick<NodeJS.WriteStream, 'isTTY'>, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb';
}
