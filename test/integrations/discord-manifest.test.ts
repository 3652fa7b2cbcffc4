import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { FormVariable } from '../../scripts/lib/integration/manifest';
import { eventAccess, evaluatePolicy, parsePolicy } from '../../scripts/lib/policy';
import { CI_OAUTH, resolveFormValues } from '../../scripts/lib/render/form-values';
import { CI_SAMPLE_KIND } from '../../scripts/lib/render/template-choice';
import { canonicalSample, loadSamples } from '../../scripts/lib/samples/load';
import { validateManifestSchema } from '../../scripts/lib/schema/validate-manifest';
import { validateIntegrations } from '../../scripts/lib/validate';
import { allSamples, DISCORD_DIR, discordIntegration, discordSetup, eventOf, findSample, ROOT, TARGETING_ACTIONS } from './discord-setup';

const manifest = discordIntegration().manifest!;
const hook = manifest.capabilities!.auditLogEventsHook!;
const variables = manifest.formVariables!;
const readme = fs.readFileSync(path.join(DISCORD_DIR, 'README.md'), 'utf8');

function variable(key: string): FormVariable {
  const found = variables.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no form variable ${key}`);
  return found;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full).map((file) => `${entry.name}/${file}`) : [entry.name];
  });
}

describe('the Discord manifest', () => {
  test("passes the framework's manifest schema", () => {
    expect(validateManifestSchema(manifest)).toEqual([]);
  });

  test('passes every check ld-hook-kit runs (schema and the CI rules), against our sample events', () => {
    const [result] = validateIntegrations({ root: ROOT, names: ['discord'], samples: () => loadSamples() });
    expect(result.findings).toEqual([]);
  });

  test('the folder holds only what the framework reads: manifest, README, two icons, the templates', () => {
    const expected = ['README.md', 'manifest.json', manifest.icons.square, manifest.icons.horizontal, ...Object.values(hook.templates)];
    expect(filesUnder(DISCORD_DIR).sort()).toEqual([...new Set(expected)].sort());
  });

  test('name, version, overview and description as the issue asks', () => {
    expect(manifest.name).toBe('Discord');
    expect(manifest.version).toBe('1.0.0');
    expect(manifest.overview).toMatch(/^.{9,99}\.$/);
    expect(manifest.description.length).toBeGreaterThanOrEqual(50);
    expect(manifest.description.length).toBeLessThanOrEqual(2048);
    expect(manifest.description).not.toMatch(/[\r\n]/);
    expect(manifest.categories).toEqual(expect.arrayContaining(['messaging', 'notifications']));
  });

  test.each([['square'], ['horizontal']] as const)('the %s icon is a small, self-contained SVG', (which) => {
    const file = manifest.icons[which];
    expect(file).toBe(`assets/images/${which}.svg`);
    const svg = fs.readFileSync(path.join(DISCORD_DIR, file), 'utf8');
    expect(svg.length).toBeLessThan(4096);
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="[\d. ]+"/);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    // Nothing that runs or loads: no script, no event handler, no external reference.
    expect(svg).not.toMatch(/<script|\son\w+=|href=|url\(|<image|<foreignObject/i);
    // Every tag is closed: a crude well-formedness check without an XML parser.
    const opened = (svg.match(/<[a-zA-Z][^>]*[^/]>/g) ?? []).length;
    const closed = (svg.match(/<\/[a-zA-Z]+>/g) ?? []).length;
    expect(opened).toBe(closed);
  });
});

describe("the framework CI's rendering rules (3 and 15), with the values its CI fills in", () => {
  const setup = discordSetup();
  const { values } = resolveFormValues(setup.formVariables, {}, 'ci');

  test.each(Object.entries(hook.templates))('the %s template renders valid, non-empty JSON against the canonical sample CI uses', (kind, file) => {
    expect(file).toMatch(/\.json$/);
    const sample = canonicalSample(allSamples(), CI_SAMPLE_KIND[kind as keyof typeof CI_SAMPLE_KIND]);
    expect(sample).toBeDefined();
    const { body } = setup.body(sample!.event, { formValues: values, oauth: CI_OAUTH, templateKind: kind as keyof typeof CI_SAMPLE_KIND });
    expect(body.trim()).not.toBe('');
    expect(() => JSON.parse(body)).not.toThrow();
  });

  test('the endpoint url and headers render in strict mode from the form variables', () => {
    const endpoint = setup.endpoint(allSamples()[0].event, { formValues: values, oauth: CI_OAUTH });
    // The CI fills every string with its key, the optional threadId included (defaults aside).
    expect(endpoint.url).toBe('https://discord.com/api/webhooks/webhookId/webhookToken?thread_id=threadId');
    expect(endpoint.headers).toEqual([{ name: 'Content-Type', value: 'application/json' }]);
  });
});

describe('the form variables', () => {
  test('keys, names and descriptions fit the framework limits', () => {
    for (const item of variables) {
      expect(item.key).toMatch(/^\S{1,20}$/);
      expect(item.name.length).toBeLessThanOrEqual(50);
      expect(item.description.length).toBeLessThanOrEqual(250);
    }
  });

  test('the webhook id is plain text and the token is its own secret string, so LaunchDarkly masks it', () => {
    expect(variable('webhookId')).toMatchObject({ type: 'string' });
    expect(variable('webhookId').isSecret).not.toBe(true);
    expect(variable('webhookId').isOptional).not.toBe(true);
    expect(variable('webhookToken')).toMatchObject({ type: 'string', isSecret: true });
    expect(variable('webhookToken').isOptional).not.toBe(true);
    expect(variables.filter((item) => item.isSecret).map((item) => item.key)).toEqual(['webhookToken']);
  });

  test('every optional setting has a default of its own type, and only optional ones have defaults', () => {
    for (const item of variables) {
      if (item.isOptional) {
        expect(item).toHaveProperty('defaultValue');
        expect(typeof item.defaultValue).toBe(item.type === 'boolean' ? 'boolean' : 'string');
      } else {
        expect(item).not.toHaveProperty('defaultValue');
      }
    }
    expect(variable('username').defaultValue).toBe('LaunchDarkly');
    expect(variable('threadId').defaultValue).toBe('');
    expect(variable('includeDetails').defaultValue).toBe(true);
    expect(variable('includeCustomProps').defaultValue).toBe(false);
  });

  test('the README explains every setting by the name LaunchDarkly shows', () => {
    for (const item of variables) expect(readme).toContain(`**${item.name}**`);
  });
});

describe('the endpoint', () => {
  test('always points at discord.com, whatever is typed into the settings, so error bodies may be shown', () => {
    expect(hook.includeErrorResponseBody).toBe(true);
    expect(hook.endpoint?.url.startsWith('https://discord.com/api/webhooks/')).toBe(true);
    const setup = discordSetup();
    const event = allSamples()[0].event;
    // encodeURIComponent refuses lone surrogates, and no webhook id or token holds one.
    const wellFormed = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));
    fc.assert(
      // send refuses an empty required value, so the id and token are never empty on the way out.
      fc.property(wellFormed.filter(Boolean), wellFormed.filter(Boolean), wellFormed, (webhookId, webhookToken, threadId) => {
        const { values, missing } = resolveFormValues(setup.formVariables, { webhookId, webhookToken, threadId }, 'send');
        expect(missing).toEqual([]);
        const url = new URL(setup.endpoint(event, { formValues: values }).url);
        expect(url.protocol).toBe('https:');
        expect(url.host).toBe('discord.com');
        expect(url.username + url.password + url.hash).toBe('');
        // `.` and `..` are the only values encoding leaves as they are and a URL parser resolves
        // (`/api/webhooks/../tok`): still discord.com, just a path Discord answers 404 to.
        if ([webhookId, webhookToken].some((value) => value === '.' || value === '..')) return;
        const segments = url.pathname.split('/').slice(1);
        expect(segments.slice(0, 2)).toEqual(['api', 'webhooks']);
        expect(segments.slice(2).map(decodeURIComponent)).toEqual([webhookId, webhookToken]);
        expect(url.search === '' ? '' : url.searchParams.get('thread_id')).toBe(threadId);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the default policy', () => {
  const policy = parsePolicy(hook.defaultPolicy);

  test('is one allow statement: the targeting actions on every flag of every production environment', () => {
    expect(policy.problems).toEqual([]);
    expect(hook.defaultPolicy).toEqual([
      { effect: 'allow', resources: ['proj/*:env/production:flag/*'], actions: [...TARGETING_ACTIONS] },
    ]);
  });

  function delivered(event: Record<string, any>): boolean {
    const access = eventAccess(event);
    if (!access.ok) throw new Error(access.message);
    return evaluatePolicy(policy.statements, access.access).delivered;
  }

  test('lets through exactly the sample events that change targeting of a flag in production', () => {
    const decisions = allSamples().map((sample) => {
      const event = sample.event as Record<string, any>;
      const expected =
        event.kind === 'flag' && event.project.environment.key === 'production' && (TARGETING_ACTIONS as readonly string[]).includes(event.verbKind);
      return { ref: sample.ref, delivered: delivered(event), expected };
    });
    expect(decisions.filter((d) => d.delivered !== d.expected)).toEqual([]);
    expect(decisions.filter((d) => d.delivered).length).toBeGreaterThanOrEqual(3);
    expect(decisions.filter((d) => !d.delivered).length).toBeGreaterThanOrEqual(3);
  });

  test('in any project, but not in other environments, for other flag edits, or for other kinds', () => {
    const base = findSample('a targeting change in production', (e) => e.kind === 'flag' && e.project.environment.key === 'production' && e.verbKind === 'updateOn');
    const variant = (change: (event: Record<string, any>) => void) => {
      const event = eventOf(base) as Record<string, any>;
      change(event);
      return delivered(event);
    };
    expect(variant(() => undefined)).toBe(true);
    expect(variant((e) => (e.project.key = 'another-project'))).toBe(true);
    expect(variant((e) => (e.project.environment.key = 'staging'))).toBe(false);
    expect(variant((e) => (e.verbKind = 'updateFlagVariations'))).toBe(false);
    expect(variant((e) => (e.verbKind = 'updateName'))).toBe(false);
    expect(variant((e) => (e.verbKind = 'updateScheduledChanges'))).toBe(false);
    expect(variant((e) => (e.kind = 'segment'))).toBe(false);
  });

  test("the README shows this very policy, and every policy example in it is one LaunchDarkly accepts", () => {
    const blocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1]) as unknown);
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    expect(blocks[0]).toEqual(hook.defaultPolicy);
    for (const block of blocks) expect(parsePolicy(block).problems).toEqual([]);
    for (const action of TARGETING_ACTIONS) expect(readme).toContain(`\`${action}\``);
  });
});
