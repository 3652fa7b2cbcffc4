import { isRecord } from '../json-value';

export interface ManifestEndpoint {
  /** Where it is: `['capabilities', 'auditLogEventsHook', 'endpoint']`. */
  path: (string | number)[];
  /** The same path as the schema's messages write it: `formVariables[6].dynamicOptions.endpoint`. */
  label: string;
  endpoint: Record<string, unknown>;
}

function labelOf(path: (string | number)[]): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index > 0 ? '.' : ''}${segment}`)).join('');
}

function collectEndpoints(value: unknown, path: (string | number)[], found: ManifestEndpoint[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => collectEndpoints(item, [...path, index], found));
  } else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'endpoint' && isRecord(child)) found.push({ path: [...path, key], label: labelOf([...path, key]), endpoint: child });
      collectEndpoints(child, [...path, key], found);
    }
  }
}

// Two rules walk every manifest for its endpoints: once per manifest is enough.
const endpointsByManifest = new WeakMap<object, ManifestEndpoint[]>();

/** Every `endpoint` object of the manifest: the hook's, dynamic options', approval requests'... */
export function endpointsOf(manifest: object): ManifestEndpoint[] {
  let found = endpointsByManifest.get(manifest);
  if (!found) {
    found = [];
    collectEndpoints(manifest, [], found);
    endpointsByManifest.set(manifest, found);
  }
  return found;
}

/** The endpoint's headers that are objects, with their index in `headers`. */
export function headersOf(endpoint: Record<string, unknown>): { index: number; header: Record<string, unknown> }[] {
  const headers = Array.isArray(endpoint.headers) ? endpoint.headers : [];
  return headers.flatMap((header: unknown, index) => (isRecord(header) ? [{ index, header }] : []));
}

/** Manifest text as a message quotes it: whole when short, its first `length` characters when long. */
export function quotedStart(text: string, length: number): string {
  return JSON.stringify(text.length > length ? `${text.slice(0, length)}…` : text);
}

/** A header name as a message quotes it. */
export function quotedHeaderName(name: string): string {
  return quotedStart(name, 60);
}
