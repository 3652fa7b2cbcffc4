import type { default as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import type { default as addFormatsFunction } from 'ajv-formats';
import { isRecord } from '../../json-value';

/**
 * What Discord accepts when a webhook is executed (POST of a JSON body), as far as the limits
 * are documented. Unknown properties pass, as Discord ignores them. Lengths count characters
 * (code points), like Discord and like ajv's maxLength.
 */
export const DISCORD_MESSAGE_LIMITS = {
  content: 2000,
  username: 80,
  embeds: 10,
  title: 256,
  description: 4096,
  footerText: 2048,
  authorName: 256,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  color: 16_777_215,
  embedTotal: 6000,
} as const;

const L = DISCORD_MESSAGE_LIMITS;
const httpUrl = { type: 'string', pattern: '^https?://\\S+$' };

const embedSchema = {
  type: 'object',
  properties: {
    title: { type: 'string', maxLength: L.title },
    description: { type: 'string', maxLength: L.description },
    url: httpUrl,
    timestamp: { type: 'string', format: 'iso-date-time' },
    color: { type: 'integer', minimum: 0, maximum: L.color },
    footer: {
      type: 'object',
      required: ['text'],
      properties: { text: { type: 'string', minLength: 1, maxLength: L.footerText }, icon_url: httpUrl },
    },
    author: {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string', minLength: 1, maxLength: L.authorName }, url: httpUrl, icon_url: httpUrl },
    },
    fields: {
      type: 'array',
      maxItems: L.fields,
      items: {
        type: 'object',
        required: ['name', 'value'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: L.fieldName },
          value: { type: 'string', minLength: 1, maxLength: L.fieldValue },
          inline: { type: 'boolean' },
        },
      },
    },
  },
};

/** Draft-07 schema of a Discord webhook message body. */
export const DISCORD_MESSAGE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://ld-hook-kit.local/contracts/discord-message.json',
  type: 'object',
  properties: {
    content: { type: 'string', maxLength: L.content },
    username: { type: 'string', maxLength: L.username },
    avatar_url: httpUrl,
    embeds: { type: 'array', maxItems: L.embeds, items: embedSchema },
    allowed_mentions: {
      type: 'object',
      properties: {
        parse: { type: 'array', items: { enum: ['roles', 'users', 'everyone'] } },
        roles: { type: 'array', items: { type: 'string' } },
        users: { type: 'array', items: { type: 'string' } },
        replied_user: { type: 'boolean' },
      },
    },
  },
} as const;

/**
 * The Ajv that compiles the schema to code, for the generator: at run time the generated code
 * validates, since requiring Ajv and compiling took some 60 ms of every preview of a Discord integration.
 */
export function createDiscordAjv(): AjvClass {
  const Ajv = (require('ajv') as { default: typeof AjvClass }).default;
  const addFormats = (require('ajv-formats') as { default: typeof addFormatsFunction }).default;
  // verbose: the offending value comes with each error, so problems can say "(it has 1500)".
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, code: { source: true, esm: true } });
  addFormats(ajv, ['iso-date-time']);
  ajv.addSchema(DISCORD_MESSAGE_SCHEMA);
  return ajv;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  // Required on first use: only runs that check a contract load it.
  compiled ??= (require('./discord-validator.generated') as { validate: ValidateFunction }).validate;
  return compiled;
}

function characters(value: unknown): number {
  return typeof value === 'string' ? [...value].length : 0;
}

/** `/embeds/0/fields/3/value` → `embeds[0].fields[3].value`; the root is `body`. */
function fieldPath(instancePath: string): string {
  if (!instancePath) return 'body';
  let path = '';
  for (const raw of instancePath.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(segment) ? `[${segment}]` : path ? `.${segment}` : segment;
  }
  return path;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  object: 'an object',
  array: 'an array',
  boolean: 'true or false',
};

