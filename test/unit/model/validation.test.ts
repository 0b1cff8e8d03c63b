import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runValidation, validationMarkdown, VALIDATION_ROWS } from '../../../shared/model/validation';

const doc = fs.readFileSync(path.resolve(__dirname, '../../../docs/model.md'), 'utf8');

describe('validation table', () => {
  const results = runValidation();

  it('has at least 8 published measurements, a MoE model and a non-NVIDIA accelerator', () => {
    expect(VALIDATION_ROWS.length).toBeGreaterThanOrEqual(8);
    expect(VALIDATION_ROWS.some((r) => r.model.moe !== undefined)).toBe(true);
    expect(VALIDATION_ROWS.some((r) => r.accelerator.vendor !== 'NVIDIA')).toBe(true);
    for (const r of VALIDATION_ROWS) expect(r.source.url).toMatch(/^https:\/\//);
  });

  it('every row re-runs within 0.6–1.6x, except rows flagged as explained outliers', () => {
    for (const r of results) {
      if (r.row.outlier) {
        expect(r.ratio, r.row.id).toBeGreaterThan(1.6);
        expect(r.ratio, r.row.id).toBeLessThan(3);
      } else {
        expect(r.ratio, r.row.id).toBeGreaterThanOrEqual(0.6);
        expect(r.ratio, r.row.id).toBeLessThanOrEqual(1.6);
      }
    }
    expect(results.filter((r) => !r.row.outlier).length).toBeGreaterThanOrEqual(8);
  });

  it('docs/model.md carries exactly the table the code produces', () => {
    const m = /<!-- validation:begin -->\n([\s\S]*?)\n<!-- validation:end -->/.exec(doc);
    expect(m, 'validation markers in docs/model.md').not.toBeNull();
    const expected = validationMarkdown(results);
    // on failure, regenerate: npx tsx -e "import('./shared/model/validation').then(m => console.log(m.validationMarkdown()))"
    expect(m![1]!.trim()).toBe(expected.trim());
  });
});
