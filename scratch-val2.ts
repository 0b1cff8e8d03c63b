import { VALIDATION_ROWS, runValidationRow } from './shared/model/validation';
const base = VALIDATION_ROWS.find(r => r.id === 'mi300x-llama31-405b-b256')!;
for (const [b, i, o, m] of [[64,128,128,1184],[1,128,128,36],[256,128,2048,2794],[256,128,128,1993]] as const) {
  const r = runValidationRow({ ...base, batch: b, inputTokens: i, outputTokens: o, measured: m });
  console.log(b, i, o, Math.round(r.predicted), m, r.ratio.toFixed(2), r.bound);
}
const t4 = VALIDATION_ROWS.find(r => r.id === 'h200-llama2-70b-tp4-long-out')!;
console.log(runValidationRow({ ...t4, kvPrecision: 'bf16' }).ratio);
console.log(runValidationRow({ ...VALIDATION_ROWS[0]!, kvPrecision: 'bf16' }).ratio);
console.log(runValidationRow({ ...VALIDATION_ROWS[2]!, kvPrecision: 'bf16' }).ratio);
