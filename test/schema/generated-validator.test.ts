import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../../scripts/lib/package-root';
import { GENERATED_VALIDATOR_PATH, generateValidatorSource } from '../../scripts/lib/schema/generate-validator';
import * as generated from '../../scripts/lib/schema/manifest-validator.generated';
import { readManifestSchemaFiles, schemaFingerprint } from '../../scripts/lib/schema/schema-files';
import type * as ValidateManifestModule from '../../scripts/lib/schema/validate-manifest';
import { fullManifest } from './fixtures';


const REGENERATE = 'npm run schema:generate';

function brokenManifests(): unknown[] {
  const breaks: ((m: any) => void)[] = [
    (m) => (m.version = '1.0'),
    (m) => (m.links.homepage = 'https://lumen-alerts.example'),
    (m) => delete m.formVariables[0].description,
    (m) => (m.formVariables[2].defaultValue = 7),
    (m) => (m.categories = ['data', 'data', 'ai', 'import']),
    (m) => (m.supportEmail = 'nobody'),
    (m) => (m.capabilities.flagLink.metadata.a = { type: 'x', extra: 1 }),
    (m) => (m.capabilities.approval.statusRequest.endpoint.method = 'HEAD'),
  ];
  return [fullManifest(), ...breaks.map((change) => {
    const manifest = fullManifest();
    change(manifest);
    return manifest;
  }), [], 'not a manifest'];
}

describe('the generated validator', () => {
  it('is up to date with the schema files', () => {
    const onDisk = fs.readFileSync(path.join(packageRoot(), GENERATED_VALIDATOR_PATH), 'utf8');
    // A boolean, not the two 240 kB texts, so a failure shows how to fix it instead of a huge diff.
    expect({ upToDate: onDisk === generateValidatorSource(), regenerateWith: REGENERATE }).toEqual({
      upToDate: true,
      regenerateWith: REGENERATE,
    });
    expect(generated.schemaFingerprint).toBe(schemaFingerprint(readManifestSchemaFiles()));
  });

  it('is the one validateManifestSchema uses, built once per process', () => {
    jest.isolateModules(() => {
      const { manifestValidator } = require('../../scripts/lib/schema/validate-manifest') as typeof ValidateManifestModule;
      const freshGenerated = require('../../scripts/lib/schema/manifest-validator.generated') as typeof generated;
      expect(manifestValidator()).toBe(freshGenerated.validate);
      expect(manifestValidator()).toBe(manifestValidator());
    });
  });

  it('gives way to compiling the schema files when they changed since it was generated, with the same results', () => {
    const manifests = brokenManifests();
    const { validateManifestSchema } = require('../../scripts/lib/schema/validate-manifest') as typeof ValidateManifestModule;
    const expected = manifests.map((manifest) => validateManifestSchema(manifest));
    expect(expected.filter((reports) => reports.length > 0)).toHaveLength(manifests.length - 1);

    jest.isolateModules(() => {
      const staleValidate = jest.fn(() => true);
      jest.doMock('../../scripts/lib/schema/manifest-validator.generated', () => ({
        schemaFingerprint: 'schemas edited since',
        validate: staleValidate,
      }));
      const fallback = require('../../scripts/lib/schema/validate-manifest') as typeof ValidateManifestModule;
      expect(manifests.map((manifest) => fallback.validateManifestSchema(manifest))).toEqual(expected);
      expect(staleValidate).not.toHaveBeenCalled();
    });
  });
});
