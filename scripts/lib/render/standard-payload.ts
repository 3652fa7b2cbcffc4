import { isRecord } from '../json-value';
import { eventAccess } from '../policy';
import { isStandardPayload } from '../samples/event-types';

/**
 * The standard webhook payload for a template-context event: the change-history entry as the
 * REST API returns it. We derive it from the event rather than keep a second sample per event,
 * so the two can never disagree.
 */
export interface StandardPayload {
  _links: unknown;
  _id: unknown;
  date: number;
  accesses: { action: string; resource: string }[];
  kind: string;
  name: unknown;
  description: unknown;
  member: Record<string, unknown>;
  titleVerb: unknown;
  title: unknown;
  target: { _links: unknown; name: unknown; resources: string[] };
}

type Json = Record<string, unknown>;

function object(value: unknown): Json {
  return isRecord(value) ? value : {};
}

/** The body of an event with `useStandardWebhookPayload`: derived from a template context, or a payload already, as it is. */
export function standardPayload(event: Json): StandardPayload {
  if (isStandardPayload(event)) return event as unknown as StandardPayload;
  const member = object(event.member);
  const target = object(event.target);
  const access = eventAccess(event);
  const resource = access.ok ? access.access.text : '';
  return {
    _links: event._links,
    _id: event._id,
    date: Number(object(event.timestamp).milliseconds),
    accesses: [{ action: String(event.verbKind), resource }],
    kind: String(event.kind),
    name: event.name,
    description: object(event.details).markdown,
    member: {
      _links: member._links,
      _id: member._id,
      email: member.email,
      firstName: member.firstName,
      lastName: member.lastName,
    },
    titleVerb: event.titleVerb,
    title: object(event.title).markdown,
    target: { _links: target._links, name: target.name, resources: [resource] },
  };
}
