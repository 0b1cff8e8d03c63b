import fs from 'node:fs';
import { openApp } from './electron/bootstrap';
import { catalogSnapshot } from './electron/db/snapshot';
import { parseOptimizeText } from './shared/optimize/schema';
import { runOptimize } from './electron/optimize/run';
import { highs, solveWith } from './electron/optimize/highs';
const ctx = openApp('/tmp/opt/probe.db');
const r = parseOptimizeText(fs.readFileSync(process.argv[2]!, 'utf8'));
if (!r.ok) throw new Error();
const h = await highs();
const base = solveWith(h);
const log: string[] = [];
const solver: typeof base = (m, o) => { const t = performance.now(); const s = base(m, o); log.push(`${m.vars.length}v ${m.rows.length}r ${s.status} ${(performance.now() - t).toFixed(0)}ms`); return s; };
for (let i = 0; i < 2; i++) {
  log.length = 0;
  const res = await runOptimize(r.value, catalogSnapshot(ctx), { today: '2026-12-01', solver });
  console.log(res.timings, log.join(' | '));
}
