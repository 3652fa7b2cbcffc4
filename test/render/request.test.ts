import { loadIntegration } from '../../scripts/lib/integration/load';
import { RenderSetup } from '../../scripts/lib/render/request';
import { TemplateError } from '../../scripts/lib/render/template';
import { readTextFile } from '../../scripts/lib/text-file';
import { loadSamples, resolveSample } from '../../scripts/lib/samples/load';
import { cleanupFixtureRoots, clone, createFixtureRoot, validFiles, validManifest } from '../helpers/fixture-root';

afterAll(cleanupFixtureRoots);

const event = resolveSample(loadSamples(), 'flag/update-rules').event;
const formValues = { channel: 'ops', signingSecret: 's', region: 'us' };

function setupWith(edit: (hook: Record<string, any>) => void, files: Record<string, string> = validFiles()): RenderSetup {
  const manifest = clone(validManifest()) as Record<string, any>;
  edit(manifest.capabilities.auditLogEventsHook);
  const root = createFixtureRoot({ subject: { manifest, files } });
  return new RenderSetup(loadIntegration(root, 'subject'));
}

describe('RenderSetup.endpoint', () => {
  it('sends a JSON content type when the manifest lists no headers, as the framework defaults', () => {
    const setup = setupWith((hook) => delete hook.endpoint.headers);
    expect(setup.endpoint(event, { formValues }).headers).toEqual([{ name: 'Content-Type', value: 'application/json' }]);
  });

  it('names a header that does not render by its 1-based position and name', () => {
    const setup = setupWith((hook) => hook.endpoint.headers.push({ name: 'X-Team', value: '{{team}}' }));
    let error: unknown;
    try {
      setup.endpoint(event, { formValues });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as Error).message).toMatch(/^header 2 \(X-Team\): /);
  });
});

describe('RenderSetup: names that Object.prototype also has', () => {
  it('renders a form variable named toString in the endpoint and the body, without Handlebars logging a warning', () => {
    const files = { ...validFiles(), 'templates/flag.json.hbs': '"{{{formVariables.toString}}}"' };
    const setup = setupWith((hook) => hook.endpoint.headers.push({ name: 'X-Name', value: '{{toString}}' }), files);
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { request } = setup.render(event, { formValues: { ...formValues, toString: 'mine' } });
      expect(request.headers).toContainEqual({ name: 'X-Name', value: 'mine' });
      expect(request.body).toBe('"mine"');
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});

describe('RenderSetup.template', () => {
  it('reads and parses a template that fails once, however many events render it', () => {
    const manifest = clone(validManifest()) as Record<string, any>;
    const root = createFixtureRoot({ subject: { manifest, files: { ...validFiles(), 'templates/flag.json.hbs': '{{#if kind}}' } } });
    let reads = 0;
    const setup = new RenderSetup(loadIntegration(root, 'subject'), {
      readText: (absolute) => {
        reads++;
        return readTextFile(absolute);
      },
    });
    for (let i = 0; i < 3; i++) expect(() => setup.render(event, { formValues })).toThrow(/does not parse/);
    expect(reads).toBe(1);
  });
});

describe('RenderSetup.body', () => {
  it('JSON-escapes event strings only for templates whose name says JSON', () => {
    const quoted = { ...event, title: { ...(event.title as object), plainText: 'say "hi"\nnow' } };
    const files = { ...validFiles(), 'templates/flag.txt': '{{{title.plainText}}}', 'templates/flag.json.hbs': '"{{{title.plainText}}}"' };
    const text = setupWith((hook) => (hook.templates.flag = 'templates/flag.txt'), files);
    expect(text.body(quoted, { formValues }).body).toBe('say "hi"\nnow');
    const json = setupWith((hook) => (hook.templates.flag = 'templates/flag.json.hbs'), files);
    expect(JSON.parse(json.body(quoted, { formValues }).body)).toBe('say "hi"\nnow');
  });
});
