import { UserError } from './errors';
import { formatPlace } from './findings';
import type { Integration } from './integration/load';
import type { TemplateKind } from './integration/manifest';
import { PREVIEW_OAUTH, resolveFormValues, type ResolvedFormValues, type ValueSource } from './render/form-values';
import { NotRenderableError, RenderSetup, type RenderedRequest } from './render/request';
import { TemplateError } from './render/template';
import { whyUnsendable } from './delivery/send';
import { signRequest } from './delivery/signature';
import { MASK, maskSecrets } from './delivery/mask';
import type { FormValues } from './render/context';
import type { HttpRequest } from './render/types';
import { routeEvent, type Routing } from './policy';
import { SCHEMA_RULE_ID, toFinding } from './rules/run';
import { clarifyRenderError } from './render/absent';
import { analyzeTemplate } from './render/template-analysis';
import { validateManifestSchema } from './schema/validate-manifest';
import { resolveSample } from './samples/load';
import type { Sample } from './samples/types';

/** The sample a preview shows when none is named: a flag targeting change. */
export const DEFAULT_SAMPLE_REF = 'flag/update-rules';

export interface RequestPlan {
  integration: Integration;
  /** `ref`, a path to an event file, or `all`. */
  context?: string;
  given: Record<string, string>;
  source: ValueSource;
  samples: Sample[];
  templateKind?: TemplateKind;
  /**
   * How the shown request writes secrets: `mask` puts `****` in place of each secret value (given,
   * or the manifest's default); `shell` puts a stand-in (see `shellStandIn`) in place of every secret variable,
   * given or not, for a command that reads them from the environment.
   */
  showSecretsAs?: 'mask' | 'shell';
}

export interface PlannedRequest {
  sample: Sample;
  routing: Routing;
  /** The request to send. */
  rendered?: RenderedRequest;
  /**
   * The request to print: rendered with the secrets' stand-ins, so no secret can reach the
   * output in any form a helper gives it (encoded, escaped, base64). Its signature is masked when
   * a real secret made it, except for curl, which replaces the header with a shell computation.
   */
  shown?: HttpRequest;
  /** Why this event has no request: no template for its kind, or a rendering error (secrets masked). */
  problem?: string;
  /** True when the problem is an error in the integration (a template that does not render). */
  failed?: boolean;
  /** Why the rendered request cannot go out as written (a header HTTP clients write themselves, say): `send` refuses it. */
  unsendable?: string;
}

export interface PlannedRequests {
  setup: RenderSetup;
  form: ResolvedFormValues;
  items: PlannedRequest[];
}

/** Stands in for secret variable number `index` in a shell command: survives every encoding helper unchanged. */
export function shellStandIn(index: number): string {
  return `LDHKSECRET${index}X`;
}

/** True when the variable holds a secret value (given, or the manifest's default), not a placeholder. */
function isRealSecret(form: ResolvedFormValues, key: string): boolean {
  const value = form.values[key];
  return typeof value === 'string' && form.secrets.includes(value);
}

/**
 * The form values to print with: each secret replaced by its stand-in. Undefined when no secret
 * is replaced, so the request to send can be printed as it is.
 */
function shownValues(setup: RenderSetup, plan: RequestPlan, form: ResolvedFormValues): FormValues | undefined {
  const shown = { ...form.values };
  let replaced = false;
  setup.formVariables
    .filter((variable) => variable.isSecret)
    .forEach((variable, index) => {
      // A placeholder (`$APIKEY`) shows as it is; a value, given or the manifest's default, never does.
      if (plan.showSecretsAs !== 'shell' && !isRealSecret(form, variable.key)) return;
      shown[variable.key] = plan.showSecretsAs === 'shell' ? shellStandIn(index) : MASK;
      replaced = true;
    });
  return replaced ? shown : undefined;
}

/**
 * The shown rendering, with the sent request's signature header: masked when a real secret made
 * it, since a signature over a known body lets anyone try guesses at the secret offline. (A curl
 * command gets the real one here, and computes it in the shell instead of printing it.)
 */
function withSignatureOf(shown: HttpRequest, rendered: RenderedRequest, plan: RequestPlan, form: ResolvedFormValues): HttpRequest {
  const name = rendered.signature?.headerName.toLowerCase();
  if (!name) return shown;
  const signature = rendered.request.headers.find((header) => header.name.toLowerCase() === name);
  const headers = shown.headers.filter((header) => header.name.toLowerCase() !== name);
  if (!signature) return { ...shown, headers };
  const hidden = plan.showSecretsAs !== 'shell' && isRealSecret(form, rendered.signature!.secretKey);
  return { ...shown, headers: [...headers, hidden ? { ...signature, value: MASK } : signature] };
}

