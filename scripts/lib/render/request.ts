import type { HelperDelegate } from 'handlebars';
import { isRecord } from '../json-value';
import { MAX_SOURCE_BYTES, readTextFile, type TextFile } from '../text-file';
import { MANIFEST_FILE, type Integration } from '../integration/load';
import { usesStandardPayload, type AuditLogEventsHook, type FormVariable, type TemplateKind } from '../integration/manifest';
import { resolveInsideFolder } from '../integration/paths';
import type { TemplateEvent } from '../samples/types';
import { endpointContext, isJsonTemplate, templateContext, type FormValues, type OAuthContext } from './context';
import { createHandlebars, type HandlebarsEnvironment } from './handlebars-env';
import { standardPayload } from './standard-payload';
import { explainEndpointError } from './absent';
import { compileTemplate, TemplateError, type CompiledTemplate } from './template';
import type { SourcePosition } from './output-origin';
import { chooseTemplate } from './template-choice';
import { describeReadFailure, readFailureOf, writtenPathFailure } from './template-read';
import { DEFAULT_SIGNATURE_HEADER, type HttpRequest } from './http-request';

const DEFAULT_HEADERS = [{ name: 'Content-Type', value: 'application/json' }];
/** Where the manifest holds the endpoint: its url and header values are Handlebars texts. */
export const ENDPOINT_POINTER = '/capabilities/auditLogEventsHook/endpoint';

export interface RenderedRequest {
  request: HttpRequest;
  /** The template that made the body; absent with `useStandardWebhookPayload`. */
  template?: { kind: TemplateKind; file: string };
  /** Set when the endpoint signs requests: the header, and the form variable holding the secret. */
  signature?: { headerName: string; secretKey: string };
}

export interface RenderOptions {
  formValues: FormValues;
  oauth?: OAuthContext;
  /** Render this template instead of the one the event's kind picks (`validation`, say). */
  templateKind?: TemplateKind;
}

/**
 * Why there is no request: the integration renders none at all (no capability, no endpoint:
 * `everyEvent`), or none for this event (no template serves its kind).
 */
export class NotRenderableError extends Error {
  constructor(
    message: string,
    readonly everyEvent = false,
  ) {
    super(message);
    this.name = 'NotRenderableError';
  }
}

/** Trees already parsed by other readers of the same texts, by text; undefined when not at hand. */
type SharedTrees = (text: string) => hbs.AST.Program | undefined;

export interface RenderSetupOptions {
  sharedTrees?: SharedTrees;
  /** Reads a template file: validate passes the run's shared reads, so each file is read once. */
  readText?: (absolute: string) => TextFile;
  /** The helpers to render with: LaunchDarkly's production ones unless given. */
  helpers?: Record<string, HelperDelegate>;
}

/**
 * The template `compile` makes for `key`, made once: a failure is kept too, since every event a
 * template renders would otherwise read and parse it again (seconds for a deeply nested one).
 */
function compiledOnce(cache: Map<string, CompiledTemplate | TemplateError>, key: string, compile: () => CompiledTemplate): CompiledTemplate {
  let compiled = cache.get(key);
  if (!compiled) {
    try {
      compiled = compile();
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      compiled = error;
    }
    cache.set(key, compiled);
  }
  if (compiled instanceof TemplateError) throw compiled;
  return compiled;
}

/**
 * Renders an integration's requests. One setup per integration: its own Handlebars environment,
 * and each template read and compiled once however many events it renders.
 */
export class RenderSetup {
  private readonly handlebars: HandlebarsEnvironment;
  private readonly sharedTrees: SharedTrees;
  private readonly readText: (absolute: string) => TextFile;
  private readonly compiled = new Map<string, CompiledTemplate | TemplateError>();
  private readonly endpointTemplates = new Map<string, CompiledTemplate | TemplateError>();
  readonly hook: AuditLogEventsHook;

