/**
 * Model benchmark: evaluating a 10-build scenario with the sensitivity table, and the serving
 * group / batch search alone. Target: 10 builds with sensitivity under 20 ms.
 */
import { findModel } from '../shared/model/presets';
import { bestServingGroup } from '../shared/model/serving';
import { createCatalogLookup } from '../shared/scenario/catalog-lookup';
import { evaluateScenario } from '../shared/scenario/evaluate';
import { parseScenario, type ScenarioInput } from '../shared/scenario/schema';
import { resolveScenario } from '../shared/scenario/resolve';

const PARTS = [
  { name: 'H20', vendor: 'NVIDIA', memoryGB: 96, memoryBandwidthTBps: 4, tflops: { bf16: 148, fp8: 296 }, tdpW: 400, scaleUpGBps: 900, softwareStack: 'CUDA', price: 100_000 },
  { name: 'Ascend 910B', vendor: 'Huawei', memoryGB: 64, memoryBandwidthTBps: 1.6, tflops: { bf16: 376, int8: 752 }, tdpW: 400, scaleUpGBps: 392, softwareStack: 'CANN', price: 120_000 },
  { name: 'Ascend 910C', vendor: 'Huawei', memoryGB: 128, memoryBandwidthTBps: 3.2, tflops: { bf16: 780, int8: 1560 }, tdpW: 700, scaleUpGBps: 784, softwareStack: 'CANN', price: 180_000 },
  { name: 'MLU590', vendor: 'Cambricon', memoryGB: 80, memoryBandwidthTBps: 2, tflops: { bf16: 314, int8: 628 }, tdpW: 350, scaleUpGBps: 372, softwareStack: 'Neuware', price: 85_000 },
  { name: 'P800', vendor: 'Kunlunxin', memoryGB: 96, memoryBandwidthTBps: 2, tflops: { bf16: 345, int8: 690 }, tdpW: 400, scaleUpGBps: 400, softwareStack: 'Kunlunxin XPU', price: 90_000 },
];

function scenario(): ScenarioInput {
  const line = (i: number, count: number, role: 'both' | 'prefill' | 'decode' = 'both') => {
    const p = PARTS[i % PARTS.length]!;
    const { price, ...spec } = p;
    return {
      accelerator: spec,
      count,
      role,
      unitPrice: { amount: price, currency: 'CNY' as const },
      server: { cardsPerServer: 8, price: { amount: 300_000, currency: 'CNY' as const }, powerW: 2500 },
    };
  };
  const builds = [
    ...PARTS.map((p, i) => ({ name: `${p.name} x64`, lines: [line(i, 64)] })),
    { name: 'Mixed A', lines: [line(0, 32), line(1, 32)] },
    { name: 'Mixed B', lines: [line(2, 32), line(3, 32)] },
    { name: 'PD 1', lines: [line(1, 32, 'prefill'), line(0, 64, 'decode')] },
    { name: 'PD 2', lines: [line(2, 16, 'prefill'), line(0, 48, 'decode')] },
    { name: 'Three vendors', lines: [line(0, 32), line(3, 32), line(4, 32)] },
  ];
  return {
    name: 'bench',
    site: { name: 'Ningxia', powerPricePerKWh: 0.25, pue: 1.2, jurisdiction: 'CN' },
    workload: { model: 'deepseek-v3', inputTokens: 2000, outputTokens: 500, tpotMs: 50, ttftMs: 3000 },
    builds,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void, runs: number): number {
  for (let i = 0; i < 10; i++) fn(); // warm up (JIT)
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

export default async function bench(): Promise<void> {
  const parsed = parseScenario(scenario());
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  const lookup = createCatalogLookup({ accelerators: [], servers: [], quotes: [], sites: [], fx: [] });
  const today = new Date().toISOString().slice(0, 10);
  resolveScenario(parsed.value, lookup, { today }); // throws early if the bench scenario is broken

  const full = time(() => evaluateScenario(parsed.value, lookup, { today, sensitivity: true }), 20);
  const plain = time(() => evaluateScenario(parsed.value, lookup, { today }), 20);
  const ds = findModel('deepseek-v3')!;
  const h20 = { key: 'h20', name: 'H20', vendor: 'NVIDIA', domestic: false, softwareStack: 'CUDA', memoryGB: 96, memoryBandwidthTBps: 4, tflops: { bf16: 148, fp8: 296 }, tdpW: 400, idleW: 60, scaleUpGBps: 900, scaleOutGBps: 50, scaleUpDomain: 8, mbu: 0.75, mfu: 0.5, exportControl: { CN: 'licensed' as const, other: 'free' as const }, foundry: 'TSMC', hbmSupply: 'SK hynix', softwareMaturity: 0.95 };
  const search = time(() => bestServingGroup(h20, ds, { inputTokens: 2000, outputTokens: 500, tpotMs: 50, ttftMs: 3000 }, 'both', { maxCards: 64 }), 200);

  const builds = parsed.value.builds.length;
  console.log(`model: ${builds} builds + sensitivity (9 assumptions × ±20 %): ${full.toFixed(2)} ms median (target < 20 ms) ${full < 20 ? 'OK' : 'SLOW'}`);
  console.log(`model: ${builds} builds without sensitivity: ${plain.toFixed(2)} ms median`);
  console.log(`model: one serving-group + batch search (DeepSeek-V3 on H20, up to 64 cards): ${search.toFixed(3)} ms median`);
  console.log(`model: ratio (10 builds + sensitivity) / (one search): ${(full / search).toFixed(1)}x`);
}
