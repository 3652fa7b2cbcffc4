import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../lib/package-root';
import { GENERATED_VALIDATOR_PATH, generateValidatorSource } from '../lib/schema/generate-validator';

// `npm run schema:generate`: run after changing anything under schemas/ (a test fails until you do).
const target = path.join(packageRoot(), GENERATED_VALIDATOR_PATH);
fs.writeFileSync(target, generateValidatorSource());
process.stdout.write(`wrote ${GENERATED_VALIDATOR_PATH}\n`);
