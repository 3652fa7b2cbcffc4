import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadIntegration } from '../../scripts/lib/integration/load';
import type { Report, Rule } from '../../scripts/lib/rules/types';
import { Workspace } from '../../scripts/lib/workspace';
import { tempDir } from './temp-dir';

export interface FixtureIntegration {
  /** Written as `manifest.json` (pretty-printed). Omit it for an integration folder without a manifest. */
  manifest?: unknown;
  /** Raw manifest text, for manifests that are not valid JSON; wins over `manifest`. */
  manifestText?: string;
  /** Other files, by path relative to the integration folder. */
  files?: Record<string, string>;
}

/**
 * A temporary root laid out like the framework repository:
 * `{discordish: {manifest: {...}, files: {'assets/images/square.svg': '<svg/>'}}}` becomes
 * `<root>/integrations/discordish/manifest.json` and `<root>/integrations/discordish/assets/images/square.svg`.
 */
export function createFixtureRoot(integrations: Record<string, FixtureIntegration>): string {
  const root = tempDir('rules');
  fs.mkdirSync(path.join(root, 'integrations'));
  for (const [name, fixture] of Object.entries(integrations)) {
    const dir = integrationDir(root, name);
    fs.mkdirSync(dir, { recursive: true });
    const text = fixture.manifestText ?? (fixture.manifest === undefined ? undefined : JSON.stringify(fixture.manifest, null, 2) + '\n');
    if (text !== undefined) fs.writeFileSync(path.join(dir, 'manifest.json'), text);
    for (const [file, content] of Object.entries(fixture.files ?? {})) {
      const target = path.join(dir, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
    }
  }
  return root;
}

export function integrationDir(root: string, name: string): string {
  return path.join(root, 'integrations', name);
}

/** The files `validManifest()` names, with contents that render. */
export function validFiles(): Record<string, string> {
  return {
    'assets/images/square.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'assets/images/horizontal.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'templates/flag.json.hbs': '{"text": "{{{title.plainText}}}", "channel": "{{{formVariables.channel}}}"}\n',
    'templates/default.json.hbs': '{"text": "{{{title.plainText}}}"}\n',
    'templates/validation.json.hbs': '{"text": "Connected to LaunchDarkly"}\n',
  };
}

/**
 * A complete manifest of a made-up auditLogEventsHook integration that every CI rule accepts.
 * `overrides` replace top-level keys; an `undefined` override removes the key.
 */
export function validManifest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    name: 'Pigeon Post',
    version: '1.0.0',
    overview: 'Send LaunchDarkly changes to a Pigeon Post channel.',
    description: 'Pigeon Post delivers flag, project and environment changes from LaunchDarkly to the channel you choose.',
    author: 'Pigeon Post Ltd',
    supportEmail: 'support@pigeon-post.example',
    links: { site: 'https://pigeon-post.example', privacyPolicy: 'https://pigeon-post.example/privacy' },
    categories: ['messaging'],
    icons: { square: 'assets/images/square.svg', horizontal: 'assets/images/horizontal.svg' },
    formVariables: [
      { key: 'channel', name: 'Channel', type: 'string', description: 'The channel that receives the changes.' },
      {
        key: 'signingSecret',
        name: 'Signing secret',
        type: 'string',
        description: 'The secret Pigeon Post uses to check that requests come from LaunchDarkly.',
        isSecret: true,
      },
      {
        key: 'region',
        name: 'Region',
        type: 'enum',
        description: 'Where your Pigeon Post account lives.',
        allowedValues: ['eu', 'us'],
        isOptional: true,
        defaultValue: 'us',
      },
    ],
    capabilities: {
      auditLogEventsHook: {
        endpoint: {
          url: 'https://{{region}}.api.pigeon-post.example/hooks/{{channel}}',
          method: 'POST',
          headers: [{ name: 'Content-Type', value: 'application/json' }],
          hmacSignature: { headerName: 'X-Pigeon-Signature', hmacSecretFormVariableKey: 'signingSecret' },
        },
        templates: {
          flag: 'templates/flag.json.hbs',
          default: 'templates/default.json.hbs',
          validation: 'templates/validation.json.hbs',
        },
        defaultPolicy: [{ effect: 'allow', resources: ['proj/*:env/production:flag/*'], actions: ['*'] }],
        includeErrorResponseBody: true,
      },
    },
  };
  const manifest = { ...base, ...overrides };
  for (const key of Object.keys(manifest)) if (manifest[key] === undefined) delete manifest[key];
  return manifest;
}

/** A deep copy, so a test can edit nested parts of `validManifest()` freely. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Loads one integration of `root` and runs one rule on it, as the runner does. */
export function runRule(rule: Rule, root: string, name: string): Report[] {
  const integration = loadIntegration(root, name);
  if (!integration.manifest) {
    throw new Error(`fixture ${name} has no readable manifest: ${integration.problem?.message ?? 'unknown problem'}`);
  }
  return rule.check({ integration, manifest: integration.manifest, workspace: new Workspace({ root }) });
}

/** One integration named `subject` (valid files unless `files` is given), one rule. */
export function checkManifest(rule: Rule, manifest: unknown, files: Record<string, string> = validFiles()): Report[] {
  const root = createFixtureRoot({ subject: { manifest, files } });
  return runRule(rule, root, 'subject');
}
