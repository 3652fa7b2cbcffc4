import type { Rule } from '../types';

const rule: Rule = {
  id: 'manifest-duplicate-key',
  severity: 'warning',
  description: 'No object in `manifest.json` has the same key twice.',
  fix:
    'Remove one of the two. The framework\'s CI and LaunchDarkly read the manifest as JSON readers do, keeping the last value ' +
    'of a repeated key and dropping the others, so an edit to the first one changes nothing.',
  check({ integration }) {
    return (integration.document?.repeatedKeys() ?? []).map(({ pointer, key, at, first }) => ({
      line: at.line,
      column: at.column,
      message:
        `\`${key}\` is written again in ${pointer === '' ? 'the top-level object' : `\`${pointer}\``} (first at line ${first.line}, ` +
        `column ${first.column}): only this last value counts, and the first is ignored`,
    }));
  },
};

export default rule;
