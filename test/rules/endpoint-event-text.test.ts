import rule from '../../scripts/lib/rules/checks/endpoint-event-text';
import { policyRouter } from '../../scripts/lib/policy';
import type { Sample } from '../../scripts/lib/samples/types';
import { createFixtureRoot, validFiles } from '../helpers/fixture-root';
import { runWithSamples, subjectManifest } from '../fixtures/template-safety/support';
import { testSamples } from '../fixtures/template-safety/samples';

function rootWith(endpoint: { url?: string; headers?: { name: string; value: string }[] }, defaultPolicy?: unknown[]): string {
  const manifest = subjectManifest({
    templates: { default: 'templates/default.json' },
    endpoint: { ...endpoint, headers: [{ name: 'Content-Type', value: 'application/json' }, ...(endpoint.headers ?? [])] },
  }) as any;
  if (defaultPolicy) manifest.capabilities.auditLogEventsHook.defaultPolicy = defaultPolicy;
  return createFixtureRoot({ subject: { manifest, files: { ...validFiles(), 'templates/default.json': '{}' } } });
}

const details = (sample: Sample): string => String((sample.event.details as { plainText?: unknown } | undefined)?.plainText ?? '');
const multiLine = (sample: Sample) => details(sample).includes('\n');

describe('endpoint-event-text', () => {
  it('is a warning: the framework\'s CI renders the endpoint with its flag event only, which is one line', () => {
    expect(rule.severity).toBe('warning');
    expect(rule.ciRule).toBeUndefined();
  });

  it('reports a header or url printing a multi-line event text once, naming the first delivered sample that breaks it', () => {
    const root = rootWith({
      url: 'https://hooks.example/{{channel}}?note={{queryEncode context.kind}}&raw={{@root.context.details.plainText}}',
      headers: [{ name: 'X-Details', value: 'changes: {{context.details.plainText}}' }],
    });
    const first = testSamples().find((sample) => multiLine(sample) && policyRouter(subjectManifest({ templates: {} }))(sample.event).delivered);
    expect(first).toBeDefined();
    expect(runWithSamples(rule, root)).toEqual([
      {
        pointer: '/capabilities/auditLogEventsHook/endpoint/url',
        // At the mustache that printed the line break.
        within: { line: 1, column: 73 },
        sample: first!.ref,
        message: 'the endpoint url prints event text holding a line break (U+000A): HTTP forbids it there, so clients refuse to send the request',
      },
      {
        pointer: '/capabilities/auditLogEventsHook/endpoint/headers/1/value',
        within: { line: 1, column: 10 },
        sample: first!.ref,
        message: 'header 2 (X-Details) prints event text holding a line break (U+000A): HTTP forbids it there, so clients refuse to send the request',
      },
    ]);
  });

  it('is silent on one-line event texts, on texts that do not read the event or do not render, and on line breaks written in the text', () => {
    const headers = [
      { name: 'X-Kind', value: '{{context.kind}}/{{context.project.key}}' },
      { name: 'X-Channel', value: '{{channel}}' },
      { name: 'X-Missing', value: '{{context.nothing.here}}' },
      { name: 'X-Broken', value: '{{#if context.kind}}' },
      // header-syntax reports this one; it is no event text.
      { name: 'X-Written', value: 'a\n{{context.kind}}' },
    ];
    expect(runWithSamples(rule, rootWith({ headers }))).toEqual([]);
  });

  it('names a tab in a url, and another control character in a header value, by what it is', () => {
    const delivered = testSamples().find((sample) => multiLine(sample) && policyRouter(subjectManifest({ templates: {} }))(sample.event).delivered)!;
    const withText = (text: string): Sample => ({ ...delivered, event: { ...delivered.event, details: { ...(delivered.event.details as object), plainText: text } } });
    const root = rootWith({
      url: 'https://hooks.example/x?raw={{context.details.plainText}}',
      headers: [{ name: 'X-Details', value: '{{context.details.plainText}}' }],
    });
    // HTTP allows a tab in a header value, so only the url is reported.
    expect(runWithSamples(rule, root, [withText('a\tb')])).toEqual([
      {
        pointer: '/capabilities/auditLogEventsHook/endpoint/url',
        within: { line: 1, column: 29 },
        sample: delivered.ref,
        message: 'the endpoint url prints event text holding a tab (U+0009): HTTP forbids it there, so clients refuse to send the request',
      },
    ]);
    expect(runWithSamples(rule, root, [withText('a\u0007b')])).toEqual([
      expect.objectContaining({ message: expect.stringContaining('the endpoint url prints event text holding the control character U+0007:') }),
      expect.objectContaining({ message: expect.stringContaining('header 2 (X-Details) prints event text holding the control character U+0007:') }),
    ]);
  });

  it('judges only the samples the default policy delivers', () => {
    const header = { headers: [{ name: 'X-Details', value: '{{context.details.plainText}}' }] };
    expect(runWithSamples(rule, rootWith(header), testSamples().filter((sample) => !multiLine(sample)))).toEqual([]);
    expect(runWithSamples(rule, rootWith(header, [{ effect: 'allow', resources: ['proj/*'], actions: ['*'] }]))).toEqual([]);
    expect(runWithSamples(rule, rootWith(header))).toHaveLength(1);
  });
});
