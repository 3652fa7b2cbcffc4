import type { Integration } from '../../scripts/lib/integration/load';
import { outputJson } from '../../scripts/lib/rules/renderings';
import { Workspace } from '../../scripts/lib/workspace';

const integration = { name: 'acme' } as Integration;

describe('outputJson', () => {
  it('reads a text once per integration and hands every rule the same result', () => {
    const workspace = new Workspace({ root: '/nowhere' });
    const parse = jest.spyOn(JSON, 'parse');
    try {
      const first = outputJson(integration, workspace, '{"text": "on"}');
      const second = outputJson(integration, workspace, '{"text": "on"}');
      expect(first).toEqual({ ok: true, value: { text: 'on' } });
      expect(second).toBe(first);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it('gives the place of the break in a text that is not JSON', () => {
    const workspace = new Workspace({ root: '/nowhere' });
    expect(outputJson(integration, workspace, '{"text": "on",\n}')).toMatchObject({ ok: false, line: 1, column: 14 });
  });

  it('forgets what it read once the integration is released', () => {
    const workspace = new Workspace({ root: '/nowhere' });
    const first = outputJson(integration, workspace, '[1]');
    workspace.release(integration.name);
    expect(outputJson(integration, workspace, '[1]')).not.toBe(first);
  });
});
