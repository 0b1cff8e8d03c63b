/**
 * The import's speed-ups must answer exactly as the work they skip: the clean() fast path for
 * Chinese text, a row's joined text built from its cleaned cells, said() from a remembered
 * English template, and the kept read of a file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { clean as sharedClean } from '../../../shared/document/cell-text';
import { clean, STABLE_CHARS } from '../../../electron/import/text';
import { metaLineReason, rowLineReason, rowText } from '../../../electron/import/preamble';
import { isBlank, cellText, type Cell } from '../../../electron/import/grid';
import { saidOften } from '../../../electron/import/said-often';
import { said, type MessageVar } from '../../../shared/i18n/translate';
import { errorsEn } from '../../../shared/i18n/errors-en';
import { forgetKept, keptStats, readKept } from '../../../electron/import/kept';
import { rng } from '../../helpers/rng';

/** Every code point of STABLE_CHARS's ranges. */
function stableCodePoints(): number[] {
  const out: number[] = [];
  const src = STABLE_CHARS.replace(/\\x([0-9a-f]{2})|\\u([0-9a-f]{4})/gi, (_, x: string | undefined, u: string | undefined) => String.fromCharCode(parseInt(x ?? u!, 16)));
  for (let i = 0; i < src.length; i++) {
    if (src[i + 1] === '-' && i + 2 < src.length) {
      for (let c = src.charCodeAt(i); c <= src.charCodeAt(i + 2); c++) out.push(c);
      i += 2;
    } else out.push(src.charCodeAt(i));
  }
  return out;
}

/** Texts as sheets have them, and the odd characters clean() exists for. */
const PIECES = [
  'H20', '昇腾910B', '推理服务器', '×8', '¥100,000.00', '含税', '报价日期', '：', ':', '（', '）', '(', ')', '、', '。', 'ＡＢＣ１２',
  ' ', '  ', '\u3000', '\u00a0', '\u200b', '\ufeff', '\t', '\n', 'e\u0301', '\u0301', 'ﬁ', '①', '㎏', '가', '\u1100\u1161', 'x', '', '—', '～', '²',
  '签字', '盖章', 'signed', 'by', '供应商', '报价单位', 'Vendor', '  date  ',
];

function randomText(next: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)]!;
  return s;
}

describe('clean fast path', () => {
  it('passes through only characters that NFKC keeps and that are not whitespace', () => {
    const cps = stableCodePoints();
    expect(cps.length).toBeGreaterThan(20_000);
    for (const c of cps) {
      const ch = String.fromCharCode(c);
      expect(ch.normalize('NFKC'), `U+${c.toString(16)}`).toBe(ch);
      expect(/\s/.test(ch), `U+${c.toString(16)}`).toBe(false);
    }
    // and no two of them compose
    const sample = cps.filter((_, i) => i % 97 === 0);
    for (const a of sample) for (const b of sample.slice(0, 40)) expect(String.fromCharCode(a, b).normalize('NFKC')).toBe(String.fromCharCode(a, b));
  });

  it('answers as the shared clean on any text', () => {
    const next = rng(15);
    for (let i = 0; i < 5000; i++) {
      const s = randomText(next, 1 + Math.floor(next() * 6));
      expect(clean(s), JSON.stringify(s)).toBe(sharedClean(s));
    }
    for (const s of ['昇腾910B', ' 昇腾910B', '昇腾910B ', '昇腾  910B', '推理服务器 昇腾910B×8', '2026年12月31日', '4-6周', '']) expect(clean(s)).toBe(sharedClean(s));
  });
});

describe('a row’s text', () => {
  /** What rowText was: the distinct texts joined by two spaces, cleaned as one. */
  const before = (cells: readonly Cell[]) => {
    const seen = new Set<string>();
    for (const c of cells) if (!isBlank(c)) seen.add(cellText(c));
    return sharedClean([...seen].join('  '));
  };

  it('is the distinct cells joined and cleaned, whatever they hold', () => {
    const next = rng(7);
    for (let i = 0; i < 5000; i++) {
      const cells: Cell[] = Array.from({ length: Math.floor(next() * 7) }, () => {
        const r = next();
        if (r < 0.15) return null;
        if (r < 0.25) return Math.round(next() * 1000);
        if (r < 0.3) return new Date(Date.UTC(2026, 0, 1 + Math.floor(next() * 300)));
        if (r < 0.4) return PIECES[Math.floor(next() * 6)]!; // repeats, as a merged banner has
        return randomText(next, 1 + Math.floor(next() * 4));
      });
      expect(rowText(cells), JSON.stringify(cells)).toBe(before(cells));
      expect(rowLineReason(cells)).toEqual(metaLineReason(before(cells)));
    }
  });

  it('still tells signature and footer lines', () => {
    expect(rowLineReason(['投标人（盖章）', null, '投标人（盖章）'])?.i18n.key).toBe('errors.import.skip.signature');
    expect(rowLineReason(['报价日期：2026年10月15日'])?.i18n.key).toBe('errors.import.skip.footer');
    expect(rowLineReason(['Authorized', 'signed', 'by'])?.i18n.key).toBe('errors.import.skip.signature');
    expect(rowLineReason([1, '昇腾910B', 125_000])).toBeUndefined();
  });
});

