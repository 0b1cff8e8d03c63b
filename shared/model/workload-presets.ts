/**
 * Workload presets: typical request shapes with where each figure comes from. Most are
 * estimates (marked); the one measured shape is DeepSeek's own production day. A preset fills
 * the workload's token counts, cache hit rate or turns and latency targets; every field stays
 * editable. Table and sources: docs/model.md, "Agent-era workloads".
 */
import type { TurnsInput } from './workload';

export interface WorkloadPreset {
  id: string;
  inputTokens: number;
  outputTokens: number;
  prefixCacheHitRate: number;
  turns?: TurnsInput;
  tpotMs: number;
  ttftMs: number;
  /** Whether the shape is our estimate (true) or a published measurement. */
  estimate: boolean;
  source: string;
}

export const WORKLOAD_PRESETS: readonly WorkloadPreset[] = [
  {
    id: 'chat',
    inputTokens: 1000,
    outputTokens: 300,
    prefixCacheHitRate: 0.5,
    tpotMs: 50,
    ttftMs: 2000,
    estimate: true,
    source:
      'Estimate. Short prompts and replies over a few turns, shaped after LMSYS-Chat-1M (Zheng et al., ICLR 2024, arXiv:2309.11998); the history of earlier turns is the cached half (vLLM automatic prefix caching).',
  },
  {
    id: 'rag',
    inputTokens: 4000,
    outputTokens: 300,
    prefixCacheHitRate: 0.1,
    tpotMs: 50,
    ttftMs: 3000,
    estimate: true,
    source: 'Estimate. Retrieved passages are fresh per question, so only the system prompt and instructions are cached.',
  },
  {
    id: 'coding-agent',
    inputTokens: 38700,
    outputTokens: 400,
    prefixCacheHitRate: 0.9096,
    turns: { count: 12, contextTokens: 30000, inputTokensPerTurn: 1000, outputTokensPerTurn: 400 },
    tpotMs: 50,
    ttftMs: 5000,
    estimate: true,
    source:
      'Estimate. 12 calls of an agent loop over 30K tokens of repository context, 1,000 tokens of tool results and 400 output tokens a call: ≈ 97:1 input:output, 91 % cached (public reporting of 100:1 and more for coding agents; programming over half of OpenRouter tokens in 2025: a16z & OpenRouter, "State of AI: an empirical 100 trillion token study", 2025-12).',
  },
  {
    id: 'batch-summarisation',
    inputTokens: 8000,
    outputTokens: 300,
    prefixCacheHitRate: 0,
    tpotMs: 200,
    ttftMs: 60000,
    estimate: true,
    source: 'Estimate. Whole documents, each seen once (no reuse); offline, so latency targets are loose.',
  },
  {
    id: 'reasoning',
    inputTokens: 1000,
    outputTokens: 8000,
    prefixCacheHitRate: 0.2,
    tpotMs: 50,
    ttftMs: 3000,
    estimate: true,
    source: 'Estimate. Long chains of thought: DeepSeek API lists up to 32K reasoning tokens for deepseek-reasoner (api-docs.deepseek.com, Models & Pricing); 8K assumed as the mean.',
  },
  {
    id: 'deepseek-production',
    inputTokens: 4384,
    outputTokens: 1211,
    prefixCacheHitRate: 0.563,
    tpotMs: 50,
    ttftMs: 3000,
    estimate: false,
    source:
      'DeepSeek, "DeepSeek-V3/R1 inference system overview" (2025-03-01), one day of web, app and API traffic: 608B input tokens of which 342B (56.3 %) hit the on-disk KV cache, 168B output tokens, mean KV length 4,989 per output token. Input ÷ output = 3.62 and I + O/2 = 4,989 give I = 4,384, O = 1,211.',
  },
];

export function workloadPreset(id: string): WorkloadPreset | undefined {
  return WORKLOAD_PRESETS.find((p) => p.id === id);
}
