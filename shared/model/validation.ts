/**
 * The validation table: published throughput measurements of real systems, each re-run
 * through the model with the default efficiency factors of its software stack. The table in
 * docs/model.md is generated from these rows (`validationMarkdown`) and a unit test checks
 * that the document and the code agree, so the table cannot drift.
 */
import { defaultEfficiency } from './efficiency';
import { findModel } from './presets';
import { bestServingGroup, type ServingRole } from './serving';
import { modelSpecSchema, type AcceleratorSpec, type KvPrecision, type ModelSpec, type WeightPrecision } from './spec';

type PartFigures = Omit<AcceleratorSpec, 'mbu' | 'mfu' | 'exportControl' | 'foundry' | 'hbmSupply' | 'softwareMaturity' | 'domestic' | 'key'>;

/** Datasheet figures (the same values as the seed catalog), MBU/MFU from the stack defaults. */
function part(p: PartFigures): AcceleratorSpec {
  const eff = defaultEfficiency(p.softwareStack);
  return {
    ...p,
    key: `validation:${p.name}`,
    domestic: false,
    exportControl: { CN: 'free', other: 'free' },
    foundry: '',
    hbmSupply: '',
    softwareMaturity: 1,
    ...eff,
  };
}

const H200 = part({ name: 'H200 SXM', vendor: 'NVIDIA', softwareStack: 'CUDA', memoryGB: 141, memoryBandwidthTBps: 4.8, tflops: { bf16: 989, fp8: 1979 }, tdpW: 700, idleW: 105, scaleUpGBps: 900, scaleOutGBps: 50, scaleUpDomain: 8 });
const H100 = part({ name: 'H100 SXM', vendor: 'NVIDIA', softwareStack: 'CUDA', memoryGB: 80, memoryBandwidthTBps: 3.35, tflops: { bf16: 989, fp8: 1979 }, tdpW: 700, idleW: 105, scaleUpGBps: 900, scaleOutGBps: 50, scaleUpDomain: 8 });
const H20 = part({ name: 'H20', vendor: 'NVIDIA', softwareStack: 'CUDA', memoryGB: 96, memoryBandwidthTBps: 4.0, tflops: { bf16: 148, fp8: 296 }, tdpW: 400, idleW: 60, scaleUpGBps: 900, scaleOutGBps: 50, scaleUpDomain: 8 });
const MI300X = part({ name: 'MI300X', vendor: 'AMD', softwareStack: 'ROCm', memoryGB: 192, memoryBandwidthTBps: 5.3, tflops: { bf16: 1307, fp8: 2615 }, tdpW: 750, idleW: 113, scaleUpGBps: 896, scaleOutGBps: 50, scaleUpDomain: 8 });
const GAUDI2 = part({ name: 'Gaudi 2', vendor: 'Intel', softwareStack: 'Gaudi SynapseAI', memoryGB: 96, memoryBandwidthTBps: 2.45, tflops: { bf16: 432, fp8: 865 }, tdpW: 600, idleW: 90, scaleUpGBps: 525, scaleOutGBps: 37.5, scaleUpDomain: 8 });
const GAUDI3 = part({ name: 'Gaudi 3', vendor: 'Intel', softwareStack: 'Gaudi SynapseAI', memoryGB: 128, memoryBandwidthTBps: 3.7, tflops: { bf16: 1835, fp8: 1835 }, tdpW: 900, idleW: 135, scaleUpGBps: 1050, scaleOutGBps: 75, scaleUpDomain: 8 });
/** CloudMatrix384: one Unified-Bus domain of 384 Ascend 910C packages. */
const A910C_CM384 = part({ name: 'Ascend 910C (CloudMatrix384)', vendor: 'Huawei', softwareStack: 'CANN', memoryGB: 128, memoryBandwidthTBps: 3.2, tflops: { bf16: 752, fp16: 752, int8: 1504 }, tdpW: 700, idleW: 105, scaleUpGBps: 784, scaleOutGBps: 50, scaleUpDomain: 384 });

/** Llama 2 (MLPerf and vendor pages use it): same shape as Llama 3.1 but a 32k vocabulary. */
const LLAMA2_70B = modelSpecSchema.parse({ name: 'Llama 2 70B', totalParamsB: 69, layers: 80, hiddenSize: 8192, attention: { kind: 'gqa', heads: 64, kvHeads: 8, headDim: 128 }, weightPrecision: 'fp8' });
const LLAMA2_13B = modelSpecSchema.parse({ name: 'Llama 2 13B', totalParamsB: 13, layers: 40, hiddenSize: 5120, attention: { kind: 'gqa', heads: 40, kvHeads: 40, headDim: 128 }, weightPrecision: 'fp8' });
const preset = (id: string): ModelSpec => {
  const m = findModel(id);
  if (!m) throw new Error(`validation: no preset ${id}`);
  return m;
};

