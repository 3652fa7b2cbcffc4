import { actionNameProblem, actionsLike, closestKnownAction, defaultPolicyOf, hasWildcard, isKnownAction, listedItems } from '../../policy';
import type { Rule } from '../types';

// A typo in notActions is as harmful as one in actions: the action it meant is not excluded.
const ACTION_KEYS = ['actions', 'notActions'] as const;

const rule: Rule = {
  id: 'policy-unknown-action',
  severity: 'warning',
  description: 'No action named in `defaultPolicy` is a misspelling of one LaunchDarkly has, or a pattern (`update*`), which matches none.',
  fix:
    'Correct the action name (they are case-sensitive camelCase, like `updateOn`). Actions match by name: `*` alone is every ' +
    'action, but `update*` is no action\'s name and matches none, so list the actions it stands for. A name far from every action ' +
    'the kit knows is not reported: LaunchDarkly adds actions with its products, and the kit cannot tell a new one from a mistake.',
  check({ manifest }) {
    const policy = defaultPolicyOf(manifest);
    if (!policy) return [];
    // Names that are not even well-formed are policy-syntax's to report.
    return listedItems(policy, ACTION_KEYS).flatMap(({ text, index, key, pointer }) => {
      if (actionNameProblem(text) || isKnownAction(text)) return [];
      const message = unknownMessage(text, index, key);
      return message === undefined ? [] : [{ message, pointer }];
    });
  },
};

/**
 * What is wrong with a name the kit does not know, or undefined: a pattern matches no action, and
 * a near miss of a known one is a typo; a name unlike every known one may be an action
 * LaunchDarkly added since, a warning no one could silence.
 */
function unknownMessage(name: string, index: number, key: string): string | undefined {
  const where = `defaultPolicy statement ${index + 1} ${key}`;
  if (hasWildcard(name)) {
    const like = actionsLike(name);
    const listed = like.length > 8 ? `${like.slice(0, 8).join(', ')}, … (${like.length} in all)` : like.join(', ');
    const hint = like.length > 0 ? `; list the actions it stands for: ${listed}` : '';
    return `${where}: ${JSON.stringify(name)} is not an action name and matches none (actions match by name; only "*" alone is every action)${hint}`;
  }
  const suggestion = closestKnownAction(name);
  return suggestion === undefined ? undefined : `${where}: ${JSON.stringify(name)} is not a LaunchDarkly action; did you mean ${JSON.stringify(suggestion)}?`;
}

export default rule;
