/**
 * Matching a sheet's item text to a catalog part: exact names and aliases first (the shared
 * matchByName), then the longest catalog name found inside the text ("华为 昇腾910B 64GB 训练卡"),
 * then a typo-tolerant comparison ("Acsend 910B"). Vendor and memory columns break ties.
 */
import { said, type MessageRef } from '../../shared/i18n/translate';
import { matchByName, normalizeName, type Named } from '../../shared/domain/match';

export interface MatchPart extends Named {
  memoryGB: number;
}

export type PartMatch<T> =
  | { ok: true; part: T; confidence: number; via: 'name' | 'contains' | 'fuzzy' }
  | { ok: false; reason: 'not-found' | 'ambiguous'; message: string; i18n?: MessageRef };

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), capped. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > cap) return cap + 1;
    prev2.splice(0, prev2.length, ...prev);
    prev = cur;
  }
  return prev[b.length]!;
}

/** Offsets in normalizeName(text) where a separator stood in the text. */
function tokenBounds(text: string): Set<number> {
  const out = new Set<number>();
  let len = 0;
  for (const token of text.split(/[\s\-_()（）[\]【】·.,/]+/)) {
    len += normalizeName(token).length;
    out.add(len);
  }
  return out;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlnum = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);

export class PartMatcher<T extends MatchPart> {
  private readonly keys: { part: T; key: string }[] = [];
  private readonly cache = new Map<string, PartMatch<T>>();

  constructor(private readonly parts: readonly T[]) {
    for (const p of parts) {
      const names = [p.slug, p.model, `${p.vendor} ${p.model}`, ...p.aliases];
      for (const k of new Set(names.map(normalizeName))) if (k.length >= 3) this.keys.push({ part: p, key: k });
    }
  }

  match(text: string, hints: { vendor?: string; memoryGB?: number } = {}): PartMatch<T> {
    const cacheKey = `${text}\u0000${hints.vendor ?? ''}\u0000${hints.memoryGB ?? ''}`;
    let m = this.cache.get(cacheKey);
    if (!m) {
      m = this.find(text, hints);
      if (this.cache.size < 50_000) this.cache.set(cacheKey, m);
    }
    return m;
  }

  private narrow(cands: T[], hints: { vendor?: string; memoryGB?: number }): T[] {
    let pool = cands;
    if (pool.length > 1 && hints.vendor) {
      const v = normalizeName(hints.vendor);
      const byVendor = pool.filter((p) => v.includes(normalizeName(p.vendor)) || normalizeName(p.vendor).includes(v));
      if (byVendor.length > 0) pool = byVendor;
    }
    if (pool.length > 1 && hints.memoryGB) {
      const byMem = pool.filter((p) => Math.abs(p.memoryGB - hints.memoryGB!) < 1);
      if (byMem.length > 0) pool = byMem;
    }
    return pool;
  }

  private find(text: string, hints: { vendor?: string; memoryGB?: number }): PartMatch<T> {
    const q = normalizeName(text);
    const bounds = tokenBounds(text);
    if (!q) return { ok: false, reason: 'not-found', ...said('errors.import.row.noItem') };
    const direct = matchByName(this.parts, text);
    if (direct.ok) return { ok: true, part: direct.value, confidence: 1, via: 'name' };
    if (direct.reason === 'ambiguous') {
      const pool = this.narrow(direct.candidates, hints);
      if (pool.length === 1) return { ok: true, part: pool[0]!, confidence: 0.9, via: 'name' };
    }
    const contained = this.containedIn(q, bounds, hints);
    if (contained) return contained;
    if (direct.reason === 'ambiguous') return { ok: false, reason: 'ambiguous', message: direct.message, ...(direct.i18n && { i18n: direct.i18n }) };
    return this.fuzzy(q, text, hints);
  }

  /** The catalog names found inside the text; the longest wins ("h200" over "h20"). */
  private containedIn(q: string, bounds: Set<number>, hints: { vendor?: string; memoryGB?: number }): PartMatch<T> | undefined {
    let bestLen = 0;
    let best: { part: T; tight: boolean }[] = [];
    for (const { part, key } of this.keys) {
      let at = q.indexOf(key);
      while (at >= 0) {
        const before = q[at - 1];
        const after = q[at + key.length];
        // "h20" inside "h200" or "910" inside "9100" is another part, not this one.
        // A space in the text ("H20 8-GPU") separates them, even though normalizing removed it.
        const end = at + key.length;
        const digitClash =
          (isDigit(key[key.length - 1]) && isDigit(after) && !bounds.has(end)) ||
          (isDigit(key[0]) && isDigit(before) && !bounds.has(at));
        if (!digitClash) {
          const tight = bounds.has(end) || !isAlnum(after) || isDigit(key[key.length - 1]) !== isDigit(after);
          if (key.length > bestLen) {
            bestLen = key.length;
            best = [{ part, tight }];
          } else if (key.length === bestLen && !best.some((b) => b.part === part)) best.push({ part, tight });
          break;
        }
        at = q.indexOf(key, at + 1);
      }
    }
    if (best.length === 0) return undefined;
    const pool = this.narrow(
      best.map((b) => b.part),
      hints,
    );
    if (pool.length === 1) {
      const tight = best.find((b) => b.part === pool[0])!.tight;
      return { ok: true, part: pool[0]!, confidence: tight ? 0.85 : 0.7, via: 'contains' };
    }
    return {
      ok: false,
      reason: 'ambiguous',
      ...said('errors.import.row.matchesMany', { n: pool.length, list: pool.map((p) => `${p.model} (${p.slug})`).join(', ') }),
    };
  }

  /** Typos: the whole text within one or two edits of a catalog name, its numbers unchanged. */
  private fuzzy(q: string, text: string, hints: { vendor?: string; memoryGB?: number }): PartMatch<T> {
    if (q.length <= 40) {
      const found = new Map<T, number>();
      // Digits are the model's identity (H20 / H200, 910B / 910C): typos only count in letters.
      const digits = q.replace(/\D/g, '');
      for (const { part, key } of this.keys) {
        if (key.length < 4 || key.replace(/\D/g, '') !== digits) continue;
        const cap = key.length >= 10 ? 2 : 1;
        const d = editDistance(q, key, cap);
        if (d <= cap) found.set(part, Math.min(found.get(part) ?? 99, d));
      }
      if (found.size > 0) {
        const min = Math.min(...found.values());
        const pool = this.narrow(
          [...found].filter(([, d]) => d === min).map(([p]) => p),
          hints,
        );
        if (pool.length === 1) return { ok: true, part: pool[0]!, confidence: 0.6, via: 'fuzzy' };
      }
    }
    return { ok: false, reason: 'not-found', ...said('errors.import.row.noMatch', { text: text.length > 60 ? text.slice(0, 59) + '…' : text }) };
  }
}
