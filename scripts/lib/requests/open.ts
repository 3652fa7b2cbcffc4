import { UserError } from '../errors';
import { formatPlace, placeReport } from '../findings';
import { MANIFEST_FILE, type Integration } from '../integration/load';
import { resolveInsideFolder } from '../integration/paths';
import { SCHEMA_RULE_ID, validateManifestSchema } from '../schema/validate-manifest';
import { kitCommand } from '../shell-word';
import { openWorkspace, resolveNames } from '../workspace';

/** The parts of a manifest that rendering reads: a schema error there leaves nothing sure to render. */
const RENDERED_PARTS = ['/formVariables', '/capabilities/auditLogEventsHook'];

/**
 * Refuses an integration whose manifest cannot be read, is a link out of its folder (what arrives
 * upstream is a dangling link: validate's path-confinement), or whose form variables or hook
 * capability break the schema (headers that are not a list, say): what LaunchDarkly would send
 * from it is unknowable. Other schema problems, an overview too long for one, are validate's to report.
 */
function requireIntegrationManifest(integration: Integration, root: string): void {
  const confined = resolveInsideFolder(integration.dir, MANIFEST_FILE);
  if (!confined.ok) {
    throw new UserError(`${integration.manifestFile}: ${MANIFEST_FILE} is refused: ${confined.reason} (validate's path-confinement)`);
  }
  if (!integration.manifest) {
    const problem = integration.problem;
    throw new UserError(`${formatPlace(integration.manifestFile, problem?.line, problem?.column)}: ${problem?.message ?? 'the manifest could not be read'}`);
  }
  const broken = validateManifestSchema(integration.manifest).find((report) =>
    RENDERED_PARTS.some((part) => report.pointer === part || report.pointer?.startsWith(`${part}/`)),
  );
  if (broken) {
    const finding = placeReport(integration, { id: SCHEMA_RULE_ID, severity: 'error' }, broken);
    throw new UserError(
      `${formatPlace(finding.file, finding.line, finding.column)}: ${finding.message}; no request can be rendered from this manifest ` +
        `(\`${kitCommand('validate', integration.name, root)}\` lists every problem)`,
    );
  }
}

/**
 * The integration `name` of the root, ready to render: a usage error when the root or the name is
 * wrong, and refused as requireIntegrationManifest says when no request can be rendered from it.
 */
export function openIntegrationToRender(root: string, name: string): Integration {
  const workspace = openWorkspace(root);
  const [folder] = resolveNames(workspace, [name]);
  const integration = workspace.integration(folder);
  requireIntegrationManifest(integration, root);
  return integration;
}
