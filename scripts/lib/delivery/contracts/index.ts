import { discordContract } from './discord';

/** A destination's rules for a request body: the problems found, empty when it would be accepted. */
export type Contract = (body: unknown) => string[];

/** Contracts by name, for `receive --contract <name>` and for tests of integrations. */
export const CONTRACTS: Record<string, Contract> = {
  discord: discordContract,
};

export { discordContract, DISCORD_MESSAGE_LIMITS, DISCORD_MESSAGE_SCHEMA } from './discord';
