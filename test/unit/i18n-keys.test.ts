/**
 * Every UI-string key the main process and shared/ use exists in English and Chinese: the keys
 * errors, row reasons and notes carry (said, translatedError, issueAt, `{ key: … }`, and the
 * helpers that prefix a short name: refused → errors.value.*, skipAs → errors.import.skip.*) and
 * those reports and the menu translate with tr(). A key made at run time from a template
 * (`errors.zod.types.${…}`) must name a group that exists in both languages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en';
import { zhCN } from '../../shared/i18n/zh-CN';
import { translate, tr } from '../../shared/i18n/translate';
import { issueRef } from '../../shared/document/parse';
import { z } from 'zod';

const ROOT = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = path.join(dir, d.name);
    if (d.isDirectory()) return sources(rel);
    return /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) && !rel.startsWith(path.join('shared', 'i18n')) ? [rel] : [];
  });
}

function lookup(messages: unknown, key: string): unknown {
  // keys may contain dots themselves ('figure.tflops.bf16'): try the longest own key first, as i18next does
  const walk = (o: unknown, parts: string[]): unknown => {
    if (parts.length === 0) return o;
    if (typeof o !== 'object' || o === null) return undefined;
    for (let n = parts.length; n >= 1; n--) {
      const k = parts.slice(0, n).join('.');
      if (k in o) {
        const r = walk((o as Record<string, unknown>)[k], parts.slice(n));
        if (r !== undefined) return r;
      }
    }
    return undefined;
  };
  return walk(messages, key.split('.'));
}

/** [file, key, exact]: exact keys must be strings; template prefixes must be groups. */
function usedKeys(): { file: string; key: string; exact: boolean }[] {
  const out: { file: string; key: string; exact: boolean }[] = [];
  const patterns: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/\bsaid\(\s*(['`])([^'`]+)\1/g, (m) => m[2]!],
    [/\btranslatedError\(\s*'[\w-]+',\s*(['`])([^'`]+)\1/g, (m) => m[2]!],
    [/\bissueAt\([^,]+,\s*(['`])([^'`]+)\1/g, (m) => m[2]!],
    [/\bkey:\s*(['`])((?:errors|database|quotes|import|report|builds|bids|settings|optimize|menu)\.[^'`]+)\1/g, (m) => m[2]!],
    [/\btr\(\s*[\w.']+,\s*(['`])([^'`]+)\1/g, (m) => m[2]!],
    [/\brefused\(\s*'([^']+)'/g, (m) => `errors.value.${m[1]}`],
    [/\bskipAs\(\s*'([^']+)'/g, (m) => `errors.import.skip.${m[1]}`],
    [/\bnew Refusal\(\s*'([^']+)'/g, (m) => m[1]!],
    // the CLI's own words (electron/cli: io.t, cliError) and the loopback host's refusals
    [/\bio\.t\(\s*(['`])([^'`]+)\1/g, (m) => `cli.${m[2]}`],
    [/\bcliError\(\s*'([^']+)'/g, (m) => `cli.${m[1]}`],
    [/\bkeyedCheck\(\s*'([^']+)'/g, (m) => m[1]!],
    [/\bnew HttpError\(\s*\d+,\s*'([^']+)'/g, (m) => `errors.host.${m[1]}`],
  ];
  const local: Record<string, [RegExp, (m: RegExpMatchArray) => string][]> = {
    // value-text's own short helper for refused()
    [path.join('shared', 'document', 'value-text.ts')]: [[/\bbad\(\s*'([^']+)'/g, (m) => `errors.value.${m[1]}`]],
  };
  for (const file of [...sources('electron'), ...sources('shared')]) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const [re, keyOf] of [...patterns, ...(local[file] ?? [])]) {
      for (const m of text.matchAll(re)) {
        const key = keyOf(m);
        if (key.includes('${')) out.push({ file, key: key.slice(0, key.indexOf('${')), exact: false });
        else out.push({ file, key, exact: true });
      }
    }
  }
  return out;
}

describe('UI-string keys used by the main process and shared/', () => {
  const used = usedKeys();

  it('finds the keys (the scan is not empty)', () => {
    expect(used.length).toBeGreaterThan(100);
    expect(used.map((u) => u.key)).toEqual(
      expect.arrayContaining(['errors.import.skip.subtotal', 'errors.value.negativePrice', 'errors.build.notFound', 'database.busy', 'cli.catalog.count', 'cli.import.notRows', 'errors.host.apiToken', 'errors.catalog.notFound']),
    );
  });

  it.each([
    ['en', en],
    ['zh-CN', zhCN],
  ] as const)('every key exists in %s', (_, messages) => {
    const missing = used.filter((u) => {
      // a plural key (`cli.expectedFiles` with a count) exists as its _other form
      if (u.exact) return typeof lookup(messages, u.key) !== 'string' && typeof lookup(messages, `${u.key}_other`) !== 'string';
      // `group.${x}` or `group.stem${x}`: the group exists and has a key that starts so
      const dot = u.key.lastIndexOf('.');
      const group = lookup(messages, u.key.slice(0, dot));
      const stem = u.key.slice(dot + 1);
      return typeof group !== 'object' || group === null || !Object.keys(group).some((k) => k.startsWith(stem));
    });
    expect(missing.map((u) => `${u.file}: ${u.key}`)).toEqual([]);
  });

  it('a key that is missing is caught (the check can fail)', () => {
    expect(lookup(en, 'errors.value.noSuchReason')).toBeUndefined();
    expect(lookup(en, 'figure.tflops.bf16')).toBe('BF16 dense');
  });

  it('zod issues get keys that translate, and a custom message keeps none', () => {
    const r = z.object({ n: z.number().min(1), s: z.string(), e: z.enum(['a', 'b']), c: z.number().refine(() => false, 'ours') }).strict().safeParse({ n: 0, s: 3, e: 'x', c: 1, x: 1 });
    const refs = r.error!.issues.map(issueRef);
    const zh = refs.map((ref) => (ref ? translate('zh-CN', ref) : null));
    expect(zh).toEqual(expect.arrayContaining(['不能小于 1', '应为文本', '应为以下之一："a", "b"', '未知的键 "x"']));
    expect(refs[r.error!.issues.findIndex((i) => i.message === 'ours')]).toBeUndefined();
  });

  it('nested refs and lists translate in the same language', () => {
    const ref = { key: 'errors.import.row.needsConfirmation', vars: { why: { key: 'errors.import.confirm.serverUnit', vars: { unit: '台', card: 'MLU590' } } } };
    expect(translate('zh-CN', ref)).toMatch(/^需要确认：单位“台”是整机单位/);
    expect(translate('en', { key: 'errors.issues', vars: { items: ['a', { key: 'errors.value.zeroPrice' }] } })).toBe('a; price is zero');
    expect(translate('zh-CN', { key: 'errors.issues', vars: { items: ['a', { key: 'errors.value.zeroPrice' }] } })).toBe('a；价格为零');
    expect(tr('en', 'errors.value.notGiven')).toBe('not given ("")');
  });
});
