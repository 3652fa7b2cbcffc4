import { auditLogEventsHookOf, usesStandardPayload } from '../../integration/manifest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pointerFrom } from '../../integration/json-source';
import { isRecord } from '../../json-value';
import type { Report, Rule } from '../types';

const TEMPLATES_FOLDER = 'templates';

const rule: Rule = {
  id: 'standard-payload-no-templates',
  severity: 'error',
  description: 'With `useStandardWebhookPayload: true` there are no template paths and no `templates/` folder.',
  fix:
    'With the standard webhook payload LaunchDarkly ignores templates: leave `templates` empty (`{}`) and delete the `templates/` ' +
    'folder, or set `useStandardWebhookPayload` to false to send your own bodies.',
  ciRule: 16,
  check({ integration, manifest }) {
    const reports: Report[] = [];
    const hook = auditLogEventsHookOf(manifest);
    if (!hook || !usesStandardPayload(hook)) return reports;
    const templates = hook.templates;
    if (isRecord(templates)) {
      for (const [kind, file] of Object.entries(templates)) {
        if (file === undefined) continue;
        reports.push({
          message: `useStandardWebhookPayload is true, so templates.${kind} is never used: remove it`,
          pointer: pointerFrom(['capabilities', 'auditLogEventsHook', 'templates', kind]),
        });
      }
    }
    let exists = true;
    try {
      // lstat: a `templates` symlink counts as the folder too, and is not followed out of the integration.
      fs.lstatSync(path.join(integration.dir, TEMPLATES_FOLDER));
    } catch {
      exists = false;
    }
    if (exists) {
      reports.push({
        message: 'useStandardWebhookPayload is true, so the templates/ folder is never used: delete it',
        file: TEMPLATES_FOLDER,
      });
    }
    return reports;
  },
};

export default rule;
