import rule from '../../scripts/lib/rules/checks/header-client-managed';
import { checkManifest, clone, validManifest } from '../helpers/fixture-root';

function withHeaders(...headers: unknown[]): Record<string, unknown> {
  const manifest = clone(validManifest()) as any;
  manifest.capabilities.auditLogEventsHook.endpoint.headers.push(...headers);
  return manifest;
}

const HOOK = 'capabilities.auditLogEventsHook.endpoint';

describe('header-client-managed', () => {
  it('is a warning: the framework\'s CI accepts these manifests', () => {
    expect(rule.severity).toBe('warning');
    expect(rule.ciRule).toBeUndefined();
  });

  it('is silent on the valid manifest and on ordinary headers', () => {
    expect(checkManifest(rule, validManifest())).toEqual([]);
    expect(checkManifest(rule, withHeaders({ name: 'Authorization', value: 'x' }, { name: 'X-Host', value: 'h' }, { name: 'Content-Type', value: 'text/plain' }))).toEqual([]);
  });

  it('reports each header the client writes itself, in any case, at its name', () => {
    const manifest = withHeaders({ name: 'Content-Length', value: '42' }, { name: 'host', value: 'pigeon.example' }, { name: 'TRANSFER-ENCODING', value: 'chunked' });
    expect(checkManifest(rule, manifest)).toEqual([
      {
        message: `${HOOK}.headers[1].name "Content-Length" is a header the HTTP client writes itself: the client drops or overrides this one, or refuses the request, as \`send\` does`,
        pointer: '/capabilities/auditLogEventsHook/endpoint/headers/1/name',
      },
      expect.objectContaining({ pointer: '/capabilities/auditLogEventsHook/endpoint/headers/2/name', message: expect.stringMatching(/^\S+ "host" is a header/) }),
      expect.objectContaining({ pointer: '/capabilities/auditLogEventsHook/endpoint/headers/3/name', message: expect.stringMatching(/^\S+ "TRANSFER-ENCODING" is a header/) }),
    ]);
  });

  it('reports an hmacSignature header named like one', () => {
    const manifest = clone(validManifest()) as any;
    manifest.capabilities.auditLogEventsHook.endpoint.hmacSignature.headerName = 'content-length';
    expect(checkManifest(rule, manifest)).toEqual([
      {
        message: `${HOOK}.hmacSignature.headerName "content-length" is a header the HTTP client writes itself: the client drops or overrides this one, or refuses the request, as \`send\` does`,
        pointer: '/capabilities/auditLogEventsHook/endpoint/hmacSignature/headerName',
      },
    ]);
  });

  it('checks every endpoint of the manifest, and skips headers the schema reports', () => {
    const manifest = withHeaders({ name: 7, value: 'x' }, 'Connection') as any;
    manifest.formVariables.push({
      key: 'board',
      name: 'Board',
      type: 'dynamicEnum',
      description: 'The board.',
      dynamicOptions: { endpoint: { url: 'https://pigeon-post.example/boards', method: 'GET', headers: [{ name: 'Connection', value: 'close' }] }, parser: {} },
    });
    expect(checkManifest(rule, manifest)).toEqual([
      expect.objectContaining({ pointer: '/formVariables/3/dynamicOptions/endpoint/headers/0/name', message: expect.stringMatching(/^formVariables\[3\]\.dynamicOptions\.endpoint\.headers\[0\]\.name "Connection"/) }),
    ]);
  });
});
