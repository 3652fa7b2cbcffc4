import { pointerFrom } from '../../integration/json-source';
import { resolveInsideFolder } from '../../integration/paths';
import { MANIFEST_FILE } from '../../integration/load';
import { sharedConfinedPath } from '../template-trees';
import { isRecord } from '../../json-value';
import type { Manifest } from '../../integration/manifest';
import type { Report, Rule } from '../types';

/**
 * Every manifest object whose string values are file paths in the integration folder: the icons
 * and the capabilities' template maps. (Other templated fields, such as endpoint urls or
 * `buttonAction.requestBodyTemplates[].jsonBody`, hold text, not paths.)
 */
const FILE_MAPS: readonly string[][] = [
  ['icons'],
  ['capabilities', 'auditLogEventsHook', 'templates'],
  ['capabilities', 'eventsHook', 'templates'],
  ['capabilities', 'flagImport', 'templates'],
];

function at(manifest: Manifest, segments: string[]): unknown {
  let value: unknown = manifest;
  for (const segment of segments) value = isRecord(value) ? value[segment] : undefined;
  return value;
}

const rule: Rule = {
  id: 'path-confinement',
  severity: 'error',
  description: 'Every file path in the manifest, and manifest.json itself, stays inside the integration folder (no `..`, absolute path or outside symlink).',
  fix:
    'Write paths relative to the integration folder (like `templates/flag.json.hbs`) and keep the file itself in the folder: ' +
    'copy it in rather than pointing at it with `..`, an absolute path or a symbolic link.',
  check({ integration, manifest, workspace }) {
    const reports: Report[] = [];
    // The manifest itself: a link out of the folder reads well here and arrives upstream dangling.
    const own = resolveInsideFolder(integration.dir, MANIFEST_FILE);
    if (!own.ok) reports.push({ message: `manifest.json is refused: ${own.reason}`, line: 1, column: 1 });
    for (const segments of FILE_MAPS) {
      const files = at(manifest, segments);
      if (!isRecord(files)) continue;
      for (const [name, file] of Object.entries(files)) {
        if (typeof file !== 'string') continue;
        const confined = sharedConfinedPath(workspace, integration.dir, file);
        if (confined.ok) continue;
        reports.push({
          message: `${[...segments, name].join('.')} "${file}" is refused: ${confined.reason}`,
          pointer: pointerFrom([...segments, name]),
        });
      }
    }
    return reports;
  },
};

export default rule;
