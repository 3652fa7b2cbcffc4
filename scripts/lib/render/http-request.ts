export interface HttpHeader {
  name: string;
  value: string;
}

/** A finished request, exactly as LaunchDarkly would send it. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: HttpHeader[];
  body: string;
}

/** The header a signature travels in: LaunchDarkly's own webhooks' name, and the manifest default. */
export const DEFAULT_SIGNATURE_HEADER = 'X-LD-Signature';
