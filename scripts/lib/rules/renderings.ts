import type { Integration } from '../integration/load';
import { TEMPLATE_KINDS, usesStandardPayload, type FormVariable, type TemplateKind } from '../integration/manifest';
import type { FormValues } from '../render/context';
import { CI_OAUTH, resolveFormValues } from '../render/form-values';
import { RenderSetup, type RenderOptions } from '../render/request';
import { TemplateError } from '../render/template';
import { isEqualWithElse, someNode } from '../render/template-ast';
import { frameworkCiHelpers } from '../render/helpers';
import { CI_SAMPLE_KIND, chooseTemplate } from '../render/template-choice';
import type { Sample } from '../samples/types';
import type { Workspace } from '../workspace';
import { sharedTemplateTree, sharedTextFile } from './template-trees';
import { canonicalSample } from '../samples/load';
import { checkJson, type JsonCheck } from '../json-syntax';
import { kitCommand, plainShellWord } from '../shell-word';

/** One template and one sample event it receives. */
export interface TemplatePair {
  templateKind: TemplateKind;
  /** The template's path as the manifest writes it (relative to the integration folder). */
  file: string;
  sample: Sample;
  /** True for the pairs the framework's CI renders: these alone may give errors. */
  ciPair: boolean;
}

/**
 * One template rendered against one sample event, with the framework CI's form values, as
 * production renders it; a CI pair of a template with an else part in `equal` is rendered as the
 * framework's CI renders it instead, since it decides what that CI accepts.
 */
export interface TemplateRendering extends TemplatePair {
  output?: string;
  error?: TemplateError;
}

function ciSample(samples: Sample[], kind: TemplateKind): Sample | undefined {
  return canonicalSample(samples, CI_SAMPLE_KIND[kind]);
}

/** The samples a template receives: those whose kind picks it, and for `validation` environment events. */
function samplesFor(kind: TemplateKind, templates: Partial<Record<TemplateKind, string>>, samples: Sample[]): Sample[] {
  if (kind === 'validation') return samples.filter((sample) => sample.kind === 'environment');
  return samples.filter((sample) => chooseTemplate(templates, sample.kind)?.kind === kind);
}

/**
 * Every (template, sample) pair to render: each template with the samples whose kind picks it
 * (environment events for `validation`), and the CI's sample of its kind. Empty when the
 * integration renders no templates (no hook, no templates, the standard webhook payload).
 */
export function templatePairs(integration: Integration, samples: Sample[]): TemplatePair[] {
  const hook = integration.manifest?.capabilities?.auditLogEventsHook;
  const templates = hook?.templates;
  if (!hook || !templates || typeof templates !== 'object' || usesStandardPayload(hook)) return [];
  const pairs: TemplatePair[] = [];
  for (const kind of TEMPLATE_KINDS) {
    const file = templates[kind];
    if (typeof file !== 'string') continue;
    const ci = ciSample(samples, kind);
    const chosen = new Set<Sample>(ci ? [ci] : []);
    for (const sample of samplesFor(kind, templates, samples)) chosen.add(sample);
    for (const sample of chosen) pairs.push({ templateKind: kind, file, sample, ciPair: sample === ci });
  }
  return pairs;
}

/**
 * The integration's RenderSetup for this run, shared by the rules so that each template is
 * compiled once. Undefined when the integration has no auditLogEventsHook. With `frameworkCi`,
 * the setup renders as the framework's CI does (JavaScript Handlebars' `equal`, which has an
 * else branch) rather than as production does.
 */
export function sharedRenderSetup(integration: Integration, workspace: Workspace, frameworkCi = false): RenderSetup | undefined {
  return workspace.memoFor(integration.name, `render-setup${frameworkCi ? ':framework-ci' : ''}`, () =>
    integration.manifest?.capabilities?.auditLogEventsHook
      ? new RenderSetup(integration, {
          sharedTrees: (text) => sharedTemplateTree(workspace, text),
          readText: (absolute) => sharedTextFile(workspace, absolute),
          ...(frameworkCi ? { helpers: frameworkCiHelpers } : {}),
        })
      : undefined,
  );
}

/** True when the template has an `equal` with an else part, which the CI and production render differently. */
function rendersDifferentlyInCi(setup: RenderSetup, file: string): boolean {
  try {
    return someNode(setup.template(file).ast, isEqualWithElse);
  } catch (error) {
    if (error instanceof TemplateError) return false;
    throw error;
  }
}

/**
 * The setup that renders a pair: production's, except for a CI pair of a template that the
 * framework's CI renders differently, which is judged as that CI renders it (what it accepts
 * must pass here). Every rendering of a pair, plain or adversarial, goes through the same one.
 */
export function rendererFor(pair: TemplatePair, integration: Integration, workspace: Workspace): RenderSetup | undefined {
  const setup = sharedRenderSetup(integration, workspace);
  if (!setup || !pair.ciPair || !rendersDifferentlyInCi(setup, pair.file)) return setup;
  return sharedRenderSetup(integration, workspace, true);
}

