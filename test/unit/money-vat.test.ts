/** shared/money's VAT rule, against figures worked by hand in the comments. */
import { describe, expect, it } from 'vitest';
import { exVat, exVatMinor, inclVat, inclVatMinor } from '../../shared/money';
import { perCardExVat } from '../../shared/domain/catalog';
import { bidTotals, type PriceLine } from '../../shared/bids/price-lines';

describe('VAT in minor units', () => {
  it('takes 13 % out of ¥98,000 to the fen', () => {
    // 9,800,000 fen / 1.13 = 8,672,566.371… fen → 8,672,566 fen
    expect(exVatMinor(9_800_000, 0.13)).toBe(8_672_566);
    expect(exVat(98_000, true, 0.13, 'CNY')).toBe(86_725.66);
  });

  it('puts 13 % back on ¥86,725.66 and lands on ¥98,000.00', () => {
    // 8,672,566 × 1.13 = 9,799,999.58 fen → 9,800,000 fen
    expect(inclVatMinor(8_672_566, 0.13)).toBe(9_800_000);
    expect(inclVat(86_725.66, 0.13, 'CNY')).toBe(98_000);
  });

  it('rounds halves away from zero, not to even', () => {
    // at 100 %: 5 fen / 2 = 2.5 → 3 (half-even would give 2); 3 / 2 = 1.5 → 2; 1 / 2 = 0.5 → 1
    expect(exVatMinor(5, 1)).toBe(3);
    expect(exVatMinor(3, 1)).toBe(2);
    expect(exVatMinor(1, 1)).toBe(1);
    expect(exVatMinor(-5, 1)).toBe(-3);
    // 50 fen × 1.13 = 56.5 fen exactly → 57; in binary floating point 50 × 1.13 is 56.49999999999999,
    // which Math.round would take to 56
    expect(inclVatMinor(50, 0.13)).toBe(57);
    expect(inclVatMinor(150, 0.13)).toBe(170); // 169.5 exactly (float: 169.49999999999997)
    // 1,065 fen / 1.065 = 1,000 exactly at a 6.5 % rate
    expect(exVatMinor(1_065, 0.065)).toBe(1_000);
  });

  it('divides by the rate exactly', () => {
    // 1,605 / 1.07 = 1,500; 10,735 / 1.07 = 10,032.71… → 10,033; 113 / 1.13 = 100
    expect(exVatMinor(1_605, 0.07)).toBe(1_500);
    expect(exVatMinor(10_735, 0.07)).toBe(10_033);
    expect(exVatMinor(113, 0.13)).toBe(100);
  });

  it('uses whole yen for JPY and leaves an ex-VAT price alone but for the minor unit', () => {
    // ¥(JP)1,100 incl. 10 % = 1,000 yen; ¥(JP)1,000 / 1.1 → 909.09… → 909
    expect(exVat(1_100, true, 0.1, 'JPY')).toBe(1_000);
    expect(exVat(1_000, true, 0.1, 'JPY')).toBe(909);
    expect(exVat(1_234.567, false, 0.13, 'USD')).toBe(1_234.57);
    expect(exVat(500, true, 0, 'CNY')).toBe(500);
  });

  it('refuses a negative or non-finite rate', () => {
    expect(() => exVatMinor(100, -0.1)).toThrow(RangeError);
    expect(() => inclVatMinor(100, Number.NaN)).toThrow(RangeError);
  });
});

describe('users of the VAT rule', () => {
  it('a server quote per card: ¥1,000,000 incl. 13 % over 8 cards', () => {
    // ¥884,955.75 ex VAT (100,000,000 / 1.13 = 88,495,575.22 fen → 88,495,575); / 8 = 11,061,946.875 fen → ¥110,619.47
    expect(perCardExVat(1_000_000, true, 0.13, 'CNY', 8)).toBe(110_619.47);
  });

  it('bid totals: VAT on the ex-VAT total, to the fen', () => {
    const line = (totalExVat: number, inBid: boolean): PriceLine => ({
      kind: 'cards', item: 'x', qty: 1, unitExVat: totalExVat, unitInclVat: 0, totalExVat, totalInclVat: 0, inBid,
    });
    // 1,234.565 + 0.004 = 1,234.569 → ¥1,234.57; × 1.13 = 139,506.41 fen → ¥1,395.06; VAT ¥160.49
    const t = bidTotals([line(1_234.565, true), line(0.004, true), line(99, false)], 0.13, 'CNY');
    expect(t).toEqual({ exVat: 1_234.57, vat: 160.49, inclVat: 1_395.06 });
  });
});
