/**
 * Team hub load: 20 simulated laptops (20 SQLite files) against one local PostgreSQL hub, each
 * with 5,000 quotes of its own supplier. Every laptop syncs at once (push its quotes, pull what
 * is there), then again until each has pulled everyone else's; reported: the total time, the p95
 * time of one sync, and push and pull rows per second, against a single server-side `COPY` of
 * the same 100,000 quote rows into a plain table in the same run. At the end the row counts and
 * checksums (electron/team/checksum) must be equal on every laptop and on the hub, or it throws.
 *
 * PROCURE_BENCH_TEAM_CLIENTS and PROCURE_BENCH_TEAM_QUOTES make a smaller run possible. Where no
 * PostgreSQL cluster can be started it prints one line and skips.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openApp } from '../electron/bootstrap';
import { openDatabase } from '../electron/db/open';
import { TeamRepo } from '../electron/db/repos/team';
import { connectTeam } from '../electron/team/admin';
import { syncWithHub } from '../electron/team/sync';
import { findPostgres, startCluster, type PgCluster } from '../test/helpers/pg-cluster';
import { addBulkQuotes, hubRows, laptopRows, startHub, type HubFixture } from '../test/helpers/hub-fixture';
import { tmpDir } from '../test/helpers/tmp';

const CLIENTS = Number(process.env.PROCURE_BENCH_TEAM_CLIENTS ?? 20);
const QUOTES = Number(process.env.PROCURE_BENCH_TEAM_QUOTES ?? 5_000);

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en');

export default async function bench(): Promise<void> {
  const found = findPostgres();
  if ('missing' in found) return console.log(`team bench skipped: ${found.missing}`);
  let cluster: PgCluster;
  try {
    cluster = await startCluster();
  } catch (e) {
    return console.log(`team bench skipped: PostgreSQL did not start (${(e as Error).message.split('\n')[0]})`);
  }
  const dir = tmpDir('procure-bench-team-');
  let hub: HubFixture | undefined;
  const saved = process.env.PGPASSWORD;
  try {
    const users = Array.from({ length: CLIENTS }, (_, i) => [`buyer${String(i + 1).padStart(2, '0')}`, 'buyer'] as [string, 'buyer']);
    hub = await startHub(users, { cluster });
    // one seeded database, copied: 20 laptops that start from the same app version
    const template = path.join(dir, 'template.db');
    openApp(template).db.close();
    const files = users.map(([u], i) => {
      const f = path.join(dir, `${u}.db`);
      fs.copyFileSync(template, f);
      addBulkQuotes(f, `Supplier ${u}`, QUOTES, i * QUOTES);
      return f;
    });
    const laptops = files.map((f) => openDatabase(f));
    const teams = laptops.map((d) => new TeamRepo(d));
    for (const [i, [u]] of users.entries()) {
      process.env.PGPASSWORD = hub.passwords[u];
      await connectTeam(teams[i]!, hub.url(), u, new Date());
    }
    const version = (await hub.su.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    console.log(`${CLIENTS} laptops × ${fmt(QUOTES)} quotes, one hub (PostgreSQL ${version})`);

    const times: number[] = [];
    let pushed = 0;
    let pulled = 0;
    const t0 = performance.now();
    // when the hub holds every laptop's quotes (a sync pushes first, then pulls: its own time says neither alone)
    let pushDone = 0;
    const watcher = new pg.Client({ connectionString: cluster.url('hub') });
    await watcher.connect();
    const watch = (async () => {
      while (pushDone === 0) {
        const n = (await watcher.query<{ n: number }>('SELECT count(*)::int AS n FROM procure.quote')).rows[0]!.n;
        if (n >= CLIENTS * QUOTES) pushDone = performance.now();
        else await new Promise((r) => setTimeout(r, 100));
      }
    })();
    for (let round = 1; round <= 5; round++) {
      const r0 = performance.now();
      const results = await Promise.all(
        teams.map(async (team, i) => {
          const s = performance.now();
          const r = await syncWithHub(team, () => new Date(), { password: hub!.passwords[users[i]![0]] });
          times.push(performance.now() - s);
          return r;
        }),
      );
      const rp = results.reduce((s, r) => s + r.pushed.quotes, 0);
      const rl = results.reduce((s, r) => s + r.pulled.quotes, 0);
      pushed += rp;
      pulled += rl;
      console.log(`round ${round}: ${(performance.now() - r0).toFixed(0)} ms, pushed ${fmt(rp)}, pulled ${fmt(rl)} quotes`);
      if (rl === 0 && rp === 0) break;
    }
    const total = performance.now() - t0;
    if (pushDone === 0) pushDone = performance.now();
    await watch;
    await watcher.end();
    const expectedPull = CLIENTS * (CLIENTS - 1) * QUOTES;
    if (pushed !== CLIENTS * QUOTES) throw new Error(`pushed ${pushed} quotes, expected ${CLIENTS * QUOTES}`);
    if (pulled < expectedPull) throw new Error(`pulled ${pulled} quotes, expected at least ${expectedPull}`);

    // the baseline: one COPY of the same rows, server-side, into a plain table of the same columns
    const csv = path.join(cluster.dir, 'quotes.csv');
    await hub.su.query(`COPY (SELECT * FROM procure.quote) TO '${csv}' WITH (FORMAT csv)`);
    await hub.su.query('CREATE TABLE public.bench_copy (LIKE procure.quote)');
    const c0 = performance.now();
    const copied = await hub.su.query(`COPY public.bench_copy FROM '${csv}' WITH (FORMAT csv)`);
    const copyMs = performance.now() - c0;
    const copyRate = (copied.rowCount ?? 0) / (copyMs / 1000);

    const pushMs = pushDone - t0;
    const pushRate = pushed / (pushMs / 1000);
    const syncRate = (pushed + pulled) / (total / 1000);
    console.log(`total ${(total / 1000).toFixed(1)} s for ${CLIENTS} laptops to push ${fmt(pushed)} and pull ${fmt(pulled)} quotes (${times.length} syncs)`);
    const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
    console.log(`one sync: p95 ${(p95(times) / 1000).toFixed(2)} s, median ${(median / 1000).toFixed(2)} s`);
    console.log(`push: all ${fmt(pushed)} on the hub after ${(pushMs / 1000).toFixed(1)} s, ${fmt(pushRate)} rows/s; all rows moved (pushed + pulled): ${fmt(syncRate)} rows/s`);
    console.log(`COPY of the same ${fmt(copied.rowCount ?? 0)} rows: ${copyMs.toFixed(0)} ms, ${fmt(copyRate)} rows/s → push at ${((pushRate / copyRate) * 100).toFixed(1)} % of COPY, all rows moved at ${((syncRate / copyRate) * 100).toFixed(1)} %`);

    // every laptop holds exactly the hub's rows
    const want = await hubRows(hub.su);
    if (want.quotes.count !== CLIENTS * QUOTES) throw new Error(`the hub holds ${want.quotes.count} quotes, expected ${CLIENTS * QUOTES}`);
    for (const d of laptops) d.close();
    for (const [i, f] of files.entries()) {
      const got = laptopRows(f);
      if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`laptop ${users[i]![0]} differs from the hub: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
    }
    console.log(`checked: all ${CLIENTS} laptops and the hub hold ${fmt(want.quotes.count)} quotes (sha256 ${want.quotes.sha256.slice(0, 12)}…) and ${want.suppliers.count} suppliers (sha256 ${want.suppliers.sha256.slice(0, 12)}…)`);
  } finally {
    if (saved === undefined) delete process.env.PGPASSWORD;
    else process.env.PGPASSWORD = saved;
    await hub?.close();
    cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
