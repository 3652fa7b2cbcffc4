/**
 * Times `ld-hook-kit validate` end to end (Node start-up included) over a generated tree of
 * 150 integrations, and over one integration. Run with `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageRoot } from '../lib/package-root';

const INTEGRATIONS = 150;
const RUNS = 7;

const flagTemplate = `{
  "text": "{{{title.plainText}}}",
  "project": "{{{project.name}}}",
  "environment": "{{{project.environment.name}}}",
  "link": "{{{_links.site.href}}}",
  "when": "{{{timestamp.rfc3339}}}"{{#if comment}},
  "comment": "{{{comment}}}"{{/if}}
}
`;

const icon = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n';

function manifest(index: number): object {
  return {
    name: `Bench service ${index}`,
    version: '1.0.0',
    overview: `Sends change-history events to bench service number ${index}.`,
    description: `Bench service ${index} receives every LaunchDarkly flag change so that its dashboards show what changed and when.`,
    author: 'ld-hook-kit benchmarks',
    supportEmail: 'bench@example.com',
    links: { site: 'https://example.com', privacyPolicy: 'https://example.com/privacy' },
    categories: ['monitoring'],
    icons: { square: 'assets/images/square.svg', horizontal: 'assets/images/horizontal.svg' },
    formVariables: [
      { key: 'apiKey', name: 'API key', type: 'string', description: 'The API key of your bench account.', isSecret: true },
      { key: 'region', name: 'Region', type: 'enum', description: 'Where your account lives.', allowedValues: ['us', 'eu'], isOptional: true, defaultValue: 'us' },
    ],
    capabilities: {
      auditLogEventsHook: {
        endpoint: {
          url: 'https://api.example.com/{{region}}/events',
          method: 'POST',
          headers: [
            { name: 'Content-Type', value: 'application/json' },
            { name: 'Authorization', value: 'Bearer {{apiKey}}' },
          ],
        },
        templates: { flag: 'templates/flag.json', default: 'templates/flag.json', validation: 'templates/flag.json' },
        defaultPolicy: [{ effect: 'allow', resources: ['proj/*:env/production:flag/*'], actions: ['*'] }],
      },
    },
  };
}

function generateTree(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ld-hook-kit-bench-'));
  for (let i = 0; i < INTEGRATIONS; i++) {
    const dir = path.join(root, 'integrations', `bench-${String(i).padStart(3, '0')}`);
    fs.mkdirSync(path.join(dir, 'assets/images'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest(i), null, 2));
    fs.writeFileSync(path.join(dir, 'templates/flag.json'), flagTemplate);
    fs.writeFileSync(path.join(dir, 'assets/images/square.svg'), icon);
    fs.writeFileSync(path.join(dir, 'assets/images/horizontal.svg'), icon);
  }
  return root;
}

function time(args: string[]): { median: number; min: number; status: number | null } {
  const cli = path.join(packageRoot(), 'dist/scripts/cli.js');
  const times: number[] = [];
  let status: number | null = null;
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    status = result.status;
    if (result.status !== 0 && run === 0) process.stderr.write(result.stdout + result.stderr);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], status };
}

function main(): void {
  const root = generateTree();
  try {
    const whole = time(['validate', '--root', root, '--format', 'json']);
    const one = time(['validate', 'bench-000', '--root', root, '--format', 'json']);
    const rows = [
      ['validate, 150 integrations', whole],
      ['validate, 1 integration', one],
    ] as const;
    process.stdout.write(`node ${process.version}, ${os.cpus().length} cores, ${RUNS} runs each (wall time, start-up included)\n`);
    for (const [label, result] of rows) {
      process.stdout.write(`${label.padEnd(30)} median ${result.median.toFixed(0)} ms, min ${result.min.toFixed(0)} ms, exit ${result.status}\n`);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) main();
export { generateTree };
