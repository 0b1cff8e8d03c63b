/**
 * Migration 0006 adds what a laptop keeps of committee evaluations: a version-5 database
 * upgrades with every row kept and the new tables empty; the new tables refuse a second score
 * for the same cell, a second submission, a score of no evaluation and evaluators that are no list.
 */
import { describe, expect, it } from 'vitest';
import { expectKept, expectSound, snapshot, upgrade, userVersion, withData } from './harness';

const TABLES = ['team_evaluation', 'team_evaluation_score', 'team_evaluation_submission'];

describe('migration 0006 (team committee evaluations)', () => {
  it('keeps every row and adds the tables empty', () => {
    const at = withData(5);
    const before = snapshot(at.db);
    upgrade(at, 6);
    expect(userVersion(at.db)).toBe(6);
    expectKept(before, at.db);
    expectSound(at.db);
    for (const t of TABLES) expect(at.db.prepare(`SELECT count(*) AS n FROM ${t}`).get(), t).toEqual({ n: 0 });
    at.db.close();
  });

  it('keeps one score per evaluator, bid and criterion, one submission each, and refuses what its checks forbid', () => {
    const at = withData(5);
    upgrade(at, 6);
    const open = (gid: string, evaluators: string) =>
      at.db.prepare(`INSERT INTO team_evaluation (gid, version_gid, evaluators, deviation_share, opened_at) VALUES (?, 'v', ?, 0.2, 't')`).run(gid, evaluators);
    open('e1', '["ann","bob"]');
    expect(() => open('e2', '"ann"')).toThrow(/CHECK/);
    expect(() => open('e3', 'not json')).toThrow(/CHECK/);
    const score = (gid: string, evaluation: string, points: number) =>
      at.db.prepare(`INSERT INTO team_evaluation_score (gid, evaluation_gid, evaluator, bid, criterion, points, scored_at) VALUES (?, ?, 'ann', 0, 'plan', ?, 't')`).run(gid, evaluation, points);
    score('s1', 'e1', 8);
    expect(() => score('s2', 'e1', 7)).toThrow(/UNIQUE/);
    expect(() => score('s3', 'nope', 7)).toThrow(/FOREIGN KEY/);
    expect(() => at.db.prepare(`INSERT INTO team_evaluation_score (gid, evaluation_gid, evaluator, bid, criterion, points, scored_at) VALUES ('s4', 'e1', 'bob', 0, 'plan', -1, 't')`).run()).toThrow(/CHECK/);
    const submit = (gid: string) => at.db.prepare(`INSERT INTO team_evaluation_submission (gid, evaluation_gid, evaluator, submitted_at) VALUES (?, 'e1', 'ann', 't')`).run(gid);
    submit('u1');
    expect(() => submit('u2')).toThrow(/UNIQUE/);
    expect(at.db.prepare('SELECT gid, points FROM team_evaluation_score').all()).toEqual([{ gid: 's1', points: 8 }]);
    expectSound(at.db);
    at.db.close();
  });
});
