import * as path from 'node:path';
import { describeFileError, UserError, USAGE_EXIT_CODE } from './errors';
import type { IntegrationFindings } from './findings';
import { INTEGRATIONS_FOLDER, requireRootFolder, statOrError } from './integration/load';
import { compareFindings } from './findings';
import { ResultsCache, folderFingerprint } from './results-cache';
import { allRules } from './rules/registry';
import { checkIntegration, runRules, SCHEMA_RULE_ID } from './rules/run';
import type { Rule } from './rules/types';
import type { Sample } from './samples/types';
import { closest } from './suggest';
import { Workspace } from './workspace';

export interface ValidateOptions {
  root: string;
  /** Integration folder names; all of them when empty. */
  names?: string[];
  samples?: () => Sample[];
  rules?: Rule[];
  /** Reuse findings of unchanged integrations; the key must cover the tool and the samples. */
  cache?: { file: string; key: string };
}

/** Checks that `root` looks like the framework repository; usage errors otherwise. */
export function openWorkspace(root: string, samples?: () => Sample[]): Workspace {
  const absolute = requireRootFolder(root);
  const integrations = path.join(absolute, INTEGRATIONS_FOLDER);
  const integrationsStat = statOrError(integrations);
  // Only a folder that is really not there is "no folder": a permission error says so below.
  if (integrationsStat instanceof Error ? integrationsStat.code === 'ENOENT' : !integrationsStat.isDirectory()) {
    throw new UserError(
      `${root} has no ${INTEGRATIONS_FOLDER}/ folder; point --root at a folder laid out like the integration-framework repository`,
      USAGE_EXIT_CODE,
    );
  }
  const workspace = new Workspace({ root: absolute, samples });
  try {
    workspace.integrationNames();
  } catch (error) {
    throw new UserError(`cannot list ${integrations}: ${describeFileError(error)}`, USAGE_EXIT_CODE);
  }
  return workspace;
}

/** Refuses names that are not integration folders, suggesting close ones. */
export function checkNames(workspace: Workspace, names: string[]): void {
  const known = workspace.integrationNames();
  for (const name of names) {
    if (!known.includes(name)) {
      const suggestions = closest(name, known);
      const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : '';
      throw new UserError(`no integration named ${name} under ${path.join(workspace.root, INTEGRATIONS_FOLDER)}${hint}`, USAGE_EXIT_CODE);
    }
  }
}

export function validateIntegrations(options: ValidateOptions): IntegrationFindings[] {
  const workspace = openWorkspace(options.root, options.samples);
  // A name given twice is checked once: counting its findings twice would mislead.
  const names = options.names && options.names.length > 0 ? [...new Set(options.names)] : workspace.integrationNames();
  checkNames(workspace, names);
  const rules = options.rules ?? allRules();
  if (!options.cache) {
    return names.map((name) => ({ name, findings: checkIntegration(workspace.integration(name), workspace, rules) }));
  }
  const cache = ResultsCache.open(options.cache.file, options.cache.key);
  const ownRules = rules.filter((rule) => rule.scope !== 'repository');
  const repositoryRules = rules.filter((rule) => rule.scope === 'repository');
  const results = names.map((name) => {
    const integration = workspace.integration(name);
    const key = folderFingerprint(integration.dir);
    let own = key === undefined ? undefined : cache.get(name, key);
    if (!own) {
      own = checkIntegration(integration, workspace, ownRules);
      if (key !== undefined) cache.set(name, key, own);
    }
    const schemaFailed = own.some((finding) => finding.rule === SCHEMA_RULE_ID);
    const findings = [...own, ...runRules(integration, workspace, repositoryRules, schemaFailed)].sort(compareFindings);
    return { name, findings };
  });
  cache.save();
  return results;
}
