import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadIntegration } from '../../scripts/lib/integration/load';
import { NotRenderableError, RenderSetup } from '../../scripts/lib/render/request';
import { TemplateError } from '../../scripts/lib/render/template';
import { MAX_SOURCE_BYTES, readTextFile, type TextFile } from '../../scripts/lib/text-file';
import { loadSamples, resolveSample } from '../../scripts/lib/samples/load';
import { clone, createFixtureRoot, validFiles, validManifest } from '../helpers/fixture-root';

const event = resolveSample(loadSamples(), 'flag/update-rules').event;
const formValues = { channel: 'ops', signingSecret: 's', region: 'us' };

function setupWith(edit: (hook: Record<string, any>) => void, files: Record<string, string> = validFiles()): RenderSetup {
  const manifest = clone(validManifest()) as Record<string, any>;
  edit(manifest.capabilities.auditLogEventsHook);
  const root = createFixtureRoot({ subject: { manifest, files } });
  return new RenderSetup(loadIntegration(root, 'subject'));
}

/** The error `act` throws; fails the test when it throws none. */
function thrownBy(act: () => unknown): Error {
  try {
    act();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, none was thrown');
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

  it('names the endpoint url when the url does not render, placing the error in manifest.json', () => {
    const error = thrownBy(() => setupWith((hook) => (hook.endpoint.url = 'https://hooks.example/{{team}}')).endpoint(event, { formValues }));
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.message).toMatch(/^the endpoint url: /);
    expect((error as TemplateError).file).toBe('manifest.json');
  });

  it('places a url or header value that does not render at the mustache that failed, as validate does', () => {
    const placeOf = (edit: (hook: Record<string, any>) => void) => {
      const setup = setupWith(edit);
      const error = thrownBy(() => setup.endpoint(event, { formValues })) as TemplateError;
      const lines = fs.readFileSync(path.join(setup.integration.dir, 'manifest.json'), 'utf8').split('\n');
      return lines[error.line! - 1].slice(error.column! - 1);
    };
    // At the name that is not there, counted through the escapes the file writes (`\"`).
    expect(placeOf((hook) => (hook.endpoint.url = 'https://hooks.example/"q"/{{team}}'))).toMatch(/^team\}\}"/);
    expect(placeOf((hook) => hook.endpoint.headers.push({ name: 'X-Team', value: 'id {{team.id}}' }))).toMatch(/^team\.id\}\}"/);
  });

  it('is not renderable without an endpoint, or with a url that is not text', () => {
    const noEndpoint = thrownBy(() => setupWith((hook) => delete hook.endpoint).endpoint(event, { formValues }));
    expect(noEndpoint).toBeInstanceOf(NotRenderableError);
    expect(noEndpoint.message).toBe('subject has no endpoint in its auditLogEventsHook capability');
    const numberUrl = thrownBy(() => setupWith((hook) => (hook.endpoint.url = 42)).endpoint(event, { formValues }));
    expect(numberUrl).toBeInstanceOf(NotRenderableError);
    expect(numberUrl.message).toBe("subject's endpoint url is not text");
  });

  it('sends no header when headers is not a list, which the schema reports, rather than the default JSON content type', () => {
    const setup = setupWith((hook) => (hook.endpoint.headers = { name: 'Content-Type', value: 'text/plain' }));
    expect(setup.endpoint(event, { formValues }).headers).toEqual([]);
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

  it('still says which name is missing where a form variable named toString is beside it, in the endpoint and the body', () => {
    const files = { ...validFiles(), 'templates/flag.json.hbs': '"{{{formVariables.nope}}}"' };
    const setup = setupWith((hook) => hook.endpoint.headers.push({ name: 'X-Name', value: '{{{missing}}}' }), files);
    const values = { ...formValues, toString: 'mine' };
    expect(thrownBy(() => setup.endpoint(event, { formValues: values })).message).toMatch(/^header \d+ \(X-Name\): `missing` is not defined/);
    expect(thrownBy(() => setup.body(event, { formValues: values })).message).toMatch(/`formVariables\.nope` is not defined|`nope`/);
  });

  it('still says which name is missing inside an event object with a key named toString', () => {
    const files = { ...validFiles(), 'templates/flag.json.hbs': '"{{#with customProperties}}{{{nosuch}}}{{/with}}"' };
    const setup = setupWith(() => undefined, files);
    const odd = { ...event, customProperties: { toString: { name: 'T', values: ['x'] } } };
    expect(thrownBy(() => setup.body(odd, { formValues })).message).toMatch(/`nosuch`.* is not defined in the event/);
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

describe('RenderSetup.template: a template file it cannot read', () => {
  /** The error rendering the flag template throws when templates.flag is `file`. */
  function flagTemplateError(file: string, options: ConstructorParameters<typeof RenderSetup>[1] = {}, files = validFiles()): TemplateError {
    const manifest = clone(validManifest()) as Record<string, any>;
    manifest.capabilities.auditLogEventsHook.templates.flag = file;
    const setup = new RenderSetup(loadIntegration(createFixtureRoot({ subject: { manifest, files } }), 'subject'), options);
    const error = thrownBy(() => setup.body(event, { formValues }));
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }

  it('refuses a path that leaves the integration folder, placing the error where manifest.json writes the path', () => {
    const error = flagTemplateError('../outside.json.hbs');
    expect(error).toMatchObject({ message: 'templates.flag "../outside.json.hbs" is refused: it leaves the integration folder', file: 'manifest.json' });
    // The fixture's manifest.json is the manifest laid out by JSON.stringify, two spaces.
    const manifest = clone(validManifest()) as Record<string, any>;
    manifest.capabilities.auditLogEventsHook.templates.flag = '../outside.json.hbs';
    const line = JSON.stringify(manifest, null, 2).split('\n')[error.line! - 1];
    expect(line.slice(error.column! - 1)).toBe('"../outside.json.hbs",');
  });

  it('says a file that is not there does not exist, a file taken for a folder on the way included, in validate\'s words and place', () => {
    const missing = flagTemplateError('templates/nope.json.hbs');
    expect(missing).toMatchObject({ message: 'templates.flag names "templates/nope.json.hbs", which does not exist in the integration folder', file: 'manifest.json' });
    expect(missing.line).toBeGreaterThan(1);
    // ENOTDIR: templates/flag.json.hbs is a file, not a folder.
    const underFile = 'templates/flag.json.hbs/inner.json.hbs';
    expect(flagTemplateError(underFile)).toMatchObject({ message: `templates.flag names "${underFile}", which does not exist in the integration folder`, file: 'manifest.json' });
  });

  it('names, as validate does, the file beside a missing one that it misspells', () => {
    expect(flagTemplateError('templates/falg.json.hbs')).toMatchObject({
      message: 'templates.flag names "templates/falg.json.hbs", which does not exist in the integration folder; did you mean "templates/flag.json.hbs"?',
    });
  });

  it('says a folder is not a template file', () => {
    expect(flagTemplateError('templates')).toMatchObject({ message: 'templates.flag names "templates", which is a folder, not a template file', file: 'manifest.json' });
  });

  it('refuses a path ending with a slash, which names a folder, though it leads to the file once normalised', () => {
    const error = flagTemplateError('templates/flag.json.hbs/');
    expect(error).toMatchObject({
      message: 'templates.flag names "templates/flag.json.hbs/", which ends with a slash, so it names a folder, not a template file',
      file: 'manifest.json',
    });
    expect(error.line).toBeGreaterThan(1);
  });

  it('gives the reason a file cannot be read', () => {
    const readText = (): TextFile => ({ ok: false, code: 'EACCES', reason: 'permission denied (EACCES)' });
    expect(flagTemplateError('templates/flag.json.hbs', { readText })).toMatchObject({
      message: 'templates.flag names "templates/flag.json.hbs", which cannot be read: permission denied (EACCES)',
      file: 'manifest.json',
    });
  });

  it('refuses, unread, a template larger than the kit reads: compiling it could exhaust the memory', () => {
    const files = { ...validFiles(), 'templates/flag.json.hbs': `{"text": "${'x'.repeat(MAX_SOURCE_BYTES)}"}` };
    expect(flagTemplateError('templates/flag.json.hbs', {}, files)).toMatchObject({
      message: expect.stringMatching(/^templates\.flag names "templates\/flag\.json\.hbs", which cannot be read: it holds 262,156 bytes, more than the 262,144 the kit reads/),
      file: 'manifest.json',
    });
  });

  it('says where a file that is not UTF-8 text goes wrong', () => {
    const files = { ...validFiles(), 'templates/flag.json.hbs': '\uFEFF{"text": "hi"}' };
    expect(flagTemplateError('templates/flag.json.hbs', {}, files)).toMatchObject({
      message: 'the template starts with a byte order mark (BOM); save it as UTF-8 without a BOM',
      file: 'templates/flag.json.hbs',
      line: 1,
      column: 1,
    });
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

  it('is not renderable for a template kind asked for that the manifest lacks, naming the kinds it has', () => {
    const noValidation = thrownBy(() => setupWith((hook) => delete hook.templates.validation).body(event, { formValues, templateKind: 'validation' }));
    expect(noValidation).toBeInstanceOf(NotRenderableError);
    expect(noValidation.message).toBe('subject has no validation template (it has: flag, default)');
    const noTemplates = thrownBy(() => setupWith((hook) => delete hook.templates).body(event, { formValues, templateKind: 'validation' }));
    expect(noTemplates.message).toBe('subject has no validation template (it has: none)');
  });
});

describe('RenderSetup.render: the signature', () => {
  it('goes in the header hmacSignature names, else in X-LD-Signature, keyed with the secret variable it names', () => {
    const named = setupWith(() => undefined).render(event, { formValues });
    expect(named.signature).toEqual({ headerName: 'X-Pigeon-Signature', secretKey: 'signingSecret' });
    // Without a header name, or with an empty one, it takes LaunchDarkly's own webhooks' header.
    for (const unnamed of [{ hmacSecretFormVariableKey: 'signingSecret' }, { headerName: '', hmacSecretFormVariableKey: 'signingSecret' }]) {
      const rendered = setupWith((hook) => (hook.endpoint.hmacSignature = unnamed)).render(event, { formValues });
      expect(rendered.signature).toEqual({ headerName: 'X-LD-Signature', secretKey: 'signingSecret' });
    }
  });

  it('is none without a secret variable to key it', () => {
    expect(setupWith((hook) => (hook.endpoint.hmacSignature = { headerName: 'X-Pigeon-Signature' })).render(event, { formValues }).signature).toBeUndefined();
    expect(setupWith((hook) => delete hook.endpoint.hmacSignature).render(event, { formValues }).signature).toBeUndefined();
  });
});

describe('RenderSetup.formVariables', () => {
  it('leaves out the entries without a text key, which the schema reports', () => {
    const manifest = clone(validManifest()) as Record<string, any>;
    manifest.formVariables = [{ name: 'No key', type: 'string' }, { key: 7, name: 'Number key' }, 'junk', ...manifest.formVariables];
    const setup = new RenderSetup(loadIntegration(createFixtureRoot({ subject: { manifest, files: validFiles() } }), 'subject'));
    expect(setup.formVariables.map((variable) => variable.key)).toEqual(['channel', 'signingSecret', 'region']);
  });
});

describe('RenderSetup.body: the standard webhook payload', () => {
  it('is sent for `useStandardWebhookPayload: true` alone; any other value (a schema error) renders the templates', () => {
    const standard = setupWith((hook) => (hook.useStandardWebhookPayload = true)).body(event, { formValues });
    expect(standard.template).toBeUndefined();
    expect(JSON.parse(standard.body)).toHaveProperty('accesses');
    const templated = setupWith((hook) => (hook.useStandardWebhookPayload = 'true')).body(event, { formValues });
    expect(templated.template).toEqual({ kind: 'flag', file: 'templates/flag.json.hbs' });
  });
});
