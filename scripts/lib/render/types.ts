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
