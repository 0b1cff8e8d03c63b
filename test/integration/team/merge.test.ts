/**
 * Catalog figure merges and shared builds and bid sets, against a real PostgreSQL hub with real
 * laptop databases: two catalog keepers edit the same figure offline and sync in either order,
 * and both laptops end with the same value and the same recorded conflict; a keeper's reversal
 * and confirmation converge on both; different fields of one part merge without a conflict; a
 * buyer's catalog edits, another's version of a shared build, and a viewer's share are refused
 * by the database with nothing written; a shared build is versioned, read-only to colleagues,
 * and duplicated into an editable local copy.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, SOURCE_ROOT } from '../../../electron/bootstrap';
import type { AppContext } from '../../../electron/context';
import { HubMergeRepo } from '../../../electron/db/hub/merge-repo';
import { HubRepo } from '../../../electron/db/hub/repo';
import { TeamRepo } from '../../../electron/db/repos/team';
import { catalogFieldChecksum, conflictChecksum, quoteChecksum, sharedVersionChecksum, supplierChecksum } from '../../../electron/team/checksum';
import { dispatch } from '../../../electron/handlers';
import type { Accelerator } from '../../../shared/domain/accelerator';
import type { CatalogConflictView, SharedDocView } from '../../../shared/contract/team-merge';
import { hubSkipReason, startCluster, type PgCluster } from '../../helpers/pg-cluster';
import { runProcure } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';

const skip = hubSkipReason();
if (skip) console.warn(skip);

const PART = 'nvidia-h20';
const source = (title: string, asOf: string) => ({ title, url: '', asOf, estimate: false, note: '' });

describe.skipIf(Boolean(skip))('team hub: catalog merges, shared builds and bid sets (real PostgreSQL)', () => {
  let cluster: PgCluster;
  let su: pg.Client;
  const pw: Record<string, string> = {};
  const dir = tmpDir('procure-merge-');
  const db = (laptop: string) => path.join(dir, `${laptop}.db`);

  const as = async (user: string, laptop: string, args: string[]) => {
    process.env.PGPASSWORD = pw[user];
    try {
      return await runProcure([...args, '--db', db(laptop)]);
    } finally {
      delete process.env.PGPASSWORD;
    }
  };
  const syncJson = async (user: string, laptop: string, code = 0) => {
    const r = await as(user, laptop, ['sync', '--json']);
    expect(r.code, r.err).toBe(code);
    return JSON.parse(r.out) as { pushed: Record<string, number>; pulled: Record<string, number>; pending: Record<string, number>; openConflicts: number; cursor: number; refused?: string };
  };
  /** The app on one laptop's database file, for what the UI does (edit a part, make a build). */
  const onLaptop = async <T>(laptop: string, fn: (ctx: AppContext) => Promise<T> | T): Promise<T> => {
    const ctx = openApp(db(laptop));
    try {
      return await fn(ctx);
    } finally {
      ctx.db.close();
    }
  };
  const call = async <T>(ctx: AppContext, channel: string, arg?: unknown): Promise<T> => {
    const r = await dispatch(ctx, channel, arg);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as T;
  };
  /** Edit figures of PART on a laptop as Catalog → Edit does (catalog:save). */
  const edit = (laptop: string, change: (a: Accelerator) => Accelerator) =>
    onLaptop(laptop, async (ctx) => {
      const { id: _i, origin: _o, userEdited: _u, updatedAt: _t, ...acc } = ctx.accelerators.get(PART)!;
      await call(ctx, 'catalog:save', { accelerator: change(acc), create: false });
    });
  const part = (laptop: string) => onLaptop(laptop, (ctx) => ctx.accelerators.get(PART)!);
  const conflicts = async (user: string, laptop: string, all = true) => {
    const r = await as(user, laptop, ['team', 'conflicts', ...(all ? ['--all'] : []), '--json']);
    expect(r.code, r.err).toBe(0);
    return JSON.parse(r.out) as CatalogConflictView[];
  };
  /** A conflict as every laptop must record it (`mine` is each laptop's own view). */
  const shared = (cs: CatalogConflictView[]) => cs.map(({ mine: _m, pending: _p, ...c }) => c);
  const hubFields = async () =>
    (await su.query(`SELECT part, field, value, source, set_by::text AS set_by, author, edited_at, pushed_at, change_no::float8 AS change_no FROM procure.catalog_field ORDER BY part, field`)).rows.map(
      (r: Record<string, unknown>) => ({ ...r, pushed_at: (r.pushed_at as Date).toISOString() }),
    );
  const localFields = (laptop: string) =>
    onLaptop(laptop, (ctx) =>
      new TeamRepo(ctx.db).catalog
        .fields()
        .map((f) => ({ ...f, pushed_at: new Date(f.pushed_at).toISOString() }))
        .sort((a, b) => (a.part + a.field < b.part + b.field ? -1 : 1)),
    );
  const hubCount = async (table: string) => (await su.query<{ n: number }>(`SELECT count(*)::int AS n FROM procure.${table}`)).rows[0]!.n;
  const asUser = async <T>(user: string, fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ host: '127.0.0.1', port: cluster.port, database: 'hub', user, password: pw[user] });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    cluster = await startCluster();
    const hubUrl = cluster.url('hub', 'hub_su');
    expect((await runProcure(['team', 'init', '--hub', hubUrl, '--db', db('admin')])).code).toBe(0);
    for (const [user, role] of [['kim', 'catalog_keeper'], ['kai', 'catalog_keeper'], ['kit', 'catalog_keeper'], ['bob', 'buyer'], ['ann', 'buyer'], ['vic', 'viewer']] as const) {
      const r = await runProcure(['team', 'add-user', user, '--role', role, '--hub', hubUrl, '--json', '--db', db('admin')]);
      expect(r.code, r.err).toBe(0);
      pw[user] = (JSON.parse(r.out) as { password: string }).password;
    }
    su = new pg.Client({ connectionString: cluster.url('hub') });
    await su.connect();
    const url = cluster.url('hub', 'x', 'sslmode=prefer').replace('x@', '');
    for (const [user, laptop] of [['kim', 'k1'], ['kai', 'k2'], ['kit', 'k3'], ['bob', 'b'], ['ann', 'a'], ['vic', 'v']] as const) {
      const r = await as(user, laptop, ['team', 'connect', '--hub', url, '--user', user]);
      expect(r.code, r.err).toBe(0);
    }
  }, 120_000);

  afterAll(async () => {
    await su?.end().catch(() => undefined);
    cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('two keepers change the same figure offline: whichever syncs first, both end with the later value and the same conflict', { timeout: 120_000 }, async () => {
    const seeded = (await part('k1')).tdpW;
    // round 1: kim syncs first, kai's later push wins
    await edit('k1', (a) => ({ ...a, tdpW: 420, sources: { ...a.sources, tdpW: source("kim's power meter", '2025-06-01') } }));
    await edit('k2', (a) => ({ ...a, tdpW: 450, sources: { ...a.sources, tdpW: source('vendor datasheet rev 3', '2025-06-03') } }));
    expect((await syncJson('kim', 'k1')).pushed.catalogEdits).toBe(1);
    const second = await syncJson('kai', 'k2');
    expect(second.pushed.catalogEdits).toBe(1);
    expect(second.openConflicts).toBe(1);
    const text = await as('kim', 'k1', ['sync']);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/^pulled {2}0 suppliers, 0 quotes, 0 retirements, 1 catalog edits, 0 resolutions, 0 builds, 0 bid sets$/m);
    expect(text.out).toMatch(/^conflicts {2}1 pulled, 1 open \(procure team conflicts\)$/m);
    expect(text.out).toMatch(/^cursor {2}\d+$/m);
    expect((await part('k1')).tdpW).toBe(450);
    expect((await part('k2')).tdpW).toBe(450);
    expect((await part('k1')).sources.tdpW).toEqual(source('vendor datasheet rev 3', '2025-06-03'));
    const [c1] = await conflicts('kim', 'k1');
    expect(c1).toMatchObject({ part: PART, field: 'tdpW', status: 'open', mine: 'earlier', earlier: { value: 420, author: 'kim' }, later: { value: 450, author: 'kai' } });
    expect(c1!.earlier.source.title).toBe("kim's power meter");
    expect((await conflicts('kai', 'k2'))[0]!.mine).toBe('later');
    expect(shared(await conflicts('kai', 'k2'))).toEqual(shared(await conflicts('kim', 'k1')));

    // round 2, the other order on another figure: kai syncs first, kim's later push wins
    await edit('k1', (a) => ({ ...a, idleW: 61 }));
    await edit('k2', (a) => ({ ...a, idleW: 66 }));
    await syncJson('kai', 'k2');
    await syncJson('kim', 'k1');
    await syncJson('kai', 'k2');
    expect((await part('k1')).idleW).toBe(61);
    expect((await part('k2')).idleW).toBe(61);
    const both = await conflicts('kim', 'k1');
    expect(both.map((c) => [c.field, c.earlier.author, c.earlier.value, c.later.author, c.later.value])).toEqual([
      ['tdpW', 'kim', 420, 'kai', 450],
      ['idleW', 'kai', 66, 'kim', 61],
    ]);
    expect(shared(await conflicts('kai', 'k2'))).toEqual(shared(both));
    // the laptops hold the hub's field values exactly, and the hub recorded two conflicts
    expect(await localFields('k1')).toEqual(await hubFields());
    expect(await localFields('k2')).toEqual(await hubFields());
    expect(await hubCount('catalog_conflict')).toBe(2);
    expect(seeded).not.toBe(450);
  });

  it('different figures of the same part merge without a conflict', { timeout: 60_000 }, async () => {
    await edit('k1', (a) => ({ ...a, tflops: { ...a.tflops, fp8: 301 } }));
    await edit('k2', (a) => ({ ...a, scaleUpGBps: 905 }));
    await syncJson('kim', 'k1');
    expect((await syncJson('kai', 'k2')).openConflicts).toBe(2);
    expect((await syncJson('kim', 'k1')).openConflicts).toBe(2);
    for (const l of ['k1', 'k2']) {
      const p = await part(l);
      expect([p.tflops.fp8, p.scaleUpGBps, p.tdpW, p.idleW]).toEqual([301, 905, 450, 61]);
    }
    expect(await hubCount('catalog_conflict')).toBe(2);
    expect(await localFields('k1')).toEqual(await hubFields());
    // kai changes the figure kim set, having pulled it: a later edit on top, not a conflict
    await edit('k2', (a) => ({ ...a, tflops: { ...a.tflops, fp8: 296 } }));
    expect((await syncJson('kai', 'k2')).openConflicts).toBe(2);
    await syncJson('kim', 'k1');
    expect((await part('k1')).tflops.fp8).toBe(296);
    expect(await hubCount('catalog_conflict')).toBe(2);
  });

  it('a push that died after the hub took it is rerun: each edit once on the hub, no conflict with oneself', { timeout: 60_000 }, async () => {
    await edit('k1', (a) => ({ ...a, scaleOutGBps: 51 }));
    // the hub takes the edit, and the laptop never hears back (the sync died before marking it)
    await onLaptop('k1', async (ctx) => {
      const team = new TeamRepo(ctx.db);
      const pending = team.catalog.pendingEdits(10);
      expect(pending.map((e) => e.field)).toEqual(['scaleOutGBps']);
      await asUser('kim', (c) => new HubMergeRepo(c).pushCatalogEdits(pending));
    });
    const edits = await hubCount('catalog_edit');
    const s = await syncJson('kim', 'k1');
    expect(s.pushed.catalogEdits).toBe(1);
    expect(s.pending.catalogEdits).toBe(0);
    expect(await hubCount('catalog_edit')).toBe(edits);
    expect(await hubCount('catalog_conflict')).toBe(2);
    expect(await localFields('k1')).toEqual(await hubFields());
  });

  it('a keeper reverses one conflict and confirms the other; both laptops converge, the reversal itself a synced change', { timeout: 60_000 }, async () => {
    const [tdp, idle] = await conflicts('kim', 'k1', false);
    const rev = await as('kim', 'k1', ['team', 'resolve', tdp!.id, 'reverse']);
    expect(rev.code, rev.err).toBe(0);
    expect(rev.out).toMatch(/reversed here; procure sync shares it/);
    // kim pushed the later idleW value: "keep local" is to confirm it
    expect((await as('kim', 'k1', ['team', 'resolve', idle!.id, '--keep', 'local'])).code).toBe(0);
    expect((await conflicts('kim', 'k1')).map((c) => c.pending)).toEqual(['reverse', 'confirm']);
    const s = await syncJson('kim', 'k1');
    expect(s.pushed.resolutions).toBe(2);
    expect(s.openConflicts).toBe(0);
    expect((await syncJson('kai', 'k2')).openConflicts).toBe(0);
    for (const l of ['k1', 'k2']) {
      const p = await part(l);
      expect([p.tdpW, p.idleW]).toEqual([420, 61]);
      expect(p.sources.tdpW?.title).toBe("kim's power meter");
    }
    const done = shared(await conflicts('kai', 'k2'));
    expect(done.map((c) => [c.field, c.status, c.resolvedBy])).toEqual([
      ['tdpW', 'reversed', 'kim'],
      ['idleW', 'confirmed', 'kim'],
    ]);
    expect(shared(await conflicts('kim', 'k1'))).toEqual(done);
    expect(await localFields('k2')).toEqual(await hubFields());
    // a resolved conflict stays resolved
    expect((await as('kai', 'k2', ['team', 'resolve', tdp!.id, 'confirm'])).err).toMatch(/already reversed by kim/);
    // the part's history on the hub: every edit, who, and the reversal
    const h = await as('kai', 'k2', ['team', 'history', 'part', PART, '--json']);
    expect(h.code, h.err).toBe(0);
    const rows = JSON.parse(h.out) as { who: string; op: string; table: string }[];
    expect(rows.filter((r) => r.table === 'catalog_edit').map((r) => r.who)).toEqual(['kim', 'kai', 'kai', 'kim', 'kim', 'kai', 'kai', 'kim']);
    expect(rows.some((r) => r.table === 'catalog_conflict' && r.op === 'UPDATE' && r.who === 'kim')).toBe(true);
  });

  it("refuses a buyer's catalog edits in the database: one line, exit 4, nothing written, the edits kept here", { timeout: 60_000 }, async () => {
    await syncJson('bob', 'b');
    await edit('b', (a) => ({ ...a, tdpW: 999, memoryBandwidthTBps: 4.1 }));
    const edits = await hubCount('catalog_edit');
    const audit = await hubCount('audit');
    const r = await as('bob', 'b', ['sync']);
    expect(r.code).toBe(4);
    expect(r.err).toBe('procure sync: the role buyer may not edit catalog figures: 2 local edits kept, not shared\n');
    expect(await hubCount('catalog_edit')).toBe(edits);
    expect(await hubCount('audit')).toBe(audit);
    expect(JSON.parse((await as('bob', 'b', ['team', 'status', '--json'])).out).pending.catalogEdits).toBe(2);
    // bob's own values stay on bob's laptop; the hub's other figures came in
    const p = await part('b');
    expect([p.tdpW, p.memoryBandwidthTBps, p.tflops.fp8]).toEqual([999, 4.1, 296]);
    // and past the app, straight at the tables: no grant, whatever the row says
    await expect(
      asUser('bob', (c) => c.query(`INSERT INTO procure.catalog_edit (gid, part, field, value, source, edited_at) VALUES (gen_random_uuid(), $1, 'tdpW', '1', '{}', 'now')`, [PART])),
    ).rejects.toThrow(/permission denied/);
    await expect(asUser('kim', (c) => c.query(`UPDATE procure.catalog_field SET value = '1'`))).rejects.toThrow(/permission denied/);
    await expect(asUser('kim', (c) => c.query(`DELETE FROM procure.catalog_conflict`))).rejects.toThrow(/permission denied/);
    await expect(asUser('kai', (c) => c.query(`UPDATE procure.catalog_edit SET value = '1'`))).rejects.toThrow(/permission denied/);
  });

  it('a shared build is its author\'s: versioned, read-only to a colleague (refused by the database), duplicated into a local copy', { timeout: 90_000 }, async () => {
    const made = await onLaptop('a', (ctx) => call<{ id: number }>(ctx, 'builds:create', { name: 'H20 pilot', lines: [{ accelerator: PART, count: 16, role: 'both' }] }));
    const share = await as('ann', 'a', ['team', 'share', 'build', 'H20 pilot', '--json']);
    expect(share.code, share.err).toBe(0);
    const doc = (JSON.parse(share.out) as { docId: string; status: string });
    expect(doc.status).toBe('queued');
    // shared again unchanged: the version waiting is that one, and after the sync the one on the hub
    expect((await as('ann', 'a', ['team', 'share', 'build', 'H20 pilot'])).out).toMatch(/unchanged since its last share/);
    expect((await syncJson('ann', 'a')).pushed.builds).toBe(1);
    expect((await as('ann', 'a', ['team', 'share', 'build', 'H20 pilot'])).out).toMatch(/unchanged since its last share/);
    expect((await syncJson('ann', 'a')).pushed.builds).toBe(0);

    expect((await syncJson('bob', 'b', 4)).pulled.builds).toBe(1);
    const list = JSON.parse((await as('bob', 'b', ['team', 'shared', '--json'])).out) as SharedDocView[];
    expect(list).toEqual([expect.objectContaining({ docId: doc.docId, kind: 'build', author: 'ann', mine: false, latest: expect.objectContaining({ version: 1, name: 'H20 pilot' }) })]);
    // bob cannot change ann's build on the hub, nor add a version of it: the database refuses
    const versions = await hubCount('shared_version');
    await expect(asUser('bob', (c) => c.query(`UPDATE procure.shared_version SET name = 'mine now'`))).rejects.toThrow(/permission denied/);
    await expect(
      asUser('bob', (c) =>
        c.query(`INSERT INTO procure.shared_version (gid, doc_gid, name, body, shared_at) VALUES (gen_random_uuid(), $1, 'bob''s v2', '{"lines":[]}', 'now')`, [doc.docId]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(asUser('ann', (c) => c.query(`DELETE FROM procure.shared_version`))).rejects.toThrow(/permission denied/);
    expect(await hubCount('shared_version')).toBe(versions);
    // a local copy bob may edit
    const dup = await as('bob', 'b', ['team', 'duplicate', doc.docId, '--json']);
    expect(dup.code, dup.err).toBe(0);
    const copy = JSON.parse(dup.out) as { id: number; name: string };
    expect(copy.name).toBe('H20 pilot (ann v1)');
    await onLaptop('b', async (ctx) => {
      const b = await call<{ lines: { accelerator: string; count: number }[] }>(ctx, 'builds:update', { id: copy.id, lines: [{ accelerator: PART, count: 24, role: 'both' }] });
      expect(b.lines[0]!.count).toBe(24);
    });

    // ann changes the build and shares v2; bob pulls v2, the history keeps v1
    await onLaptop('a', (ctx) => call(ctx, 'builds:update', { id: made.id, lines: [{ accelerator: PART, count: 32, role: 'both' }] }));
    expect((await as('ann', 'a', ['team', 'share', 'build', String(made.id)])).out).toMatch(/queued/);
    expect((await syncJson('ann', 'a')).pushed.builds).toBe(1);
    expect((await syncJson('bob', 'b', 4)).pulled.builds).toBe(1);
    const hist = JSON.parse((await as('bob', 'b', ['team', 'shared', 'build', '--history', '--json'])).out) as SharedDocView[];
    expect(hist[0]!.latest.version).toBe(2);
    expect(hist[0]!.versions!.map((v) => v.version)).toEqual([2, 1]);
    const v2 = JSON.parse((await as('bob', 'b', ['team', 'duplicate', doc.docId, '--name', 'pilot v2 (bob)', '--json'])).out) as { id: number };
    await onLaptop('b', async (ctx) => {
      const b = (await call<{ id: number; name: string; lines: { count: number }[] }[]>(ctx, 'builds:list')).find((x) => x.id === v2.id)!;
      expect([b.name, b.lines[0]!.count]).toEqual(['pilot v2 (bob)', 32]);
    });
    // ann's laptop holds the same versions as the hub
    const annList = JSON.parse((await as('ann', 'a', ['team', 'shared', '--history', '--json'])).out) as SharedDocView[];
    expect(annList[0]).toMatchObject({ mine: true, localId: made.id, pending: false, latest: { version: 2 } });
  });

  it("shares a bid set; a viewer's share is refused by the database with one line", { timeout: 60_000 }, async () => {
    const body = JSON.parse(fs.readFileSync(path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json'), 'utf8')) as unknown;
    await onLaptop('a', (ctx) => call(ctx, 'bids:save', { name: 'Tender 17', body }));
    expect((await as('ann', 'a', ['team', 'share', 'bidset', 'Tender 17'])).code).toBe(0);
    expect((await syncJson('ann', 'a')).pushed.bidSets).toBe(1);
    expect((await syncJson('vic', 'v')).pulled).toMatchObject({ builds: 2, bidSets: 1 });
    // the team's figures reached a laptop that never edited one, kept as edits over a later seed refresh
    const p = await part('v');
    expect([p.tdpW, p.idleW, p.tflops.fp8, p.userEdited]).toEqual([420, 61, 296, true]);
    const [set] = JSON.parse((await as('vic', 'v', ['team', 'shared', 'bidset', '--json'])).out) as SharedDocView[];
    const dup = JSON.parse((await as('vic', 'v', ['team', 'duplicate', set!.docId, '--json'])).out) as { kind: string; id: number };
    expect(dup.kind).toBe('bidset');
    await onLaptop('v', async (ctx) => {
      const copy = await call<{ body: unknown }>(ctx, 'bids:get', { id: dup.id });
      expect(copy.body).toEqual(body);
      // the viewer shares a build of their own: kept here, refused by the hub
      await call(ctx, 'builds:create', { name: 'vic build', lines: [{ accelerator: PART, count: 8, role: 'both' }] });
    });
    expect((await as('vic', 'v', ['team', 'share', 'build', 'vic build'])).code).toBe(0);
    const docs = await hubCount('shared_doc');
    const r = await as('vic', 'v', ['sync']);
    expect(r.code).toBe(4);
    expect(r.err).toBe('procure sync: the role viewer may not share builds or bid sets: 1 local build kept, not shared\n');
    expect(await hubCount('shared_doc')).toBe(docs);
  });

  it("shows a quote's history from the hub's audit, by its local id", { timeout: 60_000 }, async () => {
    expect((await as('ann', 'a', ['quote', 'add', PART, '--supplier', '华鲲振宇', '--price', '9.8万', '--date', '2025-06-01'])).code).toBe(0);
    await syncJson('ann', 'a');
    const list = JSON.parse((await as('ann', 'a', ['quote', 'list', PART, '--json'])).out) as { rows: { id: number; supplier: string }[] };
    const q = list.rows.find((r) => r.supplier === '华鲲振宇')!;
    const h = await as('ann', 'a', ['team', 'history', 'quote', String(q.id), '--json']);
    expect(h.code, h.err).toBe(0);
    expect((JSON.parse(h.out) as { who: string; op: string; table: string; new: { price_minor: number } }[]).map((r) => [r.who, r.op, r.table, r.new.price_minor])).toEqual([
      ['ann', 'INSERT', 'quote', 9_800_000],
    ]);
  });

  it('after a last sync, every laptop holds the hub\'s rows of every kind (counts and checksums)', { timeout: 90_000 }, async () => {
    const hub = new HubRepo(su);
    const merge = new HubMergeRepo(su);
    const onHub = {
      suppliers: supplierChecksum(await hub.allSuppliers()),
      quotes: quoteChecksum(await hub.allQuotes()),
      fields: catalogFieldChecksum(await merge.allCatalogFields()),
      conflicts: conflictChecksum(await merge.allConflicts()),
      versions: sharedVersionChecksum(await merge.allSharedVersions()),
    };
    expect([onHub.fields.count, onHub.conflicts.count, onHub.versions.count]).toEqual([5, 2, 3]);
    for (const [user, laptop, code] of [['kim', 'k1', 0], ['kai', 'k2', 0], ['bob', 'b', 4], ['ann', 'a', 0], ['vic', 'v', 4]] as const) {
      expect((await as(user, laptop, ['sync'])).code, laptop).toBe(code);
      const here = await onLaptop(laptop, (ctx) => {
        const t = new TeamRepo(ctx.db);
        return {
          suppliers: supplierChecksum(t.sharedSuppliers()),
          quotes: quoteChecksum(t.sharedQuotes()),
          fields: catalogFieldChecksum(t.catalog.fields()),
          conflicts: conflictChecksum(t.catalog.hubConflicts()),
          versions: sharedVersionChecksum(t.shared.pushedVersions()),
        };
      });
      expect(here, laptop).toEqual(onHub);
    }
  });
  /** `procure sync` in a child process, killed with SIGKILL once `partial()` holds. */
  async function killMidway(user: string, laptop: string, partial: () => Promise<boolean>): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/helpers/cli-child.ts'), 'sync', '--db', db(laptop)], {
      env: { ...process.env, PGPASSWORD: pw[user], PROCURE_SYNC_BATCH: '5' },
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let killed = false;
    for (let i = 0; i < 6000 && child.exitCode === null; i++) {
      if (await partial()) {
        child.kill('SIGKILL');
        killed = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await exited;
    expect(killed, 'the sync finished before it could be killed mid-way').toBe(true);
  }

  it('catalog edits: a sync killed mid-push and one killed mid-pull, each rerun, leave every edit once and equal rows', { timeout: 180_000 }, async () => {
    await syncJson('kit', 'k3');
    const FIELDS = ['tdpW', 'idleW', 'scaleUpGBps', 'scaleOutGBps', 'memoryBandwidthTBps', 'mbu', 'mfu', 'softwareMaturity'] as const;
    const n = await onLaptop('k3', async (ctx) => {
      const parts = ctx.accelerators.list();
      for (const { id: _i, origin: _o, userEdited: _u, updatedAt: _t, ...a } of parts) {
        const next = { ...a, tdpW: a.tdpW + 1, idleW: a.idleW + 1, scaleUpGBps: a.scaleUpGBps + 1, scaleOutGBps: a.scaleOutGBps + 1, memoryBandwidthTBps: a.memoryBandwidthTBps + 0.01 };
        Object.assign(next, { mbu: Math.min(1, a.mbu * 0.9), mfu: Math.min(1, a.mfu * 0.9), softwareMaturity: a.softwareMaturity * 0.9 });
        await call(ctx, 'catalog:save', { accelerator: next, create: false });
      }
      return new TeamRepo(ctx.db).catalog.pendingEditCount();
    });
    expect(n).toBeGreaterThan(250);
    expect(n % FIELDS.length).toBe(0);
    const before = await hubCount('catalog_edit');
    await killMidway('kit', 'k3', async () => {
      const m = (await hubCount('catalog_edit')) - before;
      return m > 0 && m < n - 50;
    });
    const mid = (await hubCount('catalog_edit')) - before;
    expect(mid).toBeGreaterThan(0);
    expect(mid).toBeLessThan(n);
    const rerun = await syncJson('kit', 'k3');
    expect(rerun.pending.catalogEdits).toBe(0);
    expect((await hubCount('catalog_edit')) - before).toBe(n);
    const twice = await su.query(`SELECT part, field FROM procure.catalog_edit WHERE author = 'kit' GROUP BY 1, 2 HAVING count(*) > 1`);
    expect(twice.rows).toEqual([]);
    expect(await hubCount('catalog_conflict')).toBe(2);

    // kai pulls them, killed mid-way, then again
    const latest = await new HubRepo(su).latestChange();
    await killMidway('kai', 'k2', async () => {
      const d = new Database(db('k2'), { readonly: true, fileMustExist: true });
      try {
        const cursor = d.prepare('SELECT cursor FROM team_hub').pluck().get() as number;
        return cursor > latest - n + 20 && cursor < latest - 50;
      } finally {
        d.close();
      }
    });
    const after = await syncJson('kai', 'k2');
    expect(after.cursor).toBe(latest);
    const merge = new HubMergeRepo(su);
    const local = await onLaptop('k2', (ctx) => new TeamRepo(ctx.db).catalog.fields());
    expect(catalogFieldChecksum(local)).toEqual(catalogFieldChecksum(await merge.allCatalogFields()));
    expect(catalogFieldChecksum(await onLaptop('k3', (ctx) => new TeamRepo(ctx.db).catalog.fields()))).toEqual(catalogFieldChecksum(await merge.allCatalogFields()));
    // kai's catalog now shows kit's figures
    const kitH20 = await part('k3');
    const kaiH20 = await part('k2');
    expect([kaiH20.tdpW, kaiH20.mbu]).toEqual([kitH20.tdpW, kitH20.mbu]);
  });
});
