import type { EventTemplateKind } from '../integration/manifest';
import { matchesEverything } from './glob';
import { EVERY_ACTION } from './actions';
import type { ResourceSpecifier } from './specifier';
import type { ActionClause, ParsedStatement, ResourceClause } from './statement';

/**
 * The segment types of the resources behind each kind-specific template: what `eventAccess`
 * builds for an event of that kind. (`default` and `validation` serve every other kind.)
 */
export const TEMPLATE_KIND_RESOURCE_TYPES = {
  flag: ['proj', 'env', 'flag'],
  project: ['proj'],
  environment: ['proj', 'env'],
  member: ['member'],
} as const satisfies Record<EventTemplateKind, readonly string[]>;

export type KindTemplate = keyof typeof TEMPLATE_KIND_RESOURCE_TYPES;

export interface Reach {
  /** False only when no resource of the shape can pass the policy, whatever its names, tags and action. */
  possible: boolean;
  reason: string;
}

/**
 * Decides from the statements' structure alone, not from sample events, whether any resource
 * with these segment types (`['proj', 'env', 'flag']`) could ever be delivered.
 *
 * It errs towards "possible": it answers false only when no allow statement could match such a
 * resource, or one deny statement matches all of them for every action. Names and tags never
 * rule a statement out (some resource may carry them), and `notResources` counts as matching
 * unless one of its specifiers covers the whole shape.
 */
export function canReach(statements: readonly ParsedStatement[], types: readonly string[]): Reach {
  // Named the way a policy would write all of them: `proj/*:env/*:flag/*`.
  const shape = types.map((type) => `${type}/*`).join(':');
  for (const statement of [...statements].sort((a, b) => a.index - b.index)) {
    if (statement.effect === 'deny' && coversAllActions(statement.actions) && clauseCoversShape(statement.resources, types)) {
      return {
        possible: false,
        reason: `statement ${statement.index + 1} denies every action on every ${shape} resource`,
      };
    }
  }
  const allow = statements.find(
    (statement) => statement.effect === 'allow' && couldMatchSomeAction(statement.actions) && clauseCouldMatchShape(statement.resources, types),
  );
  if (!allow) return { possible: false, reason: `no allow statement covers ${shape} resources` };
  return { possible: true, reason: `statement ${allow.index + 1} may allow ${shape} resources` };
}

/** The specifier matches some resource of the shape (names and tags aside). */
function specifierCouldMatchShape(specifier: ResourceSpecifier, types: readonly string[]): boolean {
  return specifier.any || sameTypes(specifier, types);
}

/** The specifier matches every resource of the shape: right types, names all `*`, no tag conditions. */
function specifierCoversShape(specifier: ResourceSpecifier, types: readonly string[]): boolean {
  if (specifier.any) return true;
  return sameTypes(specifier, types) && specifier.segments.every((segment) => matchesEverything(segment.name) && segment.tags.length === 0);
}

function sameTypes(specifier: ResourceSpecifier, types: readonly string[]): boolean {
  return specifier.segments.length === types.length && specifier.segments.every((segment, i) => segment.type === types[i]);
}

function clauseCouldMatchShape(clause: ResourceClause, types: readonly string[]): boolean {
  if (clause.key === 'resources') return clause.specifiers.some((specifier) => specifierCouldMatchShape(specifier, types));
  return !clause.specifiers.some((specifier) => specifierCoversShape(specifier, types));
}

function clauseCoversShape(clause: ResourceClause, types: readonly string[]): boolean {
  if (clause.key === 'resources') return clause.specifiers.some((specifier) => specifierCoversShape(specifier, types));
  return !clause.specifiers.some((specifier) => specifierCouldMatchShape(specifier, types));
}

function coversAllActions(clause: ActionClause): boolean {
  // A notActions clause leaves some action out, and LaunchDarkly may have actions we do not know.
  return clause.key === 'actions' && clause.patterns.includes(EVERY_ACTION);
}

function couldMatchSomeAction(clause: ActionClause): boolean {
  return clause.key === 'actions' || !clause.patterns.includes(EVERY_ACTION);
}
