import type { Severity } from '../findings';
import { allRules } from './registry';
import { SCHEMA_RULE_ID } from '../schema/validate-manifest';
import { MANIFEST_RULE_ID } from './run';

/** What a person needs to know about a rule id seen in a finding: the README table and `rules`. */
export interface RuleDoc {
  id: string;
  severity: Severity;
  /** The framework CI rule (1 to 16) this one enforces, or `schema` for the schema itself. */
  ciRule?: number | 'schema';
  description: string;
  fix: string;
}

/** The two checks that run before the rules and are not rule modules: reading and the schema. */
const BUILT_IN_CHECKS: RuleDoc[] = [
  {
    id: MANIFEST_RULE_ID,
    severity: 'error',
    description: 'The manifest is readable UTF-8 JSON holding an object.',
    fix: 'Fix the syntax at the line and column given, and save the file as UTF-8 without a byte order mark.',
  },
  {
    id: SCHEMA_RULE_ID,
    severity: 'error',
    ciRule: 'schema',
    description: 'The manifest matches the framework\'s schema: keys, types, lengths, patterns and formats.',
    fix: 'Change the value the message names, at the line and column given. ld-hook-kit\'s `schemas/` folder holds every allowed key, type and limit.',
  },
];

/**
 * Every id a finding can carry, the built-in checks first, then the rules by id; not
 * internal-error, which is a bug to report, not a rule to explain.
 */
export function ruleCatalog(): RuleDoc[] {
  return [
    ...BUILT_IN_CHECKS,
    ...allRules().map(({ id, severity, ciRule, description, fix }) => ({ id, severity, ...(ciRule !== undefined ? { ciRule } : {}), description, fix })),
  ];
}