export interface ValidationRow {
  id: string;
  system: string;
  source: { title: string; url: string; date: string };
  accelerator: AcceleratorSpec;
  model: ModelSpec;
  precision: WeightPrecision;
  kvPrecision: KvPrecision;
  role: ServingRole;
  groupSize: number;
  /** Pinned batch (sequences per group), or undefined when the batch is searched under the latency targets. */
  batch?: number;
  inputTokens: number;
  outputTokens: number;
  tpotMs: number;
  ttftMs: number;
  /** What was measured and how it is normalised. */
  metric: 'output' | 'input';
  per: 'group' | 'card';
  measured: number;
  note: string;
  /** Set when the row is known to fall outside 0.6–1.6x, with the reason we believe it does. */
  outlier?: string;
}

const NO_SLO = { tpotMs: 1e6, ttftMs: 1e9 };

export const VALIDATION_ROWS: readonly ValidationRow[] = [
  {
    id: 'h200-llama2-70b-tp1',
    system: '1× H200, TensorRT-LLM 0.5',
    source: { title: 'TensorRT-LLM: H200 achieves nearly 12,000 tokens/sec on Llama2-13B (H200 launch blog, table "H200 FP8 Max throughput")', url: 'https://github.com/NVIDIA/TensorRT-LLM/blob/release/0.5.0/docs/source/blogs/H200launch.md', date: '2023 (TensorRT-LLM 0.5.0)' },
    accelerator: H200, model: LLAMA2_70B, precision: 'fp8', kvPrecision: 'bf16', role: 'both', groupSize: 1, batch: 512, inputTokens: 128, outputTokens: 128, ...NO_SLO,
    metric: 'output', per: 'group', measured: 3014, note: 'max-throughput run, preliminary vendor figure; 16-bit KV assumed (batch 512 is the largest power of two that fits with it)',
  },
  {
    id: 'h200-llama2-70b-tp4-long-out',
    system: '4× H200, TensorRT-LLM 0.5',
    source: { title: 'TensorRT-LLM H200 launch blog, same table', url: 'https://github.com/NVIDIA/TensorRT-LLM/blob/release/0.5.0/docs/source/blogs/H200launch.md', date: '2023 (TensorRT-LLM 0.5.0)' },
    accelerator: H200, model: LLAMA2_70B, precision: 'fp8', kvPrecision: 'bf16', role: 'both', groupSize: 4, batch: 512, inputTokens: 128, outputTokens: 2048, ...NO_SLO,
    metric: 'output', per: 'group', measured: 6616, note: '',
    outlier:
      'per GPU this run reaches 1,654 tok/s, 2.4x less than the TP1 row of the same table (3,014); the decode GEMMs at batch 512 should be compute bound at ~18 ms/step, the measurement implies ~77 ms (≈12 % of FP8 peak). We read it as early TensorRT-LLM 0.5 tensor-parallel kernels, not something the roofline should model.',
  },
  {
    id: 'h200-llama2-70b-tp2-long-in',
    system: '2× H200, TensorRT-LLM 0.5',
    source: { title: 'TensorRT-LLM H200 launch blog, same table', url: 'https://github.com/NVIDIA/TensorRT-LLM/blob/release/0.5.0/docs/source/blogs/H200launch.md', date: '2023 (TensorRT-LLM 0.5.0)' },
    accelerator: H200, model: LLAMA2_70B, precision: 'fp8', kvPrecision: 'bf16', role: 'both', groupSize: 2, batch: 64, inputTokens: 2048, outputTokens: 128, ...NO_SLO,
    metric: 'output', per: 'group', measured: 682, note: 'prefill-heavy: tests the prefill term',
  },
  {
    id: 'h200-llama2-13b-tp1',
    system: '1× H200, TensorRT-LLM 0.5',
    source: { title: 'TensorRT-LLM H200 launch blog, same table', url: 'https://github.com/NVIDIA/TensorRT-LLM/blob/release/0.5.0/docs/source/blogs/H200launch.md', date: '2023 (TensorRT-LLM 0.5.0)' },
    accelerator: H200, model: LLAMA2_13B, precision: 'fp8', kvPrecision: 'fp8', role: 'both', groupSize: 1, batch: 1024, inputTokens: 128, outputTokens: 128, ...NO_SLO,
    metric: 'output', per: 'group', measured: 11819, note: 'MHA model (40 KV heads): KV-read heavy',
  },
  {
    id: 'gaudi2-llama31-8b',
    system: '1× Gaudi 2, Intel Gaudi software 1.18 (vLLM/optimum-habana)',
    source: { title: 'Intel: Model Performance Data for Intel Gaudi 2 AI Accelerators (inference, LLM throughput)', url: 'https://www.intel.com/content/www/us/en/developer/platform/gaudi/model-performance-gaudi2-inference.html', date: 'page for Intel Gaudi software 1.18 (2024)' },
    accelerator: GAUDI2, model: preset('llama-3.1-8b'), precision: 'fp8', kvPrecision: 'fp8', role: 'both', groupSize: 1, batch: 289, inputTokens: 128, outputTokens: 2048, ...NO_SLO,
    metric: 'output', per: 'group', measured: 11138, note: '',
  },
  {
    id: 'gaudi2-llama2-70b-tp2',
    system: '2× Gaudi 2, Intel Gaudi software 1.18',
    source: { title: 'Intel: Model Performance Data for Intel Gaudi 2 AI Accelerators (inference, LLM throughput)', url: 'https://www.intel.com/content/www/us/en/developer/platform/gaudi/model-performance-gaudi2-inference.html', date: 'page for Intel Gaudi software 1.18 (2024)' },
    accelerator: GAUDI2, model: LLAMA2_70B, precision: 'fp8', kvPrecision: 'fp8', role: 'both', groupSize: 2, batch: 78, inputTokens: 2048, outputTokens: 2048, ...NO_SLO,
    metric: 'output', per: 'group', measured: 1438, note: '',
  },
  {
    id: 'gaudi3-llama31-70b-tp8',
    system: '8× Gaudi 3, Intel Gaudi software 1.18',
    source: { title: 'Intel: Model Performance Data for Intel Gaudi 3 AI Accelerators (inference, LLM throughput)', url: 'https://www.intel.com/content/www/us/en/developer/platform/gaudi/model-performance.html', date: 'page for Intel Gaudi software 1.18 (2024)' },
    accelerator: GAUDI3, model: preset('llama-3.1-70b'), precision: 'fp8', kvPrecision: 'fp8', role: 'both', groupSize: 8, batch: 600, inputTokens: 2048, outputTokens: 2048, ...NO_SLO,
    metric: 'output', per: 'group', measured: 8946, note: '',
  },
  {
    id: 'mi300x-llama31-405b-b256',
    system: '8× MI300X, vLLM (ROCm), OCI BM.GPU.MI300X.8',
    source: { title: 'Oracle Cloud Infrastructure blog: Serving Llama 3.1 405B model with AMD MI300X GPUs (latency table)', url: 'https://blogs.oracle.com/cloud-infrastructure/serving-llama-31-405b-model-with-amd-mi300x-gpus', date: '2024' },
    accelerator: MI300X, model: preset('llama-3.1-405b'), precision: 'fp8', kvPrecision: 'bf16', role: 'both', groupSize: 8, batch: 256, inputTokens: 128, outputTokens: 128, ...NO_SLO,
    metric: 'output', per: 'group', measured: 1846, note: 'vLLM benchmark_latency.py, batch 256',
    outlier:
      'the same blog is 1.7x below the model at batch 1 (memory bound) and 1.6–2.3x at batches 64–256 (compute bound): vLLM on ROCm in 2024 reached roughly MBU 0.38 and MFU 0.2 on this model, below the ROCm defaults (0.65 / 0.40). Per-collective latency of RCCL (tens of µs against 5 µs assumed) explains much of the batch-1 gap.',
  },
  {
    id: 'h100-deepseek-v3-decode-ep',
    system: '9 nodes × 8 H100 decode pool, SGLang PD + EP (DeepEP, DP attention)',
    source: { title: 'LMSYS: Deploying DeepSeek with PD Disaggregation and Large-scale Expert Parallelism on 96 H100 GPUs', url: 'https://lmsys.org/blog/2025-05-05-large-scale-ep/', date: '2025-05-05' },
    accelerator: H100, model: preset('deepseek-v3'), precision: 'fp8', kvPrecision: 'bf16', role: 'decode', groupSize: 72, inputTokens: 2000, outputTokens: 100, tpotMs: 100, ttftMs: 1e9,
    metric: 'output', per: 'card', measured: 22_300 / 8, note: '22.3k output tok/s per node at 2,000-token prompts; ITL ≈ 100 ms per the blog; output length assumed 100',
  },
  {
    id: 'h100-deepseek-v3-prefill-ep',
    system: '3 nodes × 8 H100 prefill pool, SGLang PD + EP',
    source: { title: 'LMSYS: Deploying DeepSeek with PD Disaggregation and Large-scale Expert Parallelism on 96 H100 GPUs', url: 'https://lmsys.org/blog/2025-05-05-large-scale-ep/', date: '2025-05-05' },
    accelerator: H100, model: preset('deepseek-v3'), precision: 'fp8', kvPrecision: 'bf16', role: 'prefill', groupSize: 32, inputTokens: 2000, outputTokens: 100, tpotMs: 1e6, ttftMs: 5000,
    metric: 'input', per: 'card', measured: 52_300 / 8, note: '52.3k input tok/s per node; TTFT 2–5 s per the blog (5 s used)',
  },
  {
    id: 'h20-deepseek-r1-decode-ep16',
    system: '2 nodes × 8 H20 decode pool, SGLang EP16 (Ant Group)',
    source: { title: 'LMSYS: Together with SGLang: Best Practices for Serving DeepSeek-R1 on H20-96G', url: 'https://lmsys.org/blog/2025-09-26-sglang-ant-group/', date: '2025-09-26' },
    accelerator: H20, model: preset('deepseek-r1'), precision: 'fp8', kvPrecision: 'fp8', role: 'decode', groupSize: 16, inputTokens: 4096, outputTokens: 1024, tpotMs: 50, ttftMs: 1e9,
    metric: 'output', per: 'card', measured: 5_700 / 8, note: '5.7k output tok/s per node at 4,096-token prompts; FP8 FlashMLA; output length and TPOT ≤ 50 ms assumed',
  },
  {
    id: 'cm384-deepseek-r1-decode',
    system: 'Huawei CloudMatrix384, Ascend 910C, CloudMatrix-Infer decode (EP320 over 160 packages)',
    source: { title: 'Zuo et al., Serving Large Language Models on Huawei CloudMatrix384 (arXiv:2506.12708)', url: 'https://arxiv.org/abs/2506.12708', date: '2025-06' },
    accelerator: A910C_CM384, model: preset('deepseek-r1'), precision: 'int8', kvPrecision: 'int8', role: 'decode', groupSize: 160, inputTokens: 4096, outputTokens: 256, tpotMs: 50, ttftMs: 1e9,
    metric: 'output', per: 'card', measured: 1943, note: '1,943 tok/s per NPU at TPOT < 50 ms, INT8; context length assumed 4K',
  },
];

