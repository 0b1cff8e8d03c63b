/**
 * The file a preview read, kept for the commit that follows it. The Import page previews a
 * file and then commits the same bytes; the commit plans again (nothing the client computed is
 * trusted, and the catalog or the price history may have changed meanwhile), but reading the
 * file is a pure function of its bytes and name, so the commit takes the preview's grid instead
 * of parsing the file twice (a 50,000-row XLSX read is half of a preview).
 *
 * One file is kept, by a SHA-256 of its bytes and its name, for at most KEEP_MS; a commit lets
 * it go (the import is done). A job worker keeps its own (the runner gives the commit to the
 * first idle worker, the preview's when nothing else runs); a miss only costs the read. The grid
 * is never changed by the pipeline, so one read serves both.
 */
import { createHash } from 'node:crypto';
import type { Workbook } from './grid';
import { readWorkbook } from './read';

/** How long a read file waits for its commit. */
export const KEEP_MS = 10 * 60_000;

interface Kept {
  key: string;
  wb: Workbook;
  until: number;
  timer: NodeJS.Timeout;
}

let kept: Kept | undefined;

/** Reads so far that found the file kept, and that read it (for tests and the bench). */
export const keptStats = { hits: 0, reads: 0 };

function keyOf(buf: Buffer, fileName: string): string {
  return `${createHash('sha256').update(buf).digest('hex')}\u0000${fileName}`;
}

/** readWorkbook(buf, fileName), from the kept read of the same bytes and name when there is one. */
export async function readKept(buf: Buffer, fileName: string): Promise<Workbook> {
  const key = keyOf(buf, fileName);
  if (kept && kept.key === key && kept.until > Date.now()) {
    keptStats.hits++;
    return kept.wb;
  }
  forgetKept();
  keptStats.reads++;
  // A refused file throws here and nothing is kept.
  const wb = await readWorkbook(buf, fileName);
  // (another file may have been read meanwhile: the last read is kept)
  forgetKept();
  const timer = setTimeout(forgetKept, KEEP_MS);
  timer.unref();
  kept = { key, wb, until: Date.now() + KEEP_MS, timer };
  return wb;
}

/** Let the kept file go (after a commit, or in tests). */
export function forgetKept(): void {
  if (!kept) return;
  clearTimeout(kept.timer);
  kept = undefined;
}
