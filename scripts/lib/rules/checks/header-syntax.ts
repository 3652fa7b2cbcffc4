import { pointerFrom } from '../../integration/json-source';
import { isRecord } from '../../json-value';
import type { Report, Rule } from '../types';

/** An HTTP field name (RFC 9110 `token`): what every HTTP client, Go's and fetch included, will send. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Control characters other than tab end or break a header line: clients refuse such a value. */
const FORBIDDEN_IN_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]/;

const TOKEN_CHARACTERS = "letters, digits and ! # $ % & ' * + - . ^ _ ` | ~";

/** Every `endpoint` object of the manifest (the hook's, dynamic options', approval requests'...), with its path. */
function endpoints(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; endpoint: Record<string, unknown> }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => endpoints(item, [...path, index]));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(key === 'endpoint' && isRecord(child) ? [{ path: [...path, key], endpoint: child }] : []),
    ...endpoints(child, [...path, key]),
  ]);
}

/** `formVariables[6].dynamicOptions.endpoint`, as the schema's messages write paths. */
function labelOf(path: (string | number)[]): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index > 0 ? '.' : ''}${segment}`)).join('');
}

/** The name as a message quotes it: whole when short, its start when long. */
function quoted(name: string): string {
  return JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
}

function describeCharacter(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function nameProblem(name: string): string | undefined {
  if (TOKEN.test(name)) return undefined;
  if (name === '') return 'is empty';
  const bad = [...name].find((char) => !TOKEN.test(char))!;
  return `holds ${/[\x21-\x7e]/.test(bad) ? `\`${bad}\`` : describeCharacter(bad)}; a header name is ${TOKEN_CHARACTERS} only`;
}

const rule: Rule = {
  id: 'header-syntax',
  severity: 'warning',
  description: 'Every endpoint header name (and `hmacSignature.headerName`) is a valid HTTP name, and no header value holds a line break or control character.',
  fix:
    `Write header names with ${TOKEN_CHARACTERS} only (\`X-Api-Key\`, not \`X-Api-Key:\` or \`X Api Key\`), and keep header values on ` +
    'one line: HTTP clients refuse anything else, so LaunchDarkly could not send the request.',
  check({ manifest }) {
    const reports: Report[] = [];
    for (const { path, endpoint } of endpoints(manifest)) {
      const label = labelOf(path);
      const headers = Array.isArray(endpoint.headers) ? endpoint.headers : [];
      headers.forEach((header: unknown, index) => {
        if (!isRecord(header)) return;
        const at = [...path, 'headers', index];
        // Whitespace in a header name is the schema's to report (its pattern forbids it).
        if (typeof header.name === 'string' && !/\s/.test(header.name)) {
          const problem = nameProblem(header.name);
          if (problem) {
            reports.push({ message: `${label}.headers[${index}].name ${quoted(header.name)} ${problem}: no request can carry it`, pointer: pointerFrom([...at, 'name']) });
          }
        }
        if (typeof header.value === 'string') {
          const bad = FORBIDDEN_IN_VALUE.exec(header.value)?.[0];
          if (bad) {
            const which = typeof header.name === 'string' ? ` (${quoted(header.name)})` : '';
            reports.push({
              message: `${label}.headers[${index}].value${which} holds ${describeCharacter(bad)}, a control character HTTP forbids in a header value: clients refuse the request or cut the value short`,
              pointer: pointerFrom([...at, 'value']),
            });
          }
        }
      });
      const signature = endpoint.hmacSignature;
      // An empty headerName is no name at all: the signature goes out as X-LD-Signature.
      if (isRecord(signature) && typeof signature.headerName === 'string' && signature.headerName !== '') {
        const problem = nameProblem(signature.headerName);
        if (problem) {
          reports.push({
            message: `${label}.hmacSignature.headerName ${quoted(signature.headerName)} ${problem}: no signed request can carry it`,
            pointer: pointerFrom([...path, 'hmacSignature', 'headerName']),
          });
        }
      }
    }
    return reports;
  },
};

export default rule;
