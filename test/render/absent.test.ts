import { clarifyRenderError, explainEndpointError, findAbsence } from '../../scripts/lib/render/absent';
import type { FormValues } from '../../scripts/lib/render/context';
import { WILDCARD } from '../../scripts/lib/render/event-paths';
import { compileTemplate, TemplateError } from '../../scripts/lib/render/template';
import { analyzeTemplate } from '../../scripts/lib/render/template-analysis';
import type { TemplateEvent } from '../../scripts/lib/samples/types';

/** What rendering `source` in strict mode with this event and these form values fails with, and the template's analysis. */
function failure(source: string, event: Record<string, unknown>, formValues: FormValues = {}) {
  const template = compileTemplate(source, 'templates/t.txt');
  const full = { kind: 'flag', ...event } as TemplateEvent;
  let error: unknown;
  try {
    template.render({ ...full, formVariables: formValues });
  } catch (caught) {
    error = caught;
  }
  if (!(error instanceof TemplateError)) throw new Error(`${source} renders without an error`);
  return { error, analysis: analyzeTemplate(template.ast), event: full, formValues };
}

/** findAbsence for that failure, with the path site as `line:column`. */
function absence(source: string, event: Record<string, unknown>, formValues: FormValues = {}) {
  const { error, analysis, event: full } = failure(source, event, formValues);
  const found = findAbsence(error, analysis, full, formValues);
  if (!found) return found;
  const { site, ...rest } = found;
  return site ? { ...rest, site: `${site.line}:${site.column}` } : rest;
}

/** clarifyRenderError for that failure: its message and position. */
function clarified(source: string, event: Record<string, unknown>, formValues: FormValues = {}) {
  const { error, analysis, event: full } = failure(source, event, formValues);
  const result = clarifyRenderError(error, analysis, full, formValues);
  return { message: result.message, line: result.line, column: result.column, absent: result.absent };
}

/** The message explainEndpointError gives for rendering the endpoint text `source` with `data`. */
function endpointMessage(source: string, data: Record<string, unknown>): string {
  const template = compileTemplate(source, 'manifest.json');
  try {
    template.render(data);
  } catch (error) {
    if (error instanceof TemplateError) return explainEndpointError(error, template, data);
    throw error;
  }
  throw new Error(`${source} renders without an error`);
}

const STRICT = '(strict mode makes a missing property an error)';

