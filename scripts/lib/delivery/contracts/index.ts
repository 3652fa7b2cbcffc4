import { discordAnswer, discordContract, discordRejection } from './discord';
import type { HttpRequest } from '../../render/http-request';
import { checkJson } from '../../json-syntax';

/** A destination's rules for a request: the method and media type it takes, and what the body must hold. */
export interface Contract {
  method: string;
  /** The Content-Type it reads the body as, without parameters (`charset`). */
  mediaType: string;
  /** The problems found in a parsed body, empty when it would be accepted. */
  body(body: unknown): string[];
  /** How an accepted body is answered, when not with 204 and no body; `seq` numbers the request. */
  accepted?(query: URLSearchParams, body: unknown, seq: number): { status: number; reply: object } | undefined;
  /** The body of the 400 answer to a body with `problems`, in the destination's own shape. */
  rejected(problems: string[]): object;
}

/** Contracts by name, for `receive --contract <name>` and for tests of integrations. */
export const CONTRACTS: Record<string, Contract> = {
  // Executing a Discord webhook is a POST of a JSON body.
  discord: { method: 'POST', mediaType: 'application/json', body: discordContract, accepted: discordAnswer, rejected: discordRejection },
};

/** 405 for a method the destination does not take, 400 for a body it would not read as its media type. */
export function contractRequestProblem(contract: Contract, method: string | undefined, contentType: string | undefined): { status: number; reason: string } | undefined {
  if (method !== contract.method) return { status: 405, reason: `takes ${contract.method}, not ${method}` };
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  if (mediaType !== contract.mediaType) {
    return { status: 400, reason: `reads the body as ${contract.mediaType}, not ${mediaType ? mediaType : 'a body without a Content-Type'}` };
  }
  return undefined;
}

// Discord's hosts, its test clients' included; a webhook is executed at /api/webhooks/… (or /api/v10/webhooks/…).
const DISCORD_HOSTS: ReadonlySet<string> = new Set(['discord.com', 'discordapp.com', 'ptb.discord.com', 'canary.discord.com', 'ptb.discordapp.com', 'canary.discordapp.com']);
const DISCORD_WEBHOOK_PATH = /^\/api(\/v\d+)?\/webhooks\//;

/** The destination a url posts to whose contract the kit knows (a Discord webhook), by its name. */
function destinationOf(url: string): { name: string; contract: Contract } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return DISCORD_HOSTS.has(parsed.hostname.toLowerCase()) && DISCORD_WEBHOOK_PATH.test(parsed.pathname) ? { name: 'Discord', contract: CONTRACTS.discord } : undefined;
}

/**
 * Why the destination the request posts to would refuse it, in one line naming the destination
 * and its status: a wrong method or media type, or each problem of the body. Undefined when it
 * would take it, when no known destination is posted to, or when the body is no JSON (told apart).
 */
export function destinationRefusal(request: HttpRequest): string | undefined {
  const destination = destinationOf(request.url);
  if (!destination) return undefined;
  const contentType = request.headers.find((header) => header.name.toLowerCase() === 'content-type')?.value;
  const wrong = contractRequestProblem(destination.contract, request.method.toUpperCase(), contentType);
  if (wrong) return `${destination.name} would refuse this request (${wrong.status}): it ${wrong.reason}`;
  const body = checkJson(request.body);
  if (!body.ok) return undefined;
  const problems = destination.contract.body(body.value);
  return problems.length > 0 ? `${destination.name} would refuse this message (400): ${problems.join('; ')}` : undefined;
}

export { discordAnswer, discordContract, discordRejection, DISCORD_MESSAGE_LIMITS } from './discord';
