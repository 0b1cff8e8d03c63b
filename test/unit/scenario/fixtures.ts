/** A hand-made catalog snapshot for the scenario tests. */
import { acceleratorSchema, type AcceleratorInput } from '../../../shared/domain/accelerator';
import type { FxRate, Server, Site } from '../../../shared/domain/catalog';
import type { CatalogSnapshot, SnapshotQuote } from '../../../shared/scenario/catalog-lookup';

const src = (asOf: string) => ({ title: 'test', url: '', asOf, estimate: false, note: '' });

const part = (p: Partial<AcceleratorInput> & Pick<AcceleratorInput, 'slug' | 'vendor' | 'model'>) =>
  acceleratorSchema.parse({
    domestic: false,
    memoryGB: 96,
    memoryType: 'HBM3',
    memoryBandwidthTBps: 4,
    tflops: { bf16: 148, fp8: 296 },
    tdpW: 400,
    idleW: 60,
    scaleUpGBps: 900,
    scaleOutGBps: 50,
    formFactor: 'SXM5',
    softwareStack: 'CUDA',
    releaseYear: 2024,
    exportControl: { CN: 'licensed', other: 'free' },
    foundry: 'TSMC 4N',
    hbmSupply: 'SK hynix',
    softwareMaturity: 0.95,
    mbu: 0.75,
    mfu: 0.5,
    sources: { default: src('2026-01-01') },
    ...p,
  });

export const H20 = part({ slug: 'nvidia-h20', vendor: 'NVIDIA', model: 'H20 96GB', aliases: ['H20'] });
export const A910B = part({
  slug: 'ascend-910b',
  vendor: 'Huawei',
  model: 'Ascend 910B',
  aliases: ['910B', '昇腾910B'],
  domestic: true,
  memoryGB: 64,
  memoryType: 'HBM2e',
  memoryBandwidthTBps: 1.6,
  tflops: { fp16: 376, bf16: 376, int8: 752 },
  scaleUpGBps: 392,
  scaleOutGBps: 25,
  formFactor: 'OAM',
  softwareStack: 'CANN',
  exportControl: { CN: 'free', other: 'restricted' },
  foundry: 'SMIC N+2',
  hbmSupply: 'stockpiled SK hynix',
  softwareMaturity: 0.7,
  mbu: 0.6,
  mfu: 0.4,
});
export const A910B4 = part({ slug: 'ascend-910b4', vendor: 'Huawei', model: 'Ascend 910B4', domestic: true, memoryGB: 32 });

export const HOPPER_HOST: Server = {
  slug: 'hgx-host',
  name: 'HGX host',
  cardsPerServer: 8,
  hostPrice: 400_000,
  currency: 'CNY',
  hostPowerW: 3000,
  compatible: ['nvidia-h20'],
  formFactor: 'SXM5',
  source: src('2026-01-01'),
};

const quote = (q: Partial<SnapshotQuote> & Pick<SnapshotQuote, 'item' | 'price' | 'currency'>): SnapshotQuote => ({
  kind: 'purchase',
  supplier: 'S',
  vatIncluded: false,
  vatRate: 0.13,
  source: src('2026-06-01'),
  ...q,
});

export const QUOTES: SnapshotQuote[] = [
  quote({ item: 'nvidia-h20', price: 113_000, currency: 'CNY', vatIncluded: true, supplier: 'VAT incl.' }), // 100,000 ex VAT
  quote({ item: 'nvidia-h20', price: 15_000, currency: 'USD', supplier: 'USD' }), // 106,500 CNY
  quote({ item: 'nvidia-h20', price: 50_000, currency: 'CNY', supplier: 'expired', validUntil: '2026-01-01' }),
  quote({ item: 'nvidia-h20', price: 40_000, currency: 'CNY', supplier: 'future', source: src('2027-01-01') }),
  quote({ item: 'nvidia-h20', price: 10, currency: 'CNY', kind: 'rental-card-hour', supplier: 'rent' }),
  quote({ item: 'ascend-910b', price: 120_000, currency: 'CNY', leadTimeWeeks: 26, supplier: 'Huawei agent' }),
];

export const SITES: Site[] = [
  {
    slug: 'west-china',
    name: 'Western China hub',
    nameZh: '西部',
    powerPricePerKWh: 0.25,
    currency: 'CNY',
    pue: 1.2,
    jurisdiction: 'CN',
    rackCostPerYear: 24_000,
    infraCostPerKW: 9_000,
    source: src('2026-01-01'),
  },
];
export const FX: FxRate[] = [
  { currency: 'USD', cnyPer: 7.0, asOf: '2025-01-01', source: src('2025-01-01') },
  { currency: 'USD', cnyPer: 7.1, asOf: '2026-01-01', source: src('2026-01-01') },
];

export const SNAPSHOT: CatalogSnapshot = {
  accelerators: [H20, A910B, A910B4],
  servers: [HOPPER_HOST],
  quotes: QUOTES,
  sites: SITES,
  fx: FX,
};

export const TODAY = '2026-11-27';

/** A small valid scenario (JSON value). */
export function baseScenario(): Record<string, unknown> {
  return {
    name: 'test',
    currency: 'CNY',
    site: { name: 'Ningxia', powerPricePerKWh: 0.25, pue: 1.2, jurisdiction: 'CN', rackCostPerYear: 24_000, infraCostPerKW: 9_000 },
    workload: { model: 'deepseek-v3', inputTokens: 2000, outputTokens: 500, tpotMs: 50, ttftMs: 3000 },
    builds: [{ name: 'H20', lines: [{ accelerator: 'H20', count: 16 }] }],
  };
}
