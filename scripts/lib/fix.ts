import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IntegrationFindings, TextEdit } from './findings';
import { INTEGRATIONS_FOLDER } from './integration/load';
import { isInside } from './integration/paths';
import { decodeText } from './text-file';

export interface FixResult {
  /** The files rewritten, as the findings name them (relative to the root), with how many edits each took. */
  fixed: { file: string; edits: number }[];
  /** Edits left for another run: one overlaps an edit taken, or its text changed since the check. */
  left: number;
  /** Files with edits that were not written, and why: no run will write them as things stand. */
  refused: { file: string; reason: string }[];
}

interface FileEdits {
  /** The file as the first finding names it. */
  file: string;
  edits: TextEdit[];
}

/**
 * The edits for each file, by where it really is: a file reached by two paths (a linked template,
 * a linked integration) gets its edits once. A file that cannot be found, or that really is
 * outside its integration's folder (a manifest linked from elsewhere), is refused.
 */
function editsByFile(root: string, results: IntegrationFindings[], refused: FixResult['refused']): Map<string, FileEdits> {
  const byFile = new Map<string, { file: string; edits: Map<string, TextEdit> }>();
  const refuse = (file: string, reason: string) => {
    if (!refused.some((entry) => entry.file === file)) refused.push({ file, reason });
  };
  for (const result of results) {
    const folder = path.join(root, INTEGRATIONS_FOLDER, result.name);
    for (const finding of result.findings) {
      if (!finding.edit) continue;
      let real: string;
      let realFolder: string;
      try {
        real = fs.realpathSync(path.resolve(root, finding.file));
        realFolder = fs.realpathSync(folder);
      } catch (error) {
        refuse(finding.file, (error as Error).message);
        continue;
      }
      if (!isInside(realFolder, real)) {
        refuse(finding.file, `it leads outside the ${result.name} integration's folder`);
        continue;
      }
      const entry = byFile.get(real) ?? { file: finding.file, edits: new Map<string, TextEdit>() };
      entry.edits.set(JSON.stringify(finding.edit), finding.edit);
      byFile.set(real, entry);
    }
  }
  return new Map([...byFile].map(([real, entry]) => [real, { file: entry.file, edits: [...entry.edits.values()] }]));
}

/**
 * Writes `text` in place of `file`: whole, beside it first and then renamed over it, with its
 * mode, so that a failed write leaves it as it was.
 */
function replaceFile(file: string, text: string): void {
  const stat = fs.statSync(file);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.ld-hook-kit-${process.pid}`);
  try {
    fs.writeFileSync(temporary, text, { flag: 'wx' });
    // Set after the write: the mode given to a new file goes through the umask.
    fs.chmodSync(temporary, stat.mode & 0o7777);
    // Run as root, the new file would be root's: its owner could no longer write it.
    if (process.getuid?.() === 0 && (stat.uid !== 0 || stat.gid !== 0)) fs.chownSync(temporary, stat.uid, stat.gid);
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** The text with the edits made, last to first so that the offsets of the others hold; and how many were made. */
function edited(text: string, edits: TextEdit[]): { text: string; made: number } {
  let made = 0;
  let before = Infinity;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    // The text to replace is checked, not the whole file: an edit still lands only on what it was made for.
    if (edit.end > before || text.slice(edit.start, edit.end) !== edit.replaced) continue;
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    before = edit.start;
    made++;
  }
  return { text, made };
}

/**
 * Applies the findings' edits to their files under `root`. An edit that overlaps one made, or
 * whose text is no longer what it was when checked, is left for another run. A file is written
 * where it really is (a link stays a link), never outside the root, nor over a read-only file or
 * one with other hard links; one that cannot be written is refused, and the others are still written.
 */
export function applyEdits(root: string, results: IntegrationFindings[]): FixResult {
  const result: FixResult = { fixed: [], left: 0, refused: [] };
  const realRoot = fs.realpathSync(root);
  for (const [real, { file, edits }] of editsByFile(root, results, result.refused)) {
    if (!isInside(realRoot, real)) {
      result.refused.push({ file, reason: 'it leads outside the root' });
      continue;
    }
    try {
      fs.accessSync(real, fs.constants.R_OK | fs.constants.W_OK);
      // Its other names are the same file, and nothing tells where they are: outside the folder, maybe.
      const stat = fs.statSync(real);
      const links = stat.nlink;
      // Root may write any file: one its owner may not write was made read-only on purpose all the same.
      if (stat.isFile() && (stat.mode & 0o200) === 0) {
        result.refused.push({ file, reason: 'it is read-only: make it writable (chmod u+w), then run --fix again' });
        continue;
      }
      if (stat.isFile() && links > 1) {
        const others = links === 2 ? 'another hard link' : `${links - 1} other hard links`;
        result.refused.push({ file, reason: `it has ${others}, which --fix would change too, wherever it is: give it a file of its own (cp), then run --fix again` });
        continue;
      }
      const decoded = decodeText(fs.readFileSync(real));
      // Written back, its bad bytes would become U+FFFD: a change no edit asked for. A BOM stays, and edits count it.
      if (!decoded.ok && decoded.problem === 'encoding') {
        result.refused.push({ file, reason: `it ${decoded.message}, then run --fix again` });
        continue;
      }
      const { text, made } = edited(decoded.ok ? decoded.text : `\uFEFF${decoded.readable}`, edits);
      result.left += edits.length - made;
      if (made === 0) continue;
      replaceFile(real, text);
      result.fixed.push({ file, edits: made });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      result.refused.push({ file, reason: code === 'EACCES' || code === 'EPERM' ? 'you may not write it, or its folder' : (error as Error).message });
    }
  }
  return result;
}
