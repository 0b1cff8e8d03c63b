/**
 * Checks an XLSX archive before exceljs sees it. yauzl reads the zip directory; then every entry
 * is inflated once as a stream and its bytes are counted and thrown away, so the verdict rests on
 * what the archive really unpacks to, not on the sizes it declares (a zip bomb under-declares),
 * and memory stays at one chunk whatever the archive holds. Only an archive that passed is handed
 * to exceljs.
 */
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

const mb = (n: number): string => `${Math.round(n / 1048576)} MB`;

/** A limit the archive broke (as opposed to a zip the library could not read). */
class Refused extends Error {}

function damaged(e: unknown): Error {
  const why = e instanceof Error ? e.message : String(e);
  return new Error(`the file is truncated or damaged (${why.slice(0, 160)})`);
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
    return Promise.reject(new Error(`it holds ${zip.entryCount.toLocaleString('en')} files (limit ${limits.maxEntries.toLocaleString('en')})`));
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

function openStream(zip: ZipFile, entry: Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) reject(/encrypted/i.test(err.message) ? new Error('it is password-protected; save it without a password first') : damaged(err));
      else resolve(stream);
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
    if (zipped > fileBytes) throw new Error('the file is truncated or damaged (zip entry out of bounds)');
  }
  if (unzipped > limits.maxUnzippedBytes) throw new Error(`it would unpack to ${mb(unzipped)} (limit ${mb(limits.maxUnzippedBytes)})`);
  const big = entries.find((e) => e.uncompressedSize > limits.maxEntryBytes);
  if (big) throw new Error(`its part ${big.fileName} would unpack to ${mb(big.uncompressedSize)} (limit ${mb(limits.maxEntryBytes)})`);
  if (zipped > 0 && unzipped > RATIO_FLOOR_BYTES && unzipped / zipped > limits.maxCompressionRatio) {
    throw new Error('it looks like a zip bomb (compression ratio too high)');
  }
}

/**
 * Inflates every entry, counting the bytes that come out, and aborts the moment an entry gives
 * more than it declared or than the per-entry limit, or the archive more than the total limit or
 * ratio. Throws an Error whose message says what is wrong with the archive.
 */
export async function verifyZip(buf: Buffer, limits: ZipLimits = DEFAULT_LIMITS): Promise<ZipSummary> {
  const zip = await open(buf);
  try {
    const entries = await listEntries(zip, limits);
    checkDeclared(entries, buf.length, limits);
    let total = 0;
    const ratioCap = Math.max(RATIO_FLOOR_BYTES, limits.maxCompressionRatio * buf.length);
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      const cap = Math.min(entry.uncompressedSize, limits.maxEntryBytes);
      let n = 0;
      const stream = await openStream(zip, entry);
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          n += chunk.length;
          total += chunk.length;
          // Breaking out of the loop destroys the stream, which stops the inflation.
          if (n > cap) {
            throw new Refused(
              n > entry.uncompressedSize
                ? `its part ${entry.fileName} unpacks to more than the ${entry.uncompressedSize.toLocaleString('en')} bytes it declares (a zip bomb or a damaged file)`
                : `its part ${entry.fileName} unpacks to more than ${mb(limits.maxEntryBytes)} (the limit)`,
            );
          }
          if (total > limits.maxUnzippedBytes) throw new Refused(`it unpacks to more than ${mb(limits.maxUnzippedBytes)} (the limit)`);
          if (total > ratioCap) throw new Refused('it looks like a zip bomb (compression ratio too high)');
        }
      } catch (e) {
        if (e instanceof Refused) throw e;
        throw damaged(e);
      }
      if (n < entry.uncompressedSize) throw damaged(`part ${entry.fileName} is shorter than it declares`);
    }
    return { entries: entries.map((e) => e.fileName), unzippedBytes: total };
  } finally {
    zip.close();
  }
}
