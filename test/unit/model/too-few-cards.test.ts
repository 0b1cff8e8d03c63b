import { describe, expect, it } from 'vitest';
import { evaluateCluster } from '../../../shared/model/cluster';
import { findModel } from '../../../shared/model/presets';
import { bestServingGroup } from '../../../shared/model/serving';
import { TOY } from './fixtures';

const model = findModel('deepseek-v3')!;
const targets = { inputTokens: 2000, outputTokens: 500, tpotMs: 50, ttftMs: 3000 };

describe('a line with too few cards says how many a replica needs', () => {
  it('names the smallest group that holds the model', () => {
    const fits = bestServingGroup(TOY, model, targets, 'both', { maxCards: 1024 });
    expect(fits.feasible).toBe(true);
    // Any count below the smallest feasible group is infeasible and says so.
    const smallest = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024].find((g) => bestServingGroup(TOY, model, targets, 'both', { maxCards: g }).feasible)!;
    const short = bestServingGroup(TOY, model, targets, 'both', { maxCards: smallest - 1 });
    expect(short.feasible).toBe(false);
    expect(short.note).toBe(`needs ${smallest} cards per replica; ${smallest - 1} given`);
  });

  it('reports idle cards left over beyond whole replicas', () => {
    const g = bestServingGroup(TOY, model, targets, 'both', { maxCards: 1024 }).groupSize;
    const r = evaluateCluster([{ spec: TOY, cards: g + 3, role: 'both' }] as never, model, targets);
    expect(r.warnings.some((w) => w.includes(`3 of ${g + 3} cards idle`))).toBe(true);
  });
});