const ciValues = new WeakMap<RenderSetup, FormValues>();

/** The form values the framework's CI renders with: the key itself, `https://<key>.com` for uris. */
export function ciFormValues(setup: RenderSetup): FormValues {
  let values = ciValues.get(setup);
  if (!values) {
    values = resolveFormValues(setup.formVariables, {}, 'ci').values;
    ciValues.set(setup, values);
  }
  return values;
}

/**
 * The preview command that shows a rendering as validate judged it: `preview` fills the form
 * with defaults and placeholders, the CI with its own values, so each variable the template
 * names whose values differ is given the CI's; and the template, when the event's kind would
 * pick another. Undefined when no preview can show it: without an endpoint, for a rendering judged
 * with the framework CI's helpers (`judgedAsCi`), where the CI's value
 * is one --var cannot give (a text for a multiselect, an enum value not allowed), or one preview
 * masks (a secret, whose mask would take the other branch).
 */
export function previewCommandFor(workspace: Workspace, integration: Integration, setup: RenderSetup, rendering: TemplateRendering, judgedAsCi: boolean): string | undefined {
  // Judged with the framework CI's helpers (`equal` with an else), which preview, rendering as production does, has not.
  if (!setup.hook.endpoint || judgedAsCi) return undefined;
  const shown = resolveFormValues(setup.formVariables, {}, 'preview').values;
  const ci = ciFormValues(setup);
  let source: string;
  try {
    source = setup.template(rendering.file).source;
  } catch {
    return undefined;
  }
  // Named in the template, by its key as a word: `formVariables.region`, `{{#with formVariables}}{{region}}`;
  // every one where the template reads them all (`{{#each formVariables}}`).
  const readsAll = /formVariables(?!\.)/.test(source);
  const named = (key: string) =>
    readsAll || new RegExp(`(^|[^\\w$-])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w$-])`).test(source);
  const differing = setup.formVariables.filter((variable) => named(variable.key) && JSON.stringify(shown[variable.key]) !== JSON.stringify(ci[variable.key]));
  const unshowable = (variable: FormVariable) =>
    variable.type === 'multiselect' ||
    variable.isSecret === true ||
    (Array.isArray(variable.allowedValues) && variable.allowedValues.length > 0 && !variable.allowedValues.includes(String(ci[variable.key])));
  if (differing.some(unshowable)) return undefined;
  const vars = differing.map((variable) => ` --var ${plainShellWord(`${variable.key}=${String(ci[variable.key])}`)}`);
  const picked = chooseTemplate(setup.hook.templates ?? {}, rendering.sample.event.kind)?.kind;
  const template = picked === rendering.templateKind ? '' : ` --template ${rendering.templateKind}`;
  return `${kitCommand('preview', integration.name, workspace.givenRoot)} --context ${plainShellWord(rendering.sample.ref)}${template}${vars.join('')} --keep-timestamp`;
}

/** How the framework's CI renders a template of `templateKind`: with its form values and OAuth values. */
export function ciRenderOptions(setup: RenderSetup, templateKind: TemplateKind): RenderOptions {
  return { formValues: ciFormValues(setup), oauth: CI_OAUTH, templateKind };
}

function computeRenderings(integration: Integration, workspace: Workspace): TemplateRendering[] {
  const pairs = templatePairs(integration, workspace.samples());
  const setup = pairs.length > 0 ? sharedRenderSetup(integration, workspace) : undefined;
  if (!setup) return [];
  return pairs.map((pair) => {
    const rendering: TemplateRendering = { ...pair };
    try {
      rendering.output = rendererFor(pair, integration, workspace)!.body(pair.sample.event, ciRenderOptions(setup, pair.templateKind)).body;
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      rendering.error = error;
    }
    return rendering;
  });
}

/** The template kinds the framework's CI refuses to see render nothing. */
const MUST_NOT_BE_EMPTY: readonly string[] = ['validation', 'member'];

/**
 * A CI rendering of a `validation` or `member` template that is empty or only whitespace: the
 * framework's CI trims the output before it requires something there.
 */
export function isCiBlank(rendering: TemplateRendering): boolean {
  return rendering.ciPair && rendering.output?.trim() === '' && MUST_NOT_BE_EMPTY.includes(rendering.templateKind);
}

/** Every (template, sample) rendering of an integration, computed once for all the rules that check it. */
export function templateRenderings(integration: Integration, workspace: Workspace): TemplateRendering[] {
  return workspace.memoFor(integration.name, 'renderings', () => computeRenderings(integration, workspace));
}

/**
 * An output read as JSON, once per distinct text of the integration: several rules judge the same
 * renderings, and samples that differ only in what a template does not print render alike.
 */
export function outputJson(integration: Integration, workspace: Workspace, output: string): JsonCheck {
  const known = workspace.memoFor(integration.name, 'output-json', () => new Map<string, JsonCheck>());
  let check = known.get(output);
  if (!check) {
    check = checkJson(output);
    known.set(output, check);
  }
  return check;
}
