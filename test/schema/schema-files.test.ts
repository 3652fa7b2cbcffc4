import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileManifestValidator } from '../../scripts/lib/schema/compile';
import { readManifestSchemaFiles, schemasDir } from '../../scripts/lib/schema/schema-files';

type SchemaNode = Record<string, unknown>;

const files = readManifestSchemaFiles().map((file) => ({
  ...file,
  schema: JSON.parse(file.text) as SchemaNode,
}));

function isObject(value: unknown): value is SchemaNode {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every subschema of `node` with its JSON-pointer-like location, following the keywords that hold schemas. */
function* subschemas(node: SchemaNode, location = '#'): Generator<[string, SchemaNode]> {
  yield [location, node];
  for (const keyword of ['properties', 'definitions']) {
    const map = node[keyword];
    if (isObject(map)) {
      for (const [name, child] of Object.entries(map)) {
        if (isObject(child)) yield* subschemas(child, `${location}/${keyword}/${name}`);
      }
    }
  }
  for (const keyword of ['items', 'additionalProperties', 'propertyNames', 'not', 'if', 'then', 'else']) {
    const child = node[keyword];
    if (isObject(child)) yield* subschemas(child, `${location}/${keyword}`);
  }
  for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
    const list = node[keyword];
    if (Array.isArray(list)) {
      for (const [index, child] of list.entries()) if (isObject(child)) yield* subschemas(child, `${location}/${keyword}/${index}`);
    }
  }
}

/** Every place, anywhere in the JSON, where a key holds exactly `false`. */
function* keysHoldingFalse(value: unknown, key: string, location = '#'): Generator<string> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* keysHoldingFalse(item, key, `${location}/${index}`);
  } else if (isObject(value)) {
    for (const [name, child] of Object.entries(value)) {
      if (name === key && child === false) yield `${location}/${name}`;
      yield* keysHoldingFalse(child, key, `${location}/${name}`);
    }
  }
}

// The framework's schema has these two irregularities; ours keeps them on purpose.
const OPEN_OBJECTS = new Set(['capabilities/buttonAction.json#/properties/requestBodyTemplates/items']);
const KEYS_WITHOUT_SCHEMA: Record<string, string[]> = { 'capabilities/eventsHook.json#': ['triggers'] };

describe('the schema files', () => {
  it('are the base file, the definitions file and one file per capability', () => {
    expect(files.map((file) => file.relativePath)).toEqual([
      'manifest.schema.json',
      'definitions.json',
      'capabilities/approval.json',
      'capabilities/auditLogEventsHook.json',
      'capabilities/bigSegmentStore.json',
      'capabilities/buttonAction.json',
      'capabilities/eventsHook.json',
      'capabilities/externalConfigurationPages.json',
      'capabilities/featureStore.json',
      'capabilities/flagCleanup.json',
      'capabilities/flagImport.json',
      'capabilities/flagLink.json',
      'capabilities/reservedCustomProperties.json',
      'capabilities/syncedSegment.json',
      'capabilities/trigger.json',
    ]);
  });

  it.each(files.map((file) => [file.relativePath, file] as const))('%s is draft-07 with an $id that names its own path', (relativePath, file) => {
    expect(file.schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(file.schema.$id).toBe(`https://ld-hook-kit.example/schemas/${relativePath}`);
  });

  it('never use additionalProperties: false, which the framework’s CI refuses', () => {
    const found = files.flatMap((file) => [...keysHoldingFalse(file.schema, 'additionalProperties')].map((at) => file.relativePath + at));
    expect(found).toEqual([]);
  });

  it('list the allowed keys of every object with propertyNames.enum, matching its properties', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const file of files) {
      for (const [location, node] of subschemas(file.schema)) {
        if (!isObject(node.properties)) continue;
        const where = `${file.relativePath}${location}`;
        const declared = Object.keys(node.properties);
        const allowed = isObject(node.propertyNames) ? node.propertyNames.enum : undefined;
        if (OPEN_OBJECTS.has(where)) {
          if (allowed !== undefined) problems.push(`${where}: expected no allowed-keys list`);
          continue;
        }
        checked++;
        if (!Array.isArray(allowed)) {
          problems.push(`${where}: properties without propertyNames.enum`);
          continue;
        }
        const expected = [...declared, ...(KEYS_WITHOUT_SCHEMA[where] ?? [])].sort();
        if (JSON.stringify([...allowed].sort()) !== JSON.stringify(expected)) {
          problems.push(`${where}: propertyNames.enum ${JSON.stringify(allowed)} but properties ${JSON.stringify(declared)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });

  it('give every required key a schema of its own', () => {
    const problems: string[] = [];
    for (const file of files) {
      for (const [location, node] of subschemas(file.schema)) {
        if (!Array.isArray(node.required)) continue;
        const declared = isObject(node.properties) ? Object.keys(node.properties) : [];
        for (const key of node.required as string[]) {
          if (!declared.includes(key)) problems.push(`${file.relativePath}${location}: required ${key} has no schema`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('compile with Ajv in strict mode, every $ref resolving, without a warning', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(typeof compileManifestValidator(readManifestSchemaFiles())).toBe('function');
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('are only JSON files the manifest schema uses, apart from the sample event schema', () => {
    const onDisk = [
      ...fs.readdirSync(schemasDir()).filter((name) => name.endsWith('.json')),
      ...fs.readdirSync(path.join(schemasDir(), 'capabilities')).map((name) => `capabilities/${name}`),
    ]
      .filter((name) => name !== 'event.schema.json')
      .sort();
    expect(onDisk).toEqual(files.map((file) => file.relativePath).sort());
  });
});
