import { listIntegrationNames, loadIntegration, type Integration } from './integration/load';
import type { Sample } from './samples/types';

export interface WorkspaceOptions {
  /** The folder laid out like the framework repository. */
  root: string;
  /** Sample events the rendering checks use; none when omitted. */
  samples?: () => Sample[];
}

/**
 * State shared by every check of one run, built on first use and kept: the integrations of
 * the root (some rules compare integrations with each other) and the sample events.
 */
export class Workspace {
  readonly root: string;
  private readonly loadSamples: () => Sample[];
  private integrationCache = new Map<string, Integration>();
  private allNames?: string[];
  private sampleCache?: Sample[];
  private memos = new Map<string, unknown>();

  constructor(options: WorkspaceOptions) {
    this.root = options.root;
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

  /** Computes a value once per run, so that rules sharing work (renderings) do it once. */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  samples(): Sample[] {
    this.sampleCache ??= this.loadSamples();
    return this.sampleCache;
  }
}
