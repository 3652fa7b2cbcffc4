import { isRecord } from '../json-value';

/**
 * The parts of a manifest the tool reads. A manifest on disk may break any of these types:
 * code that reads it before the schema has passed must check what it gets.
 */
export interface FormVariable {
  key: string;
  name: string;
  type: string;
  description: string;
  placeholder?: string;
  isSecret?: boolean;
  isOptional?: boolean;
  isHidden?: boolean;
  defaultValue?: string | boolean;
  allowedValues?: string[];
  dynamicOptions?: unknown;
  multiselectOptions?: { label: string; value: string }[];
  multiselectDefaultOptions?: string[];
  [key: string]: unknown;
}

export interface EndpointHeader {
  name: string;
  value: string;
}

export interface Endpoint {
  url: string;
  method: string;
  headers?: EndpointHeader[];
  hmacSignature?: { headerName?: string; hmacSecretFormVariableKey?: string };
}

/** The event kinds that have a template of their own; events of every other kind take `default`. */
export const EVENT_TEMPLATE_KINDS = ['flag', 'project', 'environment', 'member'] as const;
export type EventTemplateKind = (typeof EVENT_TEMPLATE_KINDS)[number];
export const TEMPLATE_KINDS = [...EVENT_TEMPLATE_KINDS, 'default', 'validation'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export interface PolicyStatement {
  effect?: string;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
}

export interface AuditLogEventsHook {
  endpoint?: Endpoint;
  templates: Partial<Record<TemplateKind, string>>;
  defaultPolicy?: PolicyStatement[];
  includeErrorResponseBody?: boolean;
  deliveryMethod?: string;
  useStandardWebhookPayload?: boolean;
}

/**
 * True when LaunchDarkly sends its standard webhook payload rather than rendering templates. Only
 * `true` counts: any other value breaks the schema, which reports it.
 */
export function usesStandardPayload(hook: { useStandardWebhookPayload?: unknown } | undefined): boolean {
  return hook?.useStandardWebhookPayload === true;
}

export interface Manifest {
  name: string;
  version: string;
  overview: string;
  description: string;
  author: string;
  supportEmail: string;
  links: Record<string, string>;
  categories: string[];
  icons: { square: string; horizontal: string };
  formVariables?: FormVariable[];
  capabilities?: {
    auditLogEventsHook?: AuditLogEventsHook;
    approval?: { approvalFormVariables?: FormVariable[]; environmentFormVariables?: FormVariable[]; [key: string]: unknown };
    [key: string]: unknown;
  };
  otherCapabilities?: string[];
  requiresOAuth?: boolean;
  oauthIntegrationKey?: string;
  [key: string]: unknown;
}

/**
 * The `capabilities.auditLogEventsHook` object of a manifest, or undefined. Manifests reach the
 * rules before (and whatever) the schema says, so every level is checked.
 */
export function auditLogEventsHookOf(manifest: unknown): Record<string, unknown> | undefined {
  const capabilities = isRecord(manifest) ? manifest.capabilities : undefined;
  const hook = isRecord(capabilities) ? capabilities.auditLogEventsHook : undefined;
  return isRecord(hook) ? hook : undefined;
}
