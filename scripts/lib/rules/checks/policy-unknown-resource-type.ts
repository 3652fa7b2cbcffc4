import { closestResourceType, defaultPolicyOf, isKnownResourceType, listedItems } from '../../policy';
import { parseResourceSpecifier } from '../../policy/specifier';
import type { Rule } from '../types';

// A typo in notResources is as harmful as one in resources: the resources it meant are not excluded.
const RESOURCE_KEYS = ['resources', 'notResources'] as const;

const rule: Rule = {
  id: 'policy-unknown-resource-type',
  severity: 'warning',
  description: 'No resource type named in `defaultPolicy` is a misspelling of one LaunchDarkly has (`flags`, `project`, `enviroment`).',
  fix:
    'Correct the resource type: types are short lowercase words, singular, such as `proj`, `env`, `flag`, `segment`, `metric` ' +
    'and `member` (`proj/*:env/production:flag/*`). A specifier with a type LaunchDarkly does not have matches no resource: ' +
    'in `resources` the statement covers less than meant, in `notResources` it leaves out nothing. A type far from every one ' +
    'the kit knows is not reported: LaunchDarkly adds types with its products, and the kit cannot tell a new one from a mistake.',
  check({ manifest }) {
    const policy = defaultPolicyOf(manifest);
    if (!policy) return [];
    return listedItems(policy, RESOURCE_KEYS).flatMap(({ text, index, key, pointer }) => {
      const parsed = parseResourceSpecifier(text);
      // Specifiers that do not parse are policy-syntax's to report.
      if (!parsed.ok) return [];
      const unknown = new Set(parsed.specifier.segments.map((segment) => segment.type).filter((type) => !isKnownResourceType(type)));
      return [...unknown].flatMap((type) => {
        // Only a near miss: a type unlike every known one may be one LaunchDarkly added since, a warning no one could silence.
        const suggestion = closestResourceType(type);
        if (suggestion === undefined) return [];
        return [
          {
            message:
              `defaultPolicy statement ${index + 1} ${key}: ${JSON.stringify(text)} names the resource type ${JSON.stringify(type)}, ` +
              `which LaunchDarkly does not have; did you mean ${JSON.stringify(suggestion)}?`,
            pointer,
          },
        ];
      });
    });
  },
};

export default rule;
