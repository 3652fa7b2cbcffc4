import { actionNameProblem, actionsLike, closestKnownAction, defaultPolicyOf, hasWildcard, isKnownAction, listedItems } from '../../policy';
import type { Rule } from '../types';

// A typo in notActions is as harmful as one in actions: the action it meant is not excluded.
const ACTION_KEYS = ['actions', 'notActions'] as const;

const rule: Rule = {
  id: 'policy-unknown-action',
  severity: 'warning',
  description: 'Every action named in `defaultPolicy` is one LaunchDarkly has.',
  fix:
    'Correct the action name (they are case-sensitive camelCase, like `updateOn`). Actions match by name: `*` alone is every ' +
    'action, but `update*` is no action\'s name and matches none, so list the actions it stands for. If LaunchDarkly has added ' +
    'the action recently, add it to the known actions in scripts/lib/policy/actions.ts.',
  check({ manifest }) {
    const policy = defaultPolicyOf(manifest);
    if (!policy) return [];
    // Names that are not even well-formed are policy-syntax's to report.
    return listedItems(policy, ACTION_KEYS)
      .filter(({ text }) => !actionNameProblem(text) && !isKnownAction(text))
      .map(({ text, index, key, pointer }) => ({ message: unknownMessage(text, index, key), pointer }));
  },
};

function unknownMessage(name: string, index: number, key: string): string {
  const where = `defaultPolicy statement ${index + 1} ${key}`;
  if (hasWildcard(name)) {
    const like = actionsLike(name);
    const listed = like.length > 8 ? `${like.slice(0, 8).join(', ')}, … (${like.length} in all)` : like.join(', ');
    const hint = like.length > 0 ? `; list the actions it stands for: ${listed}` : '';
    return `${where}: ${JSON.stringify(name)} is not an action name and matches none (actions match by name; only "*" alone is every action)${hint}`;
  }
  const suggestion = closestKnownAction(name);
  return `${where}: ${JSON.stringify(name)} is not a LaunchDarkly action${suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : ''}`;
}

export default rule;
