import type { Rule } from '../types';

const rule: Rule = {
  id: 'manifest-bom',
  severity: 'warning',
  description: '`manifest.json` is saved without a byte order mark.',
  fix: 'Save manifest.json as UTF-8 without a byte order mark (BOM). The framework\'s CI skips a BOM, but most JSON readers refuse the file.',
  check({ integration }) {
    return integration.startsWithBom ? [{ message: 'manifest.json starts with a byte order mark (BOM); save it as UTF-8 without one', line: 1, column: 1 }] : [];
  },
};

export default rule;
