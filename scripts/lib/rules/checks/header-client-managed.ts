import { pointerFrom } from '../../integration/json-source';
import { isClientManagedHeader } from '../../http-syntax';
import type { Report, Rule } from '../types';
import { endpointsOf, headersOf, quotedHeaderName } from '../endpoints';

const rule: Rule = {
  id: 'header-client-managed',
  severity: 'warning',
  description: 'No endpoint sets a header that the HTTP client writes itself (`Content-Length`, `Host`, `Transfer-Encoding`, `Connection`...).',
  fix:
    'Remove the header. An HTTP client writes `Connection`, `Content-Length`, `Expect`, `Host`, `Keep-Alive`, `Proxy-Connection`, ' +
    '`TE`, `Trailer`, `Transfer-Encoding` and `Upgrade` itself, from its connection and the body it sends: one given in the manifest ' +
    'is dropped, overridden or makes the client refuse the request. Put the host in the endpoint `url` instead.',
  check({ manifest }) {
    const reports: Report[] = [];
    for (const { path, label, endpoint } of endpointsOf(manifest)) {
      for (const { index, header } of headersOf(endpoint)) {
        if (typeof header.name !== 'string' || !isClientManagedHeader(header.name)) continue;
        reports.push({
          message:
            `${label}.headers[${index}].name ${quotedHeaderName(header.name)} is a header the HTTP client writes itself: the client drops ` +
            'or overrides this one, or refuses the request, as `send` does',
          pointer: pointerFrom([...path, 'headers', index, 'name']),
        });
      }
    }
    return reports;
  },
};

export default rule;
