import { removeByteOrderMarks } from '../../findings';
import type { Rule } from '../types';

const rule: Rule = {
  id: 'manifest-bom',
  severity: 'warning',
  description: '`manifest.json` is saved without a byte order mark.',
  fix:
    'Save manifest.json as UTF-8 without a byte order mark (BOM): `ld-hook-kit validate --fix` deletes it. The framework\'s CI ' +
    'skips a BOM, but most JSON readers refuse the file.',
  check({ integration }) {
    return integration.startsWithBom
      ? [{ message: 'manifest.json starts with a byte order mark (BOM); save it as UTF-8 without one', line: 1, column: 1, edit: removeByteOrderMarks(1) }]
      : [];
  },
};

export default rule;
