/**
 * The committee-evaluation handlers on a real laptop database, without a hub: opening needs a
 * connection (the user's name) and a shared bid set with subjective criteria; one's scores stay
 * within the criterion's points and change until one submits; a submission needs every cell; and
 * hostile input to every new channel is a typed error with the database unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, SOURCE_ROOT } from '../../../electron/bootstrap';
import type { AppContext } from '../../../electron/context';
import { TeamRepo } from '../../../electron/db/repos/team';
import { dispatch } from '../../../electron/handlers';
import type { EvaluationOut } from '../../../shared/contract/team-evaluation';
import { tmpDbPath } from '../../helpers/tmp';

let ctx: AppContext;
let docId = '';
beforeAll(async () => {
  ctx = openApp(tmpDbPath());
  const body = JSON.parse(fs.readFileSync(path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json'), 'utf8')) as { bids: unknown[]; scoring: Record<string, unknown> };
  body.bids = body.bids.slice(0, 2);
  const plain = structuredClone(body);
  body.scoring.subjective = [{ id: 'plan', name: '技术方案', points: 10 }];
  expect((await dispatch(ctx, 'bids:save', { name: 'With criteria', body })).ok).toBe(true);
  expect((await dispatch(ctx, 'bids:save', { name: 'Without', body: plain })).ok).toBe(true);
});
afterAll(() => ctx?.db.close());

const ok = async <T>(channel: string, arg?: unknown): Promise<T> => {
  const r = await dispatch(ctx, channel, arg);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as T;
};
const fails = async (channel: string, arg: unknown) => {
  const r = await dispatch(ctx, channel, arg);
  expect(r.ok, `${channel} ${JSON.stringify(arg)}`).toBe(false);
  return r.ok ? { code: '', message: '' } : r.error;
};
const tables = () => JSON.stringify(['team_evaluation', 'team_evaluation_score', 'team_evaluation_submission'].map((t) => ctx.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));

describe('committee evaluation handlers (no hub)', () => {
  it('needs a connection to open, then a shared bid set with subjective criteria', async () => {
    const share = await ok<{ docId: string }>('team:share', { kind: 'bidset', name: 'With criteria' });
    docId = share.docId;
    expect((await fails('team:evaluation-open', { docId, evaluators: ['ann'] })).message).toMatch(/not connected to a team hub/);
    new TeamRepo(ctx.db).connect('postgresql://127.0.0.1:1/hub', 'ann', 'evaluator', 't');
    const without = await ok<{ docId: string }>('team:share', { kind: 'bidset', name: 'Without' });
    const before = tables();
    expect((await fails('team:evaluation-open', { docId: without.docId, evaluators: ['ann'] })).message).toMatch(/no bids or no subjective criteria/);
    expect(tables()).toBe(before);
  });

  it('scores within the points until submitted; a submission needs every cell', async () => {
    const e = await ok<EvaluationOut>('team:evaluation-open', { docId, evaluators: ['ann', 'eva', 'ian'] });
    expect(e).toMatchObject({ pending: true, me: { user: 'ann', evaluator: true, scored: 0, of: 2 } });
    await ok('team:evaluation-score', { id: e.id.slice(0, 8), scores: [{ bid: 0, criterion: 'plan', points: 8 }] });
    expect((await fails('team:evaluation-submit', { id: e.id })).message).toMatch(/submission refused: 1 of 2 scores given/);
    // scored again: the new points
    const again = await ok<EvaluationOut>('team:evaluation-score', { id: e.id, scores: [{ bid: 0, criterion: 'plan', points: 7.5 }, { bid: 1, criterion: 'plan', points: 6 }] });
    expect(again.scores).toEqual([
      { evaluator: 'ann', bid: 0, criterion: 'plan', points: 7.5, shared: false },
      { evaluator: 'ann', bid: 1, criterion: 'plan', points: 6, shared: false },
    ]);
    // not yet submitted: the committee table counts nothing of it
    expect(again.committee.cells.map((c) => c.combined)).toEqual([null, null]);
    const sub = await ok<EvaluationOut>('team:evaluation-submit', { id: e.id });
    expect(sub.me).toMatchObject({ submitted: true, submissionShared: false });
    expect(sub.committee.cells.map((c) => c.combined)).toEqual([7.5, 6]);
    const before = tables();
    expect((await fails('team:evaluation-score', { id: e.id, scores: [{ bid: 0, criterion: 'plan', points: 1 }] })).message).toMatch(/submitted and can no longer change/);
    expect((await fails('team:evaluation-submit', { id: e.id })).message).toMatch(/already submitted/);
    expect(tables()).toBe(before);
  });

  it('refuses hostile input with a typed error and changes nothing', async () => {
    const [e] = await ok<EvaluationOut[]>('team:evaluation-list', {});
    const before = tables();
    const cases: [string, unknown][] = [
      ['team:evaluation-open', { docId, evaluators: [] }],
      ['team:evaluation-open', { docId, evaluators: ["ann'; DROP TABLE team_evaluation; --"] }],
      ['team:evaluation-open', { docId, evaluators: ['ann', 'ann'] }],
      ['team:evaluation-open', { docId, versionId: docId, evaluators: ['ann'] }],
      ['team:evaluation-open', { evaluators: ['ann'] }],
      ['team:evaluation-open', { docId: 'not-a-uuid', evaluators: ['ann'] }],
      ['team:evaluation-open', { docId: '01900000-0000-7000-8000-00000000dead', evaluators: ['ann'] }],
      ['team:evaluation-open', { docId, evaluators: ['ann'], deviationShare: 1.5 }],
      ['team:evaluation-open', { docId, evaluators: Array.from({ length: 26 }, (_, i) => `e${i}`) }],
      ['team:evaluation-score', { id: e!.id, scores: [] }],
      ['team:evaluation-score', { id: e!.id, scores: [{ bid: 0, criterion: 'plan', points: -1 }] }],
      ['team:evaluation-score', { id: e!.id, scores: [{ bid: -1, criterion: 'plan', points: 1 }] }],
      ['team:evaluation-score', { id: e!.id, scores: [{ bid: 0.5, criterion: 'plan', points: 1 }] }],
      ['team:evaluation-score', { id: e!.id, scores: [{ bid: 0, criterion: 'plan', points: Number.NaN }] }],
      ['team:evaluation-score', { id: e!.id, scores: [{ bid: 0, criterion: 'plan', points: 1, extra: true }] }],
      ['team:evaluation-score', { id: "x' OR 1=1 --", scores: [{ bid: 0, criterion: 'plan', points: 1 }] }],
      ['team:evaluation-score', { id: '0190', scores: [{ bid: 0, criterion: 'plan', points: 1 }] }],
      ['team:evaluation-submit', { id: 'ffffffff' }],
      ['team:evaluation-get', { id: '' }],
      ['team:evaluation-get', {}],
      ['team:evaluation-list', { bidFile: 1, extra: 2 }],
    ];
    for (const [channel, arg] of cases) expect(['invalid-input', 'not-found', 'conflict'], `${channel} ${JSON.stringify(arg)}`).toContain((await fails(channel, arg)).code);
    expect(tables()).toBe(before);
    // a bid file that is no bid file matches no evaluation
    expect(await ok('team:evaluation-list', { bidFile: { kind: 'bids' } })).toEqual([]);
  });
});
