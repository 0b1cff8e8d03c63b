import fs from 'node:fs';
import { openApp } from './electron/bootstrap';
import { catalogSnapshot } from './electron/db/snapshot';
import { parseOptimizeText } from './shared/optimize/schema';
import { resolveCandidates } from './shared/optimize/candidates';
import { allSegments } from './shared/optimize/options';
import { formulate } from './shared/optimize/formulation';
import { createCatalogLookup } from './shared/scenario/catalog-lookup';
import { highs } from './electron/optimize/highs';
import { toLpText } from './electron/optimize/lp-text';
const ctx = openApp('/tmp/opt/probe.db');
const snap = catalogSnapshot(ctx);
const r = parseOptimizeText(fs.readFileSync(process.argv[2]!, 'utf8'));
if (!r.ok) throw new Error();
const p = r.value;
const c = resolveCandidates(p, createCatalogLookup(snap), snap.accelerators, '2026-12-01');
let segs = allSegments(p, c);
const lastOnly = segs.filter((s) => !Number.isFinite(s.maxCards));
const h = await highs();
for (const [label, ss] of [['all segs', segs], ['last only', lastOnly]] as const) {
  for (const ws of [true, false]) {
  const pp = { ...p, constraints: { ...p.constraints, wholeServers: ws } };
  const f = formulate(pp, c, {}, ss);
  const m = f.builder.build(f.e.tco);
  const text = toLpText(m);
  for (const gap of [1e-7, 1e-4]) {
    const t = performance.now();
    const s = h.solve(text, { output_flag: false, mip_rel_gap: gap, presolve: 'on' } as any);
    console.log(label, 'ws', ws, 'vars', m.vars.length, 'rows', m.rows.length, 'gap', gap, s.Status, s.ObjectiveValue.toFixed(0), (performance.now() - t).toFixed(0), 'ms');
  }}
}
{
  const f = formulate(p, c, {}, segs);
  const m = f.builder.build(f.e.tco);
  fs.writeFileSync('/tmp/opt/model.lp', toLpText(m));
  const h2 = await (await import('highs')).default({ print: (s: string) => process.stdout.write(s + '\n') } as any);
  const t = performance.now();
  h2.solve(toLpText(m), { output_flag: true, mip_rel_gap: 1e-4 } as any);
  console.log((performance.now() - t).toFixed(0));
}
