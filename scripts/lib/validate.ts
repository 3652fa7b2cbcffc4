import { compareFindings, type IntegrationFindings } from './findings';
import { ResultsCache, folderFingerprint } from './results-cache';
import { allRules } from './rules/registry';
import { checkIntegration, runRules } from './rules/run';
import { SCHEMA_RULE_ID } from './schema/validate-manifest';
import type { CheckTimings } from './rules/timings';
import type { Rule } from './rules/types';
import type { Sample } from './samples/types';
import { openWorkspace, resolveNames } from './workspace';

export interface ValidateOptions {
  root: string;
  /** Integration folder names; all of them when empty. */
  names?: string[];
  samples?: () => Sample[];
  rules?: Rule[];
  /** Reuse findings of unchanged integrations; the key must cover the tool and the samples. */
  cache?: { file: string; key: string };
  /** Where to add the time each check takes (`validate --timing`). */
  timings?: CheckTimings;
}

export function validateIntegrations(options: ValidateOptions): IntegrationFindings[] {
  const workspace = openWorkspace(options.root, options.samples);
  // A name given twice (`acme acme/`) is checked once: counting its findings twice would mislead.
  const names = options.names && options.names.length > 0 ? [...new Set(resolveNames(workspace, options.names))] : workspace.integrationNames();
  const rules = options.rules ?? allRules();
  if (!options.cache) {
    return names.map((name) => {
      const findings = checkIntegration(workspace.integration(name), workspace, rules, options.timings);
      workspace.release(name);
      return { name, findings };
    });
  }
  // Findings suggest commands that repeat the root as given: a root written otherwise is another key.
  const cache = ResultsCache.open(options.cache.file, `${options.cache.key}\u0000${options.root}`);
  const ownRules = rules.filter((rule) => rule.scope !== 'repository');
  const repositoryRules = rules.filter((rule) => rule.scope === 'repository');
  const results = names.map((name) => {
    const integration = workspace.integration(name);
    const key = folderFingerprint(integration.dir);
    let own = key === undefined ? undefined : cache.get(name, key);
    if (!own) {
      own = checkIntegration(integration, workspace, ownRules, options.timings);
      if (key !== undefined) cache.set(name, key, own);
    }
    const schemaFailed = own.some((finding) => finding.rule === SCHEMA_RULE_ID);
    const findings = [...own, ...runRules(integration, workspace, repositoryRules, schemaFailed, options.timings)].sort(compareFindings);
    workspace.release(name);
    return { name, findings };
  });
  cache.save();
  return results;
}
