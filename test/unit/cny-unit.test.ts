/** The 万元 / 元 display setting for CNY (shared/format): which amounts print in 万元, for each setting and language. */
import { describe, it, expect } from 'vitest';
import { cnyUnitOf, formatMoney, rowMoneyFormat, wanColumns, wanFor } from '../../shared/format';
import { formatKpi } from '../../shared/report/kpis';

describe('万元 / 元 setting', () => {
  it('defaults to automatic: 万元 in Chinese, 元 in English', () => {
    expect(cnyUnitOf(null)).toBe('auto');
    expect(cnyUnitOf('lakh')).toBe('auto');
    expect(wanFor('auto', 'zh-CN')).toBe(true);
    expect(wanFor('auto', 'en')).toBe(false);
  });

  it('万元 applies in both languages, 元 in neither', () => {
    expect(wanFor('wan', 'en')).toBe(true);
    expect(wanFor('yuan', 'zh-CN')).toBe(false);
  });

  it('formatKpi follows it from ¥1,000,000 up and leaves smaller amounts and other currencies in their own unit', () => {
    const at = (unit: 'auto' | 'wan' | 'yuan', locale: string, v: number, c: 'CNY' | 'USD' = 'CNY') => formatKpi('money', v, c, locale, { wan: wanFor(unit, locale) });
    expect(at('auto', 'zh-CN', 25_044_504)).toBe('2,504.45 万元');
    expect(at('wan', 'en', 25_044_504)).toBe('2,504.45 万元');
    expect(at('yuan', 'zh-CN', 25_044_504)).toBe('¥25,044,504');
    expect(at('auto', 'en', 25_044_504)).toBe('¥25,044,504');
    expect(at('wan', 'zh-CN', 999_999)).toBe('¥999,999');
    expect(at('wan', 'en', 25_044_504, 'USD')).toBe('$25,044,504');
    expect(formatMoney(-25_044_504, 'CNY', 'en', { wan: true })).toBe('\u22122,504.45 万元');
  });

  it('sheet columns switch to 万元 only when 万元 is chosen, and only for CNY', () => {
    expect(wanColumns('wan', 'CNY')).toBe(true);
    expect(wanColumns('auto', 'CNY')).toBe(false);
    expect(wanColumns('wan', 'USD')).toBe(false);
  });

  it('a comparison row with one amount from ¥1,000,000 up is all in 万元; a row below it stays in ¥', () => {
    // ¥797,573 beside ¥1,150,600: 79.76 万元 and 115.06 万元, never "¥797,573" next to "115.06 万元"
    const row = [797_573, 1_150_600];
    const f = rowMoneyFormat(row, true);
    expect(row.map((v) => formatKpi('money', v, 'CNY', 'zh-CN', f))).toEqual(['79.76 万元', '115.06 万元']);
    expect([176_613, 176_613].map((v) => formatKpi('money', v, 'CNY', 'zh-CN', rowMoneyFormat([176_613, 176_613], true)))).toEqual(['¥176,613', '¥176,613']);
    expect(rowMoneyFormat(row, false)).toEqual({ wan: false });
    // non-numbers in a row (a bound label, a missing value) do not decide it
    expect(rowMoneyFormat(['memory', null, 5], true)).toEqual({ wan: true });
  });
});

