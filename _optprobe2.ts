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
const segs = allSegments(p, c);
console.log('parts', c.parts.length, 'segments', segs.length);
const h = await highs();
for (const [label, drop] of [['all', []], ['no risk', ['risk']], ['no dom', ['domestic']], ['no risk/dom/vendor', ['risk','domestic','vendorShare']], ['none', ['risk','domestic','vendorShare','budget','power']]] as const) {
  const f = formulate(p, c, { drop: new Set(drop as any) }, segs);
  const m = f.builder.build(f.e.tco);
  const text = toLpText(m);
  for (const gap of [1e-7, 1e-4]) {
    const t = performance.now();
    const s = h.solve(text, { output_flag: false, mip_rel_gap: gap, presolve: 'on' } as any);
    console.log(label, 'vars', m.vars.length, 'rows', m.rows.length, 'ints', m.vars.filter(v=>v.type!=='continuous').length, 'gap', gap, s.Status, s.ObjectiveValue.toFixed(0), (performance.now() - t).toFixed(0), 'ms');
  }
}
