// What the rest of the kit uses of policies; tests of policy/ itself import its files directly.
export { hasWildcard } from './glob';
export { actionNameProblem, describePolicyProblem, parsePolicy } from './statement';
export { evaluatePolicy } from './match';
export { eventAccess } from './event-resource';
export { actionsLike, closestKnownAction, isKnownAction } from './actions';
export { closestResourceType, isKnownResourceType } from './resource-types';
export { TEMPLATE_KIND_RESOURCE_TYPES, canReach, type KindTemplate } from './reach';
export { DEFAULT_POLICY_POINTER, defaultPolicyOf, listedItems } from './manifest-policy';
export { policyRouter, type Routing } from './route';
