import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../lib/package-root';
import { GENERATED_DISCORD_VALIDATOR_PATH, generateDiscordValidatorSource } from '../lib/delivery/contracts/generate-discord-validator';

// Part of `npm run schema:generate`: run after changing the Discord contract's schema (a test fails until you do).
fs.writeFileSync(path.join(packageRoot(), GENERATED_DISCORD_VALIDATOR_PATH), generateDiscordValidatorSource());
process.stdout.write(`wrote ${GENERATED_DISCORD_VALIDATOR_PATH}\n`);
