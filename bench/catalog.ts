/**
 * `npm run bench -- catalog`: the Catalog page with 10,000 parts and 60,000 quotes, in Chromium,
 * on the real renderer served by the loopback host over a real database (seeded through the
 * repositories in one transaction). Measured inside the page:
 *  - time to first rows: from the navigation's start to the first table row in the document,
 *    over reloads; baselines in the same run: the same page on the seed catalog (37 parts), and
 *    what the old page waited for before its first row (catalog:list, the full listing, with
 *    catalog:snapshot, fetched and parsed in the page);
 *  - frames while scrolling, by requestAnimationFrame: smooth (a steady 40 px a frame, a fast
 *    wheel) and jumps (a new random place every frame, as dragging the scroll bar), as median
 *    fps and 99th-percentile frame time; baseline: the same page at rest over as many frames
 *    (what this machine's frame clock gives with nothing to do).
 * And in Node: catalog:rows against catalog:list, handler time and JSON size (the main process
 * is blocked for the handler's time).
 * PROCURE_BENCH_PARTS / PROCURE_BENCH_QUOTES make a smaller run possible.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, SOURCE_ROOT } from '../electron/bootstrap';
import { dispatch } from '../electron/handlers';
import { startHarness, type Harness } from '../test/e2e/harness';
import { seedBigCatalog } from '../test/helpers/big-catalog';

const PARTS = Number(process.env.PROCURE_BENCH_PARTS ?? 10_000);
const QUOTES = Number(process.env.PROCURE_BENCH_QUOTES ?? 60_000);
const RELOADS = 5;
const FRAMES = 300;
const JUMPS = 120;

// Installed before each page load: the time (ms since the navigation started) the first row appears.
const FIRST_ROWS = `(() => {
  const mark = () => { window.__firstRowsAt = performance.now(); };
  const mo = new MutationObserver(() => { if (document.querySelector('.grid-row.body[data-slug]')) { mo.disconnect(); mark(); } });
  mo.observe(document, { childList: true, subtree: true });
})()`;

// Frame times (ms between requestAnimationFrame callbacks) while `step(i, el)` moves the table each frame.
const FRAMES_WHILE = (step: string, frames: number) => `(async () => {
  const el = document.querySelector('.grid-scroll');
  const step = ${step};
  const times = [];
  let last = await new Promise(requestAnimationFrame);
  for (let i = 0; i < ${frames}; i++) {
    step(i, el);
    const now = await new Promise(requestAnimationFrame);
    times.push(now - last);
    last = now;
  }
  // the rows at the final place are on screen (the scroll really rendered)
  await new Promise(requestAnimationFrame);
  const top = el.scrollTop;
  const shown = [...el.querySelectorAll('.grid-row.body')].some((r) => {
    const y = Number(/translateY\\(([\\d.]+)px\\)/.exec(r.style.transform)?.[1]);
    return y <= top + 1 && y + r.offsetHeight > top;
  });
  return { times, shown };
})()`;

const SMOOTH = `(i, el) => { el.scrollTop += 40; }`;
// a fixed pseudo-random walk, the same every run
const JUMP = `(i, el) => { const x = Math.sin((i + 1) * 12.9898) * 43758.5453; el.scrollTop = (x - Math.floor(x)) * (el.scrollHeight - el.clientHeight); }`;
const AT_REST = `() => {}`;

// What the old page awaited before its first row: the full listing and the snapshot.
const OLD_WAIT = `(async () => {
  const token = sessionStorage.getItem('procure.token') ?? '';
  const get = (c) => fetch('./api/' + c, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Procure-Token': token }, credentials: 'same-origin', body: '' }).then((r) => r.json());
  const t0 = performance.now();
  const [list, snap] = await Promise.all([get('catalog:list'), get('catalog:snapshot')]);
  return { ms: performance.now() - t0, parts: list.value.accelerators.length, quotes: snap.value.quotes.length };
})()`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

interface Frames {
  fps: number;
  p99: number;
  shown: boolean;
}

async function frames(h: Harness, step: string, n: number): Promise<Frames> {
  await h.page.evaluate(`document.querySelector('.grid-scroll').scrollTop = 0`);
  const { times, shown } = (await h.page.evaluate(FRAMES_WHILE(step, n))) as { times: number[]; shown: boolean };
  return { fps: 1000 / median(times), p99: pct(times, 99), shown };
}

async function firstRows(h: Harness): Promise<number[]> {
  await h.page.addInitScript(FIRST_ROWS);
  const out: number[] = [];
  for (let i = 0; i < RELOADS; i++) {
    await h.page.reload();
    await h.page.locator('.grid-row.body[data-slug]').first().waitFor();
    out.push((await h.page.evaluate('window.__firstRowsAt')) as number);
  }
  return out;
}

/**
 * Follows the page's catalog calls (rows, snapshot, any reload queued behind them); `settled`
 * waits until none is under way and a second and a half has passed, so the frames measure
 * scrolling alone. (Not the network going idle: the sidebar's team status polls.)
 */
function catalogCalls(h: Harness): { settled(): Promise<void>; snapshots(): number } {
  const open = new Set<unknown>();
  let snapshots = 0;
  let last = Date.now();
  const isCatalog = (r: { url(): string }) => r.url().includes('/api/catalog');
  h.page.on('request', (r) => {
    if (isCatalog(r)) {
      if (r.url().includes('/api/catalog:snapshot')) snapshots++;
      open.add(r);
      last = Date.now();
    }
  });
  const end = (r: { url(): string }) => {
    if (open.delete(r)) last = Date.now();
  };
  h.page.on('requestfinished', end);
  h.page.on('requestfailed', end);
  return {
    snapshots: () => snapshots,
    async settled() {
      while (open.size > 0 || Date.now() - last < 1500) await h.page.waitForTimeout(250);
    },
  };
}

