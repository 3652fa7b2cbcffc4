import { formatPullRequestPreview } from '../../scripts/lib/format/markdown';

const request = { method: 'POST', url: 'https://x.example/hook', headers: [{ name: 'Content-Type', value: 'text/plain' }], body: 'see ```code``` and ````more````' };

describe('formatPullRequestPreview', () => {
  it('fences the body with more backticks than any run inside it, so the body cannot end the block', () => {
    const block = formatPullRequestPreview({ integration: 'x', context: 'flag/update-rules', request }, []);
    expect(block).toContain('`````text\nsee ```code``` and ````more````\n`````');
    expect(block).toContain('```http\nPOST https://x.example/hook\nContent-Type: text/plain\n```');
  });

  it('lists delivered samples first and escapes pipes in the reasons', () => {
    const routes = [
      { ref: 'project/create', delivered: false, reason: 'no statement allows createProject | ever' },
      { ref: 'flag/update-rules', delivered: true, reason: 'statement 1 allows updateRules' },
    ];
    const block = formatPullRequestPreview({ integration: 'x', context: 'flag/update-rules', request }, routes);
    expect(block).toContain('Delivers 1 of 2 sample events:');
    const rows = block.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toEqual(['| `flag/update-rules` | yes | statement 1 allows updateRules |', '| `project/create` | no | no statement allows createProject \\| ever |']);
  });
});