/** A value as JSON, cut after some 40 characters: a problem names it, and a body may hold megabytes of it. */
function quotedShort(value: unknown): string {
  const text = typeof value === 'string' && [...value].length > 40 ? `${[...value].slice(0, 40).join('')}…` : value;
  return JSON.stringify(text) ?? String(value);
}

function describe(error: ErrorObject): string {
  const path = fieldPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return path === 'body' ? 'body must be a JSON object' : `${path} must be ${TYPE_WORDS[String(params.type)] ?? String(params.type)}`;
    case 'required': {
      const missing = String(params.missingProperty);
      return `${path === 'body' ? missing : `${path}.${missing}`} is required`;
    }
    case 'maxLength':
      return `${path} must be at most ${String(params.limit)} characters (it has ${characters(error.data)})`;
    case 'minLength':
      return `${path} must not be empty`;
    case 'maxItems':
      return `${path} must have at most ${String(params.limit)} items (it has ${Array.isArray(error.data) ? error.data.length : '?'})`;
    case 'minimum':
    case 'maximum':
      return `${path} must be between 0 and ${L.color} (it is ${String(error.data)})`;
    case 'pattern':
      return `${path} must be an http or https URL`;
    case 'format':
      return `${path} must be an ISO 8601 timestamp like 2024-05-01T12:00:00.000Z (it is ${quotedShort(error.data)})`;
    case 'enum':
      return `${path} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${path} ${error.message ?? 'is invalid'}`;
  }
}

function embedCharacters(embeds: unknown[]): number {
  let total = 0;
  for (const embed of embeds) {
    if (!embed || typeof embed !== 'object') continue;
    const e = embed as Record<string, unknown>;
    total += characters(e.title) + characters(e.description);
    total += characters((e.footer as Record<string, unknown> | undefined)?.text);
    total += characters((e.author as Record<string, unknown> | undefined)?.name);
    if (Array.isArray(e.fields)) {
      for (const field of e.fields) {
        if (field && typeof field === 'object') total += characters((field as Record<string, unknown>).name) + characters((field as Record<string, unknown>).value);
      }
    }
  }
  return total;
}

/**
 * The problems Discord would answer 400 for, one sentence each naming the field
 * (`embeds[0].fields[3].value must be at most 1024 characters (it has 1500)`); empty when the
 * body would be accepted.
 */
export function discordContract(body: unknown): string[] {
  const validate = validator();
  const problems = validate(body) ? [] : (validate.errors ?? []).map(describe);
  if (isRecord(body)) {
    const { content, embeds } = body;
    const hasContent = typeof content === 'string' && content.length > 0;
    const hasEmbeds = Array.isArray(embeds) && embeds.length > 0;
    if (!hasContent && !hasEmbeds) problems.push('content or embeds must be present and non-empty (Discord cannot send an empty message)');
    if (Array.isArray(embeds)) {
      const total = embedCharacters(embeds);
      if (total > L.embedTotal) {
        problems.push(
          `embeds must have at most ${L.embedTotal} characters in all titles, descriptions, field names and values, footer texts and author names together (they have ${total})`,
        );
      }
    }
  }
  return [...new Set(problems)];
}

/** Discord's answer to a body it refuses: a message, its code for a bad form body, and the fields at fault. */
export function discordRejection(problems: string[]): object {
  return { message: 'Invalid Form Body', code: 50035, errors: problems };
}

/**
 * With `?wait=true` Discord answers 200 with the message it created instead of 204: a sender
 * that reads the reply gets a message of the same shape (its id numbers the request).
 */
export function discordAnswer(query: URLSearchParams, body: unknown, seq: number): { status: number; reply: object } | undefined {
  if (query.get('wait') !== 'true') return undefined;
  const { content, embeds } = isRecord(body) ? body : {};
  return { status: 200, reply: { id: String(seq), type: 0, content: typeof content === 'string' ? content : '', embeds: Array.isArray(embeds) ? embeds : [] } };
}
