export { globMatch, hasWildcard, matchesEverything } from './glob';
export {
  formatResource,
  parseResource,
  parseResourceSpecifier,
  type Resource,
  type ResourceResult,
  type ResourceSpecifier,
  type Segment,
  type SpecifierResult,
} from './specifier';
export {
  actionNameProblem,
  describePolicyProblem,
  parsePolicy,
  parseStatement,
  type ActionClause,
  type Effect,
  type ParsedPolicy,
  type ParsedStatement,
  type PolicyProblem,
  type ResourceClause,
  type StatementResult,
} from './statement';
export { evaluatePolicy, matchesAction, matchesSpecifier, type Access, type Decision } from './match';
export { eventAccess, type EventAccess, type EventAccessResult } from './event-resource';
export { ACTIONS_BY_RESOURCE_TYPE, KNOWN_ACTIONS, closestKnownAction, isKnownAction } from './actions';
export { TEMPLATE_KIND_RESOURCE_TYPES, canReach, type KindTemplate, type Reach } from './reach';
export { DEFAULT_POLICY_POINTER, defaultPolicyOf } from './manifest-policy';
export { policyRouter, type Routing } from './route';
