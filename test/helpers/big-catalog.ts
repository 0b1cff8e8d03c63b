/**
 * A catalog the size a team's database grows to: the seed parts copied into `parts` more parts
 * (each with its figures' sources, figures varied a little) and `quotes` purchase quotes spread
 * evenly over them
 * (suppliers, dates, VAT bases, currencies, estimates and expired ones mixed, so the price policy
 * has real choices to make), written through the repositories in one transaction. For the
 * catalog bench and the tests that need a big catalog.
 */
import type { AppContext } from '../../electron/context';
import type { Accelerator } from '../../shared/domain/accelerator';
import type { SeedQuote } from '../../shared/domain/catalog';
import { addDays } from '../../shared/calendar';
import { rng } from './rng';

export interface BigCatalogOptions {
  /** Parts to add. */
  parts: number;
  /** Quotes to add, spread over the added parts. */
  quotes: number;
  /** The day the quotes are dated back from (YYYY-MM-DD); default the context's today. */
  today?: string;
}

const SUPPLIERS = ['华为授权分销商 甲', 'Inspur Channel', 'Lenovo ISG', 'H3C 新华三', 'Digital China 神州数码', 'Sugon 中科曙光', 'Unisplendour', 'CEC Great Wall'];

/** The slug of the i-th generated part. */
export const bigPartSlug = (base: string, i: number) => `${base}-x${String(i).padStart(5, '0')}`.slice(0, 80);

/** Adds the parts and quotes; returns how many of each were written. */
export function seedBigCatalog(ctx: AppContext, opts: BigCatalogOptions): { parts: number; quotes: number } {
  const today = opts.today ?? ctx.today();
  const base = ctx.accelerators.list() as Accelerator[];
  if (base.length === 0) throw new Error('seedBigCatalog needs the seed catalog loaded');
  const rand = rng(20261202);
  let quotes = 0;
  ctx.db.transaction(() => {
    const write = ctx.quotes.writer();
    for (let i = 0; i < opts.parts; i++) {
      const b = base[i % base.length]!;
      const f = 0.8 + 0.4 * rand();
      const slug = bigPartSlug(b.slug, i);
      const part: Accelerator = {
        ...b,
        slug,
        model: `${b.model} X${i}`,
        aliases: [`${b.model} X${i}`],
        memoryGB: Math.round(b.memoryGB * f),
        memoryBandwidthTBps: Math.round(b.memoryBandwidthTBps * f * 1000) / 1000,
        tflops: Object.fromEntries(Object.entries(b.tflops).map(([k, v]) => [k, v === undefined ? undefined : Math.round(v * f * 10) / 10])) as Accelerator['tflops'],
        tdpW: Math.round(b.tdpW * f),
        releaseYear: 2018 + (i % 9),
      };
      ctx.accelerators.upsert(part, { origin: 'import', userEdited: i % 97 === 0 });
      const mine = Math.floor(((i + 1) * opts.quotes) / opts.parts) - Math.floor((i * opts.quotes) / opts.parts);
      for (let k = 0; k < mine; k++) {
        const usd = k % 5 === 4;
        const estimate = k % 7 === 6;
        const date = addDays(today, -Math.floor(rand() * 500));
        const q: SeedQuote = {
          item: slug,
          kind: 'purchase',
          supplier: SUPPLIERS[(i + k) % SUPPLIERS.length]!,
          price: Math.round((usd ? 12_000 : 90_000) * (0.7 + 0.8 * rand())),
          currency: usd ? 'USD' : 'CNY',
          vatIncluded: k % 2 === 0,
          vatRate: 0.13,
          leadTimeWeeks: 4 + (k % 12),
          validUntil: k % 3 === 2 ? addDays(date, 30) : addDays(today, 90),
          source: { title: `Price sheet ${i}-${k}`, url: '', asOf: date, estimate, note: '' },
          quoteDate: date,
        } as SeedQuote;
        write(q, { origin: 'import', sourceFile: `sheet-${i % 50}.xlsx`, sourceSheet: '报价', sourceRow: k + 2 });
        quotes++;
      }
    }
  })();
  return { parts: opts.parts, quotes };
}