export default async function bench(): Promise<void> {
  if (!fs.existsSync(path.join(SOURCE_ROOT, 'dist', 'renderer', 'index.html')) || !fs.existsSync('/usr/bin/chromium')) {
    console.log('skipped: needs `npm run build:renderer` and /usr/bin/chromium');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'procure-bench-catalog-'));
  const dbPath = path.join(dir, 'catalog.db');
  const seedCtx = openApp(dbPath);
  const t0 = performance.now();
  const have = seedCtx.accelerators.counts().accelerators;
  seedBigCatalog(seedCtx, { parts: Math.max(0, PARTS - have), quotes: Math.max(0, QUOTES - seedCtx.quotes.count()) });
  const seedMs = performance.now() - t0;
  const parts = seedCtx.accelerators.counts().accelerators;
  const quotes = seedCtx.quotes.count();
  console.log(`seeded ${parts.toLocaleString('en')} parts and ${quotes.toLocaleString('en')} quotes in one transaction in ${(seedMs / 1000).toFixed(1)} s`);

  // The main process's share: handler time (it blocks the host for that long) and JSON size; the
  // first call reads the database, later ones find catalog:rows kept (until the database changes).
  const handler = async (channel: 'catalog:rows' | 'catalog:list') => {
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 3; i++) {
      const s = performance.now();
      const r = await dispatch(seedCtx, channel, undefined);
      bytes = JSON.stringify(r).length;
      ms.push(performance.now() - s);
    }
    return { first: ms[0]!, again: median(ms.slice(1)), mb: bytes / 1e6 };
  };
  const lean = await handler('catalog:rows');
  const full = await handler('catalog:list');
  seedCtx.db.close();
  console.log(`catalog:list, the full listing (baseline), handler + JSON       ${full.first.toFixed(0).padStart(7)} ms  ${full.mb.toFixed(1).padStart(5)} MB`);
  console.log(
    `catalog:rows, the table's listing, handler + JSON                ${lean.first.toFixed(0).padStart(7)} ms  ${lean.mb.toFixed(1).padStart(5)} MB  (${(lean.first / full.first).toFixed(2)}× time, ${(lean.mb / full.mb).toFixed(2)}× size; asked again unchanged: ${lean.again.toFixed(0)} ms)`,
  );

  // Baseline for first rows: the seed catalog alone, in the same run.
  const small = await startHarness();
  let smallFirst: number[];
  try {
    await small.page.locator('.grid-row.body[data-slug]').first().waitFor();
    smallFirst = await firstRows(small);
  } finally {
    await small.close();
  }

  const h = await startHarness(dbPath);
  const calls = catalogCalls(h);
  try {
    await h.page.locator('.grid-row.body[data-slug]').first().waitFor();
    const count = await h.page.getByText(/of [\d,]+ accelerators/).textContent();
    const first = await firstRows(h);
    await calls.settled();
    // the Catalog page reads the lean rows only; the snapshot (every quote) is for pages that evaluate
    const snapshotsAtStart = calls.snapshots();
    const rest = await frames(h, AT_REST, FRAMES);
    const smooth = await frames(h, SMOOTH, FRAMES);
    const jumps = await frames(h, JUMP, JUMPS);
    // last: it leaves some 80 MB of parsed JSON in the page
    const old = (await h.page.evaluate(OLD_WAIT)) as { ms: number; parts: number; quotes: number };
    if (!smooth.shown || !jumps.shown) throw new Error('the rows at the scrolled-to place were not on screen');
    if (h.errors.length) throw new Error(`page errors: ${h.errors.join('; ')}`);

    const line = (name: string, f: Frames) =>
      `${name.padEnd(62)} ${f.fps.toFixed(1).padStart(5)} fps median  p99 ${f.p99.toFixed(1).padStart(6)} ms`;
    console.log(`table: ${count}`);
    const firstMs = median(first);
    console.log(`first rows on screen, seed catalog (baseline), median of ${RELOADS}     ${median(smallFirst).toFixed(0).padStart(7)} ms`);
    console.log(`old page's wait for its first row: catalog:list + snapshot  ${old.ms.toFixed(0).padStart(7)} ms  (${old.parts.toLocaleString('en')} parts, ${old.quotes.toLocaleString('en')} quotes)`);
    console.log(
      `first rows on screen, ${parts.toLocaleString('en')} parts, median of ${RELOADS} (first ${first[0]!.toFixed(0)} ms) ${firstMs.toFixed(0).padStart(7)} ms  (${(firstMs / median(smallFirst)).toFixed(2)}× seed catalog, ${(firstMs / old.ms).toFixed(2)}× old wait; target < 500 ms: ${firstMs < 500 ? 'met' : 'NOT met'})`,
    );
    console.log(`catalog:snapshot fetched by the Catalog page over ${RELOADS + 1} loads: ${snapshotsAtStart} time(s) (the old page: every load)`);
    console.log(line('frames at rest (baseline)', rest));
    const verdict = (f: Frames) => (f.fps >= 59 && f.p99 < 33 ? 'met' : 'NOT met');
    console.log(`${line('smooth scrolling, 40 px a frame', smooth)}  (target 60 fps, p99 < 33 ms: ${verdict(smooth)})`);
    console.log(`${line('jumps, a new place every frame', jumps)}  (target 60 fps, p99 < 33 ms: ${verdict(jumps)})`);
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
