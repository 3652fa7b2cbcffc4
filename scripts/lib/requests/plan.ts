import { UserError, USAGE_EXIT_CODE } from '../errors';
import { formatPlace } from '../findings';
import { usesStandardPayload, type TemplateKind } from '../integration/manifest';
import { CI_OAUTH, resolveFormValues, setFormValue, type ResolvedFormValues } from '../render/form-values';
import { NotRenderableError, RenderSetup, type RenderedRequest, type RenderOptions } from '../render/request';
import { TemplateError } from '../render/template';
import { whyUnsendable, writtenUrlProblem } from '../delivery/send';
import { signRequest } from '../delivery/signature';
import { MASK, maskSecrets } from '../delivery/mask';
import { destinationRefusal } from '../delivery/contracts';
import { isJsonTemplate, type FormValues, type OAuthContext } from '../render/context';
import { checkJson } from '../json-syntax';
import type { HttpRequest } from '../render/http-request';
import { policyRouter, type Routing } from '../policy';
import { clarifyRenderError } from '../render/absent';
import { CI_SAMPLE_KIND } from '../render/template-choice';
import { analyzeTemplate } from '../render/template-analysis';
import { resolveSample } from '../samples/load';
import { eventAt } from '../samples/timestamp';
import type { Sample } from '../samples/types';
import { describeUnsetOAuth, isOAuthKey, OAUTH_FIELDS, oauthField, oauthValues, shellOAuth, type OAuthValues } from './oauth-values';
import { ShellBasicAuth, shellStandIn, shellValuesOf, transformedValues, type ShellValue, type TransformedValue } from './shell-values';
import type { PlannedRequest, PlannedRequests, RequestPlan } from './types';

/** The sample a preview shows when none is named: a flag targeting change. */
const DEFAULT_SAMPLE_REF = 'flag/update-rules';

/** True when the variable holds a secret value (given, or the manifest's default; each value chosen of a multiselect), not a placeholder. */
function isRealSecret(form: ResolvedFormValues, key: string): boolean {
  const value = form.values[key];
  if (Array.isArray(value)) return value.length > 0 && value.every((item) => form.secrets.includes(item));
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
      const value = form.values[variable.key];
      shown[variable.key] = plan.showSecretsAs === 'shell' ? shellStandIn(index) : Array.isArray(value) ? value.map(() => MASK) : MASK;
      replaced = true;
    });
  return replaced ? shown : undefined;
}

/**
 * The shown rendering, with the sent request's signature header: masked when a real secret made
 * it, since a signature over a known body lets anyone try guesses at the secret offline, and when
 * the body it signs holds a secret the shown body masks, since a known key lets anyone try guesses
 * at that secret. (A curl command gets the real one here, and computes it in the shell instead of
 * printing it.)
 */