describe('findAbsence: the absent part of a path that failed to render', () => {
  it('names the path that failed, not an earlier absent one the template guards', () => {
    // The guarded `note` and the failing `nope` stand on the same line; then at the same column of two lines.
    expect(absence('{{#if note}}{{{note}}}{{/if}}{{{nope}}}', {})).toEqual({ absent: 'nope', resolved: ['nope'], site: '1:33' });
    expect(absence('{{#if note}}{{{note}}}{{/if}}\n{{#if kind}}{{{nope}}}{{/if}}', {})).toEqual({ absent: 'nope', resolved: ['nope'], site: '2:16' });
  });

  it('names a field read on null as absent, and says its parent is null, not a string, number or boolean', () => {
    // Member events carry `tags: null`.
    expect(absence('{{{tags.first}}}', { tags: null })).toEqual({ absent: 'tags.first', resolved: ['tags', 'first'], site: '1:4', parentType: 'null' });
  });

  it('finds a field that only some items of a list lack', () => {
    const customProperties = { jira: { name: 'Jira issues', values: [] }, runbook: { values: ['https://wiki.example/7'] } };
    expect(absence('{{#each customProperties}}{{{name}}}{{/each}}', { customProperties })).toEqual({
      absent: 'name',
      resolved: ['customProperties', WILDCARD, 'name'],
      site: '1:30',
    });
  });

  it('reads a field inside a section over a list on the items, where the list\'s own `length` does not count', () => {
    const event = { approvals: [{ reviewer: 'ana' }] };
    expect(absence('{{#approvals}}{{length}}{{/approvals}}', event)).toEqual({ absent: 'length', resolved: ['approvals', WILDCARD, 'length'], site: '1:17' });
    expect(clarified('{{#approvals}}{{length}}{{/approvals}}', event).message).toBe(`\`length\` (\`approvals.*.length\`) is not defined in the event ${STRICT}`);
  });

  it('skips a way through nested sections whose absent part lies in the sections, not in the path as written', () => {
    // Read as `items.details.nope`, `details` would be what is absent: but the template writes only `nope`.
    expect(absence('{{#items}}{{#details}}{{nope}}{{/details}}{{/items}}', { items: [{ details: {} }] })).toEqual({
      absent: 'nope',
      resolved: ['items', WILDCARD, 'details', 'nope'],
      site: '1:25',
    });
  });

  it('names the path in the event a block\'s context makes of a name, and only then', () => {
    const event = { member: { email: 'ana@example.com' }, tags: [{ label: 'x' }] };
    expect(clarified('{{#with member}}{{{name}}}{{/with}}', event).message).toBe(`\`name\` (\`member.name\`) is not defined in the event ${STRICT}`);
    expect(clarified('{{#each tags}}{{kind}}{{/each}}', event).message).toBe(`\`kind\` (\`tags.*.kind\`) is not defined in the event ${STRICT}`);
    expect(clarified('{{#with member}}{{../nope}}{{/with}}', event).message).toBe(`\`../nope\` is not defined in the event ${STRICT}`);
    expect(clarified('{{#with member}}{{@root.member.nope}}{{/with}}', event).message).toBe(`\`@root.member.nope\` is not defined in the event ${STRICT}`);
    expect(endpointMessage('{{#with context.member}}{{name}}{{/with}}', { context: event })).toBe(`\`name\` (\`member.name\`) is not defined in the event ${STRICT}`);
  });

  it('reads a boolean form value a loop gives as the context it is, where a section over it would keep the one it had', () => {
    const formValues = { verbose: true, channel: 'ops' };
    expect(clarified('{{#each formVariables}}{{{project.name}}}{{/each}}', {}, formValues)).toMatchObject({
      message: '`this` is a boolean, which has no property `project`',
      line: 1,
      column: 27,
    });
    // JavaScript's own error here has no position: the path that reads it gives one.
    expect(clarified('{{#each formVariables}}\n{{{project}}}{{/each}}', {}, formValues)).toMatchObject({
      message: '`this` is a boolean, which has no property `project`',
      line: 2,
      column: 4,
    });
  });

  it('finds the copy that failed when Handlebars compiled block bodies written alike once and reported the first', () => {
    const event = { project: { key: 'p' }, title: { plainText: 't' } };
    const source = '{{#with project}}{{{key}}}{{/with}}{{#with title}}{{{key}}}{{/with}}';
    expect(failure(source, event).error).toMatchObject({ line: 1, column: 21 });
    expect(clarified(source, event)).toMatchObject({ message: `\`key\` (\`title.key\`) is not defined in the event ${STRICT}`, line: 1, column: 54 });
    // A copy that reads above the event, the first one not.
    expect(clarified('{{#with project}}{{{../kind}}}{{/with}}{{#if kind}}{{{../kind}}}{{/if}}', event)).toMatchObject({
      message: expect.stringMatching(/^`\.\.\/kind` reads above the event/),
      line: 1,
      column: 55,
    });
  });

  it('says a ../ given to a helper reads above the event, where JavaScript\'s own error has no position', () => {
    expect(clarified('{\n  {{#if ../comment}}x{{/if}}\n}', {})).toMatchObject({ message: expect.stringMatching(/^`\.\.\/comment` reads above the event/), line: 2, column: 9 });
  });

  it('says a name is read in a context the template worked out, where a block gave one that is no part of the event', () => {
    const inWorkedOut = (name: string) =>
      `\`${name}\` is not defined in the context the block around it gives: a literal, a helper's result or a data variable, not a part of the event ${STRICT}`;
    const event = { name: 'n', tags: ['a'] };
    expect(clarified('{{#with 0}}{{{name}}}{{/with}}', event)).toMatchObject({ message: inWorkedOut('name'), line: 1, column: 15 });
    // JavaScript's own error here ('in' on a number) has no position.
    expect(clarified('{{#with 1}}\n{{{name}}}{{/with}}', event)).toMatchObject({ message: inWorkedOut('name'), line: 2, column: 4 });
    expect(clarified('{{#with (queryEncode name)}}{{{x}}}{{/with}}', event)).toMatchObject({ message: inWorkedOut('x'), line: 1, column: 32 });
    expect(clarified('{{#each tags}}{{#with @index}}{{{x}}}{{/with}}{{/each}}', event).message).toBe(inWorkedOut('x'));
  });

  it('says so when sections nest too deep to tell what a name is read on, rather than blaming a worked-out context', () => {
    // Each section may iterate its value or enter it, doubling what the context may be: seven stand for 128.
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const source = names.map((name) => `{{#${name}}}`).join('') + '{{{nope}}}' + [...names].reverse().map((name) => `{{/${name}}}`).join('');
    const event = names.reduceRight<Record<string, unknown>>((inner, name) => ({ [name]: inner }), {});
    expect(clarified(source, event)).toMatchObject({
      message: `\`nope\` is not defined in the context the blocks around it give, which nest too many sections (\`{{#name}}…{{/name}}\`) for the kit to tell which part of the event it is ${STRICT}`,
      line: 1,
      column: 46,
    });
  });

  it('names the absent part of a path given arguments, which Handlebars looks up to call', () => {
    const event = { target: { name: 'x' } };
    expect(clarified('{{{targext.name 1}}}', event)).toMatchObject({ message: `\`targext\` is not defined in the event ${STRICT}; did you mean \`target\`?`, line: 1, column: 4 });
    expect(clarified('{{#targext.name 1}}x{{/targext.name}}', event)).toMatchObject({ message: `\`targext\` is not defined in the event ${STRICT}; did you mean \`target\`?`, line: 1, column: 4 });
  });

  it('names an absent data path with its @', () => {
    expect(clarified('{{@root.nope.x}}', {})).toMatchObject({ message: `\`@root.nope\` is not defined in the event ${STRICT}`, line: 1, column: 3 });
  });

  it('without the template\'s analysis, names only what Handlebars names, and leaves an absent parent unexplained', () => {
    const named = failure('{{{nope}}}', {});
    expect(findAbsence(named.error, undefined, named.event, {})).toEqual({ absent: 'nope' });
    const parent = failure('{{{nobody.deeper.x}}}', {});
    expect(findAbsence(parent.error, undefined, parent.event, {})).toBeUndefined();
    expect(clarifyRenderError(parent.error, undefined, parent.event, {})).toBe(parent.error);
  });
});

