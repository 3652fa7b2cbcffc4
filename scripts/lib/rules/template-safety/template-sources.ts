import { pointerFrom } from '../../integration/json-source';
import type { Integration } from '../../integration/load';
import { auditLogEventsHookOf, TEMPLATE_KINDS, usesStandardPayload, type TemplateKind } from '../../integration/manifest';
import type { Workspace } from '../../workspace';
import type { Report } from '../types';
import { isRecord } from '../../json-value';
import { analyzeTemplate, type TemplateAnalysis } from '../../render/template-analysis';
import { sharedConfinedPath, sharedTemplateTree, sharedTextFile, type Decoding } from '../template-trees';
import { readFailureOf, writtenPathFailure } from '../../render/template-read';
import { ENDPOINT_POINTER } from '../../render/request';

export type SourceStatus = 'ok' | 'refused' | 'missing' | 'folder' | 'folder-path' | 'detour' | 'unreadable' | 'unparsable';

/** One template file named in the manifest (several kinds may name the same file). */
export interface TemplateSource {
  /** As the manifest writes it, relative to the integration folder. */
  file: string;
  kinds: TemplateKind[];
  /** Pointer of the first manifest entry that names the file. */
  pointer: string;
  status: SourceStatus;
  /** For `unreadable`: the system's error, in words and code. */
  reason?: string;
  /** A byte order mark, or bytes that are not UTF-8, and where: `source` is then the text as far as it can be read. */
  decoding?: Decoding;
  source?: string;
  ast?: hbs.AST.Program;
  /** Built on first use. */
  analysis?: TemplateAnalysis;
}

/** False when LaunchDarkly renders no template of this integration (no hook, standard payload). */
function usesTemplates(integration: Integration): boolean {
  const hook = auditLogEventsHookOf(integration.manifest);
  return Boolean(hook && !usesStandardPayload(hook) && isRecord(hook.templates));
}

function readSources(integration: Integration, workspace: Workspace): TemplateSource[] {
  const hook = auditLogEventsHookOf(integration.manifest);
  if (!hook || !usesTemplates(integration)) return [];
  const templates = hook.templates as Record<string, unknown>;
  const byFile = new Map<string, TemplateSource>();
  for (const kind of TEMPLATE_KINDS) {
    const file = templates[kind];
    if (typeof file !== 'string') continue;
    const known = byFile.get(file);
    if (known) {
      known.kinds.push(kind);
      continue;
    }
    const entry: TemplateSource = {
      file,
      kinds: [kind],
      pointer: pointerFrom(['capabilities', 'auditLogEventsHook', 'templates', kind]),
      status: 'ok',
    };
    byFile.set(file, entry);
    const confined = sharedConfinedPath(workspace, integration.dir, file);
    if (!confined.ok) {
      entry.status = 'refused';
      continue;
    }
    const written = writtenPathFailure(integration.dir, file);
    if (written) {
      entry.status = written;
      continue;
    }
    const read = sharedTextFile(workspace, confined.absolute);
    if (!read.ok) {
      // Bytes that are not clean text came back readable, with their `decoding`: what fails here is the reading.
      entry.status = read.code === undefined ? 'unreadable' : readFailureOf(read.code);
      entry.reason = read.reason;
      continue;
    }
    if ('decoding' in read) entry.decoding = read.decoding;
    entry.source = read.text;
    entry.ast = sharedTemplateTree(workspace, entry.source);
    if (!entry.ast) entry.status = 'unparsable';
  }
  return [...byFile.values()];
}

/** The template files of an integration, read and parsed once for all the rules that check it. */
export function templateSources(integration: Integration, workspace: Workspace): TemplateSource[] {
  return workspace.memoFor(integration.name, 'template-sources', () => readSources(integration, workspace));
}

export function analysisOf(entry: TemplateSource): TemplateAnalysis | undefined {
  if (!entry.ast) return undefined;
  entry.analysis ??= analyzeTemplate(entry.ast);
  return entry.analysis;
}

/** The endpoint url and header values: Handlebars texts that live in the manifest itself. */
export function endpointTexts(integration: Integration): { pointer: string; label: string; text: string }[] {
  const endpoint = auditLogEventsHookOf(integration.manifest)?.endpoint;
  if (!isRecord(endpoint)) return [];
  const texts: { pointer: string; label: string; text: string }[] = [];
  if (typeof endpoint.url === 'string') {
    texts.push({ pointer: `${ENDPOINT_POINTER}/url`, label: 'the endpoint url', text: endpoint.url });
  }
  if (Array.isArray(endpoint.headers)) {
    endpoint.headers.forEach((header, index) => {
      if (!isRecord(header) || typeof header.value !== 'string') return;
      const name = typeof header.name === 'string' ? ` (${header.name})` : '';
      texts.push({
        pointer: `${ENDPOINT_POINTER}/headers/${index}/value`,
        label: `header ${index + 1}${name}`,
        text: header.value,
      });
    });
  }
  return texts;
}

/** A problem found in one template's tree, at a place in that template. */
export interface TemplateProblem {
  line: number;
  column: number;
  message: string;
}

/**
 * Runs a check of template trees over every template the integration names and over its
 * endpoint url and header values, which the same renderer renders.
 */
export function checkEveryTemplate(
  integration: Integration,
  workspace: Workspace,
  // `endpoint`: the text sees the form values at the top, where a body template sees the event.
  problems: (program: hbs.AST.Program, endpoint: boolean) => TemplateProblem[],
): Report[] {
  const reports: Report[] = [];
  for (const entry of templateSources(integration, workspace)) {
    if (!entry.ast) continue;
    for (const problem of problems(entry.ast, false)) reports.push({ file: entry.file, ...problem });
  }
  for (const { pointer, label, text } of endpointTexts(integration)) {
    const ast = sharedTemplateTree(workspace, text);
    if (!ast) continue;
    for (const problem of problems(ast, true)) reports.push(endpointReport({ pointer, label }, problem));
  }
  return reports;
}

/** A problem of an endpoint url or header value: at its place inside the manifest string, named by the value's label. */
export function endpointReport(text: { pointer: string; label: string }, problem: TemplateProblem): Report {
  return { pointer: text.pointer, within: { line: problem.line, column: problem.column }, message: `${text.label}: ${problem.message}` };
}
