import { DEFAULT_POLICY_POINTER, defaultPolicyOf, describePolicyProblem, parsePolicy } from '../../policy';
import type { Rule } from '../types';

const rule: Rule = {
  id: 'policy-syntax',
  severity: 'error',
  description: 'Every `defaultPolicy` statement and resource specifier parses.',
  fix:
    'Give each statement an `effect` of "allow" or "deny", exactly one of `resources`/`notResources` and exactly one of ' +
    '`actions`/`notActions`, and write each resource as `type/name` segments joined by ":" (`proj/*:env/production:flag/*`).',
  check({ manifest }) {
    // A defaultPolicy that is missing or not an array is the schema's to report.
    const policy = defaultPolicyOf(manifest);
    if (!policy) return [];
    return parsePolicy(policy).problems.map((problem) => ({
      message: describePolicyProblem(problem),
      pointer: DEFAULT_POLICY_POINTER + problem.pointer,
    }));
  },
};

export default rule;
