import { pointerFrom } from '../../integration/json-source';
import { isClientManagedHeader } from '../../http-syntax';
import { isRecord } from '../../json-value';
import type { Report, Rule } from '../types';
import { endpointsOf, headersOf, quotedHeaderName } from '../endpoints';

const rule: Rule = {
  id: 'header-client-managed',
  severity: 'warning',
  description:
    'No endpoint sets a header, or names its signature header after one, that the HTTP client writes itself (`Content-Length`, `Host`, `Transfer-Encoding`, `Connection`...).',
  fix:
    'Remove the header. An HTTP client writes `Connection`, `Content-Length`, `Expect`, `Host`, `Keep-Alive`, `Proxy-Connection`, ' +
    '`TE`, `Trailer`, `Transfer-Encoding` and `Upgrade` itself, from its connection and the body it sends: one given in the manifest ' +
    'is dropped, overridden or makes the client refuse the request. Put the host in the endpoint `url` instead, and give ' +
    '`hmacSignature.headerName` a name of its own (`X-Acme-Signature`).',
  check({ manifest }) {
    const reports: Report[] = [];
    const consequence = 'the client drops or overrides this one, or refuses the request, as `send` does';
    for (const { path, label, endpoint } of endpointsOf(manifest)) {
      for (const { index, header } of headersOf(endpoint)) {
        if (typeof header.name !== 'string' || !isClientManagedHeader(header.name)) continue;
        reports.push({
          message: `${label}.headers[${index}].name ${quotedHeaderName(header.name)} is a header the HTTP client writes itself: ${consequence}`,
          pointer: pointerFrom([...path, 'headers', index, 'name']),
        });
      }
      const signature = endpoint.hmacSignature;
      if (isRecord(signature) && typeof signature.headerName === 'string' && isClientManagedHeader(signature.headerName)) {
        reports.push({
          message: `${label}.hmacSignature.headerName ${quotedHeaderName(signature.headerName)} is a header the HTTP client writes itself: ${consequence}`,
          pointer: pointerFrom([...path, 'hmacSignature', 'headerName']),
        });
      }
    }
    return reports;
  },
};

export default rule;
