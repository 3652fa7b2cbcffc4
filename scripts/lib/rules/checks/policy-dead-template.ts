import { pointerFrom } from '../../integration/json-source';
import { auditLogEventsHookOf, usesStandardPayload } from '../../integration/manifest';
import { TEMPLATE_KIND_RESOURCE_TYPES, canReach, defaultPolicyOf, parsePolicy, type KindTemplate } from '../../policy';
import type { Report, Rule } from '../types';
import { isRecord } from '../../json-value';

const KINDS = Object.keys(TEMPLATE_KIND_RESOURCE_TYPES) as KindTemplate[];

const rule: Rule = {
  id: 'policy-dead-template',
  severity: 'warning',
  description: 'Each kind-specific template (flag, project, environment, member) serves a kind `defaultPolicy` can deliver.',
  fix:
    'Remove the template the default policy never uses, or add an allow statement for its kind to `defaultPolicy` ' +
    '(for example `proj/*` for project events, `member/*` for member events).',
  check({ manifest }) {
    const hook = auditLogEventsHookOf(manifest);
    const policy = defaultPolicyOf(manifest);
    // With the standard payload no template is used at all; standard-payload-no-templates says so.
    // An empty policy is no reason to remove templates: policy-delivers-nothing and the schema report it.
    if (!hook || !policy || policy.length === 0 || usesStandardPayload(hook)) return [];
    const templates = hook.templates;
    if (!isRecord(templates)) return [];
    const parsed = parsePolicy(policy);
    // A statement that does not parse might have been the one to allow a kind: judge only whole policies.
    if (parsed.problems.length > 0) return [];
    const reports: Report[] = [];
    for (const kind of KINDS) {
      if (typeof (templates as Record<string, unknown>)[kind] !== 'string') continue;
      const reach = canReach(parsed.statements, TEMPLATE_KIND_RESOURCE_TYPES[kind]);
      if (reach.possible) continue;
      reports.push({
        message:
          `templates.${kind} is never used with the default policy: it lets no ${kind} event through (${reach.reason}). ` +
          `Allow ${kind} events in defaultPolicy, or remove the template if only a customer who widens the policy would use it.`,
        pointer: pointerFrom(['capabilities', 'auditLogEventsHook', 'templates', kind]),
      });
    }
    return reports;
  },
};

export default rule;
