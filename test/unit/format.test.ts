/** shared/format: the one number formatter of the UI, the PDF and the XLSX, against hand-written cases. */
import { describe, it, expect } from 'vitest';
import { formatMoney, formatMoneyShort, formatNumber, formatNumberUpTo, formatPercent, formatQuantity, isoDate, roundToMinor } from '../../shared/format';
import { formatMajor } from '../../shared/money';
import { formatKpi } from '../../shared/report/kpis';

describe('shared/format', () => {
  it('thousands separators and fixed decimals per quantity', () => {
    expect(formatQuantity('watts', 1000)).toBe('1,000');
    expect(formatQuantity('bandwidthTBps', 3.2768)).toBe('3.28');
    expect(formatQuantity('kW', 119.04)).toBe('119.0');
    expect(formatNumber(80_000_000)).toBe('80,000,000');
    expect(formatNumber(80_000_000, 0, 'zh-CN')).toBe('80,000,000');
    expect(formatNumber(-0.0001, 2)).toBe('0.00');
    expect(formatNumber(-1234.5, 1)).toBe('−1,234.5');
    expect(formatNumber(Number.NaN)).toBe('–');
  });

  it('rates as percentages, whole ones without decimals', () => {
    expect(formatPercent(0.06)).toBe('6 %');
    expect(formatPercent(0.6)).toBe('60 %');
    expect(formatPercent(0.125)).toBe('12.5 %');
    expect(formatPercent(0.13, 'en', 1)).toBe('13.0 %');
  });

  it('money: symbol, separators, negative as −¥, 万元 in zh-CN when asked', () => {
    expect(formatMoney(25_044_504, 'CNY')).toBe('¥25,044,504');
    expect(formatMoney(10.364, 'CNY')).toBe('¥10.36');
    expect(formatMoney(-5000, 'CNY')).toBe('−¥5,000');
    expect(formatMoney(500, 'JPY')).toBe('JP¥500');
    expect(formatMoney(25_044_504, 'CNY', 'zh-CN', { wan: true })).toBe('2,504.45 万元');
    expect(formatMoney(95_850, 'CNY', 'zh-CN', { wan: true })).toBe('¥95,850');
    expect(formatMoney(999_999, 'CNY', 'zh-CN', { wan: true })).toBe('¥999,999');
    expect(formatMoney(1_000_000, 'CNY', 'zh-CN', { wan: true })).toBe('100.00 万元');
    expect(formatMoney(250_000, 'USD', 'zh-CN', { wan: true })).toBe('$250,000');
    expect(formatMajor(-5000, 'CNY')).toBe('−¥5,000');
    expect(formatKpi('money', 25_044_504, 'CNY', 'zh-CN', { wan: true })).toBe('2,504.45 万元');
    expect(formatKpi('money', 25_044_504, 'CNY', 'zh-CN')).toBe('¥25,044,504');
    expect(formatKpi('percent', 0.05, 'CNY')).toBe('5.0 %');
  });

  it('short money for axes', () => {
    expect(formatMoneyShort(-5_000_000, 'CNY')).toBe('−¥5M');
    expect(formatMoneyShort(2_500_000, 'CNY')).toBe('¥2.5M');
    expect(formatMoneyShort(21_708_800, 'USD')).toBe('$21.71M');
    expect(formatMoneyShort(250_000, 'CNY')).toBe('¥250k');
    expect(formatMoneyShort(-5_000_000, 'CNY', 'zh-CN')).toBe('−¥500万');
    expect(formatMoneyShort(250_000_000, 'CNY', 'zh-CN')).toBe('¥2.5亿');
  });

  it('files hold money to the minor unit, dates as ISO', () => {
    expect(roundToMinor(120000.00000000001, 'CNY')).toBe(120000);
    expect(roundToMinor(108310.49999999999, 'CNY')).toBe(108310.5);
    expect(roundToMinor(1.005, 'CNY')).toBe(1.01);
    expect(roundToMinor(1234.6, 'JPY')).toBe(1235);
    expect(isoDate('12/15/2026')).toBe('2026-12-15');
    expect(isoDate('2026-12-15T08:00:00Z')).toBe('2026-12-15');
    expect(isoDate(new Date(Date.UTC(2027, 0, 5)))).toBe('2027-01-05');
  });
});

describe('shared/format: kept formatters', () => {
  // the cached Intl.NumberFormat must print exactly what toLocaleString printed before it
  const values = [0, 0.5, 1, 2.675, 3.2768, 999.995, 1000, 12_345.678, 80_000_000, 1e15, 0.0004, 123_456.5];
  const locales = ['en', 'en-US', 'zh-CN', 'zh'];
  it('formatNumber and formatNumberUpTo match toLocaleString for every locale and digits', () => {
    for (const loc of locales) {
      const intlLoc = loc.startsWith('zh') ? 'zh-CN' : 'en';
      for (const digits of [0, 1, 2, 3, 4]) {
        for (const v of values) {
          const abs = v.toLocaleString(intlLoc, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: true });
          expect(formatNumber(v, digits, loc)).toBe(abs);
          expect(formatNumber(-v, digits, loc)).toBe(/[1-9]/.test(abs) ? `−${abs}` : abs);
          expect(formatNumberUpTo(v, digits, loc)).toBe(v.toLocaleString(intlLoc, { maximumFractionDigits: digits }));
        }
      }
    }
  });

  it('up to N decimals: none when whole, the sign as U+2212, not-a-number as a dash', () => {
    expect(formatNumberUpTo(3, 1)).toBe('3');
    expect(formatNumberUpTo(2.54, 1)).toBe('2.5');
    expect(formatNumberUpTo(-1234.56, 1)).toBe('−1,234.6');
    expect(formatNumberUpTo(-0.01, 1)).toBe('0');
    expect(formatNumberUpTo(Number.POSITIVE_INFINITY, 1)).toBe('–');
  });
});
