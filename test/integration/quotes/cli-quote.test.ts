import { describe, it, expect } from 'vitest';
import { runProcure } from '../../helpers/cli';
import { tmpDbPath } from '../../helpers/tmp';
import type { PriceHistory, QuoteWritten } from '../../../shared/contract/quotes';

const run = (args: string[]) => runProcure(args);

describe('procure quote', () => {
  const db = tmpDbPath();

  it('adds a quote in 万 (incl. VAT by default for yuan) and lists it with ex- and incl-VAT prices', async () => {
    const add = await run(['quote', 'add', 'MLU590', '--supplier', '华东智算科技有限公司', '--price', '９.８万', '--date', '2026/3/2', '--valid-until', '2026-12-31', '--lead-time', '6周', '--db', db]);
    expect(add.err).toBe('');
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/Quote #\d+ from 华东智算科技有限公司 added/);
    // ¥98,000 incl. 13 % = ¥86,725.66 ex VAT (shared/money's rounding)
    expect(add.out).toMatch(/¥86,726 ex VAT, ¥98,000 incl\. VAT \(13 %\), quote date 2026-03-02/);
    expect(add.out).toMatch(/VAT was not stated/);

    const list = await run(['quote', 'list', 'MLU590', '--json', '--db', db]);
    expect(list.code).toBe(0);
    const h = JSON.parse(list.out) as PriceHistory;
    const row = h.rows.find((r) => r.supplier === '华东智算科技有限公司')!;
    expect(row).toMatchObject({ priceExVat: 86725.66, priceInclVat: 98000, vatIncluded: true, quoteDate: '2026-03-02', validUntil: '2026-12-31', leadTimeWeeks: 6, state: 'current', source: { kind: 'hand' }, form: 'card' });
    expect(h.latestPerSupplier.map((r) => r.id)).toContain(row.id);

    const text = await run(['quote', 'list', 'MLU590', '--db', db]);
    expect(text.out).toMatch(/Ex VAT\s+Incl VAT/);
    // a valid real quote before the seed's estimate (the price policy): builds now use this one;
    // quoted 2026-03-02, it is over the default 180 days old and says so
    expect(text.out).toMatch(/华东智算科技有限公司.*2026-03-02\s+2026-12-31\s+6 wk\s+¥86,726\s+¥98,000\s+current, over 180 days old \[used by builds\]\s+Entered by hand/);
    expect(h.chosenId).toBe(row.id);
  });

  it('an ex-VAT price in USD stays as quoted; --json answers what was written', async () => {
    const r = await run(['quote', 'add', 'mi300x', '--supplier', 'Acme Reseller Ltd', '--price', 'USD 15,000', '--vat-excluded', '--date', '2026-01-15', '--json', '--db', db]);
    expect(r.code).toBe(0);
    const w = JSON.parse(r.out) as QuoteWritten;
    expect(w.vatAssumed).toBe(false);
    const row = w.history.rows.find((x) => x.id === w.id)!;
    expect(row).toMatchObject({ currency: 'USD', priceExVat: 15000, priceInclVat: 16950, vatIncluded: false });
  });

  it('a correction is a new quote that supersedes; the old one stays, superseded', async () => {
    const list = JSON.parse((await run(['quote', 'list', 'MLU590', '--json', '--db', db])).out) as PriceHistory;
    const old = list.rows.find((r) => r.supplier === '华东智算科技有限公司')!;
    const c = await run(['quote', 'correct', String(old.id), '--price', '9.5万', '--json', '--db', db]);
    expect(c.err).toBe('');
    const w = JSON.parse(c.out) as QuoteWritten;
    expect(w.supersededId).toBe(old.id);
    const neu = w.history.rows.find((r) => r.id === w.id)!;
    // everything not given is kept from the corrected quote
    expect(neu).toMatchObject({ supplier: '华东智算科技有限公司', priceInclVat: 95000, quoteDate: '2026-03-02', validUntil: '2026-12-31', leadTimeWeeks: 6, supersedesId: old.id, state: 'current' });
    const before = w.history.rows.find((r) => r.id === old.id)!;
    expect(before).toMatchObject({ state: 'superseded', priceInclVat: 98000 });
    // only the correction counts as the supplier's latest
    expect(w.history.latestPerSupplier.find((r) => r.supplier === '华东智算科技有限公司')!.id).toBe(w.id);
    const again = await run(['quote', 'correct', String(old.id), '--price', '9万', '--db', db]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(new RegExp(`Quote #${old.id} is superseded`));
  });

  it('retiring keeps the row with who, when and why; a retired quote cannot be retired again', async () => {
    const list = JSON.parse((await run(['quote', 'list', 'MLU590', '--json', '--db', db])).out) as PriceHistory;
    const cur = list.rows.find((r) => r.supplier === '华东智算科技有限公司' && r.state === 'current')!;
    const r = await run(['quote', 'retire', String(cur.id), '--reason', 'withdrawn by the supplier', '--by', 'li.wei', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`Quote #${cur.id} retired`));
    const after = JSON.parse((await run(['quote', 'list', 'MLU590', '--json', '--db', db])).out) as PriceHistory;
    const row = after.rows.find((x) => x.id === cur.id)!;
    expect(row.state).toBe('retired');
    expect(row.retired).toMatchObject({ by: 'li.wei', reason: 'withdrawn by the supplier' });
    expect(row.retired!.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(after.rows.length).toBe(list.rows.length);
    expect(after.latestPerSupplier.some((x) => x.supplier === '华东智算科技有限公司')).toBe(false);
    const text = await run(['quote', 'list', 'MLU590', '--db', db]);
    expect(text.out).toMatch(/retired; Retired \d{4}-\d{2}-\d{2} by li\.wei: withdrawn by the supplier/);
    const twice = await run(['quote', 'retire', String(cur.id), '--reason', 'again', '--db', db]);
    expect(twice.code).toBe(1);
    expect(twice.err).toMatch(/is retired/);
  });

  it('bad values are refused naming the field, and nothing is written', async () => {
    const before = JSON.parse((await run(['quote', 'list', 'MLU590', '--json', '--db', db])).out) as PriceHistory;
    const cases: [string[], RegExp][] = [
      [['--supplier', 'X', '--price', 'about a lot'], /Unit price: "about a lot" is not a price/],
      [['--supplier', 'X', '--price=-5万'], /Unit price: "-5万" is not a price/],
      [['--supplier', 'X', '--price', '0'], /Unit price: "0" is not a price/],
      [['--supplier', '=HYPERLINK("http://x")', '--price', '9万'], /Supplier: .* must not start with = \+ - @/],
      [['--price', '9万'], /Supplier: name the supplier/],
      [['--supplier', 'X', '--price', '9万', '--lead-time', 'soon'], /Lead time: "soon" is not a lead time/],
      [['--supplier', 'X', '--price', '9万', '--date', '2026-02-30'], /Quote date: "2026-02-30" is not a date/],
      [['--supplier', 'X', '--price', '9万', '--date', '2099-01-01'], /Quote date: 2099-01-01 is in the future/],
      [['--supplier', 'X', '--price', '不含税 9万', '--vat-included'], /VAT: the price "不含税 9万" says otherwise/],
      [['--supplier', 'X', '--price', '9万', '--date', '2026-03-01', '--valid-until', '2026-02-01'], /Valid until: 2026-02-01 is before the quote date/],
    ];
    for (const [args, msg] of cases) {
      const r = await run(['quote', 'add', 'MLU590', ...args, '--db', db]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err, args.join(' ')).toMatch(msg);
    }
    const unknown = await run(['quote', 'add', 'voodoo 5', '--supplier', 'X', '--price', '9万', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no accelerator matches/);
    const noReason = await run(['quote', 'retire', '1', '--db', db]);
    expect(noReason.err).toMatch(/Reason: say why/);
    const noQuote = await run(['quote', 'retire', '999999', '--reason', 'x', '--db', db]);
    expect(noQuote.err).toMatch(/There is no quote #999999/);
    const after = JSON.parse((await run(['quote', 'list', 'MLU590', '--json', '--db', db])).out) as PriceHistory;
    expect(after.rows.length).toBe(before.rows.length);
  });
});
