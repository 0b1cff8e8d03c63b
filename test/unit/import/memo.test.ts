/**
 * The import's per-plan shortcuts must answer exactly as the work they skip: the per-column cell
 * memos, the bare-amount price reader, the blank test and the field-by-field quote validation.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnView, ImportField } from '../../../shared/contract/import';
import { quoteSchema } from '../../../shared/domain/catalog';
import { isBlank } from '../../../electron/import/grid';
import { parsePrice, plainPrice } from '../../../shared/document/price-text';
import { cellMemo, Memo, readRow, rowContext } from '../../../electron/import/rows';
import { MEMO_LIMIT } from '../../../electron/import/memo';
import { QUOTE_FIELDS, QuoteValidator, quoteCandidate, type QuoteInput } from '../../../electron/import/validate-quote';
import { rng } from '../../helpers/rng';

function col(column: number, field: ImportField, multiplier = 1): ColumnView {
  return { column, letter: String.fromCharCode(65 + column), header: field, field, confidence: 1, multiplier, unitLabel: '' };
}

describe('cell memos', () => {
  it('keep one answer per column: the same text under two units is read once per unit', () => {
    const memo = cellMemo({ unitPrice: col(1, 'unitPrice', 10_000), totalPrice: col(2, 'totalPrice', 1), memory: col(3, 'memory', 1024) }, '2026-01-15', 'day');
    expect(memo.unitPrice.get('12.5万元')).toEqual({ ok: true, value: { amount: 125_000, currency: 'CNY' } });
    expect(memo.unitPrice.get('12.5')).toEqual({ ok: true, value: { amount: 125_000 } });
    expect(memo.totalPrice.get('12.5')).toEqual({ ok: true, value: { amount: 12.5 } });
    expect(memo.unitPrice.get('12.5')).toEqual({ ok: true, value: { amount: 125_000 } });
    expect(memo.memory.get('2')).toEqual({ ok: true, value: 2048 });
    // A lead time under a days header: a plain number counts days.
    expect(memo.leadTime.get('14')).toEqual({ ok: true, value: 2 });
    // Quantity must be at least 1, a minimum order may be 0: one text, two answers.
    expect(memo.qty.get('0')).toMatchObject({ ok: false });
    expect(memo.moq.get('0')).toEqual({ ok: true, value: 0 });
  });

  it('gives rows the answers of the uncached readers, whatever the order the texts come in', () => {
    const by = { item: col(0, 'item'), unitPrice: col(1, 'unitPrice', 10_000), totalPrice: col(2, 'totalPrice'), qty: col(3, 'qty'), moq: col(4, 'moq'), leadTime: col(5, 'leadTime') };
    const texts = ['0', '1', '8', '12.5', '待定', '6-8周', '现货', '-1', '', null, '12.5万', '合计', 'H20', '注：含税'];
    const r = rng(7);
    const rows = Array.from({ length: 400 }, () => Array.from({ length: 6 }, () => texts[Math.floor(r() * texts.length)]!));
    const base = { file: 'f.csv', sheet: 'S', by, headerKeys: new Set(['model']), today: '2026-01-15' };
    const warm = rowContext(base);
    // One context reads every row (memos filling as it goes); a fresh context per row reads
    // each with empty memos, which is the uncached answer.
    rows.forEach((cells, i) => {
      expect(readRow(cells, i, warm)).toEqual(readRow(cells, i, rowContext(base)));
    });
  });

  it('reads a leading cell that starts with a digit as the other leading cells are read', () => {
    const by = { item: col(1, 'item'), unitPrice: col(2, 'unitPrice') };
    const base = { file: 'f.csv', sheet: 'S', by, today: '2026-01-15' };
    // A header word that starts with a digit: a repeated header row is still recognised.
    const digits = rowContext({ ...base, headerKeys: new Set(['2026', 'model', 'price']) });
    expect(readRow(['2026', 'Model', 'Price'], 5, digits)?.skipReason).toBe('repeated header row');
    const words = rowContext({ ...base, headerKeys: new Set(['no', 'model', 'price']) });
    const notHeader = readRow(['2026', 'Model', 'Price'], 5, words)!;
    expect(notHeader.skipReason).toBeUndefined();
    expect(notHeader.issues.map((i) => i.message)).toEqual(['"Price" is not a price']);
    // The second cell still counts as a subtotal label; a number is never a note.
    expect(readRow(['12', '合计', '100'], 5, words)?.skipReason).toBe('subtotal row');
    expect(readRow(['1. note', 'H20', '100'], 5, words)).toMatchObject({ text: 'H20', price: 100 });
  });

  it('remember at most MEMO_LIMIT texts, and still answer beyond it', () => {
    let calls = 0;
    const m = new Memo((c) => (calls++, String(c).length));
    for (let i = 0; i < MEMO_LIMIT + 10; i++) expect(m.get(`t${i}`)).toBe(`t${i}`.length);
    expect(m.size).toBe(MEMO_LIMIT);
    m.get('t0');
    m.get(`t${MEMO_LIMIT + 5}`);
    expect(calls).toBe(MEMO_LIMIT + 11);
    // Cells that are not text are read afresh (XLSX numbers and dates are cheap to read).
    expect(m.get(12)).toBe(2);
    expect(m.size).toBe(MEMO_LIMIT);
  });
});

describe('plainPrice', () => {
  it('answers as parsePrice for every bare amount it accepts, and leaves the rest to it', () => {
    const r = rng(11);
    const cases = ['0', '00,000', '1,234,567.891', '999999999999999', '¥100,007.00', '$28,500', '€0.5', ',100', '1,,000', '1,000,', '1.', '.5', '1,000.', '¥', '', '12,34', '1234,567', '¥-5', '1 000', 'US$5'];
    for (let i = 0; i < 20_000; i++) {
      const sign = ['', '', '¥', '$', '€', 'US$', ' ', '-'][Math.floor(r() * 8)]!;
      let digits = String(Math.floor(r() * 10 ** (1 + Math.floor(r() * 15))));
      if (r() < 0.5) digits = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      cases.push(sign + digits + (r() < 0.5 ? `.${Math.floor(r() * 1000)}` : ''));
    }
    let fast = 0;
    const wrong: string[] = [];
    for (const c of cases) {
      for (const m of [1, 1000, 10_000, 0.5]) {
        const f = plainPrice(c, m);
        if (!f) continue;
        fast++;
        if (JSON.stringify(f) !== JSON.stringify(parsePrice(c, m))) wrong.push(`${c} × ${m}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(fast).toBeGreaterThan(cases.length);
    for (const c of [',100', '1,,000', '1.', '.5', '¥', '', '12,34', '¥-5', '1 000', 'US$5', '9999999999999999']) expect(plainPrice(c), c).toBeUndefined();
  });
});

describe('isBlank', () => {
  it('agrees with trim() on every UTF-16 code unit at the start of a text', () => {
    const wrong: string[] = [];
    for (let d = 0; d < 0x10000; d++) {
      const ch = String.fromCharCode(d);
      for (const s of [ch, `${ch}a`, `${ch} `]) if (isBlank(s) !== (s.trim() === '')) wrong.push(d.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});

describe('QuoteValidator', () => {
  const source = { title: 'ACME price sheet a.csv', url: '', asOf: '2026-01-15', estimate: false, note: '' };
  const none: Pick<QuoteInput, 'cardsPerServer' | 'cardSlug' | 'moq' | 'leadTimeWeeks' | 'validUntil'> = { cardsPerServer: undefined, cardSlug: undefined, moq: undefined, leadTimeWeeks: undefined, validUntil: undefined };
  const good: QuoteInput = { item: 'ascend-910b', kind: 'purchase', supplier: 'ACME', price: 125_000, currency: 'CNY', vatIncluded: true, vatRate: 0.13, ...none, source };

  it('writes every field of quoteSchema, in its order', () => {
    expect(QUOTE_FIELDS).toEqual(Object.keys(quoteSchema.shape));
    const r = new QuoteValidator().validate({ ...good, cardsPerServer: 8, cardSlug: 'ascend-910b', moq: 1, leadTimeWeeks: 6, validUntil: '2026-12-31', quoteNumber: 'Q-1', quoteDate: '2026-01-10', platform: 'Atlas 800I A2' });
    expect(r.success && Object.keys(r.data)).toEqual(QUOTE_FIELDS);
  });

  it('answers as quoteSchema.safeParse, success, data and issues alike, also for values it has seen', () => {
    const v = new QuoteValidator();
    const r = rng(5);
    const pick = <T,>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
    const sources = [source, { ...source, note: 'x'.repeat(2001) }, { ...source, asOf: '2026/01/15' }, { ...source, title: '' }];
    for (let i = 0; i < 3000; i++) {
      const q: QuoteInput = {
        item: pick(['ascend-910b', '', 'x'.repeat(81), 'nvidia-h20']),
        kind: pick(['purchase', 'server-purchase', 'lease']),
        supplier: pick(['ACME', '', 'y'.repeat(161)]),
        price: pick([125_000, 0, -0, -1, Number.NaN, Infinity, 99.5, r() * 1e6]),
        currency: pick(['CNY', 'USD', 'XXX']),
        vatIncluded: pick([true, false, 'yes' as unknown as boolean]),
        vatRate: pick([0.13, 0, 1.5, 0.06]),
        ...none,
        source: pick(sources),
      };
      if (r() < 0.3) Object.assign(q, { cardsPerServer: pick([8, 0, 65, 2.5]), cardSlug: pick(['ascend-910b', 'z'.repeat(81)]) });
      if (r() < 0.5) q.moq = pick([1, 0, -2, 1.5]);
      if (r() < 0.5) q.leadTimeWeeks = pick([6, 0, 521, -0]);
      if (r() < 0.5) q.validUntil = pick(['2026-12-31', '2026/12/31', '']);
      if (r() < 0.05) q.price = undefined as unknown as number;
      const want = quoteSchema.safeParse(quoteCandidate(q));
      const got = v.validate(q);
      expect(got.success, JSON.stringify(q)).toBe(want.success);
      if (want.success && got.success) {
        expect(got.data).toEqual(want.data);
        expect(Object.keys(got.data)).toEqual(Object.keys(want.data));
        expect(Object.is(got.data.leadTimeWeeks, want.data.leadTimeWeeks)).toBe(true);
      } else if (!want.success && !got.success) {
        expect(got.error.issues).toEqual(want.error.issues);
      }
    }
  });

  it('shares one validated source between quotes that gave the same object, frozen', () => {
    const v = new QuoteValidator();
    const a = v.validate(good);
    const b = v.validate({ ...good, price: 99 });
    expect(a.success && b.success).toBe(true);
    if (a.success && b.success) {
      expect(a.data.source).toBe(b.data.source);
      expect(Object.isFrozen(a.data.source)).toBe(true);
      expect(b.data.price).toBe(99);
    }
  });
});
