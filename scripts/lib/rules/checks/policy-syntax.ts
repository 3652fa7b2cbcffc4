import { DEFAULT_POLICY_POINTER, defaultPolicyOf, describePolicyProblem, parsePolicy } from '../../policy';
import type { Rule } from '../types';

const rule: Rule = {
  id: 'policy-syntax',
  severity: 'error',
  description: 'Every `defaultPolicy` statement and resource specifier parses (wrong types and effects are the schema\'s to report).',
  fix:
    'Give each statement an `effect` of "allow" or "deny", exactly one of `resources`/`notResources` and exactly one of ' +
    '`actions`/`notActions`, and write each resource as `type/name` segments joined by ":" (`proj/*:env/production:flag/*`).',
  check({ manifest }) {
    // A defaultPolicy that is missing or not an array is the schema's to report.
    const policy = defaultPolicyOf(manifest);
    if (!policy) return [];
    // What the schema forbids too (a wrong type, an unknown effect), it reports: once is enough.
    return parsePolicy(policy)
      .problems.filter((problem) => !problem.schemaToo)
      .map((problem) => ({ message: describePolicyProblem(problem), pointer: DEFAULT_POLICY_POINTER + problem.pointer }));
  },
};

export default rule;
