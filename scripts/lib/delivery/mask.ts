/** What a masked secret is replaced with, everywhere the kit shows text. */
export const MASK = '****';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces every occurrence of every non-empty secret in `text` with `****`, and also the
 * secret's URL-encoded form (secrets end up in URLs and query strings).
 *
 * One pass with one alternation, longest first: a secret that contains another is masked whole,
 * and a mask already written is never rescanned (a secret like `*` cannot eat the stars).
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
  }
  if (forms.size === 0) return text;
  const pattern = [...forms]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  return text.replace(new RegExp(pattern, 'g'), MASK);
}