function withSignatureOf(shown: HttpRequest, rendered: RenderedRequest, plan: RequestPlan, form: ResolvedFormValues): HttpRequest {
  const name = rendered.signature?.headerName.toLowerCase();
  if (!name) return shown;
  const signature = rendered.request.headers.find((header) => header.name.toLowerCase() === name);
  const headers = shown.headers.filter((header) => header.name.toLowerCase() !== name);
  if (!signature) return { ...shown, headers };
  // Over a body whose shown form masks a secret, the signature is a check on guesses at that secret.
  const hidden = plan.showSecretsAs !== 'shell' && (isRealSecret(form, rendered.signature!.secretKey) || shown.body !== rendered.request.body);
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

/**
 * The sample to render when none is named: a flag targeting change, except for a template asked
 * for by kind that receives events of another kind (`validation` goes out with an environment
 * event): then the canonical event of that kind, as LaunchDarkly and the framework's CI use.
 */
export function defaultSampleRef(samples: Sample[], templateKind?: TemplateKind): string {
  const kind = templateKind ? CI_SAMPLE_KIND[templateKind] : 'flag';
  if (kind === 'flag') return DEFAULT_SAMPLE_REF;
  return samples.find((sample) => sample.tier === 'canonical' && sample.kind === kind)?.ref ?? DEFAULT_SAMPLE_REF;
}

function selectSamples(samples: Sample[], context: string | undefined, templateKind?: TemplateKind): Sample[] {
  if (context === 'all') return samples;
  return [resolveSample(samples, context ?? defaultSampleRef(samples, templateKind))];
}

/** What every request of a plan is made with. */
interface Planning {
  plan: RequestPlan;
  setup: RenderSetup;
  form: ResolvedFormValues;
  /** The form values the shown request is rendered with; undefined when they are the real ones. */
  shownForm?: FormValues;
  oauth?: OAuthValues;
  secrets: string[];
  shellValues: ShellValue[];
  /** With `showSecretsAs: 'shell'`: the setup that renders the shown request, whose basicAuthHeaderValue leaves the base64 to the shell. */
  shellSetup?: { setup: RenderSetup; basicAuth: ShellBasicAuth };
  /** The default policy's verdict on an event. */
  route: (event: unknown) => Routing;
}

/** The setup that renders the request as shown: a shell command's leaves the base64 to the shell. */
function shownSetup(planning: Planning): RenderSetup {
  return planning.shellSetup?.setup ?? planning.setup;
}

/** What the request as shown is rendered with: the shown form values (stand-ins for secrets) and OAuth values. */
function shownOptions(planning: Planning): RenderOptions {
  return { formValues: planning.shownForm ?? planning.form.values, oauth: planning.oauth?.shown, templateKind: planning.plan.templateKind };
}

/** The request as shown, with these values. */
function renderRequest(planning: Planning, sample: Sample, formValues: FormValues, oauth: OAuthContext | undefined): HttpRequest {
  return shownSetup(planning).render(sample.event, { ...shownOptions(planning), formValues, oauth }).request;
}

/** The shell values this event's request transforms (see `transformedValues`). */
function transformedIn(planning: Planning, sample: Sample, unsigned: HttpRequest): TransformedValue[] {
  const { plan, form, shownForm, oauth } = planning;
  // Inside a base64 the shell computes, a value stands as it is: what else the template does to it, the shell cannot.
  const expand = (request: HttpRequest) => planning.shellSetup?.basicAuth.expand(request) ?? request;
  return transformedValues(
    expand(unsigned),
    planning.shellValues,
    (value) => (isOAuthKey(value.key) ? plan.oauth?.[oauthField(value.key)] : isRealSecret(form, value.key) ? String(form.values[value.key]) : undefined),
    (probes) => {
      const formProbes: FormValues = {};
      const oauthProbes: Partial<OAuthContext> = {};
      for (const [value, probe] of probes) {
        if (isOAuthKey(value.key)) oauthProbes[oauthField(value.key)] = probe;
        else setFormValue(formProbes, value.key, probe);
      }
      const probedOAuth = Object.keys(oauthProbes).length > 0 ? { ...shellOAuth(), ...oauthProbes } : oauth?.shown;
      return expand(renderRequest(planning, sample, { ...(shownForm ?? form.values), ...formProbes }, probedOAuth));
    },
  );
}

/** The shortest secret a curl command refuses to show where the template does not print it. */
const MIN_KEPT_OUT = 4;

/**
 * Why a shell command would print a secret: a multiselect's chosen values, a list the command
 * cannot read from one variable of the environment; a secret's text that the request holds
 * besides where the template prints the secret (in the event's text, say), which no stand-in replaces.
 */
function secretsShownAnyway(planning: Planning, shown: HttpRequest): string[] {
  const reasons = planning.setup.formVariables
    .filter((variable) => variable.isSecret && variable.type === 'multiselect')
    .map((variable) => `${variable.key} is a secret multiselect, a list the command cannot read from the environment`);
  const text = [shown.url, ...shown.headers.map((header) => header.value), shown.body].join('\n');
  // In any form preview would mask (HTML-escaped, JSON-escaped, encoded). A test secret of a few
  // characters (`s`, `abc`) is in about any request: no command could leave it out.
  // As given, inside a word too: masking spares a short form a word holds, but the command would still show it.
  const shownThere = (value: unknown) => String(value).length >= MIN_KEPT_OUT && (text.includes(String(value)) || maskSecrets(text, [String(value)]) !== text);
  const leaked = planning.setup.formVariables.filter(
    (variable) => variable.isSecret && isRealSecret(planning.form, variable.key) && [planning.form.values[variable.key]].flat().some(shownThere),
  );
  for (const variable of leaked) reasons.push(`the request holds the value given for ${variable.key} where the template does not print it (in the event's text, say), and the command would show it`);
  return reasons;
}

/**
 * What a shell command can do about the values a request transforms: nothing for one whose
 * stand-in is gone, which it would not even read, nor for a value given that comes out changed;
 * for any other, it checks the value it reads when it runs (given or not, the environment's).
 */
function shellCannotIn(planning: Planning, transformed: TransformedValue[]): { cannot: string[]; transformed: string[] } {
  const cannot: string[] = [];
  const maybe: string[] = [];
  for (const { key, hidden, givenChanged } of transformed) {
    const value = planning.shellValues.find((candidate) => candidate.key === key)!;
    if (hidden) cannot.push(`the template transforms ${key} past recognition (base64, say), so the command would never read it from ${value.envName}`);
    else if (givenChanged) cannot.push(`the template transforms the value given for ${key} (an encoding helper or HTML escaping), which the command would send unchanged`);
    else maybe.push(key);
  }
  return { cannot, transformed: maybe };
}

/**
 * Why an endpoint that signs would send its requests unsigned: its signature names no signing key,
 * or one that is no string form variable. LaunchDarkly does not accept such an integration
 * (validate's hmac-secret-variable).
 */
export function unsignedReason(setup: RenderSetup, rendered: RenderedRequest): string | undefined {
  if (setup.hook.endpoint?.hmacSignature == null) return undefined;
  const consequence = "so the request would go unsigned and LaunchDarkly would not accept the integration (validate's hmac-secret-variable)";
  const key = rendered.signature?.secretKey;
  if (key === undefined) return `hmacSignature has no hmacSecretFormVariableKey naming the secret that signs, ${consequence}`;
  const variable = setup.formVariables.find((candidate) => candidate.key === key);
  if (variable?.type === 'string') return undefined;
  const what = variable ? `the ${String(variable.type)} form variable ${key}, not a string one` : `no form variable ("${key}")`;
  return `hmacSignature.hmacSecretFormVariableKey names ${what}, ${consequence}`;
}

/** Why the request cannot go out as written: it would go unsigned, `unset` OAuth values it reads, or what whyUnsendable finds. */
function unsendableReason(planning: Planning, sample: Sample, rendered: RenderedRequest, unset: (keyof OAuthContext)[]): string | undefined {
  const unsigned = unsignedReason(planning.setup, rendered);
  const oauthUnset = unset.length > 0 && planning.plan.showSecretsAs !== 'shell' ? `it ${describeUnsetOAuth(unset)}` : undefined;
  // OAuth values not given are judged as values of the right shape, not as their placeholders: a
  // shell command reads them from the environment, and send says they are missing.
  const request = unset.length === 0 ? rendered.request : renderRequest(planning, sample, planning.form.values, { ...CI_OAUTH, ...planning.plan.oauth });
  // Every reason at once: one fix and run per reason would be a chore.
  const reasons = [unsigned, oauthUnset, whyUnsendable(request)].filter((reason) => reason !== undefined);
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/** What the request LaunchDarkly would send is rendered with: the real form and OAuth values. */
function sentOptions(planning: Planning): RenderOptions {
  return { formValues: planning.form.values, oauth: planning.oauth?.sent, templateKind: planning.plan.templateKind };
}

/**
 * Where a JSON template's body, as it would be sent, stops being JSON: at the template's line and
 * column, which wrote it, and, when the body shown is that very body printed as it is, at the
 * body's. A body shown with its secrets masked or left to the shell is neither counted in nor
 * quoted: its positions are not those of what is sent, and what is sent holds the secrets.
 * LaunchDarkly would send it all the same.
 */
function jsonBreak(planning: Planning, sample: Sample, rendered: RenderedRequest, shown: HttpRequest): string | undefined {
  const template = rendered.template;
  if (!template || !isJsonTemplate(template.file)) return undefined;
  const sent = checkJson(rendered.request.body);
  if (sent.ok) return undefined;
  const origin = planning.setup.bodyOrigin(sample.event, sentOptions(planning), rendered.request.body, sent.offset);
  const written = origin ? `; the template wrote it at ${formatPlace(integrationFolder(planning.plan) + template.file, origin.line, origin.column)}` : '';
  if (shown.body !== rendered.request.body) return `the body sent is not valid JSON${written}`;
  // A shell command prints the body quoted for the shell: what is said of it holds, its columns do not.
  const at = planning.plan.showSecretsAs === 'shell' ? '' : ` at line ${sent.line}, column ${sent.column}`;
  return `the body is not valid JSON${at}: ${sent.message}${written}`;
}

/**
 * The shown request with the secrets still in it masked: those that came in through a value that
 * is no secret (an OAuth base URI holding the token); the stand-ins took the place of the others.
 */
function withoutSecrets(request: HttpRequest, secrets: readonly string[]): HttpRequest {
  if (secrets.length === 0) return request;
  return {
    ...request,
    url: maskSecrets(request.url, secrets),
    headers: request.headers.map((header) => ({ ...header, value: maskSecrets(header.value, secrets) })),
    body: maskSecrets(request.body, secrets),
  };
}

/** The integration's folder, relative to the root, ending in `/`. */
function integrationFolder(plan: RequestPlan): string {
  return plan.integration.manifestFile.replace(/manifest\.json$/, '');
}

/** One event's request, and the OAuth values it reads that were not given. */
function planRequest(planning: Planning, sample: Sample): { item: PlannedRequest; unset: (keyof OAuthContext)[] } {
  const { plan, setup, form, shownForm, oauth, secrets } = planning;
  const routing = planning.route(sample.event);
  oauth?.read.clear();
  try {
    const rendered = sign(setup.render(sample.event, sentOptions(planning)), form);
    const unsigned = shownForm || oauth ? shownSetup(planning).render(sample.event, shownOptions(planning)).request : undefined;
    const unset = oauth ? OAUTH_FIELDS.filter((field) => oauth.read.has(field) && !plan.oauth?.[field]) : [];
    const signed = unsigned ? withSignatureOf(unsigned, rendered, plan, form) : rendered.request;
    // A shell command must send what it shows; it reads secrets and OAuth values from the environment anyway.
    // The mask too, where base64 holds it (`Basic ` over `user:****`): a credential that looks real would be copied as one.
    const shown = plan.showSecretsAs === 'shell' ? signed : withoutSecrets(signed, planning.shownForm ? [...secrets, MASK] : secrets);
    const { cannot, transformed } = shellCannotIn(planning, unsigned && planning.shellValues.length > 0 ? transformedIn(planning, sample, unsigned) : []);
    if (plan.showSecretsAs === 'shell') {
      cannot.push(...secretsShownAnyway(planning, shown));
      // curl reads such a url as fetch does: the user name and password would go elsewhere than LaunchDarkly takes them.
      const url = writtenUrlProblem(rendered.request.url);
      if (url) cannot.push(`its url cannot go out as written (${url.replace(/^invalid request: /, '')})`);
    }
    const unsendable = unsendableReason(planning, sample, rendered, unset);
    const item: PlannedRequest = { sample, routing, rendered, shown };
    if (unsendable) item.unsendable = maskSecrets(unsendable, secrets);
    const bodyProblem = jsonBreak(planning, sample, rendered, shown);
    if (bodyProblem) item.bodyProblem = bodyProblem;
    const destinationProblem = destinationRefusal(rendered.request);
    if (destinationProblem) item.destinationProblem = maskSecrets(destinationProblem, secrets);
    if (transformed.length > 0) item.transformed = transformed;
    if (cannot.length > 0) item.shellCannot = cannot;
    return { item, unset };
  } catch (error) {
    if (error instanceof TemplateError) {
      const clear = clarified(error, setup, sample.event, form.values);
      // The message may quote a value; the place is the tool's own, and masking must not garble it.
      const problem = `${formatPlace(integrationFolder(plan) + clear.file, clear.line, clear.column)}: ${maskSecrets(clear.message, secrets)}`;
      return { item: { sample, routing, problem, failed: true }, unset: [] };
    }
    if (error instanceof NotRenderableError) {
      return { item: { sample, routing, problem: error.message, ...(error.everyEvent ? { nothingToRender: true } : {}) }, unset: [] };
    }
    throw error;
  }
}

/**
 * The integration sends no change-history events (it has no auditLogEventsHook): the commands
 * that render a request have none to show or send, and fail (exit 1).
 */
export class NothingToRenderError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'NothingToRenderError';
  }
}

