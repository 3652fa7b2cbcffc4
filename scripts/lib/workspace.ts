import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFileError, UserError, USAGE_EXIT_CODE } from './errors';
import { INTEGRATIONS_FOLDER, listIntegrationNames, loadIntegration, requireRootFolder, statOrError, type Integration } from './integration/load';
import type { Sample } from './samples/types';
import { closest } from './suggest';

export interface WorkspaceOptions {
  /** The folder laid out like the framework repository. */
  root: string;
  /** The root as the user wrote it (`.` when omitted): the commands findings suggest repeat it. */
  givenRoot?: string;
  /** Sample events the rendering checks use; none when omitted. */
  samples?: () => Sample[];
}

/**
 * State shared by every check of one run, built on first use and kept: the integrations of
 * the root (some rules compare integrations with each other) and the sample events.
 */
export class Workspace {
  readonly root: string;
  readonly givenRoot: string;
  private readonly loadSamples: () => Sample[];
  private integrationCache = new Map<string, Integration>();
  private allNames?: string[];
  private sampleCache?: Sample[];
  private memos = new Map<string, unknown>();
  private integrationMemos = new Map<string, Map<string, unknown>>();

  constructor(options: WorkspaceOptions) {
    this.root = options.root;
    this.givenRoot = options.givenRoot ?? '.';
    this.loadSamples = options.samples ?? (() => []);
  }

  integrationNames(): string[] {
    this.allNames ??= listIntegrationNames(this.root);
    return this.allNames;
  }

  integration(name: string): Integration {
    let integration = this.integrationCache.get(name);
    if (!integration) {
      integration = loadIntegration(this.root, name);
      this.integrationCache.set(name, integration);
    }
    return integration;
  }

  /** Every integration under the root, loaded. */
  integrations(): Integration[] {
    return this.integrationNames().map((name) => this.integration(name));
  }

  /** Computes a value once per run, so that work shared across integrations (a parsed template text) is done once. */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /** Like memo, for work on one integration (its renderings): kept until release(name). */
  memoFor<T>(name: string, key: string, compute: () => T): T {
    let memos = this.integrationMemos.get(name);
    if (!memos) {
      memos = new Map();
      this.integrationMemos.set(name, memos);
    }
    if (!memos.has(key)) memos.set(key, compute());
    return memos.get(key) as T;
  }

  /**
   * Forgets what memoFor kept for an integration whose checks are done: a fork of hundreds of
   * integrations then needs no more memory than a few, and the collector less time.
   */
  release(name: string): void {
    this.integrationMemos.delete(name);
  }

  samples(): Sample[] {
    this.sampleCache ??= this.loadSamples();
    return this.sampleCache;
  }
}

/**
 * The repository `folder` is inside when it is an integrations/ folder or under one (the working
 * folder of someone who went into their integration's folder): the nearest such folder's parent.
 */
export function repositoryAround(folder: string): string | undefined {
  for (let current = folder; ; current = path.dirname(current)) {
    if (path.basename(current) === INTEGRATIONS_FOLDER) return path.dirname(current);
    if (path.dirname(current) === current) return undefined;
  }
}

/** How to reach the repository a root without integrations/ is inside, if it is inside one. */
export function rootHint(absolute: string): string {
  const repository = repositoryAround(absolute);
  if (!repository) return 'point --root at a folder laid out like the integration-framework repository';
  const inside = `it is inside ${path.join(repository, INTEGRATIONS_FOLDER)}`;
  return absolute === process.cwd() ? `${inside}: run from ${repository}, or pass --root ${repository}` : `${inside}: pass --root ${repository}`;
}

/** Checks that `root` looks like the framework repository; usage errors otherwise. */
export function openWorkspace(root: string, samples?: () => Sample[]): Workspace {
  const absolute = requireRootFolder(root);
  const integrations = path.join(absolute, INTEGRATIONS_FOLDER);
  const integrationsStat = statOrError(integrations);
  // Only a folder that is really not there is "no folder": a permission error says so below.
  if (integrationsStat instanceof Error ? integrationsStat.code === 'ENOENT' : !integrationsStat.isDirectory()) {
    throw new UserError(`${root} has no ${INTEGRATIONS_FOLDER}/ folder; ${rootHint(absolute)}`, USAGE_EXIT_CODE);
  }
  const workspace = new Workspace({ root: absolute, givenRoot: root, samples });
  try {
    workspace.integrationNames();
  } catch (error) {
    throw new UserError(`cannot list ${integrations}: ${describeFileError(error)}`, USAGE_EXIT_CODE);
  }
  return workspace;
}

/** The folder name a path (`integrations/discord`, `discord/`) ends with, when it is an integration's. */
function folderNamed(name: string, known: string[]): string | undefined {
  if (!/[\\/]/.test(name)) return undefined;
  const last = name.split(/[\\/]/).filter((segment) => segment !== '').pop();
  return last !== undefined && known.includes(last) ? last : undefined;
}

/** Where a link under integrations/ leads, when it leads to no folder (nowhere, a file, a loop of links). */
function brokenLink(folder: string): string | undefined {
  try {
    if (!fs.lstatSync(folder).isSymbolicLink()) return undefined;
    return `; it is a link to ${JSON.stringify(fs.readlinkSync(folder))}, which leads to no folder`;
  } catch {
    return undefined;
  }
}

/** What to say to a name that is no integration: where its link leads, the folder name a path ends with, or close names. */
function nameHint(root: string, name: string, known: string[]): string {
  if (!/[\\/]./.test(name)) {
    const link = brokenLink(path.join(root, INTEGRATIONS_FOLDER, name));
    if (link) return link;
  }
  const folder = folderNamed(name, known);
  if (folder) return `; give the folder name: ${folder}`;
  const suggestions = closest(name, known);
  return suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : '';
}

/**
 * The integration folder each name gives: the name itself, or without the one slash that shell
 * completion of a folder's name adds (`acme/`). Refuses names that are neither, suggesting close
 * ones, or the folder name a path ends with.
 */
export function resolveNames(workspace: Workspace, names: string[]): string[] {
  const known = workspace.integrationNames();
  return names.map((name) => {
    const folder = name.endsWith('/') ? name.slice(0, -1) : name;
    if (!known.includes(folder)) {
      throw new UserError(`no integration named ${name} under ${path.join(workspace.root, INTEGRATIONS_FOLDER)}${nameHint(workspace.root, folder, known)}`, USAGE_EXIT_CODE);
    }
    return folder;
  });
}