describe('clarifyRenderError: the render error in the template\'s terms', () => {
  it('places an absent parent, which JavaScript reports without a position, at the one path that reads it, past guarded paths that read other names', () => {
    // `deeper` alone, `kind.nope` (a property of a string) and `note` are absent too, but none of them is read on the way to `deeper`.
    const source = '{{#if deeper}}{{/if}}{{#if kind.nope}}{{/if}}{{#if note}}{{/if}}{{{nobody.deeper.x}}}';
    expect(clarified(source, {})).toMatchObject({ message: `\`nobody\` is not defined in the event ${STRICT}`, line: 1, column: 68 });
  });

  it('places an absent parent at the first of the paths that could have failed when they all name the same part, and names the others', () => {
    // Which copy ran is unknown (a branch may skip the first), but each fails wherever it runs.
    expect(clarified('{{{title.nobody.deeper.x}}}\n{{#if kind}}{{{title.nobody.deeper.x}}}{{/if}}', { title: {} })).toEqual({
      message: `\`title.nobody\` is not defined in the event ${STRICT} (also read at line 2, column 16)`,
      line: 1,
      column: 4,
      absent: { name: 'deeper', parent: true },
    });
  });

  it('leaves an absent parent unexplained when the paths that could have failed name different parts, as written or as resolved', () => {
    const unexplained = { message: `a property on the way to \`deeper\` is not defined in the event ${STRICT}`, line: undefined, column: undefined };
    // `nobody` and `../nobody` are the same property, written two ways.
    expect(clarified('{{{nobody.deeper.x}}}{{#with title}}{{{../nobody.deeper.x}}}{{/with}}', { title: {} })).toMatchObject(unexplained);
    // Both write `nobody`, but one reads it on the event and the other on `title`.
    expect(clarified('{{{nobody.deeper.x}}}{{#with title}}{{{nobody.deeper.x}}}{{/with}}', { title: {} })).toMatchObject(unexplained);
  });

  it('inside a section over a list, names the absent parent the items lack, not what the list itself lacks', () => {
    // Handlebars iterates a list in `{{#items}}`: `name.first` is read on each item, never on the list.
    expect(clarified('{{#items}}{{name.first.x.y}}{{/items}}', { items: [{ name: {} }] })).toMatchObject({
      message: `\`name.first\` (\`items.*.name.first\`) is not defined in the event ${STRICT}`,
      line: 1,
      column: 13,
    });
    expect(clarified('{{#tags}}{{x}}{{/tags}}', { tags: ['quayside'] }).message).toBe('`this` is a string, which has no property `x`');
  });

  it('says when a manifest declares no form variable at all', () => {
    expect(clarified('{{{formVariables.channel}}}', {}).message).toBe(
      '`formVariables.channel` is not a form variable of this manifest (it declares none): add it to formVariables or stop using it',
    );
  });

  it('says a value on the way is null, where an event of the user\'s has null instead of an object, at the path that reads it', () => {
    // Handlebars' own error here is JavaScript's, without a position: "Cannot read properties of null (reading 'markdown')".
    expect(clarified('{\n  {{#if details.markdown}}x{{/if}}\n}', { details: null })).toMatchObject({
      message: '`details` is null, which has no property `markdown`',
      line: 2,
      column: 9,
    });
  });

  it('says a string has no property even when the property is one JavaScript strings have', () => {
    expect(clarified('{{title.plainText.length}}', { title: { plainText: 'Turned on' } })).toMatchObject({
      message: '`title.plainText` is a string, which has no property `length`',
      line: 1,
      column: 3,
    });
  });
});

