/**
 * Zip bombs judged by what they inflate to. The archives are written here, byte by byte: the
 * parts of a real exceljs workbook plus a part whose directory records claim a few hundred bytes
 * while its deflate stream unpacks to a gigabyte of zeros.
 */
import { describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { readWorkbook } from '../../../electron/import/read';
import { verifyZip } from '../../../electron/import/zip-guard';
import { xlsx } from './fixtures';

interface Part {
  name: string;
  /** Raw deflate data. */
  deflated: Buffer;
  /** What the local header and the central directory claim. */
  declaredSize: number;
  crc: number;
}

function part(name: string, data: Buffer): Part {
  return { name, deflated: zlib.deflateRawSync(data), declaredSize: data.length, crc: zlib.crc32(data) };
}

/** A deflate stream of `mb` MiB of zeros, about 1 KB per MiB (sync-flushed blocks repeat exactly). */
function zerosDeflated(mib: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array<Buffer>(mib).fill(block), zlib.deflateRawSync(Buffer.alloc(0))]);
}

function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(p.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(p.crc, 16);
    central.writeUInt32LE(p.deflated.length, 20);
    central.writeUInt32LE(p.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.deflated);
    centrals.push(central, name);
    offset += 30 + name.length + p.deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** The parts of a genuine workbook written by exceljs, read back with yauzl. */
async function workbookParts(): Promise<Part[]> {
  const buf = await xlsx([{ name: 'Quotes', rows: [['Model', 'Price'], ['H20', 100_000]] }]);
  return new Promise((resolve, reject) => {
    const parts: Part[] = [];
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, z) => {
      if (err) return reject(err);
      z.on('entry', (e: yauzl.Entry) => {
        z.openReadStream(e, (err2, s) => {
          if (err2) return reject(err2);
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => {
            parts.push(part(e.fileName, Buffer.concat(chunks)));
            z.readEntry();
          });
        });
      });
      z.on('end', () => resolve(parts));
      z.readEntry();
    });
  });
}

/** Runs fn while sampling the resident set; gives the largest growth seen. */
async function peakRssGrowth(fn: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  try {
    await fn();
  } finally {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  return peak - before;
}

describe('zip bombs', () => {
  it('the hand-written archive is a workbook the reader accepts', async () => {
    const wb = await readWorkbook(zip(await workbookParts()), 'ok.xlsx');
    expect(wb.sheets[0]!.rows[1]).toEqual(['H20', 100_000]);
  });

  it('stops an under-declared bomb (1 MB file, 1 GB inflated, 300 bytes declared) with bounded memory', async () => {
    const bomb = { name: 'xl/media/image1.png', deflated: zerosDeflated(1024), declaredSize: 300, crc: 0 };
    const file = zip([...(await workbookParts()), bomb]);
    expect(file.length).toBeLessThan(2 * 1048576);
    let error: unknown;
    const growth = await peakRssGrowth(() => readWorkbook(file, 'bomb.xlsx').catch((e: unknown) => (error = e)));
    expect(String((error as Error | undefined)?.message)).toMatch(
      /cannot import bomb\.xlsx: its part xl\/media\/image1\.png unpacks to more than the 300 bytes it declares/,
    );
    expect(growth).toBeLessThan(100 * 1048576);
  });

  it('stops an under-declared sheet XML the same way', async () => {
    const parts = await workbookParts();
    const sheet = parts.find((p) => /^xl\/worksheets\/sheet1\.xml$/.test(p.name))!;
    Object.assign(sheet, { deflated: zerosDeflated(512), declaredSize: 1000 });
    await expect(readWorkbook(zip(parts), 'sheet.xlsx')).rejects.toThrow(/unpacks to more than the 1,000 bytes it declares/);
  });

  it('refuses declared sizes past the per-part, total and count limits before inflating', async () => {
    const honest = zip([part('xl/a.bin', Buffer.alloc(3 * 1048576)), part('xl/b.bin', Buffer.alloc(3 * 1048576))]);
    const limits = { maxEntries: 10, maxEntryBytes: 4 * 1048576, maxUnzippedBytes: 100 * 1048576, maxCompressionRatio: 1e9 };
    await expect(verifyZip(honest, limits)).resolves.toMatchObject({ unzippedBytes: 6 * 1048576 });
    await expect(verifyZip(honest, { ...limits, maxEntryBytes: 2 * 1048576 })).rejects.toThrow(/xl\/a\.bin would unpack to 3 MB \(limit 2 MB\)/);
    await expect(verifyZip(honest, { ...limits, maxUnzippedBytes: 5 * 1048576 })).rejects.toThrow(/would unpack to 6 MB \(limit 5 MB\)/);
    await expect(verifyZip(honest, { ...limits, maxEntries: 1 })).rejects.toThrow(/holds 2 files \(limit 1\)/);
  });

  it('refuses an archive with more parts than the limit before inflating any', async () => {
    const empty = part('x', Buffer.alloc(0));
    const many = zip(Array.from({ length: 10_001 }, (_, i) => ({ ...empty, name: `xl/p${i}.xml` })));
    await expect(readWorkbook(many, 'many.xlsx')).rejects.toThrow(/holds 10,001 files \(limit 10,000\)/);
  });

  it('calls a part that stops short of its declared size damaged', async () => {
    const short = zip([{ ...part('xl/a.xml', Buffer.from('<a/>')), declaredSize: 5000 }]);
    await expect(verifyZip(short)).rejects.toThrow(/truncated or damaged \(part xl\/a\.xml is shorter than it declares\)/);
  });
});
