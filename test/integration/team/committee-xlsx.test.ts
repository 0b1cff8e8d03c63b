/**
 * The committee sheet of the bid XLSX (report:xlsx with evaluations), read back with exceljs: the
 * evaluation held on a laptop (written as a sync leaves it: the evaluation, three submissions and
 * their scores) gives per bid and criterion each evaluator's score and the combined one, the
 * committee / formula / overall totals with the rank, and the deviation flag, numbers as numbers.
 * The sheet of test/unit/bids/committee.test.ts: combined 7, 4, 8, 3; ian flagged on bid 2 (25 %).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, SOURCE_ROOT } from '../../../electron/bootstrap';
import type { AppContext } from '../../../electron/context';
import { TeamRepo } from '../../../electron/db/repos/team';
import { dispatch } from '../../../electron/handlers';
import type { EvaluationOut } from '../../../shared/contract/team-evaluation';
import { tmpDbPath } from '../../helpers/tmp';

let ctx: AppContext;
let body: { bids: unknown[]; scoring: Record<string, unknown> };
const ok = async <T,>(channel: string, arg: unknown): Promise<T> => {
  const r = await dispatch(ctx, channel, arg);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as T;
};

beforeAll(async () => {
  ctx = openApp(tmpDbPath());
  body = JSON.parse(fs.readFileSync(path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json'), 'utf8')) as typeof body;
  body.bids = body.bids.slice(0, 2);
  body.scoring.subjective = [
    { id: 'plan', name: 'Technical plan', points: 10 },
    { id: 'service', name: 'After-sales', points: 5 },
  ];
  await ok('bids:save', { name: 'Tender 18', body });
  const team = new TeamRepo(ctx.db);
  team.connect('postgresql://127.0.0.1:1/hub', 'bea', 'buyer', 't');
  const share = await ok<{ docId: string }>('team:share', { kind: 'bidset', name: 'Tender 18' });
  const e = await ok<EvaluationOut>('team:evaluation-open', { docId: share.docId, evaluators: ['ann', 'eva', 'ian'] });
  // what a pull leaves on the owner's laptop
  const sheet: Record<string, number[][]> = { ann: [[8, 4], [9, 3]], eva: [[6, 5], [9, 3]], ian: [[7, 3], [6, 3]] };
  let n = 1;
  const gid = () => `0190a000-0000-7000-8000-${String(n++).padStart(12, '0')}`;
  team.evaluations.applyPulled(
    'bea',
    [{ gid: e.id, version_gid: e.versionId, evaluators: e.evaluators, deviation_share: 0.2, opened_at: e.openedAt, author: 'bea', change_no: 1 }],
    Object.keys(sheet).map((who) => ({ gid: gid(), evaluation_gid: e.id, submitted_at: '2026-03-02T10:00:00Z', author: who, change_no: n })),
    Object.entries(sheet).flatMap(([who, s]) =>
      s.flatMap((row, bid) => row.map((points, k) => ({ gid: gid(), evaluation_gid: e.id, bid, criterion: k === 0 ? 'plan' : 'service', points, scored_at: '2026-03-02T09:00:00Z', author: who, change_no: n }))),
    ),
  );
});
afterAll(() => ctx?.db.close());

describe('committee sheet in the bid XLSX', () => {
  it('holds each evaluator\u2019s scores, the combined ones, the totals with the rank, and the flag', async () => {
    const out = await ok<{ dataBase64: string }>('report:xlsx', { bidFile: body, lang: 'en', evaluations: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets.find((w) => w.name === 'Committee Tender 18');
    expect(ws, wb.worksheets.map((w) => w.name).join(' | ')).toBeDefined();
    const rows: unknown[][] = [];
    const numbers: number[] = [];
    // eachRow skips empty rows: numbers[] keeps each row's own number
    ws!.eachRow((r) => void (rows.push((r.values as unknown[]).slice(1)), numbers.push(r.number)));
    const at = (first: string) => rows.findIndex((r) => r[0] === first);
    const head = at('Bid');
    expect(rows[head]).toEqual(['Bid', 'Criterion', 'Max. points', 'ann', 'eva', 'ian', 'Combined', 'Dropped (highest / lowest)']);
    const cells = rows.slice(head + 1, head + 5);
    expect(cells.map((r) => r.slice(1, 7))).toEqual([
      ['Technical plan', 10, 8, 6, 7, 7],
      ['After-sales', 5, 4, 5, 3, 4],
      ['Technical plan', 10, 9, 9, 6, 8],
      ['After-sales', 5, 3, 3, 3, 3],
    ]);
    expect(ws!.getRow(numbers[head + 2]!).getCell(7).numFmt).toBe('#,##0.00');
    // totals: committee 7 + 4 = 11 and 8 + 3 = 11, added to the formula-based total; the second
    // bid fails the requirement (no formula total), so it has no overall score and no rank
    const totals = rows.slice(head + 6, head + 8);
    expect(totals.map((r) => [...r.slice(1)].map((x) => x ?? null))).toEqual([
      [100, 11, 111, 1],
      [null, 11],
    ]);
    const flagHead = rows.findIndex((r) => r[0] === 'Evaluator');
    expect(rows[flagHead + 1]!.slice(0, 1).concat(rows[flagHead + 1]!.slice(2))).toEqual(['ian', 9, 12, 0.25]);
    expect(rows[flagHead + 2]).toBeUndefined();
  });

  it('says it in Chinese', async () => {
    const out = await ok<{ dataBase64: string }>('report:xlsx', { bidFile: body, lang: 'zh-CN', evaluations: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.dataBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain('评委会 Tender 18');
  });
});
