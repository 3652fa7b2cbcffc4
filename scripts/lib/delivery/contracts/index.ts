import { discordAnswer, discordContract, discordRejection } from './discord';

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

export { discordAnswer, discordContract, discordRejection, DISCORD_MESSAGE_LIMITS } from './discord';