  constructor(
    readonly integration: Integration,
    options: RenderSetupOptions = {},
  ) {
    const hook = integration.manifest?.capabilities?.auditLogEventsHook;
    if (!hook) throw new NotRenderableError(`${integration.name} has no auditLogEventsHook capability: it sends no change-history events`, true);
    this.hook = hook;
    this.handlebars = createHandlebars(options.helpers);
    this.sharedTrees = options.sharedTrees ?? (() => undefined);
    this.readText = options.readText ?? ((absolute) => readTextFile(absolute, MAX_SOURCE_BYTES));
  }

  /** The form variables that have a key: on a manifest that broke the schema, the rest are its to report. */
  get formVariables(): FormVariable[] {
    const variables = this.integration.manifest?.formVariables;
    return Array.isArray(variables) ? variables.filter((variable) => isRecord(variable) && typeof variable.key === 'string') : [];
  }

  /** Reads and compiles a template named in the manifest; errors name the file. */
  template(file: string): CompiledTemplate {
    return compiledOnce(this.compiled, file, () => this.readAndCompile(file));
  }

  private readAndCompile(file: string): CompiledTemplate {
    const confined = resolveInsideFolder(this.integration.dir, file);
    if (!confined.ok) throw this.templatePathError(file, (named) => `${named} "${file}" is refused: ${confined.reason}`);
    const written = writtenPathFailure(this.integration.dir, file);
    if (written) throw this.templatePathError(file, (named) => describeReadFailure(named, this.integration.dir, file, written));
    const read = this.readText(confined.absolute);
    if (!read.ok) {
      // Told at the same place in the manifest as validate's template-render tells it.
      const code = read.code;
      if (code !== undefined) throw this.templatePathError(file, (named) => describeReadFailure(named, this.integration.dir, file, readFailureOf(code), read.reason));
      throw new TemplateError(`the template ${read.reason}`, file, read.line, read.column);
    }
    return compileTemplate(read.text, file, this.handlebars, this.sharedTrees(read.text));
  }

  /** A problem with the template path `file` itself, told (of `templates.flag`, say) where the manifest names it. */
  private templatePathError(file: string, tell: (named: string) => string): TemplateError {
    const kind = Object.entries(this.hook.templates ?? {}).find(([, written]) => written === file)?.[0];
    const where = kind === undefined ? undefined : this.integration.document?.locate(`/capabilities/auditLogEventsHook/templates/${kind}`);
    return new TemplateError(tell(kind === undefined ? 'a template' : `templates.${kind}`), MANIFEST_FILE, where?.line, where?.column);
  }

  /** Compiles the endpoint url or a header value once; its "file" is the manifest. */
  endpointTemplate(text: string): CompiledTemplate {
    return compiledOnce(this.endpointTemplates, text, () => compileTemplate(text, MANIFEST_FILE, this.handlebars, this.sharedTrees(text)));
  }

  /** Renders the endpoint url or a header value; a render error is told in the endpoint's terms. */
  renderEndpointText(text: string, context: Record<string, unknown>): string {
    // Most header values are constants (`application/json`): nothing to compile or render.
    if (!text.includes('{{')) return text;
    const template = this.endpointTemplate(text);
    try {
      return template.render(context);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      throw new TemplateError(explainEndpointError(error, template, context), error.file, error.line, error.column, error.absent);
    }
  }

  /** Renders the text at `pointer` in the manifest; a failure is placed where validate's endpoint-render places it. */
  private endpointValue(text: string, pointer: string, what: string, context: Record<string, unknown>): string {
    try {
      return this.renderEndpointText(text, context);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      const within = error.line !== undefined && error.column !== undefined ? { line: error.line, column: error.column } : undefined;
      const document = this.integration.document;
      const at = (within && document?.locateInString(pointer, within)) ?? document?.locate(pointer);
      throw new TemplateError(`${what} ${error.message}`, MANIFEST_FILE, at?.line, at?.column);
    }
  }

