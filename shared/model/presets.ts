/**
 * Model presets. Shapes are taken from each model's published config.json on Hugging Face
 * (num_hidden_layers, hidden_size, num_attention_heads, num_key_value_heads, head_dim,
 * kv_lora_rank, qk_rope_head_dim, n_routed_experts, num_experts_per_tok, n_shared_experts)
 * and parameter counts from the model cards. Users add their own as inline specs.
 */
import { modelSpecSchema, type ModelSpec, type ModelSpecInput } from './spec';
import { normalizeName } from '../domain/match';

const HF = (repo: string) => `https://huggingface.co/${repo}/blob/main/config.json`;

const RAW: (ModelSpecInput & { id: string })[] = [
  {
    id: 'llama-3.1-8b',
    name: 'Llama 3.1 8B',
    aliases: ['llama3.1-8b', 'llama-3-8b', 'meta-llama-3.1-8b-instruct'],
    totalParamsB: 8.03,
    layers: 32,
    hiddenSize: 4096,
    vocabSize: 128256,
    attention: { kind: 'gqa', heads: 32, kvHeads: 8, headDim: 128 },
    weightPrecision: 'bf16',
    source: { title: 'meta-llama/Llama-3.1-8B config.json', url: HF('meta-llama/Llama-3.1-8B'), asOf: '2024-07-23' },
  },
  {
    id: 'llama-3.1-70b',
    name: 'Llama 3.1 70B',
    aliases: ['llama3.1-70b', 'llama-3-70b', 'meta-llama-3.1-70b-instruct'],
    totalParamsB: 70.6,
    layers: 80,
    hiddenSize: 8192,
    vocabSize: 128256,
    attention: { kind: 'gqa', heads: 64, kvHeads: 8, headDim: 128 },
    weightPrecision: 'bf16',
    source: { title: 'meta-llama/Llama-3.1-70B config.json', url: HF('meta-llama/Llama-3.1-70B'), asOf: '2024-07-23' },
  },
  {
    id: 'llama-2-13b',
    name: 'Llama 2 13B',
    aliases: ['llama2-13b', 'llama-2-13b-chat', 'meta-llama-2-13b'],
    // 13,015,864,320 parameters (Hugging Face model card); MHA: 40 KV heads
    totalParamsB: 13.02,
    layers: 40,
    hiddenSize: 5120,
    vocabSize: 32000,
    attention: { kind: 'gqa', heads: 40, kvHeads: 40, headDim: 128 },
    weightPrecision: 'bf16',
    source: { title: 'meta-llama/Llama-2-13b-hf config.json', url: HF('meta-llama/Llama-2-13b-hf'), asOf: '2023-07-18' },
  },
  {
    id: 'llama-3.1-405b',
    name: 'Llama 3.1 405B',
    aliases: ['llama3.1-405b', 'meta-llama-3.1-405b-instruct'],
    totalParamsB: 405.9,
    layers: 126,
    hiddenSize: 16384,
    vocabSize: 128256,
    attention: { kind: 'gqa', heads: 128, kvHeads: 8, headDim: 128 },
    weightPrecision: 'fp8',
    source: { title: 'meta-llama/Llama-3.1-405B config.json (FP8 release)', url: HF('meta-llama/Llama-3.1-405B-FP8'), asOf: '2024-07-23' },
  },
  {
    id: 'qwen2.5-72b',
    name: 'Qwen2.5 72B',
    aliases: ['qwen2.5-72b-instruct', 'qwen-2.5-72b'],
    totalParamsB: 72.7,
    layers: 80,
    hiddenSize: 8192,
    vocabSize: 152064,
    attention: { kind: 'gqa', heads: 64, kvHeads: 8, headDim: 128 },
    weightPrecision: 'bf16',
    source: { title: 'Qwen/Qwen2.5-72B-Instruct config.json', url: HF('Qwen/Qwen2.5-72B-Instruct'), asOf: '2024-09-19' },
  },
  {
    id: 'qwen3-235b-a22b',
    name: 'Qwen3 235B-A22B',
    aliases: ['qwen3-235b', 'qwen3-moe'],
    totalParamsB: 235,
    activeParamsB: 22,
    layers: 94,
    hiddenSize: 4096,
    vocabSize: 151936,
    attention: { kind: 'gqa', heads: 64, kvHeads: 4, headDim: 128 },
    moe: { experts: 128, expertsPerToken: 8, sharedExperts: 0 },
    weightPrecision: 'bf16',
    source: { title: 'Qwen/Qwen3-235B-A22B config.json', url: HF('Qwen/Qwen3-235B-A22B'), asOf: '2025-04-29' },
  },
  {
    id: 'deepseek-v3',
    name: 'DeepSeek-V3',
    aliases: ['deepseek-v3-0324', 'deepseek v3', 'dsv3'],
    totalParamsB: 671,
    activeParamsB: 37,
    layers: 61,
    hiddenSize: 7168,
    vocabSize: 129280,
    attention: { kind: 'mla', heads: 128, kvLoraRank: 512, qkRopeHeadDim: 64, qkNopeHeadDim: 128, vHeadDim: 128, qLoraRank: 1536 },
    moe: { experts: 256, expertsPerToken: 8, sharedExperts: 1 },
    weightPrecision: 'fp8',
    source: {
      title: 'deepseek-ai/DeepSeek-V3 config.json; DeepSeek-V3 Technical Report (arXiv:2412.19437)',
      url: HF('deepseek-ai/DeepSeek-V3'),
      asOf: '2024-12-26',
    },
  },
  {
    id: 'deepseek-r1',
    name: 'DeepSeek-R1',
    aliases: ['deepseek-r1-0528', 'deepseek r1', 'dsr1'],
    totalParamsB: 671,
    activeParamsB: 37,
    layers: 61,
    hiddenSize: 7168,
    vocabSize: 129280,
    attention: { kind: 'mla', heads: 128, kvLoraRank: 512, qkRopeHeadDim: 64, qkNopeHeadDim: 128, vHeadDim: 128, qLoraRank: 1536 },
    moe: { experts: 256, expertsPerToken: 8, sharedExperts: 1 },
    weightPrecision: 'fp8',
    source: { title: 'deepseek-ai/DeepSeek-R1 config.json (same architecture as V3)', url: HF('deepseek-ai/DeepSeek-R1'), asOf: '2025-01-20' },
  },
  {
    id: 'kimi-k2',
    name: 'Kimi K2',
    aliases: ['kimi-k2-instruct', 'moonshot kimi k2'],
    totalParamsB: 1040,
    activeParamsB: 32.6,
    layers: 61,
    hiddenSize: 7168,
    vocabSize: 163840,
    attention: { kind: 'mla', heads: 64, kvLoraRank: 512, qkRopeHeadDim: 64, qkNopeHeadDim: 128, vHeadDim: 128, qLoraRank: 1536 },
    moe: { experts: 384, expertsPerToken: 8, sharedExperts: 1 },
    weightPrecision: 'fp8',
    source: { title: 'moonshotai/Kimi-K2-Instruct config.json', url: HF('moonshotai/Kimi-K2-Instruct'), asOf: '2025-07-11' },
  },
  {
    id: 'glm-4.5',
    name: 'GLM-4.5',
    aliases: ['glm4.5', 'glm-4.5-355b'],
    totalParamsB: 355,
    activeParamsB: 32,
    layers: 92,
    hiddenSize: 5120,
    vocabSize: 151552,
    attention: { kind: 'gqa', heads: 96, kvHeads: 8, headDim: 128 },
    moe: { experts: 160, expertsPerToken: 8, sharedExperts: 1 },
    weightPrecision: 'bf16',
    source: { title: 'zai-org/GLM-4.5 config.json', url: HF('zai-org/GLM-4.5'), asOf: '2025-07-28' },
  },
  {
    id: 'minimax-m1',
    name: 'MiniMax-M1',
    aliases: ['minimax-m1-80k', 'minimax m1'],
    totalParamsB: 456,
    activeParamsB: 45.9,
    layers: 80,
    // 7 lightning-attention layers per softmax layer: only 10 of 80 layers keep a KV cache
    kvLayers: 10,
    hiddenSize: 6144,
    vocabSize: 200064,
    attention: { kind: 'gqa', heads: 64, kvHeads: 8, headDim: 128 },
    moe: { experts: 32, expertsPerToken: 2, sharedExperts: 0 },
    weightPrecision: 'bf16',
    source: {
      title: 'MiniMaxAI/MiniMax-M1-80k config.json (attn_type_list: 1 softmax layer in 8)',
      url: HF('MiniMaxAI/MiniMax-M1-80k'),
      asOf: '2025-06-16',
    },
  },
];

export interface ModelPreset extends ModelSpec {
  id: string;
  aliases: string[];
}

export const MODEL_PRESETS: readonly ModelPreset[] = RAW.map((m) => ({
  ...modelSpecSchema.parse(m),
  id: m.id,
  aliases: m.aliases ?? [],
}));

/** Find a model by id, name or alias among `extra` (user models first) and the presets. */
export function findModel(nameOrId: string, extra: readonly ModelSpec[] = []): ModelSpec | undefined {
  const q = normalizeName(nameOrId);
  if (!q) return undefined;
  const keys = (m: ModelSpec) =>
    [m.id ?? '', m.name, ...(m.aliases ?? [])].filter(Boolean).map(normalizeName);
  for (const pool of [extra, MODEL_PRESETS]) {
    const hit = pool.find((m) => keys(m).includes(q));
    if (hit) return hit;
  }
  return undefined;
}
