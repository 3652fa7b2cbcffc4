import { EVENT_TEMPLATE_KINDS, type EventTemplateKind, type TemplateKind } from '../integration/manifest';

function hasOwnTemplateKind(eventKind: string): eventKind is EventTemplateKind {
  return (EVENT_TEMPLATE_KINDS as readonly string[]).includes(eventKind);
}

/**
 * The template an event of `eventKind` uses: its own kind's when the manifest has one, else
 * `default`. Undefined when neither exists: LaunchDarkly then has no body to send.
 */
export function chooseTemplate(
  templates: Partial<Record<TemplateKind, string>>,
  eventKind: string,
): { kind: TemplateKind; file: string } | undefined {
  if (hasOwnTemplateKind(eventKind) && typeof templates[eventKind] === 'string') return { kind: eventKind, file: templates[eventKind]! };
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
