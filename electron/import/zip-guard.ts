/**
 * The archive side of an XLSX, guarded. yauzl reads the zip directory (the central one, as Excel
 * and every careful reader do, never the local headers a streaming unzipper trusts); the sizes it
 * declares are refused before anything is inflated; then every entry is inflated exactly once and
 * its bytes are counted as they come out, so the verdict rests on what the archive really unpacks
 * to, not on the sizes it declares (a zip bomb under-declares), and memory stays at one chunk per
 * entry whatever the archive holds. The reader parses the parts it needs from those same counted
 * chunks (`part`), and `drain` counts the rest, so a good workbook is inflated once, not twice.
 */
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { LIMITS } from './grid';

export interface ZipSummary {
  entries: string[];
  unzippedBytes: number;
}

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxUnzippedBytes: number;
  maxCompressionRatio: number;
}

const DEFAULT_LIMITS: ZipLimits = {
  maxEntries: LIMITS.maxZipEntries,
  maxEntryBytes: LIMITS.maxZipEntryBytes,
  maxUnzippedBytes: LIMITS.maxUnzippedBytes,
  maxCompressionRatio: LIMITS.maxCompressionRatio,
};

/** A ratio above the limit only counts once this much has been inflated (tiny files compress oddly). */
const RATIO_FLOOR_BYTES = 10 * 1048576;

/** Inflated bytes per chunk handed to a reader. */
const INFLATE_CHUNK = 256 * 1024;

const mb = (n: number): string => `${Math.round(n / 1048576)} MB`;

/** What is wrong with the archive itself: a limit it broke, or a zip that cannot be read. */
export class ZipError extends Error {}

/** A limit the archive broke (as opposed to a zip the library could not read). */
class Refused extends ZipError {}

function damaged(e: unknown): ZipError {
  const why = e instanceof Error ? e.message : String(e);
  return new ZipError(`the file is truncated or damaged (${why.slice(0, 160)})`);
}

function open(buf: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // Sizes are compared with what is inflated below, by our own count, so that one place decides.
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: false, strictFileNames: false }, (err, zip) => {
      if (err) reject(damaged(err));
      else resolve(zip);
    });
  });
}

function listEntries(zip: ZipFile, limits: ZipLimits): Promise<Entry[]> {
  if (zip.entryCount > limits.maxEntries) {
    return Promise.reject(new ZipError(`it holds ${zip.entryCount.toLocaleString('en')} files (limit ${limits.maxEntries.toLocaleString('en')})`));
  }
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (e: Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (e) => reject(damaged(e)));
    zip.readEntry();
  });
}

/**
 * An entry's inflated bytes. yauzl hands over the raw bytes and zlib inflates them here in large
 * chunks (yauzl's own inflater gives 16 kB ones: four times the time for a 15 MB sheet).
 */
function openStream(zip: ZipFile, entry: Entry): Promise<NodeJS.ReadableStream> {
  if (entry.isEncrypted()) return Promise.reject(new ZipError('it is password-protected; save it without a password first'));
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    return Promise.reject(damaged(`part ${entry.fileName} uses compression method ${entry.compressionMethod}`));
  }
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, { decodeFileData: false }, (err, raw) => {
      if (err) return reject(damaged(err));
      if (entry.compressionMethod === 0) return resolve(raw);
      const inflate = zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK });
      raw.on('error', (e) => inflate.destroy(e));
      // a reader that stops early destroys the inflater; the raw side stops with it
      inflate.on('close', () => raw.destroy());
      resolve(raw.pipe(inflate));
    });
  });
}

/** The sizes the directory declares, refused before anything is inflated. */
function checkDeclared(entries: Entry[], fileBytes: number, limits: ZipLimits): void {
  let unzipped = 0;
  let zipped = 0;
  for (const e of entries) {
    unzipped += e.uncompressedSize;
    zipped += e.compressedSize;
    if (zipped > fileBytes) throw new ZipError('the file is truncated or damaged (zip entry out of bounds)');
  }
  if (unzipped > limits.maxUnzippedBytes) throw new ZipError(`it would unpack to ${mb(unzipped)} (limit ${mb(limits.maxUnzippedBytes)})`);
  const big = entries.find((e) => e.uncompressedSize > limits.maxEntryBytes);
  if (big) throw new ZipError(`its part ${big.fileName} would unpack to ${mb(big.uncompressedSize)} (limit ${mb(limits.maxEntryBytes)})`);
  if (zipped > 0 && unzipped > RATIO_FLOOR_BYTES && unzipped / zipped > limits.maxCompressionRatio) {
    throw new ZipError('it looks like a zip bomb (compression ratio too high)');
  }
}

