import { closestResourceType, defaultPolicyOf, isKnownResourceType, listedItems } from '../../policy';
import { parseResourceSpecifier } from '../../policy/specifier';
import type { Rule } from '../types';

// A typo in notResources is as harmful as one in resources: the resources it meant are not excluded.
const RESOURCE_KEYS = ['resources', 'notResources'] as const;

const rule: Rule = {
  id: 'policy-unknown-resource-type',
  severity: 'warning',
  description: 'Every resource type named in `defaultPolicy` (`proj`, `env`, `flag`...) is one LaunchDarkly has.',
  fix:
    'Correct the resource type: types are short lowercase words, singular, such as `proj`, `env`, `flag`, `segment`, `metric` ' +
    'and `member` (`proj/*:env/production:flag/*`). A specifier with a type LaunchDarkly does not have matches no resource: ' +
    'in `resources` the statement covers less than meant, in `notResources` it leaves out nothing. If LaunchDarkly has added the type recently, add it to ' +
    'scripts/lib/policy/resource-types.ts.',
  check({ manifest }) {
    const policy = defaultPolicyOf(manifest);
    if (!policy) return [];
    return listedItems(policy, RESOURCE_KEYS).flatMap(({ text, index, key, pointer }) => {
      const parsed = parseResourceSpecifier(text);
      // Specifiers that do not parse are policy-syntax's to report.
      if (!parsed.ok) return [];
      const unknown = new Set(parsed.specifier.segments.map((segment) => segment.type).filter((type) => !isKnownResourceType(type)));
      return [...unknown].map((type) => {
        const suggestion = closestResourceType(type);
        return {
          message:
            `defaultPolicy statement ${index + 1} ${key}: ${JSON.stringify(text)} names the resource type ${JSON.stringify(type)}, ` +
            `which LaunchDarkly does not have${suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : ''}`,
          pointer,
        };
      });
    });
  },
};

export default rule;
