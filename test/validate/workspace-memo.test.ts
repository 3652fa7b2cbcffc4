import { Workspace } from '../../scripts/lib/workspace';

describe('Workspace memos', () => {
  it('computes what one integration needs once, until its checks are done and it is released', () => {
    const workspace = new Workspace({ root: '/nowhere' });
    let computed = 0;
    const renderings = (name: string) => workspace.memoFor(name, 'renderings', () => `${name} #${++computed}`);
    expect(renderings('pigeon')).toBe('pigeon #1');
    expect(renderings('pigeon')).toBe('pigeon #1');
    // Another integration, or another key of the same one, is computed on its own.
    expect(renderings('raven')).toBe('raven #2');
    expect(workspace.memoFor('pigeon', 'template-sources', () => ++computed)).toBe(3);
    workspace.release('pigeon');
    expect(renderings('pigeon')).toBe('pigeon #4');
    expect(renderings('raven')).toBe('raven #2');
  });

  it('keeps run-wide memos whatever integration is released', () => {
    const workspace = new Workspace({ root: '/nowhere' });
    let parses = 0;
    const tree = () => workspace.memo('template-tree:{{name}}', () => ++parses);
    expect(tree()).toBe(1);
    workspace.release('pigeon');
    expect(tree()).toBe(1);
  });

  it('does not keep a computation that threw', () => {
    const workspace = new Workspace({ root: '/nowhere' });
    expect(() => workspace.memoFor('pigeon', 'renderings', () => {
      throw new Error('broken sample');
    })).toThrow('broken sample');
    expect(workspace.memoFor('pigeon', 'renderings', () => 'fine')).toBe('fine');
  });
});