/** An archive whose directory passed; its entries are inflated on demand, each once, counted. */
export interface GuardedZip {
  /** Entry names in directory order (folders included, as the directory lists them). */
  readonly entries: string[];
  has(name: string): boolean;
  /**
   * The inflated bytes of one part, chunk by chunk, counted against the limits as they come out:
   * the iteration throws the moment the part or the archive breaks one. Each part can be read once.
   */
  part(name: string): AsyncIterable<Buffer>;
  /**
   * Inflates and counts every part not read yet, so the verdict covers the whole archive; `keep`
   * spares the parts the reader will read next (each is inflated once, by its reader).
   */
  drain(keep?: (name: string) => boolean): Promise<void>;
  /** Bytes inflated so far. */
  readonly unzippedBytes: number;
  close(): void;
}

/**
 * Opens the archive and checks its directory (entry count, declared sizes and ratio). Throws an
 * Error whose message says what is wrong with it.
 */
export async function openZip(buf: Buffer, limits: ZipLimits = DEFAULT_LIMITS): Promise<GuardedZip> {
  const zip = await open(buf);
  let entries: Entry[];
  try {
    entries = await listEntries(zip, limits);
    checkDeclared(entries, buf.length, limits);
  } catch (e) {
    zip.close();
    throw e;
  }
  const byName = new Map<string, Entry>();
  for (const e of entries) if (!byName.has(e.fileName)) byName.set(e.fileName, e);
  const read = new Set<Entry>();
  const ratioCap = Math.max(RATIO_FLOOR_BYTES, limits.maxCompressionRatio * buf.length);
  let total = 0;

  async function* inflate(entry: Entry): AsyncGenerator<Buffer> {
    read.add(entry);
    if (entry.fileName.endsWith('/')) return;
    const cap = Math.min(entry.uncompressedSize, limits.maxEntryBytes);
    let n = 0;
    const stream = await openStream(zip, entry);
    const chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    try {
      for (;;) {
        let next: IteratorResult<Buffer>;
        try {
          next = await chunks.next();
        } catch (e) {
          throw damaged(e);
        }
        if (next.done) break;
        const chunk = next.value;
        n += chunk.length;
        total += chunk.length;
        if (n > cap) {
          throw new Refused(
            n > entry.uncompressedSize
              ? `its part ${entry.fileName} unpacks to more than the ${entry.uncompressedSize.toLocaleString('en')} bytes it declares (a zip bomb or a damaged file)`
              : `its part ${entry.fileName} unpacks to more than ${mb(limits.maxEntryBytes)} (the limit)`,
          );
        }
        if (total > limits.maxUnzippedBytes) throw new Refused(`it unpacks to more than ${mb(limits.maxUnzippedBytes)} (the limit)`);
        if (total > ratioCap) throw new Refused('it looks like a zip bomb (compression ratio too high)');
        yield chunk;
      }
    } finally {
      // Stopping early (a refusal, or a reader that gave up) destroys the stream, which stops the inflation.
      await chunks.return?.();
    }
    if (n < entry.uncompressedSize) throw damaged(`part ${entry.fileName} is shorter than it declares`);
  }

  return {
    entries: entries.map((e) => e.fileName),
    has: (name) => byName.has(name),
    part(name) {
      const entry = byName.get(name);
      if (!entry) throw new Error(`the workbook has no part ${name}`);
      if (read.has(entry)) throw new Error(`part ${name} was already read`);
      return inflate(entry);
    },
    async drain(keep) {
      for (const entry of entries) {
        if (read.has(entry) || keep?.(entry.fileName)) continue;
        for await (const chunk of inflate(entry)) void chunk;
      }
    },
    get unzippedBytes() {
      return total;
    },
    close: () => zip.close(),
  };
}

/** Inflates and counts every entry, keeping nothing: the archive's verdict alone. */
export async function verifyZip(buf: Buffer, limits: ZipLimits = DEFAULT_LIMITS): Promise<ZipSummary> {
  const zip = await openZip(buf, limits);
  try {
    await zip.drain();
    return { entries: zip.entries, unzippedBytes: zip.unzippedBytes };
  } finally {
    zip.close();
  }
}