export interface ValidationResult {
  row: ValidationRow;
  predicted: number;
  ratio: number;
  batch: number;
  bound: string;
}

export function runValidationRow(row: ValidationRow): ValidationResult {
  const g = bestServingGroup(
    row.accelerator,
    row.model,
    {
      inputTokens: row.inputTokens,
      outputTokens: row.outputTokens,
      tpotMs: row.tpotMs,
      ttftMs: row.ttftMs,
      batch: row.batch,
      groupSize: row.groupSize,
      weightPrecision: row.precision,
      kvPrecision: row.kvPrecision,
    },
    row.role,
    { maxCards: row.groupSize },
  );
  const perGroup = row.metric === 'output' ? g.outputTokensPerSecond : g.inputTokensPerSecond;
  const predicted = row.per === 'card' ? perGroup / row.groupSize : perGroup;
  return { row, predicted, ratio: predicted / row.measured, batch: g.batch, bound: g.bound };
}

export function runValidation(): ValidationResult[] {
  return VALIDATION_ROWS.map(runValidationRow);
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

/** The Markdown table docs/model.md carries (regenerate with `npx tsx scripts/validation-table.ts`). */
export function validationMarkdown(results: readonly ValidationResult[] = runValidation()): string {
  const head =
    '| # | System | Model, precision | Parallel / batch | In / out tokens | Metric | Predicted | Measured | Ratio | Source |\n' +
    '|---|---|---|---|---|---|---:|---:|---:|---|';
  const rows = results.map((r, i) => {
    const w = r.row;
    const target = w.role === 'prefill' ? `TTFT ≤ ${w.ttftMs} ms` : `TPOT ≤ ${w.tpotMs} ms`;
    const par = `${w.role === 'both' ? '' : `${w.role}-only, `}group ${w.groupSize}, batch ${w.batch ?? `${r.batch} (searched, ${target})`}`;
    const metric = `${w.metric} tok/s per ${w.per === 'card' ? 'card' : 'group'}`;
    const note = w.note ? ` (${w.note})` : '';
    const flag = w.outlier ? ' †' : '';
    return `| ${i + 1} | ${w.system} | ${w.model.name}, ${w.precision} weights, ${w.kvPrecision} KV | ${par} | ${w.inputTokens} / ${w.outputTokens} | ${metric} | ${fmt(r.predicted)} | ${fmt(w.measured)} | ${r.ratio.toFixed(2)}${flag} | [${w.source.title}](${w.source.url}), ${w.source.date}${note} |`;
  });
  const notes = results
    .map((r, i) => (r.row.outlier ? `† Row ${i + 1} is outside 0.6–1.6x: ${r.row.outlier}` : ''))
    .filter(Boolean);
  return [head, ...rows, ...(notes.length ? ['', ...notes.flatMap((n) => [n, ''])].slice(0, -1) : [])].join('\n');
}
