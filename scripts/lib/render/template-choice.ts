import type { TemplateKind } from '../integration/manifest';

const KIND_TEMPLATES: Record<string, TemplateKind> = {
  flag: 'flag',
  project: 'project',
  environment: 'environment',
  member: 'member',
};

/**
 * The template an event of `eventKind` uses: its own kind's when the manifest has one, else
 * `default`. Undefined when neither exists: LaunchDarkly then has no body to send.
 */
export function chooseTemplate(
  templates: Partial<Record<TemplateKind, string>>,
  eventKind: string,
): { kind: TemplateKind; file: string } | undefined {
  const own = KIND_TEMPLATES[eventKind];
  if (own && typeof templates[own] === 'string') return { kind: own, file: templates[own]! };
  if (typeof templates.default === 'string') return { kind: 'default', file: templates.default };
  return undefined;
}

/** The event kind the framework's CI renders each template kind with. */
export const CI_SAMPLE_KIND: Record<TemplateKind, string> = {
  flag: 'flag',
  default: 'flag',
  project: 'project',
  environment: 'environment',
  validation: 'environment',
  member: 'member',
};
