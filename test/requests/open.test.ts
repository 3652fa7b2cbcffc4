import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../../scripts/lib/errors';
import { openIntegrationToRender } from '../../scripts/lib/requests';
import { createFixtureRoot, validFiles, validManifest } from '../helpers/fixture-root';

describe('openIntegrationToRender', () => {
  it('opens an integration whose manifest is its own', () => {
    const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });
    expect(openIntegrationToRender(root, 'pigeon').manifest?.name).toBe(validManifest().name);
  });

  it('refuses a manifest linked from outside the integration folder, as validate does', () => {
    const root = createFixtureRoot({ pigeon: { files: validFiles() } });
    fs.writeFileSync(path.join(root, 'outside.json'), JSON.stringify(validManifest()));
    fs.symlinkSync('../../outside.json', path.join(root, 'integrations/pigeon/manifest.json'));
    expect(() => openIntegrationToRender(root, 'pigeon')).toThrow(UserError);
    expect(() => openIntegrationToRender(root, 'pigeon')).toThrow(
      /^integrations\/pigeon\/manifest\.json: manifest\.json is refused: .*outside.* \(validate's path-confinement\)$/,
    );
  });
});
