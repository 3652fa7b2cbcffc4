import { isRecord } from '../../json-value';
import { closest } from '../../suggest';
import type { Report, Rule } from '../types';

// Capabilities whose endpoint signs requests with a secret taken from the top-level form variables.
const SIGNING_CAPABILITIES = ['auditLogEventsHook', 'eventsHook'] as const;

const rule: Rule = {
  id: 'hmac-secret-variable',
  severity: 'error',
  description: 'An endpoint with `hmacSignature` names an existing secret string form variable for the key.',
  fix:
    'Set `hmacSignature.hmacSecretFormVariableKey` to the key of a form variable with `"type": "string"` and `"isSecret": true`, ' +
    'adding that variable to `formVariables` if it is missing.',
  ciRule: 4,
  check({ manifest }) {
    const reports: Report[] = [];
    const capabilities = manifest.capabilities as unknown;
    if (!isRecord(capabilities)) return reports;
    const variables = Array.isArray(manifest.formVariables) ? (manifest.formVariables as unknown[]) : [];
    for (const name of SIGNING_CAPABILITIES) {
      const capability = capabilities[name];
      const endpoint = isRecord(capability) ? capability.endpoint : undefined;
      const signature = isRecord(endpoint) ? endpoint.hmacSignature : undefined;
      if (!isRecord(signature)) continue;
      const signaturePointer = `/capabilities/${name}/endpoint/hmacSignature`;
      const key = signature.hmacSecretFormVariableKey;
      const index = typeof key === 'string' ? variables.findIndex((variable) => isRecord(variable) && variable.key === key) : -1;
      // The schema lets a form variable's key be empty, so only an empty key nothing has names no secret.
      if (typeof key !== 'string' || (key === '' && index < 0)) {
        reports.push({
          message: `capabilities.${name}.endpoint.hmacSignature names no secret: set hmacSecretFormVariableKey to a secret form variable's key`,
          pointer: signaturePointer,
        });
        continue;
      }
      if (index < 0) {
        // A typo of a declared key is the likelier mistake than a variable not yet written.
        const keys = variables.flatMap((variable) => (isRecord(variable) && typeof variable.key === 'string' ? [variable.key] : []));
        const [near] = closest(key, keys, { limit: 1 });
        reports.push({
          message: near
            ? `hmacSecretFormVariableKey "${key}" names no form variable; did you mean "${near}"?`
            : `hmacSecretFormVariableKey "${key}" names no form variable; add a string form variable "${key}" with isSecret: true`,
          pointer: `${signaturePointer}/hmacSecretFormVariableKey`,
        });
        continue;
      }
      const variable = variables[index] as Record<string, unknown>;
      const variablePointer = `/formVariables/${index}`;
      if (variable.type !== 'string') {
        reports.push({
          message: `form variable "${key}" holds the HMAC signing secret, so its type must be "string", not ${JSON.stringify(variable.type)}`,
          pointer: 'type' in variable ? `${variablePointer}/type` : variablePointer,
        });
      }
      if (variable.isSecret !== true) {
        // Without isSecret the secret would be shown in clear in LaunchDarkly's UI.
        reports.push({
          message: `form variable "${key}" holds the HMAC signing secret, so it must have isSecret: true`,
          pointer: 'isSecret' in variable ? `${variablePointer}/isSecret` : variablePointer,
        });
      }
    }
    return reports;
  },
};

export default rule;