describe('clarifyRenderError: a misspelt name', () => {
  const event = { title: { plainText: 'Changed' }, name: 'Checkout', member: { email: 'ada@example.com' } };

  it('suggests the name meant, written as the template writes the misspelt one', () => {
    expect(clarified('{{{titel.plainText}}}', event).message).toBe(`\`titel\` is not defined in the event ${STRICT}; did you mean \`title\`?`);
    expect(clarified('{{{member.emial}}}', event).message).toBe(`\`member.emial\` is not defined in the event ${STRICT}; did you mean \`member.email\`?`);
    expect(clarified('{{#with member}}{{{../titel.plainText}}}{{/with}}', event).message).toMatch(/; did you mean `\.\.\/title`\?$/);
  });

  it('suggests a documented field this event lacks', () => {
    expect(clarified('{{{coment}}}', event).message).toMatch(/; did you mean `comment`\?$/);
  });

  it('inside a section over a form variable that is `true`, names the event field, not a property of the boolean', () => {
    const source = '{{#formVariables.verbose}}{{{titel.plainText}}}{{/formVariables.verbose}}';
    expect(clarified(source, event, { verbose: true }).message).toBe(`\`titel\` is not defined in the event ${STRICT}; did you mean \`title\`?`);
    // A string value is entered: then the string has no such property.
    expect(clarified(source, event, { verbose: 'yes' }).message).toBe('`this` is a string, which has no property `titel`');
  });

  it('says when ../ goes up past the event, at the top or through a section that keeps the context', () => {
    const pastTop = `\`../name\` reads above the event, where nothing is: each \`../\` leaves one block that changed the context, and \`{{#if}}\`, \`{{#unless}}\`, \`{{#equal}}\`, a section over \`true\` and a block over the object already in context (\`{{#with this}}\`) change none ${STRICT}`;
    expect(clarified('{{#if kind}}{{{../name}}}{{/if}}', event)).toMatchObject({ message: pastTop, line: 1, column: 16 });
    expect(clarified('{{#formVariables.verbose}}{{{../name}}}{{/formVariables.verbose}}', event, { verbose: true }).message).toBe(pastTop);
    // In a block that changed the context, ../ finds the event.
    expect(clarified('{{#with member}}{{{../nope}}}{{/with}}', event).message).toBe(`\`../nope\` is not defined in the event ${STRICT}`);
  });

  it('knows a block over the object already in context pushes no level, so ../ climbs past it', () => {
    const pastTop = (written: string) => expect.stringMatching(new RegExp(`^\`${written.replace(/\./g, '\\.')}\` reads above the event`));
    expect(clarified('{{#with this}}{{{../name}}}{{/with}}', event).message).toEqual(pastTop('../name'));
    expect(clarified('{{#with member}}{{#with @root.member}}{{{../../name}}}{{/with}}{{/with}}', event).message).toEqual(pastTop('../../name'));
    // `this` is the item itself even in a loop: ../ leaves the loop, not the `with`.
    expect(clarified('{{#each tags}}{{#with this as |tag|}}{{{../nope}}}{{/with}}{{/each}}', { ...event, tags: [{}] }).message).toBe(
      `\`../nope\` is not defined in the event ${STRICT}`,
    );
  });

  it('writes the absent part with the brackets the template needs for it', () => {
    expect(clarified('{{{queryEncode tags.[9].name}}}', { tags: [] }).message).toBe(`\`tags.[9]\` is not defined in the event ${STRICT}`);
    expect(clarified('{{{customProperties.[change ticket]}}}', { customProperties: {} }).message).toBe(
      `\`customProperties.[change ticket]\` is not defined in the event ${STRICT}`,
    );
  });

  it('suggests nothing for a documented field this event lacks, nor for a short name two edits from another', () => {
    expect(clarified('{{{comment}}}', event).message).toBe(`\`comment\` is not defined in the event ${STRICT}`);
    expect(clarified('{{{nope}}}', event).message).toBe(`\`nope\` is not defined in the event ${STRICT}`);
  });
});

describe('explainEndpointError', () => {
  it('says "in the event" only for a path under `context`', () => {
    const data = { channel: 'ops', context: { kind: 'flag' }, oauth: { baseURI: 'https://api.example', accessToken: 't' } };
    expect(endpointMessage('{{oauth.baseUri}}', data)).toBe(`\`oauth.baseUri\` is not defined ${STRICT}`);
    expect(endpointMessage('{{context.projekt.key}}', data)).toBe(`\`context.projekt\` is not defined in the event ${STRICT}; did you mean \`context.project\`?`);
  });

  it('names only the segment JavaScript read when several paths could have failed', () => {
    expect(endpointMessage('{{context.nope.x.y}}/{{context.nada.x.y}}', { context: {} })).toBe(`a property on the way to \`x\` is not defined ${STRICT}`);
  });
});
