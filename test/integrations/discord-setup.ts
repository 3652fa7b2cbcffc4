/**
 * Shared pieces of the Discord integration's tests: the integration as the tool loads it, its
 * rendered bodies, and what the tests expect of them (written here independently of the
 * templates, so a template that drifts from the README's promises fails a test).
 */
import * as path from 'node:path';
import { loadIntegration, type Integration } from '../../scripts/lib/integration/load';
import type { TemplateKind } from '../../scripts/lib/integration/manifest';
import type { FormValues } from '../../scripts/lib/render/context';
import { resolveFormValues } from '../../scripts/lib/render/form-values';
import { RenderSetup } from '../../scripts/lib/render/request';
import type { HttpRequest } from '../../scripts/lib/render/http-request';
import { loadSamples } from '../../scripts/lib/samples/load';
import type { Sample, TemplateEvent } from '../../scripts/lib/samples/types';

export const ROOT = path.resolve(__dirname, '..', '..');
export const DISCORD_DIR = path.join(ROOT, 'integrations', 'discord');

/** The values the issue prescribes for the two required settings. */
export const REQUIRED_VALUES = { webhookId: '123', webhookToken: 'tok' } as const;

export interface DiscordField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface DiscordEmbed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  timestamp?: string;
  footer?: { text: string };
  fields?: DiscordField[];
  [key: string]: unknown;
}

export interface DiscordBody {
  username?: string;
  content?: string;
  allowed_mentions?: { parse?: string[] };
  embeds: DiscordEmbed[];
  [key: string]: unknown;
}

export function discordIntegration(): Integration {
  const integration = loadIntegration(ROOT, 'discord');
  if (!integration.manifest) throw new Error(`integrations/discord/manifest.json does not load: ${integration.problem?.message}`);
  return integration;
}

let setup: RenderSetup | undefined;

/** One render setup for the whole file: templates are read and compiled once. */
export function discordSetup(): RenderSetup {
  setup ??= new RenderSetup(discordIntegration());
  return setup;
}

/** Form values as the preview gives them, with the required settings filled and `extra` on top. */
export function formValues(extra: Record<string, string> = {}): FormValues {
  const { values } = resolveFormValues(discordSetup().formVariables, { ...REQUIRED_VALUES, ...extra }, 'preview');
  return values;
}

export interface Rendered {
  request: HttpRequest;
  /** The template LaunchDarkly would pick (or the one asked for). */
  templateKind: TemplateKind;
}

/** Renders the full request for an event; `templateKind` forces a template (validation, default). */
export function render(event: TemplateEvent, extra: Record<string, string> = {}, templateKind?: TemplateKind): Rendered {
  const rendered = discordSetup().render(event, { formValues: formValues(extra), templateKind });
  if (!rendered.template) throw new Error('the Discord integration must render templates, not the standard payload');
  return { request: rendered.request, templateKind: rendered.template.kind };
}

/** The rendered body, parsed; a body that is not JSON fails the calling test with its text. */
export function renderJson(event: TemplateEvent, extra: Record<string, string> = {}, templateKind?: TemplateKind): DiscordBody {
  const { request } = render(event, extra, templateKind);
  try {
    return JSON.parse(request.body) as DiscordBody;
  } catch (error) {
    throw new Error(`the body is not valid JSON (${(error as Error).message}):\n${request.body}`);
  }
}

let samples: Sample[] | undefined;

export function allSamples(): Sample[] {
  samples ??= loadSamples();
  return samples;
}

/** A deep copy of a sample's event, to change without touching the shared one. */
export function eventOf(sample: Sample): TemplateEvent {
  return structuredClone(sample.event);
}

/** The first sample that satisfies `predicate`, so that tests do not depend on sample file names. */
export function findSample(description: string, predicate: (event: Record<string, any>) => boolean): Sample {
  const sample = allSamples().find((candidate) => predicate(candidate.event));
  if (!sample) throw new Error(`no sample is ${description}`);
  return sample;
}

/** Characters as Discord counts them: code points. */
export function characters(text: string): number {
  return [...text].length;
}

export function field(embed: DiscordEmbed, name: string): DiscordField | undefined {
  return embed.fields?.find((candidate) => candidate.name === name);
}

// The colours the README promises, by action name.
export const AMBER = 0xf59e0b;
export const BLUE = 0x3b82f6;
export const PURPLE = 0x8b5cf6;
export const GREEN = 0x22c55e;
export const RED = 0xef4444;

/** Colours of the flag template; an action not listed has no colour. */
export const FLAG_COLOURS: Readonly<Record<string, number>> = {
  updateOn: AMBER,
  updateRules: BLUE,
  updateTargets: BLUE,
  updateFallthrough: BLUE,
  updateOffVariation: BLUE,
  updatePrerequisites: BLUE,
  updateExpiringTargets: BLUE,
  copyFlagConfigFrom: BLUE,
  copyFlagConfigTo: BLUE,
  updateScheduledChanges: PURPLE,
  applyApprovalRequest: PURPLE,
  bypassRequiredApproval: PURPLE,
  createFlag: GREEN,
  deleteFlag: RED,
  updateGlobalArchived: RED,
  updateArchived: RED,
};

/** Colours of the default template (every kind without a template of its own). */
export const DEFAULT_COLOURS: Readonly<Record<string, number>> = {
  updateOn: AMBER,
  updateRules: BLUE,
  updateTargets: BLUE,
  createProject: GREEN,
  createEnvironment: GREEN,
  createSegment: GREEN,
  createMetric: GREEN,
  deleteProject: RED,
  deleteEnvironment: RED,
  deleteSegment: RED,
  deleteMetric: RED,
};

/** The default policy's actions: the ones that change, when they happen, who gets which variation. */
export const TARGETING_ACTIONS = [
  'updateOn',
  'updateRules',
  'updateTargets',
  'updateFallthrough',
  'updateOffVariation',
  'updatePrerequisites',
] as const;
