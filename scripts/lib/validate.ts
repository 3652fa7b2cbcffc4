import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError, USAGE_EXIT_CODE } from './errors';
import type { IntegrationFindings } from './findings';
import { INTEGRATIONS_FOLDER } from './integration/load';
import { checkIntegration } from './rules/run';
import type { Rule } from './rules/types';
import type { Sample } from './samples/types';
import { Workspace } from './workspace';

export interface ValidateOptions {
  root: string;
  /** Integration folder names; all of them when empty. */
  names?: string[];
  samples?: () => Sample[];
  rules?: Rule[];
}

/** Ranks candidates by a cheap edit distance, for "did you mean" suggestions. */
export function closest(word: string, candidates: string[], limit = 3): string[] {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length];
  };
  return candidates
    .map((candidate) => ({ candidate, score: distance(word, candidate) }))
    .filter(({ score }) => score <= Math.max(2, Math.floor(word.length / 2)))
    .sort((a, b) => a.score - b.score)
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

/** Checks that `root` looks like the framework repository; usage errors otherwise. */
export function openWorkspace(root: string, samples?: () => Sample[]): Workspace {
  const absolute = path.resolve(root);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    throw new UserError(`root folder ${root} does not exist`, USAGE_EXIT_CODE);
  }
  if (!stat.isDirectory()) throw new UserError(`root ${root} is not a folder`, USAGE_EXIT_CODE);
  const integrations = path.join(absolute, INTEGRATIONS_FOLDER);
  if (!fs.existsSync(integrations)) {
    throw new UserError(
      `${root} has no ${INTEGRATIONS_FOLDER}/ folder; point --root at a folder laid out like the integration-framework repository`,
      USAGE_EXIT_CODE,
    );
  }
  const workspace = new Workspace({ root: absolute, samples });
  try {
    workspace.integrationNames();
  } catch (error) {
    throw new UserError(`cannot list ${integrations}: ${(error as NodeJS.ErrnoException).code ?? error}`, USAGE_EXIT_CODE);
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
  const names = options.names && options.names.length > 0 ? options.names : workspace.integrationNames();
  checkNames(workspace, names);
  return names.map((name) => ({
    name,
    findings: checkIntegration(workspace.integration(name), workspace, options.rules),
  }));
}
