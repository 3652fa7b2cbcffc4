import type { ErrorObject } from 'ajv';
import type { Report } from '../findings';
import { schemaErrorsToReports } from './messages';
import { readManifestSchemaFiles, schemaFingerprint } from './schema-files';

export interface ManifestValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

let cachedValidator: ManifestValidator | undefined;

/*
 * Modules are required here, not imported at the top, so that a run loads only the one it
 * uses: the generated validator costs ~10 ms, Ajv plus a compile ~200 ms.
 */
function loadValidator(): ManifestValidator {
  const files = readManifestSchemaFiles();
  const generated = require('./manifest-validator.generated') as { schemaFingerprint: string; validate: ManifestValidator };
  if (generated.schemaFingerprint === schemaFingerprint(files)) return generated.validate;
  // The schemas were edited after the validator was generated: slower, but never out of date.
  const { compileManifestValidator } = require('./compile') as typeof import('./compile');
  return compileManifestValidator(files);
}

/** The validator for the schema files as they are now, built once per process. */
export function manifestValidator(): ManifestValidator {
  cachedValidator ??= loadValidator();
  return cachedValidator;
}

/** The rule id of findings that the schema, not a rule module, gives. */
export const SCHEMA_RULE_ID = 'schema';

/** Checks a parsed manifest against the framework's manifest schema. */
export function validateManifestSchema(manifest: unknown): Report[] {
  const validate = manifestValidator();
  if (validate(manifest)) return [];
  return schemaErrorsToReports(validate.errors ?? [], manifest);
}
