import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { MANIFEST_SCHEMA_ID, type SchemaFile } from './schema-files';

/**
 * One Ajv set-up for both the standalone code generator and the run-time fallback, so the two
 * can never validate differently.
 */
export function createManifestAjv(files: readonly SchemaFile[], options: { standaloneSource?: boolean } = {}): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    // The framework's schema keeps keywords that cannot apply to the declared type (minLength on
    // arrays, minProperties on header lists); strictTypes would log a warning for each.
    strictTypes: false,
    // Shared definitions (endpoint, form variable) become one function each instead of a copy
    // per use: about a tenth less generated code, and no slower.
    inlineRefs: false,
    code: { source: options.standaloneSource ?? false, esm: true },
  });
  // The framework's CI checks formats in Ajv's fast mode, which accepts `support@localhost`;
  // the full mode would refuse addresses the framework takes.
  addFormats(ajv, { mode: 'fast', formats: ['email'] });
  for (const file of files) {
    ajv.addSchema(JSON.parse(file.text) as object);
  }
  return ajv;
}

export function compileManifestValidator(files: readonly SchemaFile[]): ValidateFunction {
  const validate = createManifestAjv(files).getSchema(MANIFEST_SCHEMA_ID);
  if (!validate) throw new Error(`the schema files do not define ${MANIFEST_SCHEMA_ID}`);
  return validate;
}