describe('saidOften', () => {
  /** Every message key under errors.import, with its placeholders. */
  const keys: [string, string[]][] = [];
  const walk = (o: Record<string, unknown>, at: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'string') keys.push([`${at}${k}`, [...v.matchAll(/{{\s*([^}]+?)\s*}}/g)].map((m) => m[1]!)]);
      else walk(v as Record<string, unknown>, `${at}${k}.`);
    }
  };
  walk((errorsEn as { import: Record<string, unknown> }).import, 'errors.import.');

  it('says what said() says, key for key', () => {
    expect(keys.length).toBeGreaterThan(50);
    const next = rng(3);
    const values: MessageVar[] = ['x', '神秘加速卡 X1', 42, 0.5, '', '¥1,000', 'a $& b $1', 'trail\\'];
    for (const [key, names] of keys) {
      for (let i = 0; i < 3; i++) {
        const vars = Object.fromEntries(names.filter((n) => n !== 'count').map((n) => [n, values[Math.floor(next() * values.length)]!]));
        expect(saidOften(key, vars), key).toEqual(said(key, vars));
      }
      expect(saidOften(key), key).toEqual(said(key));
    }
  });

  it('leaves to i18next the values it treats otherwise, and takes a reason’s English as given', () => {
    for (const v of ['{{row}}', 'a {{- b}}', '$t(errors.import.skip.note)', '\u0001', 'x']) {
      expect(saidOften('errors.import.skip.unknownPart', { text: v })).toEqual(said('errors.import.skip.unknownPart', { text: v }));
    }
    const why = said('errors.import.confirm.cardHigh', { price: '¥1', times: '9×', card: 'H20', current: '¥2', low: 0.2, high: 5 });
    expect(saidOften('errors.import.row.needsConfirmation', { why: why.i18n }, { why: why.message })).toEqual(said('errors.import.row.needsConfirmation', { why: why.i18n }));
    expect(saidOften('errors.import.row.needsConfirmation', { why: why.i18n })).toEqual(said('errors.import.row.needsConfirmation', { why: why.i18n }));
    expect(saidOften('errors.import.skip.duplicate', { row: 7, count: 2 })).toEqual(said('errors.import.skip.duplicate', { row: 7, count: 2 }));
    expect(saidOften('errors.import.no.such.key', { row: 7 })).toEqual(said('errors.import.no.such.key', { row: 7 }));
  });
});

describe('the kept read', () => {
  afterEach(() => forgetKept());
  const csvOf = (s: string) => Buffer.from(s, 'utf8');

  it('reads a file once for its preview and its commit, and again when the bytes or the name differ', async () => {
    forgetKept();
    const a = csvOf('型号,单价\nH20,1000\n');
    const { hits, reads } = keptStats;
    const first = await readKept(a, 'a.csv');
    expect(await readKept(Buffer.from(a), 'a.csv')).toBe(first);
    expect(keptStats).toEqual({ hits: hits + 1, reads: reads + 1 });
    const other = await readKept(csvOf('型号,单价\nH20,1001\n'), 'a.csv');
    expect(other).not.toBe(first);
    expect(other.sheets[0]!.rows[1]).toEqual(['H20', '1001']);
    expect(await readKept(csvOf('型号,单价\nH20,1001\n'), 'b.csv')).not.toBe(other);
    forgetKept();
    const again = await readKept(a, 'a.csv');
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(keptStats.reads).toBe(reads + 4);
  });

  it('keeps nothing of a file it refuses', async () => {
    forgetKept();
    const bad = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    await expect(readKept(bad, 'x.xlsx')).rejects.toThrow();
    const { hits } = keptStats;
    await expect(readKept(bad, 'x.xlsx')).rejects.toThrow();
    expect(keptStats.hits).toBe(hits);
  });
});