/** LaunchDarkly sends the validation template when someone tests the connection, whatever the policy says. */
const VALIDATION_ROUTING: Routing = {
  delivered: true,
  decidedBy: null,
  reason: 'the validation template goes out when someone presses "validate connection"; the policy does not apply',
};

/** `--template` naming a template the integration lacks is a mistake in the command, not an answer. */
function requireAskedTemplate(setup: RenderSetup, kind: TemplateKind | undefined): void {
  if (!kind || usesStandardPayload(setup.hook)) return;
  const missing = setup.missingTemplate(kind);
  if (missing) throw new UserError(missing, USAGE_EXIT_CODE);
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
    if (error instanceof NotRenderableError) throw new NothingToRenderError(error.message);
    throw error;
  }
  requireAskedTemplate(setup, plan.templateKind);
  const form = resolveFormValues(setup.formVariables, plan.given, plan.source);
  const oauth = plan.integration.manifest?.requiresOAuth ? oauthValues(plan.oauth ?? {}, plan.showSecretsAs === 'shell') : undefined;
  const shellValues =
    plan.showSecretsAs === 'shell' ? shellValuesOf(setup.formVariables, (key) => isRealSecret(form, key), oauth ? plan.oauth ?? {} : undefined) : [];
  const basicAuth = shellValues.length > 0 ? new ShellBasicAuth(shellValues) : undefined;
  const planning: Planning = {
    plan,
    setup,
    form,
    shownForm: shownValues(setup, plan, form),
    oauth,
    secrets: plan.oauth?.accessToken && oauth ? [...form.secrets, plan.oauth.accessToken] : form.secrets,
    shellValues,
    shellSetup: basicAuth && { setup: new RenderSetup(plan.integration, { helpers: basicAuth.helpers() }), basicAuth },
    route: plan.templateKind === 'validation' ? () => VALIDATION_ROUTING : policyRouter(plan.integration.manifest),
  };
  const at = plan.at;
  const dated = (sample: Sample): Sample => (at ? { ...sample, event: eventAt(sample.event, at) } : sample);
  const planned = selectSamples(plan.samples, plan.context, plan.templateKind).map((sample) => planRequest(planning, dated(sample)));
  const unset = new Set(planned.flatMap((one) => one.unset));
  const items = planned.map((one) => one.item);
  // Those of the probes that judged what a template transforms are in no request shown.
  const shown = items.map((item) => JSON.stringify(item.shown ?? null));
  return {
    setup,
    form,
    items,
    secrets: planning.secrets,
    oauthUnset: OAUTH_FIELDS.filter((field) => unset.has(field)),
    shellValues,
    shellBase64: (basicAuth?.computed ?? []).filter((base64) => shown.some((request) => request.includes(base64.value))),
  };
}
