/**
 * Fuzz: 240 mutated sheets (random cell edits, shuffled columns, injected garbage rows, dropped
 * headers, truncated bytes, other encodings). No crash, no "internal" error, every bad row
 * explained, and a commit writes all of its rows or nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/handlers';
import type { ImportCommitResult, ImportPreview } from '../../../shared/contract/import';
import { b64, counts, csv, tempApp, xlsx, type Row, type TempApp } from './fixtures';
import { rng } from '../../helpers/rng';

const RUNS = 240;

const BASES: Row[][] = [
  [
    ['型号', '厂商', '含税单价（万元）', '数量', '交货期', '报价有效期', '备注'],
    ['昇腾910B', '华为', 12.5, 16, '8周', '2026/12/31', '三年质保'],
    ['H20 96GB', '英伟达', '11万', 8, '现货', '2026年12月31日', ''],
    ['推理服务器 昇腾910B×8', '华为', 118, 2, '10周', '2026-12-31', '整机'],
    ['思元590', '寒武纪', '待定', 4, '待定', '', ''],
    ['合计', '', 141.5, '', '', '', ''],
  ],
  [
    ['Model', 'Vendor', 'Unit Price (USD)', 'Lead time', 'Valid until', 'MOQ'],
    ['H100 SXM5 80GB', 'NVIDIA', '$28,500', '6-8 weeks', 'Dec 31, 2026', '8'],
    ['MI300X', 'AMD', 'USD 14900', '12 weeks', '2026-12-31', '8'],
    ['HGX H20 8-GPU server', 'NVIDIA', '$118,000', '4 weeks', '2026-12-31', '1'],
    ['L40S', 'NVIDIA', 'TBD', 'TBD', '', ''],
  ],
];

function garbage(r: () => number): string | number | null {
  const pool: (string | number | null)[] = [
    null, '', '-1', 'NaN', '1e309', '=A1*2', '@cmd', '+SUM(1)', '待定', '１２３，４５６', '¥', '万', '\u0000\u0001', 'a,"b"\nc', 'x'.repeat(5000),
    '2026-02-30', '8周', '6-8 weeks', '💥🔥', 'DROP TABLE quote;--', '合计', '注：见附件', '型号', '0', '1e15', '(1,000)', '13%', '12.5w', 'HGX H200 8-GPU server',
    '推理服务器 未知卡×8', 'ascend 910b', Math.round(r() * 1e7) / 100, -r() * 1000, r() * 1e14, String.fromCharCode(...Array.from({ length: 8 }, () => 0x4e00 + Math.floor(r() * 2000))),
  ];
  return pool[Math.floor(r() * pool.length)]!;
}

function mutate(base: Row[], r: () => number): { rows: Row[]; kinds: string[] } {
  let rows = base.map((row) => [...row]);
  const kinds: string[] = [];
  const steps = 1 + Math.floor(r() * 4);
  for (let s = 0; s < steps; s++) {
    const k = Math.floor(r() * 6);
    if (k <= 1) {
      const i = 1 + Math.floor(r() * Math.max(1, rows.length - 1));
      const row = rows[i] ?? (rows[i] = []);
      row[Math.floor(r() * 8)] = garbage(r);
      kinds.push('cell');
    } else if (k === 2) {
      const width = Math.max(...rows.map((x) => x.length));
      const perm = Array.from({ length: width }, (_, i) => i).sort(() => r() - 0.5);
      rows = rows.map((row) => perm.map((p) => row[p] ?? null));
      kinds.push('shuffle');
    } else if (k === 3) {
      const g: Row = Array.from({ length: 1 + Math.floor(r() * 9) }, () => garbage(r));
      rows.splice(Math.floor(r() * (rows.length + 1)), 0, g);
      kinds.push('garbage-row');
    } else if (k === 4) {
      rows.splice(Math.floor(r() * rows.length), 1);
      kinds.push('drop-row');
    } else {
      const i = Math.floor(r() * rows.length);
      rows.splice(i, 0, [...(rows[i] ?? [])]);
      kinds.push('duplicate-row');
    }
  }
  return { rows, kinds };
}

let app: TempApp;
beforeAll(() => {
  app = tempApp();
});
afterAll(() => app.close());

describe('fuzz', () => {
  it(`${RUNS} mutated sheets: explained, never partial`, async () => {
    const r = rng(20250901);
    const tally = { previews: 0, refused: 0, commits: 0, commitRefused: 0, rowsExplained: 0 };
    for (let run = 0; run < RUNS; run++) {
      const { rows, kinds } = mutate(BASES[run % BASES.length]!, r);
      let file: Buffer;
      let name: string;
      if (r() < 0.3) {
        file = await xlsx([{ name: 'Sheet1', rows }]);
        name = `fuzz-${run}.xlsx`;
      } else {
        const enc = (['utf-8', 'utf-8-bom', 'gb18030', 'utf-16le'] as const)[Math.floor(r() * 4)]!;
        file = csv(rows, { encoding: enc });
        name = `fuzz-${run}.csv`;
      }
      if (r() < 0.08) {
        file = file.subarray(0, Math.floor(file.length * r()));
        kinds.push('truncate');
      }
      const label = `run ${run} (${name}: ${kinds.join(', ')})`;
      const before = counts(app.ctx);
      const input = { fileName: name, dataBase64: b64(file), supplier: `fuzz-${run}`, createUnknown: r() < 0.3 };
      const p = await dispatch(app.ctx, 'import:preview', input);
      expect(counts(app.ctx), label).toEqual(before);
      if (!p.ok) {
        tally.refused++;
        if (process.env.FUZZ_DEBUG) console.log(label, p.error.message);
        expect(p.error.code, `${label}: ${p.error.message}`).toBe('invalid-input');
        expect(p.error.message, label).toMatch(/\S{3,}/);
        continue;
      }
      tally.previews++;
      const preview = p.value as ImportPreview;
      for (const row of preview.rows) {
        if (row.status === 'error') {
          expect(row.issues.length, `${label} row ${row.row}`).toBeGreaterThan(0);
          for (const i of row.issues) expect(i.message.length, label).toBeGreaterThan(2);
          tally.rowsExplained++;
        }
        if (row.status === 'skipped') expect(row.skipReason, `${label} row ${row.row}`).toBeTruthy();
      }
      if (run % 2 === 0) {
        const c = await dispatch(app.ctx, 'import:commit', input);
        const after = counts(app.ctx);
        if (c.ok) {
          tally.commits++;
          const res = c.value as ImportCommitResult;
          expect(after.quote - before.quote, label).toBe(res.quotes);
          expect(after.import_batch - before.import_batch, label).toBe(1);
          expect(res.quotes, label).toBe(preview.rows.filter((x) => x.accepted).length);
        } else {
          tally.commitRefused++;
          expect(c.error.code, `${label}: ${c.error.message}`).toBe('invalid-input');
          expect(after, label).toEqual(before);
        }
      }
    }
    expect(tally.previews + tally.refused).toBe(RUNS);
    // The fuzz must exercise both sides: readable sheets with bad rows, and refused files.
    expect(tally.previews).toBeGreaterThan(RUNS / 2);
    expect(tally.rowsExplained).toBeGreaterThan(20);
    expect(tally.commits).toBeGreaterThan(10);
    const integrity = app.ctx.db.pragma('integrity_check', { simple: true });
    expect(integrity).toBe('ok');
    console.log(`fuzz: ${JSON.stringify(tally)}`);
  }, 120_000);
});
