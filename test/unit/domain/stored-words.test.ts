/** The seed's short catalog texts said in the UI's language: known phrases by key, names as stored. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sayStored, STORED_PHRASES } from '../../../shared/domain/stored-words';
import { tr } from '../../../shared/i18n/translate';
import { en } from '../../../shared/i18n/en';
import { zhCN } from '../../../shared/i18n/zh-CN';

const seed = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../assets/seed/catalog.json'), 'utf8')) as { accelerators: Record<string, unknown>[] };
const FIELDS = ['memoryType', 'formFactor', 'foundry', 'hbmSupply'] as const;
const values = [...new Set(seed.accelerators.flatMap((a) => FIELDS.map((f) => a[f]).filter((v): v is string => typeof v === 'string' && v !== '')))];
const inEn = (s: string) => sayStored(s, (k) => tr('en', k));
const inZh = (s: string) => sayStored(s, (k) => tr('zh-CN', k));

describe('sayStored', () => {
  it('says the phrases in Chinese and keeps names and figures', () => {
    expect(inZh('HBM (type not disclosed)')).toBe('HBM (类型未披露)');
    expect(inZh('PCIe (consumer)')).toBe('PCIe (消费级)');
    expect(inZh('OAM-like module (Atlas 800T A2)')).toBe('类 OAM 模组 (Atlas 800T A2)');
    expect(inZh('not disclosed (HBM2e)')).toBe('未披露 (HBM2e)');
    expect(inZh('7nm (foundry not disclosed)')).toBe('7nm (未披露代工厂)');
    expect(inZh('none')).toBe('无');
    // whole words only, and a text with no phrase is returned as it is
    expect(inZh('nonetheless none-such')).toBe('nonetheless none-such');
    expect(inZh('HBM3e')).toBe('HBM3e');
  });

  it('in English every seed text reads exactly as stored', () => {
    expect(values.length).toBeGreaterThan(30);
    for (const v of values) expect(inEn(v)).toBe(v);
  });

  it('in Chinese no seed text keeps an English phrase (only names, processes and memory types are left)', () => {
    const names = /^(HBM\d?e?|HBM|GDDR6X?|LPDDR\dX?|PCIe|OAM|SXM\d|Atlas|TSMC|SMIC|GlobalFoundries|Samsung|SK|hynix|Micron|CXMT|CoWoS|DCU|DCUs|N\d+P?|N|A\d|\d+[A-Za-z]+)$/;
    const left = values.flatMap((v) => (inZh(v).match(/[A-Za-z0-9]+/g) ?? []).filter((w) => /[A-Za-z]/.test(w) && !names.test(w)).map((w) => `${v}: ${w}`));
    expect(left).toEqual([]);
  });

  it('every phrase has a display text in both languages, the English one the phrase itself', () => {
    for (const [phrase, key] of STORED_PHRASES) {
      expect(en.storedWords[key]).toBe(phrase);
      expect(zhCN.storedWords[key]).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
