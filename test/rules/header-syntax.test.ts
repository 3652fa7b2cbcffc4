import rule from '../../scripts/lib/rules/checks/header-syntax';
import { checkManifest, clone, createFixtureRoot, validFiles, validManifest } from '../helpers/fixture-root';
import { loadIntegration } from '../../scripts/lib/integration/load';
import { checkIntegration } from '../../scripts/lib/rules/run';
import { Workspace } from '../../scripts/lib/workspace';

/** The valid manifest with its hook endpoint edited by `edit`. */
function withEndpoint(edit: (endpoint: Record<string, any>) => void): Record<string, unknown> {
  const manifest = clone(validManifest()) as any;
  edit(manifest.capabilities.auditLogEventsHook.endpoint);
  return manifest;
}

const HOOK = 'capabilities.auditLogEventsHook.endpoint';
const HOOK_POINTER = '/capabilities/auditLogEventsHook/endpoint';

describe('header-syntax', () => {
  it('is a warning: the framework\'s CI accepts these manifests, but no request can carry the header', () => {
    expect(rule.severity).toBe('warning');
    expect(rule.ciRule).toBeUndefined();
  });

  it('is silent on the valid manifest and on every name character HTTP allows', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
    const allowed = withEndpoint((endpoint) => {
      endpoint.headers.push({ name: "X-a_b.c!#$%&'*+^`|~9", value: 'tab\tinside is fine {{channel}}' });
    });
    expect(checkManifest(rule, allowed)).toEqual([]);
  });

  it('reports a header name with a separator, a non-ASCII letter or nothing at all, at the name', () => {
    const manifest = withEndpoint((endpoint) => {
      endpoint.headers.push({ name: 'X-Key:', value: 'a' }, { name: 'X-Clé', value: 'b' }, { name: '', value: 'c' });
    });
    expect(checkManifest(rule, manifest)).toEqual([
      { message: `${HOOK}.headers[1].name "X-Key:" holds \`:\`; a header name is letters, digits and ! # $ % & ' * + - . ^ _ \` | ~ only: no request can carry it`, pointer: `${HOOK_POINTER}/headers/1/name` },
      { message: `${HOOK}.headers[2].name "X-Clé" holds U+00E9; a header name is letters, digits and ! # $ % & ' * + - . ^ _ \` | ~ only: no request can carry it`, pointer: `${HOOK_POINTER}/headers/2/name` },
      { message: `${HOOK}.headers[3].name "" is empty: no request can carry it`, pointer: `${HOOK_POINTER}/headers/3/name` },
    ]);
  });

  it('reports a header value with a line break or another control character, naming the header', () => {
    const manifest = withEndpoint((endpoint) => {
      endpoint.headers.push({ name: 'Authorization', value: 'Bearer {{signingSecret}}\r\n' }, { name: 'X-Nul', value: 'a\u0000b' });
    });
    expect(checkManifest(rule, manifest)).toEqual([
      {
        message: `${HOOK}.headers[1].value ("Authorization") holds U+000D, a control character HTTP forbids in a header value: clients refuse the request or cut the value short`,
        pointer: `${HOOK_POINTER}/headers/1/value`,
        within: { line: 1, column: 25 },
      },
      {
        message: `${HOOK}.headers[2].value ("X-Nul") holds U+0000, a control character HTTP forbids in a header value: clients refuse the request or cut the value short`,
        pointer: `${HOOK_POINTER}/headers/2/value`,
        within: { line: 1, column: 2 },
      },
    ]);
  });

  it('reports a header value with a character beyond ASCII once, control characters first', () => {
    const manifest = withEndpoint((endpoint) => {
      endpoint.headers.push({ name: 'X-Price', value: 'from 5 € ({{channel}})' }, { name: 'X-Name', value: 'Zoë' }, { name: 'X-Both', value: 'é\u0001' });
    });
    expect(checkManifest(rule, manifest)).toEqual([
      {
        message: `${HOOK}.headers[1].value ("X-Price") holds \`€\` (U+20AC), which is not ASCII: HTTP clients send it as different bytes (UTF-8 or Latin-1) or refuse it`,
        pointer: `${HOOK_POINTER}/headers/1/value`,
        within: { line: 1, column: 8 },
      },
      expect.objectContaining({ pointer: `${HOOK_POINTER}/headers/2/value`, message: expect.stringContaining('holds `ë` (U+00EB), which is not ASCII'), within: { line: 1, column: 3 } }),
      expect.objectContaining({ pointer: `${HOOK_POINTER}/headers/3/value`, message: expect.stringContaining('holds U+0001, a control character'), within: { line: 1, column: 2 } }),
    ]);
  });

  it('points at the character the value writes as it is, not at one in a {{…}} or stripped by ~ before it', () => {
    const manifest = withEndpoint((endpoint) => {
      endpoint.headers.push({ name: 'X-Where', value: '{{#equal channel "\u0002"}}a{{/equal}}\r\n{{~channel}} b\u0001 é' });
    });
    expect(checkManifest(rule, manifest).map((report) => report.within)).toEqual([{ line: 2, column: 15 }]);
    const manifestText = JSON.stringify(manifest, null, 2);
    const root = createFixtureRoot({ subject: { manifestText, files: validFiles() } });
    const [finding] = checkIntegration(loadIntegration(root, 'subject'), new Workspace({ root }), [rule]);
    // In the file, the JSON string writes the line break as \r\n and the control character as \u0001.
    const line = manifestText.split('\n')[finding.line! - 1];
    expect(line.slice(finding.column! - 1)).toMatch(/^\\u0001 é"$/);
  });

  it('judges only the text a value writes as it is, not comments or quoted arguments inside {{…}}', () => {
    const manifest = withEndpoint((endpoint) => {
      endpoint.headers.push(
        { name: 'X-Key', value: '{{!-- région --}}{{channel}}' },
        { name: 'X-Wrapped', value: '{{#equal channel "é\n"}}a{{/equal}}{{\nchannel}}' },
        { name: 'X-Broken', value: '{{!-- é' },
      );
    });
    // The last does not parse: endpoint-render reports that, and all of it counts here.
    expect(checkManifest(rule, manifest)).toEqual([expect.objectContaining({ pointer: `${HOOK_POINTER}/headers/3/value`, message: expect.stringContaining('holds `é`') })]);
  });

  it('reports an hmacSignature header name that is not one', () => {
    const manifest = withEndpoint((endpoint) => {
      endpoint.hmacSignature.headerName = 'X Pigeon Signature';
    });
    expect(checkManifest(rule, manifest)).toEqual([
      {
        message: `${HOOK}.hmacSignature.headerName "X Pigeon Signature" holds U+0020; a header name is letters, digits and ! # $ % & ' * + - . ^ _ \` | ~ only: no signed request can carry it`,
        pointer: `${HOOK_POINTER}/hmacSignature/headerName`,
      },
    ]);
  });

  it('checks every endpoint of the manifest, a form variable\'s dynamic options included', () => {
    const manifest = clone(validManifest()) as any;
    manifest.formVariables.push({
      key: 'board',
      name: 'Board',
      type: 'dynamicEnum',
      description: 'The board.',
      dynamicOptions: { endpoint: { url: 'https://pigeon-post.example/boards', method: 'GET', headers: [{ name: 'Accept(json)', value: 'x' }] }, parser: {} },
    });
    expect(checkManifest(rule, manifest)).toEqual([
      expect.objectContaining({ pointer: '/formVariables/3/dynamicOptions/endpoint/headers/0/name', message: expect.stringMatching(/^formVariables\[3\]\.dynamicOptions\.endpoint\.headers\[0\]\.name "Accept\(json\)" holds `\(`/) }),
    ]);
  });

  it('leaves an empty hmacSignature.headerName alone (the signature goes out as X-LD-Signature) and quotes long names short', () => {
    expect(checkManifest(rule, withEndpoint((endpoint) => (endpoint.hmacSignature.headerName = '')))).toEqual([]);
    const [report] = checkManifest(rule, withEndpoint((endpoint) => endpoint.headers.push({ name: `X-${'a'.repeat(5000)}:`, value: 'v' })));
    expect(report.message.length).toBeLessThan(300);
    expect(report.message).toContain(`"X-${'a'.repeat(58)}…" holds \`:\``);
  });

  it('skips what the schema reports: headers that are not a list, names and values that are not strings, whitespace in names', () => {
    const manifest = withEndpoint((endpoint) => {
      endpoint.headers = [{ name: 7, value: false }, 'Content-Type', { name: 'X Spaced', value: 'v' }];
      endpoint.hmacSignature = { headerName: 42 };
    });
    expect(checkManifest(rule, manifest)).toEqual([]);
    expect(checkManifest(rule, withEndpoint((endpoint) => (endpoint.headers = { 'Content-Type': 'application/json' })))).toEqual([]);
  });
});
