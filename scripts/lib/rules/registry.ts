import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Rule } from './types';
import { byCodeUnits } from '../text-order';

const CHECKS_FOLDER = path.join(__dirname, 'checks');

let cache: Rule[] | undefined;

/**
 * Every rule, one module per file in `checks/`, sorted by id. Adding a rule is adding a file:
 * the registry finds it, so no list needs editing.
 */
export function allRules(): Rule[] {
  if (!cache) {
    cache = fs
      .readdirSync(CHECKS_FOLDER)
      .filter((file) => /\.(js|ts)$/.test(file) && !file.endsWith('.d.ts'))
      .map((file) => {
        const loaded = require(path.join(CHECKS_FOLDER, file)) as { default: Rule };
        const rule = loaded.default;
        const expectedId = file.replace(/\.(js|ts)$/, '');
        if (rule?.id !== expectedId) {
          throw new Error(`rule file ${file} must export default a rule with id "${expectedId}"`);
        }
        return rule;
      })
      .sort((a, b) => byCodeUnits(a.id, b.id));
  }
  return cache;
}
