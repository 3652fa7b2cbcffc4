import { discordContract } from './discord';

/** A destination's rules for a request: the method and media type it takes, and what the body must hold. */
export interface Contract {
  method: string;
  /** The Content-Type it reads the body as, without parameters (`charset`). */
  mediaType: string;
  /** The problems found in a parsed body, empty when it would be accepted. */
  body(body: unknown): string[];
}

/** Contracts by name, for `receive --contract <name>` and for tests of integrations. */
export const CONTRACTS: Record<string, Contract> = {
  // Executing a Discord webhook is a POST of a JSON body.
  discord: { method: 'POST', mediaType: 'application/json', body: discordContract },
};

export { discordContract, DISCORD_MESSAGE_LIMITS, DISCORD_MESSAGE_SCHEMA } from './discord';
