import { DEFAULT_POLICY_POINTER, defaultPolicyOf, evaluatePolicy, eventAccess, parsePolicy } from '../../policy';
import type { Rule } from '../types';

const rule: Rule = {
  id: 'policy-delivers-nothing',
  severity: 'warning',
  description: '`defaultPolicy` lets at least one sample event through.',
  fix:
    'Check the resource specifiers and action names of the allow statements against real events ' +
    '(`proj/*:env/*:flag/*` and `*` let every flag change through), and that no deny statement covers everything they allow.',
  check({ manifest, workspace }) {
    // Without a defaultPolicy there is no policy of ours to check.
    const policy = defaultPolicyOf(manifest);
    if (!policy) return [];
    if (policy.length === 0) {
      return [
        {
          message:
            'defaultPolicy has no statement, so the integration would receive nothing: add an allow statement for the events ' +
            'it is for, such as resources ["proj/*:env/*:flag/*"] with actions ["*"]',
          pointer: DEFAULT_POLICY_POINTER,
        },
      ];
    }
    const parsed = parsePolicy(policy);
    // A statement that did not parse might have let events through; policy-syntax reports it.
    if (parsed.problems.length > 0) return [];
    // Every integration judges the same samples: their resources are worked out once per run.
    const placedSamples = workspace.memo('policy:sample-accesses', () =>
      workspace.samples().flatMap((sample) => {
        const placed = eventAccess(sample.event);
        return placed.ok ? [{ sample, access: placed.access }] : [];
      }),
    );
    if (placedSamples.some(({ access }) => evaluatePolicy(parsed.statements, access).delivered)) return [];
    const judged = placedSamples.map(({ sample, access }) => ({ sample, decision: evaluatePolicy(parsed.statements, access) }));
    if (judged.length === 0) return [];
    const kinds = [...new Set(judged.map(({ sample }) => sample.kind))].sort();
    // Show why a flag event (what most integrations are for) was stopped, when there is one.
    const example = judged.find(({ sample }) => sample.kind === 'flag') ?? judged[0];
    return [
      {
        message:
          `defaultPolicy lets none of the ${judged.length} sample events through (kinds: ${kinds.join(', ')}), ` +
          `so the integration would receive nothing; for example ${example.sample.ref}: ${example.decision.reason}`,
        pointer: DEFAULT_POLICY_POINTER,
      },
    ];
  },
};

export default rule;
