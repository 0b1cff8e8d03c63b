/**
 * Long work off the main thread: an optimizer solve runs in a real worker thread while the
 * loopback host keeps answering; jobs:list shows it and jobs:cancel stops it; a worker's errors
 * come back as the same classes (invalid input with its JSON paths, not 'internal'); an import
 * commit cancelled mid-way tells the truth about what it wrote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { openApp } from '../../electron/bootstrap';
import type { AppContext } from '../../electron/context';
import { startHost, type RunningHost } from '../../electron/host/server';
import { dispatch } from '../../electron/handlers';
import { activeJobs, cancelJob, closeJobWorkers, runJob } from '../../electron/jobs';
import { tmpDbPath, tmpDir } from '../helpers/tmp';
import { csv } from './import/fixtures';

let ctx: AppContext;
let host: RunningHost;
const agent = new http.Agent({ keepAlive: true });
const example = JSON.parse(fs.readFileSync(path.resolve('examples/optimize-deepseek-v3-west-china.json'), 'utf8')) as Record<string, unknown>;

beforeAll(async () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>ok</title>');
  ctx = openApp(tmpDbPath());
  host = await startHost({ ctx, staticDir: dir });
});
afterAll(async () => {
  agent.destroy();
  await closeJobWorkers();
  await host.close();
  ctx.db.close();
});

function api(channel: string, arg?: unknown): Promise<{ ms: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string; issues?: { path: string }[] } } }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const body = arg === undefined ? '' : JSON.stringify(arg);
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: `/api/${channel}`, method: 'POST', agent, headers: { 'X-Procure-Token': host.token, 'Content-Type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ ms: performance.now() - t0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const t0 = performance.now();
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('jobs off the main thread', () => {
  it('while optimize:run solves in a worker, app:info through the loopback host answers within 1 s; jobs:cancel stops the solve', async () => {
    let answered: Awaited<ReturnType<typeof api>> | undefined;
    const solving = api('optimize:run', example).then((r) => (answered = r));
    const job = await until('the optimize job to run', async () => {
      const r = await api('jobs:list');
      return (r.body.value as { id: number; kind: string; state: string }[]).find((j) => j.kind === 'optimize' && j.state === 'running');
    });
    // the solve itself (seconds) has begun once the worker reports its phase
    await until('the solve to start', async () => {
      const r = await api('jobs:list');
      return (r.body.value as { id: number; progress: { phase: string } | null }[]).find((j) => j.id === job.id && j.progress?.phase === 'solving');
    });
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await api('app:info');
      expect(r.body.ok).toBe(true);
      waits.push(r.ms);
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(answered, 'the solve should still be running while app:info was answered').toBeUndefined();
    expect(Math.max(...waits), `app:info waits ${waits.map((w) => w.toFixed(0)).join(', ')} ms`).toBeLessThan(1000);

    const t0 = performance.now();
    const cancel = await api('jobs:cancel', { id: job.id });
    expect(cancel.body).toEqual({ ok: true, value: { cancelled: true } });
    const r = await solving;
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(r.body.error?.message).toMatch(/cancelled/);
    expect(activeJobs()).toEqual([]);
    expect((await api('jobs:cancel', { id: job.id })).body).toEqual({ ok: true, value: { cancelled: false } });
  });

  it("a small solve answers in full from the worker, and the worker's errors keep their kind (invalid input with its path)", async () => {
    const small = { ...example, demand: [{ ...(example.demand as object[])[0], outputTokensPerSecond: 5000 }], constraints: {}, options: { frontierPoints: 5, timeLimitS: 5 } };
    const r = await dispatch(ctx, 'optimize:run', small);
    expect(r.ok ? r.value : r.error).toMatchObject({ status: expect.stringMatching(/optimal|feasible/), kpis: { tco: expect.any(Number) } });
    const bad = await dispatch(ctx, 'optimize:run', { ...small, candidates: { include: ['no-such-part-anywhere'] } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid-input');
      expect(bad.error.issues?.[0]?.path).toMatch(/candidates/);
    }
  });

  it('a queued job is cancelled before it starts; a cancelled import commit writes nothing, or answers that it did', async () => {
    const quoteCount = () => (ctx.db.prepare('SELECT count(*) AS n FROM quote').get() as { n: number }).n;
    const rows = [['Model', 'Vendor', 'Unit Price (USD)', 'Lead time', 'Valid until']];
    for (let i = 0; i < 4000; i++) rows.push([`H100 SXM5 80GB`, 'NVIDIA', `$${28000 + i}`, '6 weeks', '2027-12-31']);
    const input = { fileName: 'big.csv', dataBase64: csv(rows).toString('base64'), supplier: `Load ${Date.now()}` };
    const before = quoteCount();
    const committing = dispatch(ctx, 'import:commit', input);
    const job = await until('the commit job', () => activeJobs().find((j) => j.kind === 'import:commit'));
    expect(cancelJob(job.id)).toBe(true);
    const r = await committing;
    const after = quoteCount();
    if (r.ok) expect(after - before).toBe((r.value as { quotes: number }).quotes);
    else {
      expect(r.error.code).toBe('conflict');
      expect(after).toBe(before);
    }

    // more jobs than workers: the last waits in the queue and is cancelled there
    const jobs = [0, 1, 2, 3, 4].map(() => runJob('db:backup', { db: { dbPath: ctx.dbPath, now: new Date().toISOString() } }));
    const queued = activeJobs().filter((j) => j.state === 'queued');
    expect(queued.length).toBeGreaterThan(0);
    expect(cancelJob(queued.at(-1)!.id)).toBe(true);
    const settled = await Promise.allSettled(jobs);
    expect(settled.at(-1)).toMatchObject({ status: 'rejected', reason: { code: 'conflict' } });
    for (const s of settled.slice(0, -1)) expect(s.status).toBe('fulfilled');
  });
});
