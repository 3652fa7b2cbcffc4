import * as path from 'node:path';
import type * as Chokidar from 'chokidar';
import { INTEGRATIONS_FOLDER, MANIFEST_FILE } from '../lib/integration/load';
import { describeFileError } from '../lib/errors';
import { visible } from '../lib/format/visible';
import { isInside, realPathSoFar } from '../lib/integration/paths';
import { defaultSamplesDir } from '../lib/samples/load';
import { openWorkspace, resolveNames } from '../lib/workspace';
import { execute, type ExitCode } from './shared';

const CLEAR_SCREEN = '\u001b[2J\u001b[3J\u001b[H';
const SETTLE_MS = 120;
const NEVER_WATCHED = /(^|[/\\])(node_modules|\.git)([/\\]|$)/;

/**
 * Runs `action` now and again whenever something under `targets` (folders or files) changes,
 * clearing the screen first. Errors (a half-typed manifest, a template that does not parse) are
 * shown and watching goes on. Resolves when the process is interrupted.
 *
 * Each target is watched from the folder that holds it, with everything else there ignored: a
 * watch on the target itself ends for good when it is deleted, and `git checkout` deletes and
 * recreates folders.
 *
 * `manifestsIn`, an integrations/ folder, adds the manifest of every integration there, those
 * made after the start included: rules that compare integrations read them.
 *
 * No symbolic link is followed: a loop would crash the watcher and a link out of the folder
 * would have it crawl wherever it leads. A target reached through one (a linked integration
 * folder or root) is watched where it really is.
 */
export function watchAndRerun(targets: string[], action: () => ExitCode | Promise<ExitCode>, manifestsIn?: string): Promise<ExitCode> {
  const wanted = targets.map((target) => realPathSoFar(path.resolve(target)));
  const integrations = manifestsIn === undefined ? undefined : realPathSoFar(path.resolve(manifestsIn));
  const parents = [...new Set([...wanted.map((target) => path.dirname(target)), ...(integrations ? [integrations] : [])])];
  const isIntegrationOrManifest = (candidate: string) =>
    integrations !== undefined &&
    (path.dirname(candidate) === integrations || (path.basename(candidate) === MANIFEST_FILE && path.dirname(path.dirname(candidate)) === integrations));
  const followed = (candidate: string) =>
    parents.includes(candidate) || wanted.some((target) => isInside(target, candidate)) || isIntegrationOrManifest(candidate);
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  // Told under the next run's output: the run clears the screen first.
  const unwatchable: string[] = [];
  const rerun = () => {
    running = running.then(async () => {
      if (process.stdout.isTTY) process.stdout.write(CLEAR_SCREEN);
      await execute(action);
      for (const line of unwatchable.splice(0)) process.stderr.write(line);
      // On stderr: stdout holds the command's own output, which may be a JSON document.
      process.stderr.write('\n[watching for changes; Ctrl-C to stop]\n');
    });
  };
  // Loaded here: only --watch needs it, and every other run should not pay for it.
  const { watch } = require('chokidar') as typeof Chokidar;
  const watcher = watch(parents, {
    ignoreInitial: true,
    followSymlinks: false,
    ignored: (candidate: string) => NEVER_WATCHED.test(candidate) || !followed(path.resolve(candidate)),
  });
  const rerunSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(rerun, SETTLE_MS);
  };
  // A folder it may not read is no reason to stop watching the rest.
  watcher.on('error', (error) => unwatchable.push(cannotWatch(error)));
  // Changes made before the first scan ends would be missed: the first run waits for it. Events
  // are heard only from then on, since chokidar's scan reports each symbolic link as added
  // despite ignoreInitial; an error from then on starts a run too, which shows its line.
  watcher.once('ready', () => {
    watcher.on('all', rerunSoon);
    watcher.on('error', rerunSoon);
    rerun();
  });
  return new Promise((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      void watcher.close().then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** The line saying what the watcher cannot watch, with what it quotes escaped as a user error's is. */
function cannotWatch(error: unknown): string {
  const where = (error as NodeJS.ErrnoException)?.path;
  return `ld-hook-kit: cannot watch ${visible(where ?? 'a file')}: ${visible(describeFileError(error))}; watching the rest\n`;
}

/** The integrations/ folder of `root`, whose manifests --watch follows for the rules that compare integrations. */
export function integrationsFolder(root: string): string {
  return path.resolve(root, INTEGRATIONS_FOLDER);
}

/**
 * The folders whose changes can change a result: the integrations checked and the samples. A
 * root or a name that is not there is refused first, as without --watch: no edit inside the
 * folders watched can fix a typo on the command line, so watching would only wait forever.
 */
export function watchedFolders(root: string, names: string[]): string[] {
  const named = resolveNames(openWorkspace(root), names);
  const integrations = integrationsFolder(root);
  const folders = named.length > 0 ? named.map((name) => path.join(integrations, name)) : [integrations];
  return [...folders, defaultSamplesDir()];
}
