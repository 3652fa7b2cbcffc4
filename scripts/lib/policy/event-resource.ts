import type { Access } from './match';
import { formatResource, type Resource, type Segment } from './specifier';
import { isRecord } from '../json-value';

/** An access whose resource is already built from the event (tags included). */
export interface EventAccess extends Access {
  resource: Resource;
  /** The resource as text, for messages: `proj/default;mobile:env/production:flag/dark-mode`. */
  text: string;
}

export type EventAccessResult = { ok: true; access: EventAccess } | { ok: false; message: string };

/**
 * The resource and action of a template context (a change-history event as a template sees it),
 * for simulating which events a policy lets through. LaunchDarkly decides on its own access
 * records; this rebuilds them from the context, as our reference describes (an assumption there):
 *
 * | kind          | resource                                   |
 * | ------------- | ------------------------------------------ |
 * | `flag`        | `proj/<project.key>:env/<env key>:flag/<key>`    |
 * | `segment`     | `proj/<project.key>:env/<env key>:segment/<key>` |
 * | `environment` | `proj/<project.key>:env/<env key>`         |
 * | `project`     | `proj/<project.key>`                       |
 * | `metric`      | `proj/<project.key>:metric/<key>`          |
 * | `member`      | `member/<id>`                              |
 * | anything else | `<kind>/<key>`, e.g. `webhook/<key>`       |
 *
 * Our own choices: a flag or segment event with an empty environment key (a change made in
 * every environment at once) gets the environment name `*`. A member event's id is `target._id` (the member who was changed) when the
 * context has it, else `member._id`: `member` is whoever made the change, which for a member
 * event is usually someone else. Kinds without a `key` (webhook contexts have none) fall back to
 * `target._id`. Kinds beyond the table are taken to be account-level resources, not scoped to a
 * project, which is how LaunchDarkly scopes webhooks, integrations, roles, teams and members.
 *
 * Tags: `project.tags` go on the `proj` segment, `project.environment.tags` on the `env` segment,
 * `tags` on the event's own segment (for a project or environment event, that is the same
 * segment, and the lists are merged). Tags may be null in a context; null counts as no tags.
 * The action is `verbKind`.
 */
export function eventAccess(event: unknown): EventAccessResult {
  if (!isRecord(event)) return { ok: false, message: 'the event is not an object' };
  const kind = event.kind;
  if (typeof kind !== 'string' || kind === '') return { ok: false, message: kind === undefined || kind === '' ? 'the event has no kind' : 'the event\'s kind is not text' };
  const action = event.verbKind;
  if (typeof action !== 'string') {
    return { ok: false, message: action === undefined ? `the ${kind} event has no verbKind` : `the ${kind} event's verbKind is not text, so it names no action` };
  }
  if (action === '') return { ok: false, message: `the ${kind} event has no verbKind` };

  const project = isRecord(event.project) ? event.project : {};
  const environment = isRecord(project.environment) ? project.environment : {};
  const ownTags = tagList(event.tags);
  const target = isRecord(event.target) ? event.target : {};
  const member = isRecord(event.member) ? event.member : {};

  const missing = (what: string) => ({ ok: false as const, message: `the ${kind} event has no ${what}, so it names no resource` });
  const projectSegment = (extraTags: string[] = []): Segment | undefined =>
    nonEmpty(project.key) ? { type: 'proj', name: project.key, tags: merge(tagList(project.tags), extraTags) } : undefined;
  const environmentSegment = (extraTags: string[] = []): Segment | undefined =>
    nonEmpty(environment.key) ? { type: 'env', name: environment.key, tags: merge(tagList(environment.tags), extraTags) } : undefined;
  const ownName = nonEmpty(event.key) ? event.key : nonEmpty(target._id) ? target._id : undefined;

  let segments: Segment[];
  switch (kind) {
    case 'flag':
    case 'segment': {
      const proj = projectSegment();
      if (!proj) return missing('project.key');
      // A change to a flag in every environment (create, delete, archive, rename) comes with an
      // empty environment. It concerns all environments at once, so it is `env/*` (a literal
      // star): `env/*` specifiers match it and `env/production` ones do not.
      const env = environmentSegment() ?? { type: 'env', name: '*', tags: tagList(environment.tags) };
      if (!nonEmpty(event.key)) return missing('key');
      segments = [proj, env, { type: kind, name: event.key, tags: ownTags }];
      break;
    }
    case 'environment': {
      const proj = projectSegment();
      if (!proj) return missing('project.key');
      // An environment context names its environment in project.environment; `key` is the fallback.
      const env = environmentSegment(ownTags) ?? (nonEmpty(event.key) ? { type: 'env', name: event.key, tags: ownTags } : undefined);
      if (!env) return missing('project.environment.key');
      segments = [proj, env];
      break;
    }
    case 'project': {
      const proj = projectSegment(ownTags) ?? (nonEmpty(event.key) ? { type: 'proj', name: event.key, tags: ownTags } : undefined);
      if (!proj) return missing('project.key');
      segments = [proj];
      break;
    }
    case 'metric': {
      const proj = projectSegment();
      if (!proj) return missing('project.key');
      if (!nonEmpty(event.key)) return missing('key');
      segments = [proj, { type: 'metric', name: event.key, tags: ownTags }];
      break;
    }
    case 'member': {
      const id = nonEmpty(target._id) ? target._id : nonEmpty(member._id) ? member._id : undefined;
      if (!id) return missing('target._id or member._id');
      segments = [{ type: 'member', name: id, tags: [] }];
      break;
    }
    default: {
      if (!ownName) return missing('key or target._id');
      segments = [{ type: kind, name: ownName, tags: ownTags }];
    }
  }
  const resource = { segments };
  return { ok: true, access: { resource, action, text: formatResource(resource) } };
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function tagList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === 'string' && tag !== '') : [];
}

function merge(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}
