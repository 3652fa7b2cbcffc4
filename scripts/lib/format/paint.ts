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

/** ANSI colours when `on`; the caller decides (a TTY, and NO_COLOR unset). */
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

export function wantsColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
}
