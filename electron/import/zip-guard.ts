/**
 * Checks an XLSX's zip directory before exceljs inflates anything: a truncated file, a zip
 * bomb or an absurd declared size is refused up front, so memory and time stay bounded.
 */
import { LIMITS } from './grid';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

export interface ZipSummary {
  entries: string[];
  unzippedBytes: number;
}

/** Throws an Error whose message says what is wrong with the archive. */
export function inspectZip(buf: Buffer): ZipSummary {
  const min = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('the file is truncated or damaged (its zip directory is missing)');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new Error('ZIP64 archives are not supported for price sheets');
  if (cdOffset + cdSize > eocd) throw new Error('the file is truncated or damaged (zip directory out of bounds)');
  const entries: string[] = [];
  let unzipped = 0;
  let zipped = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new Error('the file is damaged (bad zip directory entry)');
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    if (localOffset + 30 + compressed > cdOffset) throw new Error('the file is truncated or damaged (zip entry out of bounds)');
    entries.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    unzipped += size;
    zipped += compressed;
    p += 46 + nameLen + extraLen + commentLen;
  }
  if (unzipped > LIMITS.maxUnzippedBytes) {
    throw new Error(`it would unpack to ${Math.round(unzipped / 1048576)} MB (limit ${LIMITS.maxUnzippedBytes / 1048576} MB)`);
  }
  if (zipped > 0 && unzipped > 10 * 1048576 && unzipped / zipped > LIMITS.maxCompressionRatio) {
    throw new Error('it looks like a zip bomb (compression ratio too high)');
  }
  return { entries, unzippedBytes: unzipped };
}
