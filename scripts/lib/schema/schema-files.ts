import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../package-root';

/** `$id` of the top-level manifest schema; the other files are reached from it by `$ref`. */
export const MANIFEST_SCHEMA_ID = 'https://ld-hook-kit.example/schemas/manifest.schema.json';

export interface SchemaFile {
  /** Path relative to `schemas/`, with forward slashes. */
  relativePath: string;
  text: string;
}

export function schemasDir(): string {
  return path.join(packageRoot(), 'schemas');
}

/**
 * The files that make up the manifest schema, in a fixed order. Other schemas that share the
 * folder (the sample event schema) are left out: they are not part of the manifest's.
 */
export function readManifestSchemaFiles(): SchemaFile[] {
  const dir = schemasDir();
  const capabilityFiles = fs
    .readdirSync(path.join(dir, 'capabilities'))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => `capabilities/${name}`);
  return ['manifest.schema.json', 'definitions.json', ...capabilityFiles].map((relativePath) => ({
    relativePath,
    text: fs.readFileSync(path.join(dir, relativePath), 'utf8'),
  }));
}

/** Changes whenever any schema file is added, removed, renamed or edited. */
export function schemaFingerprint(files: readonly SchemaFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file.relativePath).update('\0').update(file.text).update('\0');
  }
  return hash.digest('hex');
}
