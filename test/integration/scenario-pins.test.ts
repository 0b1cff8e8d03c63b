/**
 * A scenario line that pins a quote or a supplier, two doors: `procure evaluate --json` and the
 * Builds page (scenario:import, then the saved build evaluated from the catalog snapshot) on the
 * same database. The pins must reach the saved build, so both doors price the line alike; a pin
 * on a quote this database does not hold is refused with a translated message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../electron/bootstrap';
import { dispatch } from '../../electron/handlers';
import { runProcure } from '../helpers/cli';
import { tmpDbPath, tmpDir } from '../helpers/tmp';
import { KPIS } from '../../shared/report/kpis';
import { createCatalogLookup, type CatalogSnapshot } from '../../shared/scenario/catalog-lookup';
import { evaluateBuildRecord } from '../../shared/scenario/evaluate-build';
import type { BuildResult } from '../../shared/scenario/evaluate';
import type { ScenarioImportResult } from '../../shared/contract/builds';
import type { QuoteWritten } from '../../shared/contract/quotes';
import { translate } from '../../shared/i18n/translate';

const AS_OF = '2026-12-01';
const CHEAP = '华东智算科技有限公司';
const DEAR = '北方算力集成有限公司';

let dbPath: string;
let cheapId: number;
let dearId: number;

/** A database whose mlu590 has two real quotes: the policy takes the cheap one. */
beforeAll(async () => {
  dbPath = tmpDbPath();
  const ctx = openApp(dbPath);
  try {
    const add = async (supplier: string, price: number, quoteDate: string) => {
      const r = await dispatch(ctx, 'quotes:add', { item: 'mlu590', quote: { supplier, price, currency: 'CNY', vatIncluded: false, vatRate: 0.13, quoteDate } });
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as QuoteWritten).id;
    };
    cheapId = await add(CHEAP, 70_000, '2026-11-20');
    dearId = await add(DEAR, 120_000, '2026-11-21');
  } finally {
    ctx.db.close();
  }
});

function scenario(lines: Record<string, unknown>[]) {
  return {
    version: 1,
    name: 'Pinned lines',
    currency: 'CNY',
    asOf: AS_OF,
    site: { name: 'Ningxia', powerPricePerKWh: 0.3, pue: 1.25, jurisdiction: 'CN' },
    workload: { model: 'qwen3-235b-a22b', inputTokens: 2000, outputTokens: 500, tpotMs: 50, ttftMs: 3000 },
    builds: lines.map((l, i) => ({ name: `Build ${i + 1}`, lines: [{ accelerator: 'mlu590', count: 16, ...l }] })),
  };
}

async function viaCli(doc: unknown): Promise<BuildResult[]> {
  const file = path.join(tmpDir(), 'pins.procure.json');
  fs.writeFileSync(file, JSON.stringify(doc));
  const r = await runProcure(['evaluate', file, '--json', '--db', dbPath]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.out) as { builds: BuildResult[] }).builds;
}

async function viaBuildsPage(doc: unknown): Promise<{ results: BuildResult[]; imported: ScenarioImportResult }> {
  const ctx = openApp(dbPath);
  try {
    const r = await dispatch(ctx, 'scenario:import', { fileName: 'pins.procure.json', text: JSON.stringify(doc) });
    if (!r.ok) throw new Error(r.error.message);
    const imported = r.value as ScenarioImportResult;
    const snap = await dispatch(ctx, 'catalog:snapshot', undefined);
    if (!snap.ok) throw new Error(snap.error.message);
    const lookup = createCatalogLookup(snap.value as CatalogSnapshot);
    const results = imported.builds.map((b) => {
      const ev = evaluateBuildRecord(b, lookup, { today: AS_OF });
      if (!ev.ok) throw new Error(JSON.stringify(ev.issues));
      return ev.result.builds[0]!;
    });
    return { results, imported };
  } finally {
    ctx.db.close();
  }
}

describe('pinned scenario lines: procure evaluate and the Builds page agree', () => {
  it('a quote pin, a supplier pin and no pin give the same KPIs through both doors', async () => {
    const doc = scenario([{ pinQuoteId: dearId }, { pinSupplier: DEAR }, {}]);
    const cli = await viaCli(doc);
    const { results: page, imported } = await viaBuildsPage(doc);
    expect(imported.builds.map((b) => [b.lines[0]!.pinQuoteId, b.lines[0]!.pinSupplier])).toEqual([[dearId, undefined], [undefined, DEAR], [undefined, undefined]]);
    expect(page).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      for (const k of KPIS) expect(k.value(page[i]!), `build ${i + 1}: ${k.key}`).toEqual(k.value(cli[i]!));
      expect(page[i]!.lines[0]!.cardPrice).toBe(cli[i]!.lines[0]!.cardPrice);
    }
    // the pins are what made the difference: pinned lines pay the dear quote, the free one the cheap
    expect(cli.map((b) => b.lines[0]!.cardPrice)).toEqual([120_000, 120_000, 70_000]);
    expect(cli.map((b) => b.lines[0]!.cardPriceQuote?.id)).toEqual([dearId, dearId, cheapId]);
    expect(page.map((b) => b.lines[0]!.cardPriceQuote?.id)).toEqual([dearId, dearId, cheapId]);
  });

  it('a pin on a quote later corrected follows the correction through both doors', async () => {
    const doc = scenario([{ pinQuoteId: dearId }]);
    const ctx = openApp(dbPath);
    let corrected: number;
    try {
      const r = await dispatch(ctx, 'quotes:correct', { id: dearId, quote: { supplier: DEAR, price: 110_000, currency: 'CNY', vatIncluded: false, vatRate: 0.13, quoteDate: '2026-11-25' } });
      if (!r.ok) throw new Error(r.error.message);
      corrected = (r.value as QuoteWritten).id;
    } finally {
      ctx.db.close();
    }
    const cli = await viaCli(doc);
    const { results: page } = await viaBuildsPage(doc);
    for (const k of KPIS) expect(k.value(page[0]!), k.key).toEqual(k.value(cli[0]!));
    expect(cli[0]!.lines[0]!.cardPriceQuote?.id).toBe(corrected);
    expect(page[0]!.lines[0]!.cardPrice).toBe(110_000);
  });

  it('a pin on a quote this database does not hold is refused, in both languages, and nothing is saved', async () => {
    const ctx = openApp(dbPath);
    try {
      const before = ctx.builds.list().length;
      const r = await dispatch(ctx, 'scenario:import', { fileName: 'colleague.procure.json', text: JSON.stringify(scenario([{}, { pinQuoteId: 987_654 }])) });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('invalid-input');
      expect(r.error.i18n).toEqual({ key: 'errors.build.linePinQuote', vars: { file: 'colleague.procure.json', build: 1, line: 0, id: 987_654 } });
      expect(r.error.message).toContain('no quote #987654');
      const zh = translate('zh-CN', r.error.i18n!);
      expect(zh).toContain('本机目录中没有报价 #987654');
      expect(zh).not.toMatch(/catalog|remove/);
      expect(ctx.builds.list().length).toBe(before);
    } finally {
      ctx.db.close();
    }
  });
});
