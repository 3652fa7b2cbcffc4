import type { Finding } from '../findings';
import { compareFindings, placeReport } from '../findings';
import type { Integration } from '../integration/load';
import type { Workspace } from '../workspace';
import { SCHEMA_RULE_ID, validateManifestSchema } from '../schema/validate-manifest';
import { UserError } from '../errors';
import { timed, type CheckTimings } from './timings';
import type { Report, Rule } from './types';

/**
 * Ids of findings that no rule module gives (nor the schema, whose id is SCHEMA_RULE_ID): the
 * manifest could not be read, or a rule threw (a bug in the tool, reported rather than hiding the
 * other rules' findings).
 */
export const MANIFEST_RULE_ID = 'manifest-json';
export const INTERNAL_RULE_ID = 'internal-error';

/**
 * Runs rules on an integration whose manifest was read. A rule that throws on a manifest that
 * broke the schema is silent (the schema findings explain it); on a schema-valid manifest it
 * becomes an `internal-error` finding, so one broken check never hides the others' results.
 * A UserError (bad shared input) stops the run. With `timings`, each rule's time is added to its id's.
 */
export function runRules(integration: Integration, workspace: Workspace, rules: Rule[], schemaFailed: boolean, timings?: CheckTimings): Finding[] {
  const manifest = integration.manifest;
  if (!manifest) return [];
  const findings: Finding[] = [];
  for (const rule of rules) {
    let reports: Report[];
    try {
      reports = timed(timings, rule.id, () => rule.check({ integration, manifest, workspace }));
    } catch (error) {
      // Bad input shared by every integration (a broken sample event file) is the run's to
      // report, once, not each rule's.
      if (error instanceof UserError) throw error;
      if (schemaFailed) continue;
      reports = [];
      findings.push(
        placeReport(integration, { id: INTERNAL_RULE_ID, severity: 'error' }, {
          message: `rule ${rule.id} failed unexpectedly: ${(error as Error).message}`,
        }),
      );
    }
    // A loop, not push(...): a template of thousands of mustaches can give more findings than a call takes arguments.
    for (const report of reports) findings.push(placeReport(integration, rule, report));
  }
  return findings;
}

/** Checks one integration: the manifest must parse, then the schema and the rules run. */
export function checkIntegration(integration: Integration, workspace: Workspace, rules: Rule[], timings?: CheckTimings): Finding[] {
  if (!integration.manifest) {
    const problem = integration.problem ?? { message: 'the manifest could not be read' };
    return [placeReport(integration, { id: MANIFEST_RULE_ID, severity: 'error' }, problem)];
  }
  const manifest = integration.manifest;
  if (timings) timings.integrations++;
  const schemaReports = timed(timings, SCHEMA_RULE_ID, () => validateManifestSchema(manifest));
  const findings = schemaReports
    .map((report) => placeReport(integration, { id: SCHEMA_RULE_ID, severity: 'error' }, report))
    .concat(runRules(integration, workspace, rules, schemaReports.length > 0, timings));
  return withoutRepeats(findings).sort(compareFindings);
}

/**
 * Each finding once: a file the manifest names twice, spelt two ways (`templates/flag.json` and
 * `../x/templates/flag.json`), is checked twice and would be reported twice, with two edits of one place.
 */
function withoutRepeats(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = JSON.stringify([finding.rule, finding.severity, finding.file, finding.line, finding.column, finding.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
