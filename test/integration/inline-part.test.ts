/**
 * One scenario with an inline part, two doors: `procure evaluate --json` resolves the part
 * inline; the Builds page imports the scenario (the part becomes a catalog part) and evaluates
 * the saved build from the catalog snapshot. Both must show the same figures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../electron/bootstrap';
import { dispatch } from '../../electron/handlers';
import { runProcure } from '../helpers/cli';
import { tmpDbPath, tmpDir } from '../helpers/tmp';
import { KPIS } from '../../shared/report/kpis';
import { createCatalogLookup, type CatalogSnapshot } from '../../shared/scenario/catalog-lookup';
import { evaluateBuildRecord } from '../../shared/scenario/evaluate-build';
import type { BuildResult } from '../../shared/scenario/evaluate';
import type { ScenarioImportResult } from '../../shared/contract/builds';
import { defaultEfficiency } from '../../shared/model/efficiency';

const AS_OF = '2026-11-27';

function scenario(stack: string) {
  return {
    version: 1,
    name: `Inline ${stack} part`,
    currency: 'CNY',
    asOf: AS_OF,
    site: { name: 'Ningxia', powerPricePerKWh: 0.3, pue: 1.25, jurisdiction: 'CN', rackCostPerYear: 30_000, infraCostPerKW: 8_000 },
    finance: { years: 5, discountRate: 0.06, utilization: 0.6, maintenanceRate: 0.05, residualValueRate: 0.05 },
    workload: { model: 'llama-3.1-70b', inputTokens: 2000, outputTokens: 500, tpotMs: 50, ttftMs: 3000 },
    builds: [
      {
        name: `Custom ${stack} cluster`,
        lines: [
          {
            accelerator: {
              name: `Grey-market ${stack} 80G`,
              vendor: 'Acme',
              memoryGB: 80,
              memoryBandwidthTBps: 3.35,
              tflops: { bf16: 989, fp8: 1979 },
              tdpW: 700,
              scaleUpGBps: 900,
              softwareStack: stack,
              exportControl: { CN: 'restricted', other: 'free' },
              foundry: 'TSMC',
              hbmSupply: 'SK hynix',
              softwareMaturity: 0.9,
            },
            count: 16,
            unitPrice: { amount: 230_000, currency: 'CNY' },
            server: { name: 'Acme 8-card host', cardsPerServer: 8, price: { amount: 180_000, currency: 'CNY' }, powerW: 2400 },
          },
        ],
      },
    ],
  };
}

async function viaCli(doc: unknown): Promise<BuildResult> {
  const file = path.join(tmpDir(), 'inline.procure.json');
  fs.writeFileSync(file, JSON.stringify(doc));
  const r = await runProcure(['evaluate', file, '--json', '--db', tmpDbPath()]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.out) as { builds: BuildResult[] }).builds[0]!;
}

/** What the Builds page does: scenario:import, then the saved build evaluated against catalog:snapshot. */
async function viaBuildsPage(doc: unknown): Promise<{ build: BuildResult; part: string }> {
  const ctx = openApp(tmpDbPath());
  try {
    const imported = await dispatch(ctx, 'scenario:import', { fileName: 'inline.procure.json', text: JSON.stringify(doc) });
    if (!imported.ok) throw new Error(imported.error.message);
    const { builds, addedParts } = imported.value as ScenarioImportResult;
    const snap = await dispatch(ctx, 'catalog:snapshot', undefined);
    if (!snap.ok) throw new Error(snap.error.message);
    const ev = evaluateBuildRecord(builds[0]!, createCatalogLookup(snap.value as CatalogSnapshot), { today: AS_OF });
    if (!ev.ok) throw new Error(JSON.stringify(ev.issues));
    return { build: ev.result.builds[0]!, part: addedParts[0]! };
  } finally {
    ctx.db.close();
  }
}

describe('an inline part: procure evaluate and the Builds page agree', () => {
  for (const stack of ['CUDA', 'CANN', 'MUSA', '']) {
    it(`the same KPIs for an inline part on stack "${stack}"`, async () => {
      const doc = scenario(stack);
      const cli = await viaCli(doc);
      const { build: page } = await viaBuildsPage(doc);
      for (const k of KPIS) expect(k.value(page), k.key).toEqual(k.value(cli));
      expect(page.lines.map((l) => [l.mbu, l.mfu])).toEqual(cli.lines.map((l) => [l.mbu, l.mfu]));
      // the stack's defaults, not one fixed pair, reached both doors
      const eff = defaultEfficiency(stack);
      expect(cli.lines[0]).toMatchObject({ mbu: eff.mbu, mfu: eff.mfu });
    });
  }

  it('lines that set leadTimeWeeks, rentalPricePerCardHour and engine: the same KPIs, risk and buy-vs-rent', async () => {
    const doc = scenario('CUDA');
    const line = doc.builds[0]!.lines[0]!;
    const terms = [
      { leadTimeWeeks: 30, rentalPricePerCardHour: { amount: 4.5, currency: 'USD' }, engine: 'tensorrt-llm' },
      { leadTimeWeeks: 2, rentalPricePerCardHour: { amount: 31.25, currency: 'CNY' }, engine: { name: 'our vLLM fork', base: 'vllm', stepOverheadMs: 4, overlap: 0.1 } },
    ];
    Object.assign(doc.builds[0]!, {
      // two parts by name: the same inline part twice would become two catalog parts of one name
      lines: terms.map((t, i) => ({ ...structuredClone(line), accelerator: { ...line.accelerator, name: `${line.accelerator.name} #${i + 1}` }, count: 8 * (i + 1), ...t })),
    });
    const cli = await viaCli(doc);
    const { build: page } = await viaBuildsPage(doc);
    for (const k of KPIS) expect(k.value(page), k.key).toEqual(k.value(cli));
    expect(page.risk).toEqual(cli.risk);
    expect(cli.buyVsRent).not.toBeNull();
    expect(page.buyVsRent).toEqual(cli.buyVsRent);
    expect(page.lines.map((l) => l.engine)).toEqual(cli.lines.map((l) => l.engine));
    expect(cli.lines.map((l) => l.engine.name)).toEqual(['TensorRT-LLM', 'our vLLM fork']);
    expect(page.lines.map((l) => l.risk)).toEqual(cli.lines.map((l) => l.risk));
  });

  it('the imported part keeps the stack defaults, or the figures the file gives', async () => {
    const doc = scenario('CUDA');
    const ctx = openApp(tmpDbPath());
    try {
      const withOwn = structuredClone(doc);
      Object.assign(withOwn.builds[0]!.lines[0]!.accelerator, { mbu: 0.61, mfu: 0.42, idleW: 90 });
      const r = await dispatch(ctx, 'scenario:import', { fileName: 'a.procure.json', text: JSON.stringify(doc) });
      const r2 = await dispatch(ctx, 'scenario:import', { fileName: 'b.procure.json', text: JSON.stringify(withOwn) });
      if (!r.ok || !r2.ok) throw new Error('import failed');
      const a = ctx.accelerators.get((r.value as ScenarioImportResult).addedParts[0]!)!;
      const b = ctx.accelerators.get((r2.value as ScenarioImportResult).addedParts[0]!)!;
      expect([a.mbu, a.mfu, a.idleW]).toEqual([0.75, 0.5, 140]);
      expect([b.mbu, b.mfu, b.idleW]).toEqual([0.61, 0.42, 90]);
      expect(a.sources.default!.estimate).toBe(true);
    } finally {
      ctx.db.close();
    }
  });
});
