import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IntegrationFindings, TextEdit } from './findings';
import { isInside } from './integration/paths';

export interface FixResult {
  /** The files rewritten, relative to the root, with how many edits each took. */
  fixed: { file: string; edits: number }[];
  /** Edits left for another run: one overlaps an edit taken, or its text changed since the check. */
  skipped: number;
}

/** The edits for each file, relative to the root, each edit once however many findings carry it. */
function editsByFile(results: IntegrationFindings[]): Map<string, TextEdit[]> {
  const byFile = new Map<string, Map<string, TextEdit>>();
  for (const finding of results.flatMap((result) => result.findings)) {
    if (!finding.edit) continue;
    const edits = byFile.get(finding.file) ?? new Map<string, TextEdit>();
    edits.set(JSON.stringify(finding.edit), finding.edit);
    byFile.set(finding.file, edits);
  }
  return new Map([...byFile].map(([file, edits]) => [file, [...edits.values()]]));
}

/** Writes `text` in place of `file` whole: beside it first, then renamed over it, keeping its mode. */
function replaceFile(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.ld-hook-kit-${process.pid}`);
  try {
    fs.writeFileSync(temporary, text, { mode: fs.statSync(file).mode & 0o777, flag: 'wx' });
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/**
 * Applies the findings' edits to their files under `root`. In each file the edits go from the last
 * to the first, so that the offsets of the others hold; one that overlaps an edit taken, or whose
 * text is no longer what it was when checked, is left for another run. A file is written through
 * to where it really is (a link stays a link) and replaced whole, so a failed write leaves it as
 * it was.
 */
export function applyEdits(root: string, results: IntegrationFindings[]): FixResult {
  const result: FixResult = { fixed: [], skipped: 0 };
  for (const [file, edits] of editsByFile(results)) {
    let real: string;
    let text: string;
    try {
      real = fs.realpathSync(path.resolve(root, file));
      text = fs.readFileSync(real, 'utf8');
    } catch {
      // Gone or unreadable since the check: nothing to fix there now.
      result.skipped += edits.length;
      continue;
    }
    // Findings name files of the integrations under the root: never write anywhere else.
    if (!isInside(fs.realpathSync(root), real)) {
      result.skipped += edits.length;
      continue;
    }
    let taken = 0;
    let before = Infinity;
    for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
      if (edit.end > before || text.slice(edit.start, edit.end) !== edit.replaced) {
        result.skipped++;
        continue;
      }
      text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
      before = edit.start;
      taken++;
    }
    if (taken === 0) continue;
    replaceFile(real, text);
    result.fixed.push({ file, edits: taken });
  }
  return result;
}
