import { endpointContext, isJsonTemplate, jsonEscapeStrings, templateContext } from '../../scripts/lib/render/context';
import { standardPayload } from '../../scripts/lib/render/standard-payload';
import { chooseTemplate } from '../../scripts/lib/render/template-choice';
import { CI_SAMPLE_KIND } from '../../scripts/lib/render/template-choice';

describe('template context', () => {
  it('recognises JSON templates by their extension, in any case', () => {
    for (const file of ['templates/flag.json', 'x.JSON', 'a.json.hbs', 'b.Json.HBS']) expect(isJsonTemplate(file)).toBe(true);
    for (const file of ['flag.txt', 'flag.hbs', 'flag.json.txt', 'jsonflag']) expect(isJsonTemplate(file)).toBe(false);
  });

  it('JSON-escapes every string at any depth and nothing else', () => {
    const escaped = jsonEscapeStrings({ a: 'say "hi"\n', b: [1, 'back\\slash', { c: 'tab\t' }], d: null, e: true }) as any;
    expect(escaped).toEqual({ a: 'say \\"hi\\"\\n', b: [1, 'back\\\\slash', { c: 'tab\\t' }], d: null, e: true });
  });

  it('leaves keys as they are: only values are escaped, so {{@key}} over custom properties prints a key as written', () => {
    expect(jsonEscapeStrings({ 'say "hi"': { 'tab\t': 'x"' } })).toEqual({ 'say "hi"': { 'tab\t': 'x\\"' } });
  });

  it('gives JSON templates the escaped event and other templates the event as it is', () => {
    const event = { kind: 'flag', name: 'a "b"' };
    expect((templateContext(event, { apiKey: 'k"' }, true) as any).name).toBe('a \\"b\\"');
    expect((templateContext(event, { apiKey: 'k"' }, false) as any).name).toBe('a "b"');
    // Form variables are never escaped by the framework.
    expect((templateContext(event, { apiKey: 'k"' }, true) as any).formVariables.apiKey).toBe('k"');
  });

  it('endpoint templates see form values at the top level and the event as context', () => {
    const context = endpointContext({ kind: 'flag' }, { token: 't' }, { baseURI: 'b', accessToken: 'a' }) as any;
    expect(context).toEqual({ token: 't', context: { kind: 'flag' }, oauth: { baseURI: 'b', accessToken: 'a' } });
  });
});

describe('template choice', () => {
  const all = { flag: 'f.json', project: 'p.json', environment: 'e.json', member: 'm.json', default: 'd.json' };
  it('uses the kind\'s own template, else default', () => {
    expect(chooseTemplate(all, 'flag')).toEqual({ kind: 'flag', file: 'f.json' });
    expect(chooseTemplate(all, 'member')).toEqual({ kind: 'member', file: 'm.json' });
    expect(chooseTemplate(all, 'segment')).toEqual({ kind: 'default', file: 'd.json' });
    expect(chooseTemplate({ default: 'd.json' }, 'project')).toEqual({ kind: 'default', file: 'd.json' });
    expect(chooseTemplate({ flag: 'f.json' }, 'project')).toBeUndefined();
  });

  it('takes default for an event whose kind is named like a template that serves no kind of its own', () => {
    const withValidation = { ...all, validation: 'v.json' };
    expect(chooseTemplate(withValidation, 'validation')).toEqual({ kind: 'default', file: 'd.json' });
    expect(chooseTemplate({ validation: 'v.json' }, 'validation')).toBeUndefined();
    expect(chooseTemplate({ default: 'd.json' }, 'default')).toEqual({ kind: 'default', file: 'd.json' });
  });

  it('gives each template kind the event the framework CI renders it with: default a flag event, validation an environment event', () => {
    expect(CI_SAMPLE_KIND).toEqual({ flag: 'flag', default: 'flag', project: 'project', environment: 'environment', validation: 'environment', member: 'member' });
  });
});

describe('standard webhook payload', () => {
  it('is derived from the event: date, accesses, markdown title and description', () => {
    const payload = standardPayload({
      _links: { self: { href: 'x' } },
      _id: 'e1',
      kind: 'flag',
      key: 'new-checkout',
      tags: ['web'],
      verbKind: 'updateOn',
      name: 'New checkout',
      timestamp: { milliseconds: 1773480000000 },
      title: { markdown: '**Ada** turned on', plainText: 'Ada turned on' },
      details: { markdown: '- on', plainText: 'on' },
      titleVerb: 'turned on',
      project: { key: 'shop', tags: [], environment: { key: 'production', tags: null } },
      member: { _id: 'm1', email: 'ada@example.com', firstName: 'Ada', lastName: 'L', displayName: 'Ada L', _links: {} },
      target: { _links: {}, name: 'New checkout' },
    });
    expect(payload.date).toBe(1773480000000);
    expect(payload.accesses).toEqual([{ action: 'updateOn', resource: 'proj/shop:env/production:flag/new-checkout;web' }]);
    expect(payload.title).toBe('**Ada** turned on');
    expect(payload.description).toBe('- on');
    expect(payload.member).toEqual({ _links: {}, _id: 'm1', email: 'ada@example.com', firstName: 'Ada', lastName: 'L' });
    expect(payload.target.resources).toEqual(['proj/shop:env/production:flag/new-checkout;web']);
  });
});
