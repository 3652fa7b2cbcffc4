import { pointerFrom } from '../../integration/json-source';
import { codePoint, HEADER_VALUE_CONTROL, HTTP_TOKEN, HTTP_TOKEN_CHARACTERS, NON_ASCII } from '../../http-syntax';
import { isRecord } from '../../json-value';
import type { Report, Rule } from '../types';
import { endpointsOf, headersOf, quotedHeaderName } from '../endpoints';
import { literalMatch } from '../template-trees';

function nameProblem(name: string): string | undefined {
  if (HTTP_TOKEN.test(name)) return undefined;
  if (name === '') return 'is empty';
  const bad = [...name].find((char) => !HTTP_TOKEN.test(char))!;
  return `holds ${/[\x21-\x7e]/.test(bad) ? `\`${bad}\`` : codePoint(bad)}; a header name is ${HTTP_TOKEN_CHARACTERS} only`;
}

const rule: Rule = {
  id: 'header-syntax',
  severity: 'warning',
  description:
    'Every endpoint header name (and `hmacSignature.headerName`) is a valid HTTP name, and header values are ASCII without line breaks or control characters.',
  fix:
    `Write header names with ${HTTP_TOKEN_CHARACTERS} only (\`X-Api-Key\`, not \`X-Api-Key:\` or \`X Api Key\`), and keep header values on ` +
    'one line, in ASCII: HTTP clients refuse anything else, or send bytes the receiver does not expect. Percent-encode other text, ' +
    'or move it to the body.',
  check({ manifest, workspace }) {
    const reports: Report[] = [];
    for (const { path, label, endpoint } of endpointsOf(manifest)) {
      for (const { index, header } of headersOf(endpoint)) {
        const at = [...path, 'headers', index];
        // Whitespace in a header name is the schema's to report (its pattern forbids it).
        if (typeof header.name === 'string' && !/\s/.test(header.name)) {
          const problem = nameProblem(header.name);
          if (problem) {
            reports.push({ message: `${label}.headers[${index}].name ${quotedHeaderName(header.name)} ${problem}: no request can carry it`, pointer: pointerFrom([...at, 'name']) });
          }
        }
        if (typeof header.value === 'string') {
          const which = typeof header.name === 'string' ? ` (${quotedHeaderName(header.name)})` : '';
          const control = literalMatch(workspace, header.value, HEADER_VALUE_CONTROL);
          const nonAscii = control ? undefined : literalMatch(workspace, header.value, NON_ASCII);
          if (control) {
            reports.push({
              message: `${label}.headers[${index}].value${which} holds ${codePoint(control.text)}, a control character HTTP forbids in a header value: clients refuse the request or cut the value short`,
              pointer: pointerFrom([...at, 'value']),
              within: { line: control.line, column: control.column },
            });
          } else if (nonAscii) {
            reports.push({
              message:
                `${label}.headers[${index}].value${which} holds \`${nonAscii.text}\` (${codePoint(nonAscii.text)}), which is not ASCII: HTTP clients send it as ` +
                'different bytes (UTF-8 or Latin-1) or refuse it',
              pointer: pointerFrom([...at, 'value']),
              within: { line: nonAscii.line, column: nonAscii.column },
            });
          }
        }
      }
      const signature = endpoint.hmacSignature;
      // An empty headerName is no name at all: the signature goes out as X-LD-Signature.
      if (isRecord(signature) && typeof signature.headerName === 'string' && signature.headerName !== '') {
        const problem = nameProblem(signature.headerName);
        if (problem) {
          reports.push({
            message: `${label}.hmacSignature.headerName ${quotedHeaderName(signature.headerName)} ${problem}: no signed request can carry it`,
            pointer: pointerFrom([...path, 'hmacSignature', 'headerName']),
          });
        }
      }
    }
    return reports;
  },
};

export default rule;
