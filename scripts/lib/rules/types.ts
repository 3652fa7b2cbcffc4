import type { Report, Severity } from '../findings';
import type { Integration } from '../integration/load';
import type { Manifest } from '../integration/manifest';
import type { Workspace } from '../workspace';

/** Rules report integration-relative problems; the runner places them (see placeReport). */
export type { Report };

export interface RuleContext {
  integration: Integration;
  /** The parsed manifest. It is a JSON object, but it may have failed the schema. */
  manifest: Manifest;
  /** Shared, lazily built state of the whole run: every integration, samples, renderings. */
  workspace: Workspace;
}

export interface Rule {
  /** Stable id, kebab-case, the same as the rule's file name. */
  id: string;
  severity: Severity;
  /** One line: what the rule checks. */
  description: string;
  /** How to fix what the rule reports, for the docs. */
  fix: string;
  /** The framework's CI rule this one enforces (1 to 16), when it is one of them. */
  ciRule?: number;
  /**
   * `repository` when the result depends on other integrations of the root, not only on this
   * integration's folder: such a rule is never answered from the results cache.
   */
  scope?: 'integration' | 'repository';
  check(context: RuleContext): Report[];
}
