/**
 * Committee evaluation on a real PostgreSQL hub (hub migration 3): the database, not the app,
 * decides who opens an evaluation, who scores, and who sees which scores. An evaluator's scores
 * stay hidden from the other evaluators until each has submitted their own; an evaluator not on
 * the committee, and a buyer, are refused with a clear message and nothing is written; after a
 * submission the scores are read-only; every write is audited; the combination of what the hub
 * holds equals the unit-computed one.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubEvaluationRepo, type HubEvaluationScore } from '../../../electron/db/hub/evaluation-repo';
import { HubMergeRepo } from '../../../electron/db/hub/merge-repo';
import { combineCommittee } from '../../../shared/bids/committee';
import { startHub, type HubFixture } from '../../helpers/hub-fixture';
import { hubSkipReason } from '../../helpers/pg-cluster';

const skip = hubSkipReason();
if (skip) console.warn(skip);

const BODY = {
  kind: 'bids',
  bids: [{ vendor: 'A' }, { vendor: 'B' }],
  scoring: { subjective: [{ id: 'plan', name: '技术方案', points: 10 }, { id: 'service', name: '售后服务', points: 5 }] },
};
/** The same sheet as the unit test's three evaluators: sheet[bid][criterion][evaluator]. */
const SHEET = [
  [[8, 6, 7], [4, 5, 3]],
  [[9, 9, 6], [3, 3, 3]],
];
const COMMITTEE = ['ann', 'eva', 'ian'];
const CRITERIA = ['plan', 'service'];