/** Adds the signature header when the endpoint signs, computed over the exact body. */
function sign(rendered: RenderedRequest, form: ResolvedFormValues): RenderedRequest {
  if (!rendered.signature) return rendered;
  const secret = form.values[rendered.signature.secretKey];
  if (typeof secret !== 'string') return rendered;
  return { ...rendered, request: signRequest(rendered.request, secret, rendered.signature.headerName) };
}

/** A body template's render error in the template's terms, as `validate` gives it. */
function clarified(error: TemplateError, setup: RenderSetup, event: Sample['event'], formValues: FormValues): TemplateError {
  // Endpoint errors carry no `absent`: the renderer explains those in the endpoint's terms already.
  if (!error.absent) return error;
  return clarifyRenderError(error, analyzeTemplate(setup.template(error.file).ast), event, formValues);
}

export function selectSamples(samples: Sample[], context: string | undefined): Sample[] {
  if (context === 'all') return samples;
  return [resolveSample(samples, context ?? DEFAULT_SAMPLE_REF)];
}

/**
 * Renders the requests LaunchDarkly would send for the chosen events. `preview`, `curl` and
 * `send` all come through here, so what is previewed is what is sent.
 */
export function planRequests(plan: RequestPlan): PlannedRequests {
  let setup: RenderSetup;
  try {
    setup = new RenderSetup(plan.integration);
  } catch (error) {
    if (error instanceof NotRenderableError) throw new UserError(error.message, 0);
    throw error;
  }
  const form = resolveFormValues(setup.formVariables, plan.given, plan.source);
  const shownForm = shownValues(setup, plan, form);
  const oauth = plan.integration.manifest?.requiresOAuth ? PREVIEW_OAUTH : undefined;
  const items = selectSamples(plan.samples, plan.context).map((sample): PlannedRequest => {
    const routing = routeEvent(plan.integration.manifest, sample.event);
    try {
      const rendered = sign(setup.render(sample.event, { formValues: form.values, oauth, templateKind: plan.templateKind }), form);
      const shown = shownForm
        ? withSignatureOf(setup.render(sample.event, { formValues: shownForm, oauth, templateKind: plan.templateKind }).request, rendered, plan, form)
        : rendered.request;
      const unsendable = whyUnsendable(rendered.request);
      return { sample, routing, rendered, shown, ...(unsendable ? { unsendable: maskSecrets(unsendable, form.secrets) } : {}) };
    } catch (error) {
      if (error instanceof TemplateError) {
        const folder = plan.integration.manifestFile.replace(/manifest\.json$/, '');
        const clear = clarified(error, setup, sample.event, form.values);
        // The message may quote a value; the place is the tool's own, and masking must not garble it.
        const problem = `${formatPlace(folder + clear.file, clear.line, clear.column)}: ${maskSecrets(clear.message, form.secrets)}`;
        return { sample, routing, problem, failed: true };
      }
      if (error instanceof NotRenderableError) return { sample, routing, problem: error.message };
      throw error;
    }
  });
  return { setup, form, items };
}

/** The parts of a manifest that rendering reads: a schema error there leaves nothing sure to render. */
const RENDERED_PARTS = ['/formVariables', '/capabilities/auditLogEventsHook'];

/**
 * Refuses an integration whose manifest cannot be read, or whose form variables or hook capability
 * break the schema (headers that are not a list, say): what LaunchDarkly would send from it is
 * unknowable. Other schema problems, an overview too long for one, are validate's to report.
 */
export function requireIntegrationManifest(integration: Integration): void {
  if (!integration.manifest) {
    const problem = integration.problem;
    throw new UserError(`${formatPlace(integration.manifestFile, problem?.line, problem?.column)}: ${problem?.message ?? 'the manifest could not be read'}`);
  }
  const broken = validateManifestSchema(integration.manifest).find((report) =>
    RENDERED_PARTS.some((part) => report.pointer === part || report.pointer?.startsWith(`${part}/`)),
  );
  if (broken) {
    const finding = toFinding(integration, { id: SCHEMA_RULE_ID, severity: 'error' }, broken);
    throw new UserError(
      `${formatPlace(finding.file, finding.line, finding.column)}: ${finding.message}; no request can be rendered from this manifest ` +
        `(\`ld-hook-kit validate ${integration.name}\` lists every problem)`,
    );
  }
}
