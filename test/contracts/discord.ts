// The Discord webhook contract (JSON schema + the 6000-character embed total) lives in the library, where `receive` uses it too.
export { discordContract, DISCORD_MESSAGE_LIMITS } from '../../scripts/lib/delivery/contracts/discord';
