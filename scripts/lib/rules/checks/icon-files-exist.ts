import * as fs from 'node:fs';
import { describeFileError } from '../../errors';
import { isRecord } from '../../json-value';
import { specialKind } from '../../text-file';
import { describeMissingFile } from '../../integration/paths';
import { sharedConfinedPath } from '../template-trees';
import type { Report, Rule } from '../types';

const ICON_KINDS = ['square', 'horizontal'] as const;

const rule: Rule = {
  id: 'icon-files-exist',
  severity: 'error',
  description: 'Both icon files named in `icons` exist in the integration folder.',
  fix: 'Add the SVG file at the path `icons` names (relative to the integration folder), or correct the path.',
  ciRule: 1,
  check({ integration, manifest, workspace }) {
    const reports: Report[] = [];
    const icons = manifest.icons as unknown;
    if (!isRecord(icons)) return reports;
    for (const kind of ICON_KINDS) {
      const file = icons[kind];
      if (typeof file !== 'string') continue;
      // A path that leaves the folder is path-confinement's finding; looking it up here would
      // both report it twice and touch files outside the integration.
      const confined = sharedConfinedPath(workspace, integration.dir, file);
      if (!confined.ok) continue;
      let stat: fs.Stats;
      try {
        stat = fs.statSync(confined.absolute);
      } catch (error) {
        // A link loop or a folder that cannot be searched leaves a file there that is not missing.
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') {
          reports.push({ message: `icons.${kind} names "${file}", which cannot be read: ${describeFileError(error)}`, pointer: `/icons/${kind}` });
          continue;
        }
        // Only an SVG: the schema takes no other icon.
        reports.push({ message: describeMissingFile(`icons.${kind}`, integration.dir, file, (name) => /\.svg$/i.test(name)), pointer: `/icons/${kind}` });
        continue;
      }
      if (!stat.isFile()) {
        const what = stat.isDirectory() ? 'a folder' : specialKind(stat) ?? 'not a regular file';
        reports.push({ message: `icons.${kind} names "${file}", which is ${what}, not a file`, pointer: `/icons/${kind}` });
      }
    }
    return reports;
  },
};

export default rule;
