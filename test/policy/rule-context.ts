import * as path from 'node:path';
import type { Manifest } from '../../scripts/lib/integration/manifest';
import type { RuleContext } from '../../scripts/lib/rules/types';
import type { Sample, TemplateEvent } from '../../scripts/lib/samples/types';
import { Workspace } from '../../scripts/lib/workspace';

/**
 * Helpers for the policy rules' tests: a context built in memory, as the runner would build it,
 * with samples of our own (not sample-context/, which changes as others work on it).
 */
export const POLICY_POINTER = '/capabilities/auditLogEventsHook/defaultPolicy';

export function hookManifest(hook: Record<string, unknown>): Manifest {
  return { name: 'Pigeon Post', capabilities: { auditLogEventsHook: hook } } as unknown as Manifest;
}

export function policyManifest(defaultPolicy: unknown, templates: Record<string, unknown> = { default: 'templates/default.json.hbs' }): Manifest {
  return hookManifest({ templates, defaultPolicy });
}

export function ruleContext(manifest: unknown, samples: Sample[] = []): RuleContext {
  const root = path.join(path.sep, 'nowhere', 'root');
  const typed = manifest as Manifest;
  return {
    integration: {
      name: 'subject',
      dir: path.join(root, 'integrations', 'subject'),
      root,
      manifestFile: 'integrations/subject/manifest.json',
      manifest: typed,
    },
    manifest: typed,
    workspace: new Workspace({ root, samples: () => samples }),
  };
}

const PROJECT = { key: 'harbour', name: 'Harbour', tags: ['passenger'] };

/** A sample event with the fields that place it; `overrides` replace top-level keys. */
export function sample(ref: string, overrides: Record<string, unknown> = {}): Sample {
  const kind = ref.split('/')[0];
  const base: Record<string, unknown> = {
    kind,
    verbKind: 'updateOn',
    key: 'storm-banner',
    tags: [],
    project: { ...PROJECT, environment: { key: 'production', name: 'Production', tags: null } },
    member: { _id: 'actor-1' },
    target: { _id: 'target-1' },
  };
  const event = { ...base, ...overrides } as TemplateEvent;
  return { ref, kind, tier: 'varied', file: `/samples/${ref}.json`, event };
}
