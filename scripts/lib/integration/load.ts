import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFileError, UserError, USAGE_EXIT_CODE } from '../errors';
import { parseJsonWithPositions, type JsonDocument } from './json-source';
import { MAX_SOURCE_BYTES, readTextFile } from '../text-file';
import type { Manifest } from './manifest';
import { isDirectory, relativePath } from './paths';
import { isRecord } from '../json-value';

/** A problem that stops the manifest from being read at all. */
export interface LoadProblem {
  message: string;
  line?: number;
  column?: number;
}

export interface Integration {
  /** The folder name under `integrations/`, which is the integration's key upstream. */
  name: string;
  /** Absolute path of the integration folder. */
  dir: string;
  /** Absolute path of the root the tool runs on (the folder that holds `integrations/`). */
  root: string;
  /** `integrations/<name>/manifest.json`, relative to the root. */
  manifestFile: string;
  document?: JsonDocument;
  /** Set when the document is a JSON object; it may still fail the schema. */
  manifest?: Manifest;
  problem?: LoadProblem;
  /**
   * The manifest starts with a byte order mark. The framework's CI reads manifests with Node's
   * require(), which skips it, so the rest is validated; rule manifest-bom warns of it.
   */
  startsWithBom?: boolean;
}

export const INTEGRATIONS_FOLDER = 'integrations';
/** Each integration's folder holds its manifest under this name. */
export const MANIFEST_FILE = 'manifest.json';

/** The file's stats, or the error stat gave instead. */
export function statOrError(file: string): fs.Stats | NodeJS.ErrnoException {
  try {
    return fs.statSync(file);
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

/** The root folder's absolute path; a usage error when it is missing, not a folder or cannot be opened. */
export function requireRootFolder(root: string): string {
  const absolute = path.resolve(root);
  const stat = statOrError(absolute);
  if (stat instanceof Error) {
    if (stat.code === 'ENOENT') throw new UserError(`root folder ${root} does not exist`, USAGE_EXIT_CODE);
    throw new UserError(`cannot open root folder ${root}: ${describeFileError(stat)}`, USAGE_EXIT_CODE);
  }
  if (!stat.isDirectory()) throw new UserError(`root ${root} is not a folder`, USAGE_EXIT_CODE);
  return absolute;
}

/** Names of the integration folders under `<root>/integrations`, sorted. */
export function listIntegrationNames(root: string): string[] {
  const folder = path.join(root, INTEGRATIONS_FOLDER);
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(path.join(folder, entry.name))))
    .map((entry) => entry.name)
    .filter((name) => !name.startsWith('.'))
    .sort();
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** Reads and parses one integration's manifest. Never throws for bad input: see `problem`. */
export function loadIntegration(root: string, name: string): Integration {
  const dir = path.join(root, INTEGRATIONS_FOLDER, name);
  const manifestPath = path.join(dir, MANIFEST_FILE);
  const integration: Integration = { name, dir, root, manifestFile: relativePath(root, manifestPath) };
  const read = readTextFile(manifestPath, MAX_SOURCE_BYTES);
  if (!read.ok && read.problem === 'bom' && read.readable !== undefined) {
    integration.startsWithBom = true;
    return parsedInto(integration, read.readable, 1);
  }
  if (!read.ok) {
    integration.problem =
      read.code === 'ENOENT'
        ? { message: 'manifest.json is missing from the integration folder' }
        : read.code !== undefined
          ? { message: `manifest.json cannot be read: ${read.reason}` }
          : { message: `manifest.json ${read.reason}`, line: read.line, column: read.column };
    return integration;
  }
  return parsedInto(integration, read.text);
}

/** `startsAt`: where `text` starts in the file (after a byte order mark). */
function parsedInto(integration: Integration, text: string, startsAt = 0): Integration {
  const parsed = parseJsonWithPositions(text, { startsAt });
  if (!parsed.ok) {
    integration.problem = { message: parsed.message, line: parsed.line, column: parsed.column };
    return integration;
  }
  integration.document = parsed.document;
  const value = parsed.document.value;
  if (!isRecord(value)) {
    integration.problem = {
      message: `the manifest must be a JSON object, but it is ${describeType(value)}`,
      line: 1,
      column: 1,
    };
    return integration;
  }
  integration.manifest = value as Manifest;
  return integration;
}
