/** `1 error`, `2 errors`, `3 fixes`: a count and its noun, the noun in the plural unless the count is 1. */
export function plural(count: number, noun: string): string {
  if (count === 1) return `${count} ${noun}`;
  return `${count} ${noun}${/(s|x|z|ch|sh)$/.test(noun) ? 'es' : 's'}`;
}
