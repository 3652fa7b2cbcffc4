import Handlebars from 'handlebars';
import type { Integration } from '../../integration/load';
import { isJsonTemplate } from '../../render/context';
import { TemplateError } from '../../render/template';
import type { Sample, TemplateEvent } from '../../samples/types';
import type { Workspace } from '../../workspace';
import { ciRenderOptions, rendererFor, sharedRenderSetup, templatePairs, type TemplatePair } from '../renderings';
import { generalize, patternKey, patternMatches, type EventPath, type Pattern } from '../../render/event-paths';
import { documentedValues } from '../../render/event-shape';
import { analysisOf, templateSources } from './template-sources';

/**
 * What every event string gets appended: each character Handlebars' `{{ }}` HTML-escapes (a quote,
 * an apostrophe, `<`, `>`, `&`, `=`, a backtick), each one JSON escaping changes (a backslash, a
 * newline, a tab, a control character), and text outside ASCII and the Basic Multilingual Plane.
 */
export const ADVERSARIAL_TEXT = '"\'\\<>&=`\n\t\u0007 😀 Ωμέγα 日本語 عربي';

/**
 * Precedes ADVERSARIAL_TEXT in each string, numbered per string, so damage found in the output
 * leads back to the event path. Letters and digits only: escaping of any kind leaves it as it is.
 */
const MARKER = /LDHKADV(\d+)Z/g;

function marker(index: number): string {
  return `LDHKADV${index}Z`;
}

const INTACT = JSON.stringify(ADVERSARIAL_TEXT).slice(1, -1);
const HTML_ESCAPED = Handlebars.Utils.escapeExpression(INTACT);

export interface AdversarialEvent {
  event: TemplateEvent;
  /** The event path of each marker, by marker number. */
  markers: EventPath[];
}

function isStringArrayPath(path: EventPath): boolean {
  return documentedValues(generalize(path)).some((value) => Array.isArray(value) && value.some((item) => typeof item === 'string'));
}

/**
 * The event with ADVERSARIAL_TEXT (after a marker) appended to every string, except those at
 * `keep`, and one adversarial item in each empty array of strings (tags), so that blocks over
 * them render. Object keys stay: a template prints them only as `{{@key}}`, a data variable.
 */
export function adversarialEvent(event: TemplateEvent, keep: Pattern[] = []): AdversarialEvent {
  const markers: EventPath[] = [];
  const extend = (original: string, path: EventPath): string => {
    markers.push(path);
    return `${original}${marker(markers.length - 1)}${ADVERSARIAL_TEXT}`;
  };
  const visit = (value: unknown, path: EventPath): unknown => {
    if (typeof value === 'string') return keep.some((pattern) => patternMatches(pattern, path)) ? value : extend(value, path);
    if (Array.isArray(value)) {
      if (value.length === 0 && isStringArrayPath(path)) return [extend('', [...path, 0])];
      return value.map((item, index) => visit(item, [...path, index]));
    }
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visit(item, [...path, key])]));
    }
    return value;
  };
  return { event: visit(event, []) as TemplateEvent, markers };
}

/**
 * The markers in a JSON template's raw output whose adversarial text `{{ }}` turned into HTML
 * entities, on top of the JSON escaping the framework applied. Text changed otherwise (by a
 * URL-encoding helper, say) is the template's intent, not damage.
 */
export function htmlEscapedMarkers(output: string): Set<number> {
  const escaped = new Set<number>();
  // Most outputs hold no escaped text at all: one search settles them without visiting each marker.
  if (!output.includes(HTML_ESCAPED)) return escaped;
  for (const match of output.matchAll(MARKER)) {
    if (output.startsWith(HTML_ESCAPED, match.index! + match[0].length)) escaped.add(Number(match[1]));
  }
  return escaped;
}

export interface AdversarialRendering extends TemplatePair {
  /** `all`: every string extended. `uncompared`: strings the template compares with `equal` kept. */
  variant: 'all' | 'uncompared';
  markers: EventPath[];
  output?: string;
  error?: TemplateError;
}

/** The adversarial variant of a sample, built once per run however many integrations it serves. */
export function sharedAdversarialEvent(workspace: Workspace, sample: Sample, keep: Pattern[]): AdversarialEvent {
  const key = `adversarial-event:${sample.ref}:${keep.map(patternKey).join('\u0002')}`;
  return workspace.memo(key, () => adversarialEvent(sample.event, keep));
}

/**
 * Extending the strings that `{{#equal verbKind "updateOn"}}` compares would close every such
 * branch: the `uncompared` variant keeps them, so what those branches print is tested. The `all`
 * variant is needed besides only when the template also prints a compared string.
 */
function variantsOf(analysis: ReturnType<typeof analysisOf>): [AdversarialRendering['variant'], Pattern[]][] {
  const compared = analysis?.comparedPatterns ?? [];
  const comparedKeys = new Set(compared.map(patternKey));
  const printsCompared = (analysis?.prints ?? []).some((site) => site.patterns.some((pattern) => comparedKeys.has(patternKey(pattern))));
  const variants: [AdversarialRendering['variant'], Pattern[]][] = [];
  if (compared.length === 0 || printsCompared) variants.push(['all', []]);
  if (compared.length > 0) variants.push(['uncompared', compared]);
  return variants;
}

function computeAdversarial(integration: Integration, workspace: Workspace): AdversarialRendering[] {
  const sources = new Map(templateSources(integration, workspace).map((entry) => [entry.file, entry]));
  const pairs = templatePairs(integration, workspace.samples()).filter(
    (pair) => isJsonTemplate(pair.file) && sources.get(pair.file)?.status === 'ok',
  );
  const setup = pairs.length > 0 ? sharedRenderSetup(integration, workspace) : undefined;
  if (!setup) return [];
  const renderings: AdversarialRendering[] = [];
  const done = new Set<string>();
  const variantsByFile = new Map<string, [AdversarialRendering['variant'], Pattern[]][]>();
  for (const pair of pairs) {
    // Kinds that name the same file render it identically: once per (file, sample) is enough.
    const key = `${pair.file}\u0000${pair.sample.ref}`;
    if (done.has(key)) continue;
    done.add(key);
    let variants = variantsByFile.get(pair.file);
    if (!variants) {
      variants = variantsOf(analysisOf(sources.get(pair.file)!));
      variantsByFile.set(pair.file, variants);
    }
    for (const [variant, keep] of variants) {
      const { event, markers } = sharedAdversarialEvent(workspace, pair.sample, keep);
      const rendering: AdversarialRendering = { ...pair, variant, markers };
      try {
        rendering.output = rendererFor(pair, integration, workspace)!.body(event, ciRenderOptions(setup, pair.templateKind)).body;
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        rendering.error = error;
      }
      renderings.push(rendering);
    }
  }
  return renderings;
}

/** JSON templates rendered against adversarial variants of every sample they serve, once for all the rules that check the integration. */
export function adversarialRenderings(integration: Integration, workspace: Workspace): AdversarialRendering[] {
  return workspace.memoFor(integration.name, 'adversarial-renderings', () => computeAdversarial(integration, workspace));
}