describe.skipIf(Boolean(skip))('committee evaluation on the hub (real PostgreSQL)', () => {
  let hub: HubFixture;
  let versionGid: string;
  const evaluation = randomUUID();
  const clients: pg.Client[] = [];

  const as = async (user: string): Promise<pg.Client> => {
    const c = new pg.Client({ host: '127.0.0.1', port: hub.cluster.port, database: 'hub', user, password: hub.passwords[user] });
    await c.connect();
    clients.push(c);
    return c;
  };
  const repo = async (user: string) => new HubEvaluationRepo(await as(user));
  const sheets = new Map<string, HubEvaluationScore[]>();
  /** An evaluator's scores, with the same gids every time (as a laptop keeps them). */
  const sheetOf = (evaluator: string, evaluationGid = evaluation): HubEvaluationScore[] => {
    const i = COMMITTEE.indexOf(evaluator);
    if (!sheets.has(evaluator)) sheets.set(evaluator, SHEET.flatMap((rows, bid) => rows.map((row, k) => ({ gid: randomUUID(), evaluation_gid: evaluationGid, bid, criterion: CRITERIA[k]!, points: row[i]!, scored_at: '2026-12-02T01:00:00Z' }))));
    return sheets.get(evaluator)!;
  };
  const count = async (table: string) => (await hub.su.query<{ n: number }>(`SELECT count(*)::int AS n FROM procure.${table}`)).rows[0]!.n;
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected the hub to refuse');
  };

  beforeAll(async () => {
    hub = await startHub([
      ['bea', 'buyer'],
      ['bob', 'buyer'],
      ['vic', 'viewer'],
      ['adm', 'admin'],
      ['ann', 'evaluator'],
      ['eva', 'evaluator'],
      ['ian', 'evaluator'],
      ['zed', 'evaluator'],
      ['oli', 'evaluator'],
      ['una', 'evaluator'],
    ]);
    const doc = randomUUID();
    versionGid = randomUUID();
    await new HubMergeRepo(await as('bea')).pushShared([{ gid: doc, kind: 'bidset', created_at: 't' }], [{ gid: versionGid, doc_gid: doc, name: 'GPU tender', body: BODY, shared_at: 't' }]);
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => undefined);
    await hub?.close();
  });

  const opening = (gid: string, evaluators: string[]) => ({ gid, version_gid: versionGid, evaluators, deviation_share: 0.2, opened_at: '2026-12-02T00:00:00Z' });

  it('lets only the bid set’s author or an admin open an evaluation, of evaluators only', async () => {
    expect(await refusal((await repo('bob')).open([opening(randomUUID(), COMMITTEE)]))).toMatch(/only the bid set's author \(bea\) or an admin may open its evaluation/);
    expect(await refusal((await repo('ann')).open([opening(randomUUID(), COMMITTEE)]))).toMatch(/permission denied for table evaluation/);
    expect(await refusal((await repo('vic')).open([opening(randomUUID(), COMMITTEE)]))).toMatch(/permission denied/);
    expect(await refusal((await repo('bea')).open([opening(randomUUID(), ['ann', 'bob'])]))).toMatch(/not hub users of role evaluator: 'bob'/);
    expect(await refusal((await repo('bea')).open([opening(randomUUID(), ['ann', 'ann'])]))).toMatch(/named twice/);
    expect(await count('evaluation')).toBe(0);
    const opened = await (await repo('bea')).open([opening(evaluation, COMMITTEE)]);
    expect(opened.map((o) => o.gid)).toEqual([evaluation]);
    // a rerun is kept once
    await (await repo('bea')).open([opening(evaluation, COMMITTEE)]);
    // an admin opens another's bid set
    await (await repo('adm')).open([opening(randomUUID(), ['zed'])]);
    expect(await count('evaluation')).toBe(2);
  });

  it('hides an evaluator’s unsubmitted scores from the other evaluators and from everyone else', async () => {
    await (await repo('ann')).score(sheetOf('ann'));
    expect(await count('evaluation_score')).toBe(4);
    expect((await (await repo('ann')).scores(evaluation)).map((s) => s.points)).toEqual([8, 4, 9, 3]);
    expect(await (await repo('eva')).scores(evaluation)).toEqual([]);
    expect(await (await repo('bea')).scores()).toEqual([]);
    expect(await (await repo('vic')).scores()).toEqual([]);
    expect(await (await repo('adm')).scores()).toEqual([]);
    // not even by its id
    const eva = await as('eva');
    expect((await eva.query('SELECT * FROM procure.evaluation_score WHERE author = $1', ['ann'])).rowCount).toBe(0);
  });

  it('refuses, in words, an evaluator not on the committee and a buyer; nothing is written', async () => {
    expect(await refusal((await repo('zed')).score(sheetOf('ann')))).toMatch(/the user zed is not an evaluator of this evaluation .*: scores refused/);
    expect(await refusal((await repo('bea')).score(sheetOf('ann')))).toMatch(/permission denied for table evaluation_score/);
    expect(await refusal((await repo('adm')).score(sheetOf('ann')))).toMatch(/permission denied for table evaluation_score/);
    expect(await refusal((await repo('zed')).submit({ gid: randomUUID(), evaluation_gid: evaluation, submitted_at: 't' }, []))).toMatch(/not an evaluator of this evaluation/);
    expect(await count('evaluation_score')).toBe(4);
    expect(await count('evaluation_submission')).toBe(0);
  });

  it('refuses a criterion or bid the bid set lacks, points over the criterion’s, and an incomplete submission', async () => {
    const ann = await repo('ann');
    const one = (p: Partial<HubEvaluationScore>) => [{ ...sheetOf('ann')[0]!, ...p }];
    expect(await refusal(ann.score(one({ criterion: 'price' })))).toMatch(/no subjective criterion 'price'/);
    expect(await refusal(ann.score(one({ bid: 2 })))).toMatch(/the bid set has no bid 3/);
    expect(await refusal(ann.score(one({ criterion: 'service', points: 5.5 })))).toMatch(/worth at most 5 points \(got 5.5\)/);
    expect(await refusal((await repo('eva')).submit({ gid: randomUUID(), evaluation_gid: evaluation, submitted_at: 't' }, sheetOf('eva').slice(0, 2)))).toMatch(/submission refused: 2 of 4 scores given/);
    // the refused submission took its scores with it (one transaction)
    expect(await count('evaluation_score')).toBe(4);
  });

  it('shows the others’ submitted scores to an evaluator only after their own submission; then theirs are read-only', async () => {
    const annSub = { gid: randomUUID(), evaluation_gid: evaluation, submitted_at: '2026-12-02T02:00:00Z' };
    const done = await (await repo('ann')).submit(annSub, sheetOf('ann'));
    expect(done.scores).toHaveLength(4);
    // a rerun (the laptop did not hear back) writes nothing more
    await (await repo('ann')).submit(annSub, sheetOf('ann'));
    expect(await count('evaluation_submission')).toBe(1);
    // the others see ann's submitted scores; eva, who has not submitted, still does not
    expect(await (await repo('vic')).scores(evaluation)).toHaveLength(4);
    expect(await (await repo('bea')).scores(evaluation)).toHaveLength(4);
    expect(await (await repo('eva')).scores(evaluation)).toEqual([]);
    expect(await (await repo('zed')).scores(evaluation)).toEqual([]);

    await (await repo('eva')).submit({ gid: randomUUID(), evaluation_gid: evaluation, submitted_at: 't' }, sheetOf('eva'));
    const seenByEva = await (await repo('eva')).scores(evaluation);
    expect(new Set(seenByEva.map((s) => s.author))).toEqual(new Set(['ann', 'eva']));
    // ian scored but did not submit: eva does not see ian's, ian sees only his own
    await (await repo('ian')).score(sheetOf('ian'));
    expect((await (await repo('eva')).scores(evaluation)).some((s) => s.author === 'ian')).toBe(false);
    expect(new Set((await (await repo('ian')).scores(evaluation)).map((s) => s.author))).toEqual(new Set(['ian']));

    // after submitting, ann's scores cannot change, by upsert nor by a plain UPDATE
    const [first] = await (await repo('ann')).scores(evaluation);
    expect(await refusal((await repo('ann')).score([{ ...first!, points: 1 }]))).toMatch(/submitted and can no longer change|row-level security/);
    const ann = await as('ann');
    const upd = await ann.query(`UPDATE procure.evaluation_score SET points = 1 WHERE author = 'ann'`);
    expect(upd.rowCount).toBe(0);
    expect(await refusal(ann.query(`DELETE FROM procure.evaluation_score WHERE author = 'ann'`))).toMatch(/permission denied/);
    expect(await refusal(ann.query(`INSERT INTO procure.evaluation_submission (gid, evaluation_gid, submitted_at) VALUES ($1, $2, 't')`, [randomUUID(), evaluation]))).toMatch(/duplicate key|evaluation_submission_once/);
    expect((await hub.su.query(`SELECT points FROM procure.evaluation_score WHERE author = 'ann' ORDER BY bid, criterion`)).rows.map((r) => r.points)).toEqual([8, 4, 9, 3]);
    // ian, not yet submitted, may still change his (his submission below sends his sheet again)
    const [ianFirst] = await (await repo('ian')).scores(evaluation);
    await (await repo('ian')).score([{ ...ianFirst!, points: 0.5 }]);
    expect((await (await repo('ian')).scores(evaluation))[0]!.points).toBe(0.5);
  });

  it('audits every score, submission and opening', async () => {
    await (await repo('ian')).submit({ gid: randomUUID(), evaluation_gid: evaluation, submitted_at: 't' }, sheetOf('ian'));
    const a = await hub.su.query<{ table_name: string; who: string; op: string; n: number }>(
      `SELECT table_name, who, op, count(*)::int AS n FROM procure.audit WHERE table_name LIKE 'evaluation%' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    expect(a.rows).toEqual([
      { table_name: 'evaluation', who: 'adm', op: 'INSERT', n: 1 },
      { table_name: 'evaluation', who: 'bea', op: 'INSERT', n: 1 },
      // ann's rerun of her submission sent the same points: no change, no row
      { table_name: 'evaluation_score', who: 'ann', op: 'INSERT', n: 4 },
      { table_name: 'evaluation_score', who: 'eva', op: 'INSERT', n: 4 },
      { table_name: 'evaluation_score', who: 'ian', op: 'INSERT', n: 4 },
      // ian's change to 0.5, and back to his sheet's 7 by his submission
      { table_name: 'evaluation_score', who: 'ian', op: 'UPDATE', n: 2 },
      { table_name: 'evaluation_submission', who: 'ann', op: 'INSERT', n: 1 },
      { table_name: 'evaluation_submission', who: 'eva', op: 'INSERT', n: 1 },
      { table_name: 'evaluation_submission', who: 'ian', op: 'INSERT', n: 1 },
    ]);
    const change = await hub.su.query<{ old: number; new: number }>(
      `SELECT (old_row ->> 'points')::float8 AS old, (new_row ->> 'points')::float8 AS new FROM procure.audit WHERE table_name = 'evaluation_score' AND op = 'UPDATE' ORDER BY id`,
    );
    // ian's first cell: bid 0, plan, his 7
    expect(change.rows).toEqual([{ old: 7, new: 0.5 }, { old: 0.5, new: 7 }]);
    // nobody but the admin may touch the audit
    expect(await refusal((await as('ann')).query(`DELETE FROM procure.audit WHERE table_name = 'evaluation_score'`))).toMatch(/permission denied/);
  });

  it('combines what the hub holds exactly as the unit-computed combination', async () => {
    const held = await (await repo('vic')).scores(evaluation);
    expect(held).toHaveLength(12);
    const r = combineCommittee({ evaluators: COMMITTEE, criteria: CRITERIA, bids: 2, scores: held.map((s) => ({ evaluator: s.author!, bid: s.bid, criterion: s.criterion, points: s.points })) });
    // the hand-computed sheet of test/unit/bids/committee.test.ts (ann, bob, cat there)
    expect(r.cells.map((c) => c.combined)).toEqual([7, 4, 8, 3]);
    expect(r.bidTotals).toEqual([11, 11]);
    expect(r.flags).toEqual([{ bid: 1, evaluator: 'ian', total: 9, othersMean: 12, deviation: 0.25 }]);
  });

  it('five evaluators over the hub: the highest and the lowest dropped, as the unit test computes', async () => {
    const five = ['ann', 'eva', 'ian', 'oli', 'una'];
    const gid = randomUUID();
    await (await repo('bea')).open([opening(gid, five)]);
    // plan for bid 1: 7, 8, 8, 9, 10 → (8+8+9)/3 = 8.33; service: 5 each; bid 2: plan 10, 4, 4, 4, 10 → (10+4+4)/3 = 6, service 1 each
    const points: Record<string, number[]> = { ann: [7, 5, 10, 1], eva: [8, 5, 4, 1], ian: [8, 5, 4, 1], oli: [9, 5, 4, 1], una: [10, 5, 10, 1] };
    for (const u of five) {
      const scores = [0, 1].flatMap((bid) => CRITERIA.map((criterion, k) => ({ gid: randomUUID(), evaluation_gid: gid, bid, criterion, points: points[u]![bid * 2 + k]!, scored_at: 't' })));
      await (await repo(u)).submit({ gid: randomUUID(), evaluation_gid: gid, submitted_at: 't' }, scores);
    }
    const held = await (await repo('vic')).scores(gid);
    expect(held).toHaveLength(20);
    const r = combineCommittee({ evaluators: five, criteria: CRITERIA, bids: 2, scores: held.map((s) => ({ evaluator: s.author!, bid: s.bid, criterion: s.criterion, points: s.points })) });
    expect(r.cells.map((c) => [c.combined, c.droppedHigh, c.droppedLow])).toEqual([
      [8.33, 'una', 'ann'],
      [5, 'una', 'ann'],
      [6, 'una', 'eva'],
      [1, 'una', 'ann'],
    ]);
    expect(r.bidTotals).toEqual([13.33, 7]);
    // bid 2 totals 11, 5, 5, 5, 11: ann and una against (5+5+5+11)/4 = 6.5 → 69 %; eva against (11+5+5+11)/4 = 8 → 37.5 %
    expect(r.flags.filter((f) => f.bid === 1).map((f) => [f.evaluator, f.deviation])).toEqual([
      ['ann', 0.6923],
      ['eva', 0.375],
      ['ian', 0.375],
      ['oli', 0.375],
      ['una', 0.6923],
    ]);
  });
});
