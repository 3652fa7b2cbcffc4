import Ajv, { type ErrorObject } from 'ajv';
import { describeLocation, schemaErrorsToReports } from '../../scripts/lib/schema/messages';

/*
 * The manifest schema uses no anyOf/oneOf/allOf, so these small schemas check how such errors
 * would read if the framework's format grew them.
 */
function reportsFor(schema: object, data: unknown) {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  expect(validate(data)).toBe(false);
  return schemaErrorsToReports(validate.errors ?? [], data);
}

describe('schemaErrorsToReports', () => {
  const stringOrTicket = {
    type: 'object',
    properties: {
      link: {
        anyOf: [
          { type: 'string' },
          { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        ],
      },
    },
  };

  it('says once which types an anyOf accepts when the value has none of them', () => {
    expect(reportsFor(stringOrTicket, { link: 5 })).toEqual([
      { message: '`link` must be a string or an object, but it is a number', pointer: '/link' },
    ]);
  });

  it('merges what one value breaks of its own constraints, but keeps the anyOf branches it could pass by apart', () => {
    expect(reportsFor({ type: 'string', minLength: 5, pattern: '^a' }, 'b')).toEqual([
      { message: 'the manifest must be at least 5 characters, and must match the pattern `^a`', pointer: '' },
    ]);
    const reports = reportsFor({ anyOf: [{ type: 'string', pattern: '^a' }, { type: 'string', minLength: 5 }] }, 'b');
    expect(reports).toEqual([
      { message: 'the manifest must match the pattern `^a`', pointer: '' },
      { message: 'the manifest must be at least 5 characters', pointer: '' },
    ]);
  });

  it('reports the problems of the anyOf branch the value was aiming for', () => {
    expect(reportsFor(stringOrTicket, { link: {} })).toEqual([
      { message: '`link` is missing the required key `id`', pointer: '/link' },
    ]);
    expect(reportsFor(stringOrTicket, { link: { id: 3 } })).toEqual([
      { message: '`link.id` must be a string, but it is a number', pointer: '/link/id' },
    ]);
  });

  it('handles an anyOf nested in another', () => {
    const schema = { anyOf: [{ type: 'boolean' }, { anyOf: [{ type: 'string' }, { type: 'integer' }] }] };
    expect(reportsFor(schema, 1.5)).toEqual([
      { message: 'the manifest must be a boolean, a string or a whole number, but it is a number', pointer: '' },
    ]);
  });

  it('says when a value matches more than one oneOf branch', () => {
    const schema = { properties: { code: { oneOf: [{ type: 'string' }, { maxLength: 5 }] } } };
    expect(reportsFor(schema, { code: 'abc' })).toEqual([
      { message: '`code` matches more than one of the allowed forms; it must match exactly one', pointer: '/code' },
    ]);
  });

  it('keeps errors outside a failed anyOf', () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, link: stringOrTicket.properties.link },
    };
    expect(reportsFor(schema, { name: 1, link: 2 })).toEqual([
      { message: '`name` must be a string, but it is a number', pointer: '/name' },
      { message: '`link` must be a string or an object, but it is a number', pointer: '/link' },
    ]);
  });

  it('reports the same problem only once', () => {
    const schema = { allOf: [{ required: ['key'] }, { required: ['key'] }] };
    expect(reportsFor(schema, {})).toEqual([{ message: 'the manifest is missing the required key `key`', pointer: '' }]);
  });

  it('reports an unknown key once for propertyNames, pointing at the key', () => {
    const schema = { properties: { icons: { propertyNames: { enum: ['square'] } } } };
    expect(reportsFor(schema, { icons: { round: 'a.svg', oval: 'b.svg' } })).toEqual([
      { message: '`icons` has an unknown key `round`; allowed keys: square', pointer: '/icons', key: 'round' },
      { message: '`icons` has an unknown key `oval`; allowed keys: square', pointer: '/icons', key: 'oval' },
    ]);
  });

  it('explains a key that breaks a propertyNames pattern', () => {
    const schema = { propertyNames: { pattern: '^[^\\s]*$' } };
    expect(reportsFor(schema, { 'two words': 1 })).toEqual([
      {
        message: 'the manifest has a key `two words` that must not contain spaces or other whitespace',
        pointer: '',
        key: 'two words',
      },
    ]);
  });

  it('reports additionalProperties: false like an unknown key, should another schema use it', () => {
    const schema = { properties: { a: {} }, additionalProperties: false };
    expect(reportsFor(schema, { a: 1, b: 2 })).toEqual([
      { message: 'the manifest has an unknown key `b`', pointer: '', key: 'b' },
    ]);
  });

  it('falls back to Ajv’s words for a keyword it has no sentence for', () => {
    const errors: ErrorObject[] = [
      { keyword: 'someday', instancePath: '/x', schemaPath: '#/someday', params: {}, message: 'must be ready someday' },
    ];
    expect(schemaErrorsToReports(errors, { x: 1 })).toEqual([{ message: '`x` must be ready someday', pointer: '/x' }]);
  });
});

describe('describeLocation', () => {
  it('writes array indexes in brackets and keys with dots', () => {
    expect(describeLocation({ a: [{ b: 1 }] }, '/a/0/b')).toBe('`a[0].b`');
  });

  it('tells an object key that looks like a number from an array index', () => {
    expect(describeLocation({ metadata: { '0': {} } }, '/metadata/0')).toBe('`metadata["0"]`');
  });

  it('quotes keys that are not plain names and unescapes the pointer', () => {
    expect(describeLocation({ m: { 'a/b~c d': 1 } }, '/m/a~1b~0c d')).toBe('`m["a/b~c d"]`');
  });

  it('calls the top level the manifest', () => {
    expect(describeLocation({}, '')).toBe('the manifest');
  });

  it('still names a path that is not in the document', () => {
    expect(describeLocation({}, '/links/site')).toBe('`links.site`');
  });
});
