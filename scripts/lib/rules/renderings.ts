import type { Integration } from '../integration/load';
import type { TemplateKind } from '../integration/manifest';
import { CI_OAUTH, resolveFormValues } from '../render/form-values';
import { RenderSetup } from '../render/request';
import { TemplateError } from '../render/template';
import { CI_SAMPLE_KIND, chooseTemplate } from '../render/template-choice';
import type { Sample } from '../samples/types';
import type { Workspace } from '../workspace';

/** One template rendered against one sample event, with the framework CI's form values. */
export interface TemplateRendering {
  templateKind: TemplateKind;
  /** The template's path as the manifest writes it (relative to the integration folder). */
  file: string;
  sample: Sample;
  /** True for the pairs the framework's CI renders: these alone may give errors. */
  ciPair: boolean;
  output?: string;
  error?: TemplateError;
}

const TEMPLATE_KINDS: TemplateKind[] = ['flag', 'project', 'environment', 'member', 'default', 'validation'];

function ciSample(samples: Sample[], kind: TemplateKind): Sample | undefined {
  return samples.find((sample) => sample.tier === 'canonical' && sample.kind === CI_SAMPLE_KIND[kind]);
}

/** The samples a template receives: those whose kind picks it, and for `validation` environment events. */
function samplesFor(kind: TemplateKind, templates: Partial<Record<TemplateKind, string>>, samples: Sample[]): Sample[] {
  if (kind === 'validation') return samples.filter((sample) => sample.kind === 'environment');
  return samples.filter((sample) => chooseTemplate(templates, sample.kind)?.kind === kind);
}

function computeRenderings(integration: Integration, samples: Sample[]): TemplateRendering[] {
  const hook = integration.manifest?.capabilities?.auditLogEventsHook;
  const templates = hook?.templates;
  if (!hook || !templates || typeof templates !== 'object' || hook.useStandardWebhookPayload) return [];
  const setup = new RenderSetup(integration);
  const { values } = resolveFormValues(setup.formVariables, {}, 'ci');
  const renderings: TemplateRendering[] = [];
  for (const kind of TEMPLATE_KINDS) {
    const file = templates[kind];
    if (typeof file !== 'string') continue;
    const ci = ciSample(samples, kind);
    const pairs = new Set<Sample>(ci ? [ci] : []);
    for (const sample of samplesFor(kind, templates, samples)) pairs.add(sample);
    for (const sample of pairs) {
      const rendering: TemplateRendering = { templateKind: kind, file, sample, ciPair: sample === ci };
      try {
        rendering.output = setup.body(sample.event, { formValues: values, oauth: CI_OAUTH, templateKind: kind }).body;
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        rendering.error = error;
      }
      renderings.push(rendering);
    }
  }
  return renderings;
}

/** Every (template, sample) rendering of an integration, computed once per run. */
export function templateRenderings(integration: Integration, workspace: Workspace): TemplateRendering[] {
  return workspace.memo(`renderings:${integration.name}`, () => computeRenderings(integration, workspace.samples()));
}
