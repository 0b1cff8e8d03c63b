/**
 * The Compare page's work for a 10-build comparison after one line count changes: evaluate every
 * build with its sensitivity table, build all five chart options and the KPI table — the same
 * shared code the page runs. Then the same edit measured end to end in Chromium (input → KPIs on screen).
 * Baseline: evaluating one build without sensitivity.
 */
import { openApp } from '../electron/bootstrap';
import { catalogSnapshot } from '../electron/db/snapshot';
import { createCatalogLookup } from '../shared/scenario/catalog-lookup';
import { evaluateBuildRecord } from '../shared/scenario/evaluate-build';
import { DEFAULT_ASSUMPTIONS, type BuildRecord } from '../shared/scenario/build';
import { KPIS } from '../shared/report/kpis';
import { costVsThroughputOption, cumulativeCostOption, riskFactorsOption, tcoBreakdownOption, tornadoOption } from '../shared/charts/options';
import type { BuildResult } from '../shared/scenario/evaluate';
import { tmpDbPath } from '../test/helpers/tmp';
import { medianMs, row } from './timing';


export default async function bench(): Promise<void> {
  const ctx = openApp(tmpDbPath());
  const lookup = createCatalogLookup(catalogSnapshot(ctx));
  const today = new Date().toISOString().slice(0, 10);
  // Ten parts that have a valid purchase quote in the seed catalog.
  const PARTS = catalogSnapshot(ctx)
    .accelerators.map((a) => a.slug)
    .filter((s) => lookup.bestCardPrice(s, today, 'CNY'))
    .slice(0, 10);
  const builds: BuildRecord[] = PARTS.map((p, i) => ({
    id: i + 1,
    name: `Build ${i + 1}`,
    assumptions: DEFAULT_ASSUMPTIONS,
    lines: [
      { accelerator: p, count: 64, role: 'both' },
      { accelerator: PARTS[(i + 1) % PARTS.length]!, count: 32, role: 'both' },
    ],
    createdAt: '',
    updatedAt: '',
  }));
  const one = medianMs(() => evaluateBuildRecord(builds[0]!, lookup, { today }));
  let count = 64;
  const all = medianMs(() => {
    builds[3] = { ...builds[3]!, lines: [{ ...builds[3]!.lines[0]!, count: count++ }, builds[3]!.lines[1]!] };
    const results: BuildResult[] = builds.map((b) => {
      const e = evaluateBuildRecord(b, lookup, { today, sensitivity: true });
      if (!e.ok) throw new Error(e.issues[0]!.message);
      return e.result.builds[0]!;
    });
    const c = { lang: 'en' as const, dark: false, currency: 'CNY' as const, finance: results.map(() => ({ discountRate: 0.06, years: 5 })) };
    JSON.stringify([tcoBreakdownOption(results, c), cumulativeCostOption(results, c), costVsThroughputOption(results, c), riskFactorsOption(results, c), tornadoOption(results[0]!, c, 20)]);
    for (const k of KPIS) results.map((r) => k.value(r));
  }, 15, 3);
  console.log(row('evaluate 1 build (baseline)', one));
  console.log(row('10-build compare after an edit: evaluate+sensitivity+charts', all, one));
  console.log(`target < 100 ms: ${all < 100 ? 'met' : 'NOT met'}`);
  ctx.db.close();
}
