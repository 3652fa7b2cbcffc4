import { EVERY_ACTION } from './actions';
import { globMatch } from './glob';
import { formatResource, parseResource, type Resource, type ResourceSpecifier, type Segment } from './specifier';
import type { ParsedStatement } from './statement';

/** One thing that happened: an action on a resource (as text, `proj/a:env/b:flag/c`, or already parsed). */
export interface Access {
  resource: string | Resource;
  action: string;
}

export interface Decision {
  delivered: boolean;
  /**
   * The 0-based policy index of the statement that decided: the allow statement that let the
   * event through, or the deny statement that blocked it; null when nothing allowed it.
   */
  decidedBy: number | null;
  /** A short phrase for people. Statements are counted from 1 here ("statement 1" is index 0). */
  reason: string;
}

/** Names are case-sensitive globs; every listed tag must match (case-insensitively) some tag of the segment. */
function segmentMatches(segment: Segment, pattern: Segment): boolean {
  return (
    segment.type === pattern.type &&
    globMatch(pattern.name, segment.name) &&
    pattern.tags.every((wanted) => segment.tags.some((tag) => globMatch(wanted, tag, { ignoreCase: true })))
  );
}

/** Segment by segment: same count, same types in the same order, each name and tag list matching. */
export function matchesSpecifier(resource: Resource, specifier: ResourceSpecifier): boolean {
  if (specifier.any) return true;
  const { segments } = resource;
  if (segments.length !== specifier.segments.length) return false;
  return specifier.segments.every((pattern, i) => segmentMatches(segments[i], pattern));
}

/**
 * Action names are compared exactly, and `*` alone is every action: wildcards inside a name are
 * documented for resource names and tags only, so `update*` is no action's name and matches none.
 */
export function matchesAction(action: string, pattern: string): boolean {
  return pattern === EVERY_ACTION || pattern === action;
}

/** Why a statement matched, for the decision's reason; undefined when it does not match. */
interface StatementMatch {
  statement: ParsedStatement;
  specifier?: ResourceSpecifier;
  actionPattern?: string;
}

function matchStatement(statement: ParsedStatement, resource: Resource, action: string): StatementMatch | undefined {
  const { resources, actions } = statement;
  const specifier = resources.specifiers.find((candidate) => matchesSpecifier(resource, candidate));
  const resourceMatches = resources.key === 'resources' ? specifier !== undefined : specifier === undefined;
  if (!resourceMatches) return undefined;
  const actionPattern = actions.patterns.find((candidate) => matchesAction(action, candidate));
  const actionMatches = actions.key === 'actions' ? actionPattern !== undefined : actionPattern === undefined;
  if (!actionMatches) return undefined;
  return { statement, specifier, actionPattern };
}

/**
 * Whether an event reaches the integration: at least one allow statement matches and no deny
 * statement does. The decision does not depend on statement order: when several statements
 * match, the one with the lowest `index` is named.
 */
export function evaluatePolicy(statements: readonly ParsedStatement[], access: Access): Decision {
  let resource: Resource;
  if (typeof access.resource === 'string') {
    const parsed = parseResource(access.resource);
    if (!parsed.ok) return { delivered: false, decidedBy: null, reason: `the resource ${parsed.message}` };
    resource = parsed.resource;
  } else {
    resource = access.resource;
  }
  let allow: StatementMatch | undefined;
  let deny: StatementMatch | undefined;
  for (const statement of statements) {
    const match = matchStatement(statement, resource, access.action);
    if (!match) continue;
    if (statement.effect === 'deny') {
      if (!deny || statement.index < deny.statement.index) deny = match;
    } else if (!allow || statement.index < allow.statement.index) {
      allow = match;
    }
  }
  const resourceText = formatResource(resource);
  if (deny) return { delivered: false, decidedBy: deny.statement.index, reason: describeMatch(deny, access.action, resourceText) };
  if (allow) return { delivered: true, decidedBy: allow.statement.index, reason: describeMatch(allow, access.action, resourceText) };
  return { delivered: false, decidedBy: null, reason: `no statement allows ${access.action} on ${resourceText}` };
}

function describeMatch(match: StatementMatch, action: string, resourceText: string): string {
  const { statement, specifier, actionPattern } = match;
  const verb = statement.effect === 'deny' ? 'denies' : 'allows';
  let actionPhrase: string;
  if (statement.actions.key === 'notActions') actionPhrase = `${action} (not in notActions)`;
  else if (actionPattern === EVERY_ACTION) actionPhrase = 'every action';
  else actionPhrase = action;
  let resourcePhrase: string;
  if (statement.resources.key === 'notResources') resourcePhrase = `${resourceText} (not in notResources)`;
  else if (specifier?.any) resourcePhrase = 'every resource';
  else resourcePhrase = specifier?.text ?? resourceText;
  return `statement ${statement.index + 1} ${verb} ${actionPhrase} on ${resourcePhrase}`;
}
