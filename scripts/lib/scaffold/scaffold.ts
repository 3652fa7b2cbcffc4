import * as fs from 'node:fs';
import { fastFormats } from 'ajv-formats/dist/formats';
import { isIP } from 'node:net';
import * as path from 'node:path';
import { describeFileError, UserError, USAGE_EXIT_CODE } from '../errors';
import { INTEGRATIONS_FOLDER, MANIFEST_FILE, requireRootFolder, statOrError } from '../integration/load';
import { EVENT_TEMPLATE_KINDS, type EventTemplateKind } from '../integration/manifest';
import { repositoryAround, rootHint } from '../workspace';

export const AUTH_METHODS = ['api-key', 'bearer', 'basic', 'hmac', 'oauth', 'none'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];
/** The kinds a new integration can choose templates for: those with a template of their own. */
export const EVENT_KINDS = EVENT_TEMPLATE_KINDS;
export type EventKind = EventTemplateKind;
export const BODY_TYPES = ['json', 'text'] as const;
export type BodyType = (typeof BODY_TYPES)[number];

export interface ScaffoldAnswers {
  /** Folder name and integration key: lowercase letters, digits and single hyphens. */
  name: string;
  displayName: string;
  site: string;
  auth: AuthMethod;
  kinds: EventKind[];
  body: BodyType;
}

const NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The `oauthIntegrationKey` of a new integration: its folder name, lengthened or cut to the 3 to 100 characters the schema takes. */
export function oauthKeyFor(name: string): string {
  if (name.length < 3) return `${name}-oauth`;
  return name.length > 100 ? name.slice(0, 100).replace(/-+$/, '') : name;
}

