import Handlebars from 'handlebars';
import { sharedTemplateTree } from '../../scripts/lib/rules/template-trees';
import { Workspace } from '../../scripts/lib/workspace';

describe('sharedTemplateTree', () => {
  it('parses a text once per run and hands every reader the same tree', () => {
    const workspace = new Workspace({ root: '/nowhere' });
    const parse = jest.spyOn(Handlebars, 'parse');
    try {
      const first = sharedTemplateTree(workspace, 'https://hooks.example.com/{{channel}}');
      const second = sharedTemplateTree(workspace, 'https://hooks.example.com/{{channel}}');
      expect(second).toBe(first);
      expect(parse).toHaveBeenCalledTimes(1);
      expect(first?.body.map((node) => node.type)).toEqual(['ContentStatement', 'MustacheStatement']);
    } finally {
      parse.mockRestore();
    }
  });

  it('keeps runs apart: a new run parses again', () => {
    const text = '{{title}}';
    const tree = sharedTemplateTree(new Workspace({ root: '/nowhere' }), text);
    expect(sharedTemplateTree(new Workspace({ root: '/nowhere' }), text)).not.toBe(tree);
  });

  it('is undefined for a text that does not parse, and remembers that too', () => {
    const workspace = new Workspace({ root: '/nowhere' });
    const parse = jest.spyOn(Handlebars, 'parse');
    try {
      expect(sharedTemplateTree(workspace, '{{#if x}}open')).toBeUndefined();
      expect(sharedTemplateTree(workspace, '{{#if x}}open')).toBeUndefined();
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });
});
