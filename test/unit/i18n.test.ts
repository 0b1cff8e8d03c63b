import { describe, it, expect } from 'vitest';
import { en } from '../../shared/i18n/en';
import { zhCN } from '../../shared/i18n/zh-CN';
import { tr } from '../../shared/i18n/translate';

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function leaves(o: unknown): string[] {
  if (typeof o === 'string') return [o];
  if (typeof o !== 'object' || o === null) return [];
  return Object.values(o).flatMap(leaves);
}

describe('UI strings', () => {
  it('English and Chinese have exactly the same keys', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
  });

  it('no string is empty, and placeholders match between languages', () => {
    // every placeholder given a value: a template that is only placeholders ('{{items}}') is not empty
    const raw = (o: unknown, k: string): string => k.split('.').reduce((v: unknown, p) => (v as Record<string, unknown>)?.[p], o) as string;
    for (const k of keys(en)) {
      const vars = Object.fromEntries([...`${raw(en, k) ?? ''} ${raw(zhCN, k) ?? ''}`.matchAll(/\{\{(\w+)\}\}/g)].map((m) => [m[1]!, 'x']));
      const a = tr('en', k, vars);
      const b = tr('zh-CN', k, vars);
      expect(a.length, k).toBeGreaterThan(0);
      expect(b.length, k).toBeGreaterThan(0);
    }
    const ph = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    // errors.zod.custom: English shows the schema's own English text, other languages the issue from its code
    // compareExport.differ: English adds the field's path (site.pue), Chinese names the assumption only
    const ownPerLanguage = new Set(['.errors.zod.custom', '.compareExport.differ']);
    const walk = (a: unknown, b: unknown, path: string) => {
      if (ownPerLanguage.has(path)) return;
      if (typeof a === 'string') return expect(ph(b as string), path).toEqual(ph(a));
      for (const k of Object.keys(a as object)) walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    };
    walk(en, zhCN, '');
  });

  it('the Chinese strings are Chinese (apart from units, product and model names)', () => {
    const latinOnly = leaves(zhCN).filter((s) => !/[\u4e00-\u9fff]/.test(s) && !/^[A-Z0-9/]+ \((TFLOPS|TOPS)\)$/.test(s));
    // Short technical tokens are allowed (units, PUE, MBU, "Prefill", "Decode", "—").
    for (const s of latinOnly) expect(s.replace(/\{\{\w+\}\}/g, '').length, s).toBeLessThanOrEqual(12);
  });

  it('tr fills placeholders and falls back to the key', () => {
    expect(tr('zh-CN', 'catalog.count', { shown: 3, total: 37 })).toBe('显示 3 / 共 37 款加速卡');
    expect(tr('en', 'no.such.key')).toBe('no.such.key');
  });
});