/** The valid name closest to `name`: lower case, other characters as single hyphens (`Acme_Alerts` is `acme-alerts`). */
function nameLike(name: string): string | undefined {
  const like = name
    .toLowerCase()
    // Letters no decomposition takes to a Latin one.
    .replace(/[ßæœøłđþ]/g, (letter) => ({ ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', þ: 'th' })[letter] ?? letter)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return NAME_PATTERN.test(like) ? like : undefined;
}

function checkName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    const like = nameLike(name);
    throw new UserError(
      `"${name}" is not a valid integration name: use a lowercase folder name of letters, digits and single hyphens, such as ${like ?? 'my-service'}`,
      USAGE_EXIT_CODE,
    );
  }
}

/** The site a new integration gets when none is given: a placeholder to replace. */
export const PLACEHOLDER_SITE = 'https://example.com';

/** The longest `links.site` the schema takes, in characters. */
const MAX_SITE_LENGTH = 2048;

export function checkSite(site: string): void {
  // The manifest keeps the site as given, and the schema wants it to start with the scheme and `://`:
  // the URL parser would take a leading space, `https:acme.example` or `https:\\acme.example`.
  if (!/^https?:\/\//i.test(site)) throw new UserError(`--site must start with http:// or https://, got "${site}"`, USAGE_EXIT_CODE);
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(site)) {
    throw new UserError(`--site must not contain spaces or control characters (write a space as %20), got ${JSON.stringify(site)}`, USAGE_EXIT_CODE);
  }
  const length = [...site].length;
  if (length > MAX_SITE_LENGTH) throw new UserError(`--site must be at most ${MAX_SITE_LENGTH} characters (it has ${length})`, USAGE_EXIT_CODE);
  let url: URL;
  try {
    url = new URL(site);
  } catch {
    throw new UserError(`--site must be an http(s) URL such as https://example.com, got "${site}"`, USAGE_EXIT_CODE);
  }
  // The manifest is published with the integration: the site and the endpoint url come from it.
  if (url.username || url.password) {
    throw new UserError('--site must not hold a user name or password: the manifest that repeats it is public', USAGE_EXIT_CODE);
  }
}

/**
 * `support@<the site's domain>`, or a placeholder at example.com when that is no address the
 * schema's `email` format takes (an IP address, `_` in a name, a trailing dot).
 */
function supportEmailFor(site: string): string {
  const hostname = new URL(site).hostname.replace(/^\[|\]$/g, '');
  const address = `support@${hostname.replace(/^www\./, '')}`;
  return !isIP(hostname) && (fastFormats.email as RegExp).test(address) ? address : 'support@example.com';
}

/**
 * What is wrong with a display name, or undefined: it becomes the manifest's `name` and `author`
 * (3 to 100 characters on one line) and text inside Handlebars templates, where `{{` would start
 * an expression.
 */
export function displayNameProblem(displayName: string): string | undefined {
  // Characters as the schema counts them: code points, not UTF-16 units.
  const length = [...displayName].length;
  return displayName.trim().length < 3
    ? 'must be at least 3 characters'
    : length > 100
      ? `must be at most 100 characters (it has ${length})`
      : /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(displayName)
        ? 'must be one line without control characters'
        : /\{\{|\}\}/.test(displayName)
          ? 'must not contain {{ or }}, which templates would read as Handlebars'
          : undefined;
}

/** The display name as --display-name gives it, refused with what is wrong. */
export function checkDisplayName(displayName: string): void {
  const problem = displayNameProblem(displayName);
  if (problem) throw new UserError(`--display-name ${problem}`, USAGE_EXIT_CODE);
}

export function defaultDisplayName(name: string): string {
  const words = name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
  // The framework wants names of at least 3 characters.
  return words.length >= 3 ? words : `${words} integration`;
}

interface AuthShape {
  variables: object[];
  headers: { name: string; value: string }[];
  hmacSignature?: object;
  /** OAuth: the customer's instance, which the connection gives, comes before the endpoint's path. */
  urlBase?: string;
  /** Top-level manifest keys the method needs. */
  manifest?: object;
}

function authShape(answers: ScaffoldAnswers): AuthShape {
  const { auth, displayName } = answers;
  const secret = (key: string, name: string, description: string) => ({ key, name, type: 'string', description, isSecret: true });
  switch (auth) {
    case 'api-key':
      return {
        variables: [secret('apiKey', 'API key', `The ${displayName} API key that may post events.`)],
        headers: [{ name: 'X-API-Key', value: '{{{apiKey}}}' }],
      };
    case 'bearer':
      return {
        variables: [secret('apiToken', 'API token', `The ${displayName} token, sent as a bearer token.`)],
        headers: [{ name: 'Authorization', value: 'Bearer {{{apiToken}}}' }],
      };
    case 'basic':
      return {
        variables: [
          { key: 'username', name: 'Username', type: 'string', description: `Your ${displayName} user name.` },
          secret('password', 'Password', `The password of that ${displayName} user.`),
        ],
        // Three braces: whether or not the helper marks its output safe, base64's `=` padding stays as it is.
        headers: [{ name: 'Authorization', value: '{{{basicAuthHeaderValue username password}}}' }],
      };
    case 'hmac':
      return {
        variables: [secret('signingSecret', 'Signing secret', `The secret ${displayName} uses to check each request's signature.`)],
        headers: [],
        hmacSignature: { headerName: 'X-LD-Signature', hmacSecretFormVariableKey: 'signingSecret' },
      };
    case 'oauth':
      // Three braces: a token holds `=`, `+` and `/`, which `{{ }}` would turn into HTML entities.
      return {
        variables: [],
        headers: [{ name: 'Authorization', value: 'Bearer {{{oauth.accessToken}}}' }],
        urlBase: '{{{oauth.baseURI}}}',
        manifest: { requiresOAuth: true, oauthIntegrationKey: oauthKeyFor(answers.name) },
      };
    default:
      return { variables: [], headers: [] };
  }
}

/** What the default policy lets through of each kind: its resource, and in words for the customer who reads the README. */
const DEFAULT_POLICY: Record<EventKind, { resource: string; words: string }> = {
  flag: { resource: 'proj/*:env/production:flag/*', words: 'flags in production environments' },
  project: { resource: 'proj/*', words: 'projects' },
  environment: { resource: 'proj/*:env/*', words: 'environments' },
  member: { resource: 'member/*', words: 'account members' },
};

function jsonTemplate(kind: EventKind | 'default'): string {
  const where =
    kind === 'project' || kind === 'member'
      ? ''
      : '  "project": "{{{project.name}}}",\n  "environment": "{{{project.environment.name}}}",\n';
  return `{
  "kind": "{{{kind}}}",
  "action": "{{{verbKind}}}",
  "title": "{{{title.plainText}}}",
  "details": "{{{details.plainText}}}",
${where}  "author": "{{{member.displayName}}}",
  "url": "{{#if _links.site}}{{{_links.site.href}}}{{/if}}",
  "timestamp": "{{{timestamp.rfc3339}}}"{{#if comment}},
  "comment": "{{{comment}}}"{{/if}}
}
`;
}

function textTemplate(): string {
  return `{{{title.plainText}}}
{{{details.plainText}}}
{{#if comment}}Comment: {{{comment}}}
{{/if}}{{#if _links.site}}{{{_links.site.href}}}
{{/if}}`;
}

/** `text` as the end of a sentence: a display name such as `Acme Inc.` brings its own period. */
function sentenceEnd(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}

function validationTemplate(body: BodyType, displayName: string): string {
  return body === 'json'
    ? `{\n  "title": ${JSON.stringify(`LaunchDarkly is connected to ${displayName}`)},\n  "timestamp": "{{{timestamp.rfc3339}}}"\n}\n`
    : `LaunchDarkly is connected to ${sentenceEnd(displayName)}\n`;
}

function icon(displayName: string, width: number): string {
  // By grapheme: half of an emoji's surrogate pair is no character, and the file would show U+FFFD.
  const graphemes = new Intl.Segmenter();
  const initials = displayName
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => graphemes.segment(word)[Symbol.iterator]().next().value?.segment ?? '')
    .join('')
    .toUpperCase()
    .replace(/[<&>"']/g, '');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="64" viewBox="0 0 ${width} 64"><rect width="${width}" height="64" rx="12" fill="#405BFF"/><text x="${width / 2}" y="42" font-family="sans-serif" font-size="28" text-anchor="middle" fill="#FFFFFF">${initials}</text></svg>\n`;
}

function readme(answers: ScaffoldAnswers, credentialNames: string[]): string {
  const kinds = answers.kinds.join(', ');
  return `# ${answers.displayName}

Sends LaunchDarkly change-history events (${kinds}) to ${sentenceEnd(answers.displayName)}

## Setup

1. In LaunchDarkly, open Integrations and find ${sentenceEnd(answers.displayName)}
2. ${
    answers.auth === 'oauth'
      ? `Connect your ${answers.displayName} account: LaunchDarkly signs in to it and keeps the access token.`
      : credentialNames.length > 0
        ? `Fill in the ${credentialNames.map((name) => `**${name}**`).join(' and ')} ${credentialNames.length === 1 ? 'field' : 'fields'} from your ${answers.displayName} account.`
        : 'No credentials are needed.'
  }
3. Choose which changes to send with the policy, then save.

## What is sent

By default, changes to:

${answers.kinds.map((kind) => `- ${DEFAULT_POLICY[kind].words} (\`${DEFAULT_POLICY[kind].resource}\`)`).join('\n')}

Edit the policy to send more or fewer.
`;
}

/** The files of a new integration folder, by path relative to it. Pure: nothing is written. */
export function scaffoldFiles(answers: ScaffoldAnswers): Record<string, string> {
  const extension = answers.body === 'json' ? 'json' : 'txt';
  const auth = authShape(answers);
  const contentType = answers.body === 'json' ? 'application/json' : 'text/plain; charset=utf-8';
  const templates: Record<string, string> = { default: `templates/default.${extension}`, validation: `templates/validation.${extension}` };
  const files: Record<string, string> = {
    [templates.default]: answers.body === 'json' ? jsonTemplate('default') : textTemplate(),
    [templates.validation]: validationTemplate(answers.body, answers.displayName),
    'assets/images/square.svg': icon(answers.displayName, 64),
    'assets/images/horizontal.svg': icon(answers.displayName, 192),
  };
  for (const kind of answers.kinds) {
    templates[kind] = `templates/${kind}.${extension}`;
    files[templates[kind]] = answers.body === 'json' ? jsonTemplate(kind) : textTemplate();
  }
  const overview = `Send LaunchDarkly changes to ${sentenceEnd(answers.displayName)}`;
  const manifest = {
    name: answers.displayName,
    version: '1.0.0',
    overview: overview.length <= 100 ? overview : 'Send LaunchDarkly change-history events to this service.',
    description: `Sends LaunchDarkly change-history events to ${answers.displayName} so that your team sees who changed what, where and when.`,
    author: answers.displayName,
    supportEmail: supportEmailFor(answers.site),
    links: { site: answers.site, privacyPolicy: new URL('/privacy', answers.site).href },
    categories: ['notifications'],
    icons: { square: 'assets/images/square.svg', horizontal: 'assets/images/horizontal.svg' },
    ...auth.manifest,
    formVariables: auth.variables,
    capabilities: {
      auditLogEventsHook: {
        endpoint: {
          url: auth.urlBase ? `${auth.urlBase}/launchdarkly/events` : new URL('/launchdarkly/events', answers.site).href,
          method: 'POST',
          headers: [{ name: 'Content-Type', value: contentType }, ...auth.headers],
          ...(auth.hmacSignature ? { hmacSignature: auth.hmacSignature } : {}),
        },
        templates,
        defaultPolicy: [{ effect: 'allow', resources: answers.kinds.map((kind) => DEFAULT_POLICY[kind].resource), actions: ['*'] }],
      },
    },
  };
  files['manifest.json'] = JSON.stringify(manifest, null, 2) + '\n';
  const credentialNames = (auth.variables as { name: string }[]).map((variable) => variable.name);
  files['README.md'] = readme(answers, credentialNames);
  return files;
}

/**
 * Where a new integration `name` goes under `root`: refused (a UserError) when the root is not
 * a framework checkout or the folder exists, so a caller can check before asking anything.
 */
export function scaffoldTarget(root: string, name: string): { integrations: string; folder: string; shown: string } {
  checkName(name);
  requireRootFolder(root);
  const integrations = path.join(root, INTEGRATIONS_FOLDER);
  const integrationsStat = statOrError(integrations);
  if (!(integrationsStat instanceof Error) && !integrationsStat.isDirectory()) {
    throw new UserError(`${integrations} is not a folder; nothing was written`, USAGE_EXIT_CODE);
  }
  // Inside a checkout's integrations/ (the folder of an integration, say), a new integrations/ would nest in it.
  if (integrationsStat instanceof Error && integrationsStat.code === 'ENOENT' && insideCheckout(root)) {
    throw new UserError(`${root} has no ${INTEGRATIONS_FOLDER}/ folder; ${rootHint(root)}; nothing was written`, USAGE_EXIT_CODE);
  }
  if (integrationsStat instanceof Error && isSymbolicLink(integrations)) {
    const leads = integrationsStat.code === 'ELOOP' ? 'a loop of symbolic links' : `a symbolic link to ${fs.readlinkSync(integrations)}, which does not exist`;
    throw new UserError(`${integrations} is ${leads}; nothing was written`, USAGE_EXIT_CODE);
  }
  const folder = path.join(integrations, name);
  const shown = path.relative(process.cwd(), folder) || folder;
  if (fs.existsSync(folder) || isSymbolicLink(folder)) throw new UserError(`${shown} already exists; nothing was written`);
  return { integrations, folder, shown };
}

/**
 * True when `root` is inside the integrations/ folder of a checkout: one that holds an
 * integration (a folder with a manifest). A folder of anyone's projects that happens to be named
 * integrations (`~/integrations/new-fork`) is not one.
 */
function insideCheckout(root: string): boolean {
  const repository = repositoryAround(root);
  if (repository === undefined) return false;
  const integrations = path.join(repository, INTEGRATIONS_FOLDER);
  try {
    return fs.readdirSync(integrations, { withFileTypes: true }).some((entry) => entry.isDirectory() && fs.existsSync(path.join(integrations, entry.name, MANIFEST_FILE)));
  } catch {
    return false;
  }
}

/** Writes a new integration folder; refuses to touch one that exists. Returns its path. */
export function writeScaffold(root: string, answers: ScaffoldAnswers): string {
  checkSite(answers.site);
  checkDisplayName(answers.displayName);
  if (answers.kinds.length === 0) throw new UserError('choose at least one event kind to template', USAGE_EXIT_CODE);
  const { integrations, folder, shown } = scaffoldTarget(root, answers.name);
  const files = scaffoldFiles(answers);
  // Written into a temporary sibling and renamed, so a failure never leaves half a folder. Its
  // name does not grow with the integration's: any name the file system takes can be staged.
  const staging = path.join(integrations, `.ld-hook-kit-new-${process.pid}-${Date.now()}`);
  let madeIntegrations: string | undefined;
  try {
    // Not recursive (the root exists): on a read-only file system Node's recursive mkdir says ENOENT.
    if (!fs.existsSync(integrations)) {
      fs.mkdirSync(integrations);
      madeIntegrations = integrations;
    }
    fs.mkdirSync(staging);
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
      fs.writeFileSync(path.join(staging, file), content);
    }
    fs.renameSync(staging, folder);
  } catch (error) {
    try {
      // The integrations folder too, when this run made it: nothing at all is left behind.
      fs.rmSync(madeIntegrations ?? staging, { recursive: true, force: true });
    } catch {
      // Nothing was staged: the folder holding it could not be made.
    }
    throw new UserError(`cannot create ${shown}: ${describeFileError(error)}; nothing was written`);
  }
  return folder;
}

function isSymbolicLink(candidate: string): boolean {
  try {
    return fs.lstatSync(candidate).isSymbolicLink();
  } catch {
    return false;
  }
}
