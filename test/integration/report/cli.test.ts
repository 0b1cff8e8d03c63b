/** `procure bids` and `procure report` over the example files (one Chromium launch, by the CLI's report). */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { runProcure } from '../../helpers/cli';
import { SOURCE_ROOT } from '../../../electron/bootstrap';
import { tmpDbPath, tmpDir } from '../../helpers/tmp';

const EXAMPLE = path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json');
const db = tmpDbPath();

const cli = (args: string[]) => runProcure([...args, '--db', db]);

describe('procure bids', () => {
  it('--json gives per bid pass, failures, prices, scores, rank and KPIs', async () => {
    const { code, out } = await cli(['bids', EXAMPLE, '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out) as { recommended: number[]; bids: Record<string, unknown>[] };
    expect(r.bids).toHaveLength(4);
    for (const b of r.bids) {
      for (const k of ['pass', 'failures', 'evaluatedPrice', 'priceScore', 'technicalScore', 'totalScore', 'rank', 'kpis']) expect(b).toHaveProperty(k);
    }
    // the recommended bid is ranked first and holds the top score; the cheapest valid bid takes the full 40 price points
    const ranked = r.bids.filter((b) => b.pass).sort((a, b) => (a.rank as number) - (b.rank as number));
    // Xibu 97.07, Jinghua 96.80 (the expert-GEMM curve from DeepGEMM's table, docs/model.md § 3; was Jinghua 97.00, Xibu 96.75)
    expect(ranked.map((b) => b.index)).toEqual([0, 2]);
    expect(r.recommended).toEqual([ranked[0]!.index]);
    expect(ranked[0]!.totalScore as number).toBeGreaterThan(ranked[1]!.totalScore as number);
    const cheapest = ranked.reduce((a, b) => ((a.evaluatedPrice as number) <= (b.evaluatedPrice as number) ? a : b));
    expect(cheapest.priceScore).toBe(40);
    for (const b of ranked) expect(b.totalScore).toBeCloseTo((b.priceScore as number) + (b.technicalScore as number), 2);
    for (const b of ranked) expect((b.kpis as Record<string, number>).outputTokensPerSecond).toBeGreaterThanOrEqual(20_000);
    expect(r.bids[1]).toMatchObject({ pass: false, rank: null, totalScore: null });
    expect((r.bids[1]!.failures as { code: string; message: string }[])[0]).toMatchObject({ code: 'delivery', message: 'delivery on 2027-04-06 is after the deadline 2027-03-31' });
    // Kunlun fails on throughput alone, its reason giving the served and the required rate
    const kunlun = r.bids[3]!;
    const served = (kunlun.kpis as Record<string, number>).outputTokensPerSecond!;
    expect(kunlun).toMatchObject({ pass: false, rank: null, totalScore: null });
    expect(served).toBeLessThan(20_000);
    expect(kunlun.failures).toEqual([
      expect.objectContaining({ code: 'throughput', message: `serves ${Math.round(served).toLocaleString('en-US')} tok/s; 20,000 tok/s required`, actual: served, limit: 20_000 }),
    ]);
  });

  it('prints a ranking table, the failures and the recommendation', async () => {
    const { code, out } = await cli(['bids', EXAMPLE, '--lang', 'zh-CN']);
    expect(code).toBe(0);
    // --lang zh-CN: the CLI's own words are Chinese too (cli.bids.*)
    expect(out).toMatch(/^排名\s+投标\s+结果\s+评标价/);
    expect(out).toMatch(/^1\s+西部数智 Xibu Shuzhi Systems\s+通过/m);
    expect(out).toMatch(/^2\s+京华集成 Jinghua Integration\s+通过/m);
    expect(out).toMatch(/^-\s+昆仑智算 Kunlun Compute Partners\s+不通过/m);
    expect(out).toContain('国产化比例 0 % 低于下限 30 %');
    expect(out).toMatch(/昆仑智算 Kunlun Compute Partners 未通过：\n\s+- 输出能力 [\d,]+ tok\/s，要求 20,000 tok\/s/);
    expect(out).toContain('推荐：西部数智 Xibu Shuzhi Systems');
    const english = await cli(['bids', EXAMPLE]);
    expect(english.out).toMatch(/^1\s+西部数智 Xibu Shuzhi Systems\s+pass/m);
    expect(english.out).toContain('Recommended: 西部数智 Xibu Shuzhi Systems');
  });

  it('reports a bad file with its path and a usage error with code 2', async () => {
    const dir = tmpDir();
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ kind: 'bids', currency: 'CNY', requirement: {}, bids: [] }));
    const r = await cli(['bids', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/requirement\.name/);
    expect((await cli(['bids'])).code).toBe(2);
    expect((await cli(['report', EXAMPLE])).code).toBe(2);
  });
});

describe('procure report', () => {
  it('writes the PDF and the XLSX of a bid file', async () => {
    const dir = tmpDir();
    const pdf = path.join(dir, 'r.pdf');
    const xlsx = path.join(dir, 'r.xlsx');
    const { code, out, err } = await cli(['report', EXAMPLE, '--out', pdf, '--xlsx', xlsx, '--lang', 'zh-CN', '--prepared-by', '王芳']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/已写入 .*r\.pdf/);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('王芳');
    expect(text).toContain('评审摘要');
  }, 60_000);
});
