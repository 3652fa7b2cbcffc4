import { UserError } from '../../scripts/lib/errors';
import { loadIntegration } from '../../scripts/lib/integration/load';
import { checkIntegration, INTERNAL_RULE_ID, runRules } from '../../scripts/lib/rules/run';
import { allRules } from '../../scripts/lib/rules/registry';
import type { Rule } from '../../scripts/lib/rules/types';
import { loadSamples } from '../../scripts/lib/samples/load';
import { validateIntegrations } from '../../scripts/lib/validate';
import { Workspace } from '../../scripts/lib/workspace';
import { createFixtureRoot, validFiles, validManifest } from '../helpers/fixture-root';

function ruleThat(id: string, check: Rule['check']): Rule {
  return { id, severity: 'warning', description: `The ${id} rule.`, fix: 'Nothing.', check };
}

const reporting = ruleThat('reports', () => [{ message: 'still reported', pointer: '/name' }]);
const crashing = ruleThat('crashes', () => {
  throw new TypeError('cannot read x of undefined');
});

const root = createFixtureRoot({ pigeon: { manifest: validManifest(), files: validFiles() } });

describe('runRules', () => {
  it('turns a rule that throws into an internal-error finding, and still runs the others', () => {
    const integration = loadIntegration(root, 'pigeon');
    const findings = runRules(integration, new Workspace({ root }), [crashing, reporting], false);
    expect(findings.map((finding) => [finding.rule, finding.severity, finding.message])).toEqual([
      [INTERNAL_RULE_ID, 'error', 'rule crashes failed unexpectedly: cannot read x of undefined'],
      ['reports', 'warning', 'still reported'],
    ]);
    expect(findings[1]).toMatchObject({ file: 'integrations/pigeon/manifest.json', line: expect.any(Number), column: expect.any(Number) });
  });

  it('reports a finding once however many times a rule gives it (a template the manifest names by two spellings)', () => {
    const integration = loadIntegration(root, 'pigeon');
    const twice = ruleThat('twice', () => [
      { message: 'same place, same words', pointer: '/name' },
      { message: 'same place, same words', pointer: '/name' },
      { message: 'same place, other words', pointer: '/name' },
    ]);
    const findings = checkIntegration(integration, new Workspace({ root }), [twice]);
    expect(findings.map((finding) => finding.message).sort()).toEqual(['same place, other words', 'same place, same words']);
  });

  it('takes more findings from one rule than a call takes arguments (a template of tens of thousands of mustaches)', () => {
    const integration = loadIntegration(root, 'pigeon');
    const many = ruleThat('many', () => Array.from({ length: 200_000 }, (_, line) => ({ file: 'templates/flag.json.hbs', line: line + 1, message: 'one of many' })));
    const findings = checkIntegration(integration, new Workspace({ root }), [many]);
    expect(findings).toHaveLength(200_000);
    expect(findings[199_999]).toMatchObject({ rule: 'many', line: 200_000 });
  });

  it('stays silent about a rule that throws on a manifest that broke the schema, which the schema findings explain', () => {
    const integration = loadIntegration(root, 'pigeon');
    expect(runRules(integration, new Workspace({ root }), [crashing], true)).toEqual([]);
  });

  // Silence is for the unforeseen: the shapes a partner breaks most often must not hide the rendering checks.
  it.each<[string, (manifest: any) => void]>([
    ['a form variable that is null', (m) => m.formVariables.push(null)],
    ['a form variable without a key', (m) => m.formVariables.push({ name: 'X', type: 'string', description: 'X.' })],
    ['a header without a value', (m) => (m.capabilities.auditLogEventsHook.endpoint.headers = [{ name: 'X-A' }])],
    ['a header that is null', (m) => (m.capabilities.auditLogEventsHook.endpoint.headers = [null])],
    ['headers that are an object', (m) => (m.capabilities.auditLogEventsHook.endpoint.headers = { 'X-A': 'b' })],
    ['a url that is a number', (m) => (m.capabilities.auditLogEventsHook.endpoint.url = 5)],
  ])('runs every real rule on a manifest with %s, and still renders its templates', (_what, breakIt) => {
    const manifest = validManifest();
    breakIt(manifest);
    const broken = createFixtureRoot({ pigeon: { manifest, files: { ...validFiles(), 'templates/flag.json.hbs': '{"a": "{{{nope}}}"}' } } });
    const findings = runRules(loadIntegration(broken, 'pigeon'), new Workspace({ root: broken, samples: loadSamples }), allRules(), false);
    expect(findings.filter((finding) => finding.rule === INTERNAL_RULE_ID)).toEqual([]);
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'template-render', file: 'integrations/pigeon/templates/flag.json.hbs' }));
  });

  it('lets bad shared input (a UserError, such as a broken sample file) stop the run with its own message', () => {
    const integration = loadIntegration(root, 'pigeon');
    const needsSamples = ruleThat('needs-samples', ({ workspace }) => (workspace.samples(), []));
    const broken = new Workspace({
      root,
      samples: () => {
        throw new UserError('sample-context/flag/toggle-on.json:2:6: invalid JSON: expected a value, found `}`');
      },
    });
    expect(() => runRules(integration, broken, [needsSamples], false)).toThrow(UserError);
  });

  it('reports a broken sample file once for the whole run, not once per rule and integration', () => {
    const two = createFixtureRoot({ a: { manifest: validManifest(), files: validFiles() }, b: { manifest: validManifest(), files: validFiles() } });
    let loads = 0;
    const run = () =>
      validateIntegrations({
        root: two,
        samples: () => {
          loads++;
          throw new UserError('sample-context/flag/toggle-on.json:2:6: invalid JSON');
        },
      });
    expect(run).toThrow('sample-context/flag/toggle-on.json:2:6: invalid JSON');
    expect(loads).toBe(1);
  });
});