  endpoint(event: TemplateEvent, options: RenderOptions): Omit<HttpRequest, 'body'> {
    const endpoint = this.hook.endpoint;
    if (!endpoint) throw new NotRenderableError(`${this.integration.name} has no endpoint in its auditLogEventsHook capability`, true);
    // A url or header that is not text broke the schema, which reports it: render the rest.
    if (typeof endpoint.url !== 'string') throw new NotRenderableError(`${this.integration.name}'s endpoint url is not text`, true);
    const context = endpointContext(event, options.formValues, options.oauth);
    const listed: unknown[] = Array.isArray(endpoint.headers) ? endpoint.headers : endpoint.headers === undefined ? DEFAULT_HEADERS : [];
    const headers = listed.flatMap((header, index) =>
      isRecord(header) && typeof header.name === 'string' && typeof header.value === 'string'
        ? [{ name: header.name, value: this.endpointValue(header.value, `${ENDPOINT_POINTER}/headers/${index}/value`, `header ${index + 1} (${header.name}):`, context) }]
        : [],
    );
    return { method: endpoint.method, url: this.endpointValue(endpoint.url, `${ENDPOINT_POINTER}/url`, 'the endpoint url:', context), headers };
  }

  /** Why a template of `kind` cannot be asked for (`--template`): undefined when the integration has one. */
  missingTemplate(kind: TemplateKind): string | undefined {
    const templates = this.hook.templates ?? {};
    if (typeof templates[kind] === 'string') return undefined;
    return `${this.integration.name} has no ${kind} template (it has: ${Object.keys(templates).join(', ') || 'none'})`;
  }

  /** The template that makes the event's body: the one `options` names, else the one its kind picks. */
  private chosenTemplate(event: TemplateEvent, options: RenderOptions): { kind: TemplateKind; file: string } {
    const templates = this.hook.templates ?? {};
    const chosen = options.templateKind
      ? typeof templates[options.templateKind] === 'string'
        ? { kind: options.templateKind, file: templates[options.templateKind]! }
        : undefined
      : chooseTemplate(templates, event.kind);
    if (chosen) return chosen;
    if (options.templateKind) throw new NotRenderableError(this.missingTemplate(options.templateKind)!);
    throw new NotRenderableError(`${this.integration.name} has no ${event.kind} or default template: LaunchDarkly sends nothing for this event`);
  }

  /** The body alone, for the checks that judge templates. */
  body(event: TemplateEvent, options: RenderOptions): { body: string; template?: { kind: TemplateKind; file: string } } {
    if (usesStandardPayload(this.hook)) {
      return { body: JSON.stringify(standardPayload(event), null, 2) };
    }
    const chosen = this.chosenTemplate(event, options);
    const body = this.template(chosen.file).render(templateContext(event, options.formValues, isJsonTemplate(chosen.file)));
    return { body, template: chosen };
  }

  /**
   * Where in its template the character at `offset` of `body`, the event's body rendered with
   * these options, was written; undefined for the standard payload, or when that cannot be told.
   */
  bodyOrigin(event: TemplateEvent, options: RenderOptions, body: string, offset: number): SourcePosition | undefined {
    if (usesStandardPayload(this.hook)) return undefined;
    const chosen = this.chosenTemplate(event, options);
    return this.template(chosen.file).originOf(templateContext(event, options.formValues, isJsonTemplate(chosen.file)), body, offset);
  }

  render(event: TemplateEvent, options: RenderOptions): RenderedRequest {
    const endpoint = this.endpoint(event, options);
    const { body, template } = this.body(event, options);
    const rendered: RenderedRequest = { request: { ...endpoint, body } };
    if (template) rendered.template = template;
    const hmac = this.hook.endpoint?.hmacSignature;
    // An empty key too: a form variable may have it, and validate takes it as the CI does.
    if (typeof hmac?.hmacSecretFormVariableKey === 'string') {
      rendered.signature = {
        headerName: hmac.headerName || DEFAULT_SIGNATURE_HEADER,
        secretKey: hmac.hmacSecretFormVariableKey,
      };
    }
    return rendered;
  }
}
