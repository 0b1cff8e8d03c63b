/**
 * Committee evaluation end to end through the CLI, on five laptops (real SQLite files) and a real
 * PostgreSQL hub: the buyer shares a bid set with subjective criteria and opens its evaluation;
 * each evaluator scores on their own laptop offline and submits; a sync pushes the scores with
 * the submission, and the others' scores arrive only after one's own submission (the hub's
 * row-level security). A colleague's opening is refused by the database in one line, and
 * `procure bids FILE --evaluations` shows the committee's table.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, SOURCE_ROOT } from '../../../electron/bootstrap';
import { dispatch } from '../../../electron/handlers';
import type { SharedDocView } from '../../../shared/contract/team-merge';
import type { EvaluationOut } from '../../../shared/contract/team-evaluation';
import { runProcure } from '../../helpers/cli';
import { startHub, type HubFixture } from '../../helpers/hub-fixture';
import { hubSkipReason } from '../../helpers/pg-cluster';
import { tmpDir } from '../../helpers/tmp';

const skip = hubSkipReason();
if (skip) console.warn(skip);

describe.skipIf(Boolean(skip))('committee evaluation through the CLI (real PostgreSQL, five laptops)', () => {
  let hub: HubFixture;
  const dir = tmpDir('procure-committee-');
  const db = (laptop: string) => path.join(dir, `${laptop}.db`);
  const bidFile = path.join(dir, 'tender.json');
  const as = async (user: string, args: string[]) => {
    process.env.PGPASSWORD = hub.passwords[user];
    try {
      return await runProcure([...args, '--db', db(user)]);
    } finally {
      delete process.env.PGPASSWORD;
    }
  };
  const ok = async (user: string, args: string[]) => {
    const r = await as(user, args);
    expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
    return r.out;
  };
  const status = async (user: string, id: string) => JSON.parse(await ok(user, ['team', 'evaluate', 'status', id, '--json'])) as EvaluationOut;
  let evaluation = '';

  beforeAll(async () => {
    hub = await startHub([
      ['bea', 'buyer'],
      ['bob', 'buyer'],
      ['ann', 'evaluator'],
      ['eva', 'evaluator'],
      ['ian', 'evaluator'],
    ]);
    for (const u of ['bea', 'bob', 'ann', 'eva', 'ian']) await ok(u, ['team', 'connect', '--hub', hub.url(), '--user', u]);
    const body = JSON.parse(fs.readFileSync(path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json'), 'utf8')) as { bids: unknown[]; scoring: Record<string, unknown> };
    body.bids = body.bids.slice(0, 2);
    body.scoring.subjective = [
      { id: 'plan', name: '技术方案 Technical plan', points: 10 },
      { id: 'service', name: '售后服务 After-sales service', points: 5 },
    ];
    fs.writeFileSync(bidFile, JSON.stringify(body));
    const ctx = openApp(db('bea'));
    try {
      const r = await dispatch(ctx, 'bids:save', { name: 'Tender 18', body });
      expect(r.ok).toBe(true);
    } finally {
      ctx.db.close();
    }
  }, 180_000);

  afterAll(async () => {
    await hub?.close();
  });

  it('opens, scores offline, submits, and shows the others’ scores only after one’s own submission', { timeout: 240_000 }, async () => {
    await ok('bea', ['team', 'share', 'bidset', 'Tender 18']);
    await ok('bea', ['sync']);
    const [doc] = JSON.parse(await ok('bea', ['team', 'shared', 'bidset', '--json'])) as SharedDocView[];
    const opened = JSON.parse(await ok('bea', ['team', 'evaluate', 'open', doc!.docId, '--evaluators', 'ann,eva,ian', '--json'])) as EvaluationOut;
    evaluation = opened.id;
    expect(opened).toMatchObject({ pending: true, evaluators: ['ann', 'eva', 'ian'], deviationShare: 0.2, criteria: [{ id: 'plan', points: 10 }, { id: 'service', points: 5 }] });
    expect(opened.bids).toHaveLength(2);
    expect(JSON.parse(await ok('bea', ['sync', '--json'])).evaluations.pushed.evaluations).toBe(1);

    // a colleague who is not the bid set's author: the hub refuses, one line, kept here
    await ok('bob', ['sync']);
    await ok('bob', ['team', 'evaluate', 'open', doc!.docId, '--evaluators', 'ann']);
    const refused = await as('bob', ['sync']);
    expect(refused.code).toBe(4);
    expect(refused.err).toMatch(/the hub refused to open the evaluation [0-9a-f]{8}: only the bid set's author \(bea\) or an admin may open its evaluation; kept here, not shared/);
    const refusedZh = await as('bob', ['sync', '--lang', 'zh-CN']);
    expect(refusedZh.code).toBe(4);
    expect(refusedZh.err).toMatch(/团队中心拒绝开启评审 [0-9a-f]{8}：only the bid set's author \(bea\) or an admin may open its evaluation；保留在本机，未共享/);
    expect((await hub.su.query('SELECT count(*)::int AS n FROM procure.evaluation')).rows[0].n).toBe(1);

    for (const u of ['ann', 'eva', 'ian']) await ok(u, ['sync']);
    // scores made offline (no sync between), the sheet of test/unit/bids/committee.test.ts
    const sheet: Record<string, string[]> = {
      ann: ['1', 'plan', '8', '1', 'service', '4', '2', 'plan', '9', '2', 'service', '3'],
      eva: ['1', 'plan', '6', '1', 'service', '5', '2', 'plan', '9', '2', 'service', '3'],
      ian: ['1', 'plan', '7', '1', 'service', '3', '2', 'plan', '6', '2', 'service', '3'],
    };
    for (const u of ['ann', 'eva', 'ian']) expect(await ok(u, ['team', 'evaluate', 'score', evaluation.slice(0, 8), ...sheet[u]!])).toMatch(/4 scores recorded here; 4 of 4 scored/);
    // points over the criterion's, a criterion the bid set lacks: refused here too, with the reason
    expect((await as('ann', ['team', 'evaluate', 'score', evaluation, '1', 'service', '6'])).err).toMatch(/worth at most 5 points/);
    expect((await as('bea', ['team', 'evaluate', 'score', evaluation, '1', 'plan', '6'])).err).toMatch(/bea is not an evaluator of this evaluation/);

    await ok('ann', ['team', 'evaluate', 'submit', evaluation]);
    expect((await as('ann', ['team', 'evaluate', 'score', evaluation, '1', 'plan', '2'])).err).toMatch(/submitted and can no longer change/);
    expect(JSON.parse(await ok('ann', ['sync', '--json'])).evaluations.pushed).toEqual({ evaluations: 0, submissions: 1, scores: 4 });
    // eva has scored but not submitted: the sync takes her drafts to the hub (so a lost laptop loses
    // no scores), where nobody but her sees them; she sees none of ann's
    expect(JSON.parse(await ok('eva', ['sync', '--json'])).evaluations.pushed).toEqual({ evaluations: 0, submissions: 0, scores: 4 });
    const evaView = await status('eva', evaluation);
    expect(evaView.scores.filter((s) => s.evaluator !== 'eva')).toEqual([]);
    expect(evaView.scores.filter((s) => s.evaluator === 'eva').every((s) => s.shared)).toBe(true);
    expect(evaView.submitted).toEqual(['ann']);
    expect((await hub.su.query(`SELECT count(*)::int AS n FROM procure.evaluation_score WHERE author = 'eva'`)).rows[0].n).toBe(4);
    await ok('ann', ['sync']);
    expect((await status('ann', evaluation)).scores.filter((s) => s.evaluator === 'eva')).toEqual([]);
    // a draft changed after the sync is a draft again, and the next sync takes the new points
    await ok('eva', ['team', 'evaluate', 'score', evaluation, '1', 'plan', '5']);
    expect((await status('eva', evaluation)).scores.find((s) => s.bid === 0 && s.criterion === 'plan')).toMatchObject({ points: 5, shared: false });
    expect(JSON.parse(await ok('eva', ['sync', '--json'])).evaluations.pushed).toEqual({ evaluations: 0, submissions: 0, scores: 1 });
    expect((await hub.su.query(`SELECT points FROM procure.evaluation_score WHERE author = 'eva' AND bid = 0 AND criterion = 'plan'`)).rows[0].points).toBe(5);
    await ok('eva', ['team', 'evaluate', 'score', evaluation, '1', 'plan', '6']);
    // after her submission the sync brings ann's
    await ok('eva', ['team', 'evaluate', 'submit', evaluation]);
    await ok('eva', ['sync']);
    expect(new Set((await status('eva', evaluation)).scores.map((s) => s.evaluator))).toEqual(new Set(['ann', 'eva']));
    await ok('ian', ['team', 'evaluate', 'submit', evaluation]);
    expect(await ok('ian', ['sync'])).toMatch(/^committee: pushed 0 evaluations opened, 1 submissions \(4 scores\); holds 1 evaluations, 3 submissions, 8 scores of others$/m);
    expect(await ok('ian', ['sync', '--lang', 'zh-CN'])).toMatch(/^评标：推送开启评审 0 项、提交 0 份（评分 0 条）；本机现有评审 1 项、提交 3 份、他人评分 8 条$/m);
    for (const u of ['ann', 'eva', 'bea']) await ok(u, ['sync']);

    // every laptop holds the same committee result: the unit test's hand-computed one
    for (const u of ['ann', 'eva', 'ian', 'bea']) {
      const v = await status(u, evaluation);
      expect(v.committee.cells.map((c) => c.combined), u).toEqual([7, 4, 8, 3]);
      expect(v.committee.bidTotals).toEqual([11, 11]);
      expect(v.committee.flags).toEqual([{ bid: 1, evaluator: 'ian', total: 9, othersMean: 12, deviation: 0.25 }]);
      expect(v.committee.complete).toBe(true);
    }
    const text = await ok('bea', ['team', 'evaluate', 'status', evaluation]);
    expect(text).toMatch(/committee: ann ✓, eva ✓, ian ✓/);
    expect(text).toMatch(/flag: ian gave bid 2 .* 9\.00 against the others' mean 12\.00 \(25\.0 %\)/);

    // procure bids FILE --evaluations: the formula scores as before, plus the committee's
    const plain = JSON.parse(await ok('bea', ['bids', bidFile, '--json'])) as { bids: { totalScore: number | null }[]; evaluations?: unknown };
    expect(plain.evaluations).toBeUndefined();
    const withCommittee = JSON.parse(await ok('ann', ['bids', bidFile, '--json', '--evaluations'])) as typeof plain & { evaluations: (EvaluationOut & { overall: { total: number | null }[] })[] };
    expect(withCommittee.bids.map((b) => b.totalScore)).toEqual(plain.bids.map((b) => b.totalScore));
    expect(withCommittee.evaluations).toHaveLength(1);
    expect(withCommittee.evaluations[0]!.overall.map((o) => o.total)).toEqual(plain.bids.map((b) => (b.totalScore === null ? null : Math.round((b.totalScore + 11) * 100) / 100)));
    const shown = await ok('bea', ['bids', bidFile, '--evaluations']);
    expect(shown).toMatch(/committee totals \(subjective points\):/);
    expect(shown).toMatch(/Formula total/);
    // a bid file no evaluation is of
    const other = path.join(dir, 'other.json');
    fs.writeFileSync(other, JSON.stringify({ ...JSON.parse(fs.readFileSync(bidFile, 'utf8')), title: 'another tender' }));
    const none = await as('bea', ['bids', other, '--evaluations']);
    expect(none.code).not.toBe(0);
    expect(none.err).toMatch(/no committee evaluation of .*other\.json on this laptop/);
  });

  it('adds the committee’s pages to the bid PDF: the combined table, then one page per evaluator with a sign-off line', { timeout: 240_000 }, async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const pdf = path.join(process.env.PROCURE_KEEP_REPORT ?? dir, `committee-${lang}.pdf`);
      const plain = path.join(dir, `plain-${lang}.pdf`);
      await ok('bea', ['report', bidFile, '--out', pdf, '--lang', lang, '--evaluations']);
      await ok('bea', ['report', bidFile, '--out', plain, '--lang', lang]);
      const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
      // one combined page and three evaluators' pages
      expect(pages(pdf) - pages(plain)).toBe(4);
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
      if (lang === 'en') {
        expect(text).toMatch(/Committee evaluation \(subjective criteria\)/);
        for (const u of ['ann', 'eva', 'ian']) expect(text).toContain(`Scores of evaluator ${u}`);
        expect(text).toMatch(/ian gave .* 9\.00 against the others’ mean 12\.00 \(deviation 25\.0\s?%\)/);
      } else {
        expect(text).toContain('评标委员会评审（主观评分项）');
        for (const u of ['ann', 'eva', 'ian']) expect(text).toContain(`评委 ${u} 的评分`);
      }
    }
    // without an evaluation of the file, the report says so instead of leaving the pages out
    const other = path.join(dir, 'other.json');
    const r = await as('bea', ['report', other, '--out', path.join(dir, 'x.pdf'), '--evaluations']);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/no committee evaluation of this bid set on this laptop/);
  });
});
