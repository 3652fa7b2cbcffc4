import rule from '../../scripts/lib/rules/checks/header-event-text';
import { routeEvent } from '../../scripts/lib/policy';
import { createFixtureRoot, validFiles } from '../helpers/fixture-root';
import { cleanupFixtureRoots, runWithSamples, subjectManifest } from '../fixtures/template-safety/support';
import { testSamples } from '../fixtures/template-safety/samples';

afterAll(cleanupFixtureRoots);

function rootWithHeaders(headers: { name: string; value: string }[], defaultPolicy?: unknown[]): string {
  const manifest = subjectManifest({
    templates: { default: 'templates/default.json' },
    endpoint: { headers: [{ name: 'Content-Type', value: 'application/json' }, ...headers] },
  }) as any;
  if (defaultPolicy) manifest.capabilities.auditLogEventsHook.defaultPolicy = defaultPolicy;
  return createFixtureRoot({ subject: { manifest, files: { ...validFiles(), 'templates/default.json': '{}' } } });
}

describe('header-event-text', () => {
  it('is a warning: the framework\'s CI renders headers with its flag event only, which is one line', () => {
    expect(rule.severity).toBe('warning');
    expect(rule.ciRule).toBeUndefined();
  });

  it('reports a header printing a multi-line event text once, naming the first delivered sample that breaks it', () => {
    const reports = runWithSamples(rule, rootWithHeaders([{ name: 'X-Details', value: 'changes: {{context.details.plainText}}' }]));
    const first = testSamples().find((sample) => sample.event.details?.plainText?.includes('\n') && routeEvent(subjectManifest({ templates: {} }), sample.event).delivered);
    expect(first).toBeDefined();
    expect(reports).toEqual([
      {
        pointer: '/capabilities/auditLogEventsHook/endpoint/headers/1/value',
        sample: first!.ref,
        message: 'header 2 (X-Details) prints event text holding a line break (U+000A): HTTP forbids it in a header value, so clients refuse to send the request',
      },
    ]);
  });

  it('is silent on one-line event texts, on headers that do not read the event, and on values that do not render', () => {
    const headers = [
      { name: 'X-Kind', value: '{{context.kind}}/{{context.project.key}}' },
      { name: 'X-Channel', value: '{{channel}}' },
      { name: 'X-Missing', value: '{{context.nothing.here}}' },
      { name: 'X-Broken', value: '{{#if context.kind}}' },
    ];
    expect(runWithSamples(rule, rootWithHeaders(headers))).toEqual([]);
  });

  it('judges only the samples the default policy delivers', () => {
    const header = [{ name: 'X-Details', value: '{{context.details.plainText}}' }];
    const onlyCanonicalFlags = testSamples().filter((sample) => sample.tier === 'canonical' || !sample.event.details?.plainText?.includes('\n'));
    expect(runWithSamples(rule, rootWithHeaders(header), onlyCanonicalFlags)).toEqual([]);
    const projectsOnly = [{ effect: 'allow', resources: ['proj/*'], actions: ['*'] }];
    expect(runWithSamples(rule, rootWithHeaders(header, projectsOnly))).toEqual([]);
  });
});
