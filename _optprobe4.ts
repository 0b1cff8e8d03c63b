import fs from 'node:fs';
import { highs } from './electron/optimize/highs';
const text = fs.readFileSync('/tmp/opt/model.lp', 'utf8');
const h = await highs();
for (const o of [{}, { mip_heuristic_effort: 0.01 }, { presolve: 'off' }, {mip_detect_symmetry: false}]) {
  for (const gap of [1e-7, 1e-4]) {
    const ts: number[] = [];
    let st = '';
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const s = h.solve(text, { output_flag: false, mip_rel_gap: gap, ...o } as any);
      ts.push(performance.now() - t); st = s.Status + ' ' + s.ObjectiveValue.toFixed(0);
    }
    console.log(JSON.stringify(o), gap, st, ts.map((x) => x.toFixed(0)).join(' '));
  }
}
