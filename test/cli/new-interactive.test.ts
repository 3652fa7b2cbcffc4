import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFixtureRoot } from '../helpers/fixture-root';
import { CLI } from '../helpers/cli';

const DOWN = '\u001b[B';
const ENTER = '\r';

/**
 * Runs `new` on a real terminal (a pseudo-terminal made by util-linux `script`) and answers each
 * prompt when it appears, the way a person would.
 */
function answerPrompts(args: string[], answers: [RegExp, string][]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const command = [process.execPath, CLI, ...args].map((word) => `'${word}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, TERM: 'xterm' } });
    let output = '';
    let next = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      while (next < answers.length && answers[next][0].test(output)) {
        child.stdin.write(answers[next][1]);
        next++;
      }
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

describe('ld-hook-kit new on a terminal', () => {
  it('asks for each setting and writes what was answered', async () => {
    const root = createFixtureRoot({});
    const result = await answerPrompts(
      ['new', 'acme-alerts', '--root', root],
      [
        [/Display name/, `Acme Pager${ENTER}`],
        [/site/, ENTER],
        [/authenticate/, `${DOWN}${ENTER}`], // the second choice: a bearer token
        [/event kinds/, `${DOWN} ${ENTER}`], // keep flag, add project
        [/Request body/, ENTER],
      ],
    );
    expect(result.output).toContain('Created');
    expect(result.status).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'integrations/acme-alerts/manifest.json'), 'utf8'));
    expect(manifest.name).toBe('Acme Pager');
    const hook = manifest.capabilities.auditLogEventsHook;
    expect(hook.endpoint.headers).toContainEqual({ name: 'Authorization', value: 'Bearer {{{apiToken}}}' });
    expect(Object.keys(hook.templates).sort()).toEqual(['default', 'flag', 'project', 'validation']);
  });

  it('stops on Ctrl-C at a prompt with one line, exit 130, and writes nothing', async () => {
    const root = createFixtureRoot({});
    const result = await answerPrompts(['new', 'acme-alerts', '--root', root], [[/Display name/, '\u0003']]);
    expect(result.status).toBe(130);
    expect(result.output).toContain('ld-hook-kit: stopped; nothing was written');
    expect(result.output).not.toMatch(/internal error|\n\s+at /);
    expect(fs.readdirSync(path.join(root, 'integrations'))).toEqual([]);
  });

  it('refuses a bad --site or --display-name before asking anything, as it refuses a bad --kinds', async () => {
    const root = createFixtureRoot({});
    for (const flags of [['--site', 'ftp://acme.example'], ['--display-name', 'X']]) {
      const result = await answerPrompts(['new', 'acme-alerts', '--root', root, ...flags], []);
      expect([flags[0], result.status]).toEqual([flags[0], 2]);
      expect(result.output).not.toContain('Display name');
    }
    expect(fs.readdirSync(path.join(root, 'integrations'))).toEqual([]);
  });

  it('says what is wrong with an answer in the answer\'s terms, not the flag\'s', async () => {
    const root = createFixtureRoot({});
    const result = await answerPrompts(
      ['new', 'acme-alerts', '--root', root],
      [
        [/Display name/, `Acme Pager${ENTER}`],
        [/site/, `ftp://acme.example${ENTER}`],
        [/it must start with http/, '\u0003'],
      ],
    );
    expect(result.output).toContain('it must start with http:// or https://, got "ftp://acme.example"');
    expect(result.output).not.toContain('--site must');
    expect(result.status).toBe(130);
  });

  it('refuses a folder that exists before asking anything', async () => {
    const root = createFixtureRoot({ 'acme-alerts': { manifest: {} } });
    const result = await answerPrompts(['new', 'acme-alerts', '--root', root], []);
    expect(result.status).toBe(1);
    expect(result.output).toContain('already exists; nothing was written');
    expect(result.output).not.toContain('Display name');
  });
});
