/**
 * The HiGHS solver (WebAssembly, the `highs` package): loaded once per process, then each
 * solve is synchronous. The model goes in as sparse rows (no LP text to write and parse), a
 * start build seeds the branch and bound, and the answer comes back with its proven bound.
 */
import loadHighs from 'highs';
import type { MipModel, MipSolution, MipSolver } from '../../shared/optimize/mip';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let loading: Promise<Highs> | undefined;

/**
 * The solver, loaded once. A tiny MIP is solved at once: V8 compiles WebAssembly functions
 * lazily, and without this the user's first solve pays for compiling the branch-and-bound code.
 */
export function highs(): Promise<Highs> {
  loading ??= loadHighs().then((h) => {
    h.solve(WARM_UP, { output_flag: false });
    return h;
  });
  return loading;
}

const WARM_UP = `Minimize
 obj: 3 x + 2 y + 4 z
Subject To
 c1: 2 x + 3 y + 5 z >= 17.5
 c2: x - y + z <= 4
 c3: x + y + z <= 9
Bounds
 0 <= x <= 10
 0 <= y <= 10
Generals
 x y
Binaries
 z
End`;

/** The model as HiGHS's structured input: rows in compressed sparse row form. */
function modelData(h: Highs, m: MipModel) {
  const inf = (v: number) => (v === Infinity ? h.infinity : v === -Infinity ? -h.infinity : v);
  const starts = new Int32Array(m.rows.length + 1);
  let nz = 0;
  for (const r of m.rows) nz += r.expr.size;
  const indices = new Int32Array(nz);
  const values = new Float64Array(nz);
  let k = 0;
  m.rows.forEach((r, i) => {
    for (const [v, c] of r.expr) {
      indices[k] = v;
      values[k++] = c;
    }
    starts[i + 1] = k;
  });
  const colCost = new Float64Array(m.vars.length);
  for (const [v, c] of m.objective) colCost[v] = c;
  return {
    numCols: m.vars.length,
    numRows: m.rows.length,
    colCost,
    colLower: Float64Array.from(m.vars, (v) => inf(v.lb)),
    colUpper: Float64Array.from(m.vars, (v) => inf(v.ub)),
    rowLower: Float64Array.from(m.rows, (r) => inf(r.lo)),
    rowUpper: Float64Array.from(m.rows, (r) => inf(r.hi)),
    matrix: { format: 'csr' as const, numRows: m.rows.length, numCols: m.vars.length, starts, indices, values },
    integrality: Int32Array.from(m.vars, (v) => (v.type === 'continuous' ? 0 : 1)),
  };
}

/** Programs with more columns than this are presolved (see solveWith). */
const PRESOLVE_FROM_COLUMNS = 600;

export function solveWith(h: Highs): MipSolver {
  const S = h.constants.modelStatus;
  return (m: MipModel, opts = {}): MipSolution => {
    const limit = opts.timeLimitS ?? 20;
    const model = h.createModel(modelData(h, m));
    try {
      // Presolve only on larger programs: on the shipped example (164 columns) HiGHS spent more in
      // presolve and the restarts it triggers than in the search (CPU 2.0–2.6 s against 1.1 s),
      // while on the 30-part bench instance (1,284 columns) a 2 s solve ended at ¥69.5M with it
      // and ¥122.6M without (proven optimum ¥44.7M), and a 5 s solve 0.6 % against 2.0 % above.
      const presolve = m.vars.length > PRESOLVE_FROM_COLUMNS ? 'on' : 'off';
      model.options.set({ output_flag: false, mip_rel_gap: opts.mipGap ?? 1e-4, time_limit: limit, presolve });
      // Proving a bound from a known build, or any search of a small program: the primal
      // heuristics (sub-MIPs above all) cost more than they find. Example binding tests: 0.4–0.7 s
      // CPU against 1.5–2.7 s; main solves of 20 variants of the shipped example (risk caps,
      // domestic shares, demands, objectives): 11.7 s CPU against 17.0 s in all, the same optima.
      // The large programs keep them: there they find the incumbents the branching does not.
      if (opts.search === 'prove' || presolve === 'off') model.options.set({ mip_heuristic_effort: 0.02, mip_heuristic_run_rins: false, mip_heuristic_run_rens: false });
      if (opts.cutoff !== undefined) model.options.set({ objective_bound: opts.cutoff });
      if (opts.nodeLimit !== undefined) model.options.set({ mip_max_nodes: opts.nodeLimit });
      if (opts.start) {
        // Integer columns only: HiGHS fixes them and solves the LP for the rest, so a build from
        // a related program (other caps, a dropped constraint) is a valid start when it fits.
        const indices: number[] = [];
        const values: number[] = [];
        m.vars.forEach((v, i) => {
          if (v.type === 'continuous') return;
          indices.push(i);
          values.push(Math.min(v.ub, Math.max(v.lb, Math.round(opts.start!.get(v.label) ?? 0))));
        });
        model.setSolution({ indices, values });
      }
      try {
        model.run();
      } catch (e) {
        return { status: 'error', values: [], objective: NaN, message: (e as Error).message };
      }
      const status = model.getModelStatus();
      if (status === S.infeasible || status === S.unboundedOrInfeasible) return { status: 'infeasible', values: [], objective: NaN };
      const stopped = status === S.timeLimit || status === S.iterationLimit || status === S.objectiveTarget || status === S.solutionLimit || status === S.interrupted;
      if (status !== S.optimal && !stopped) return { status: 'error', values: [], objective: NaN, message: `solver status: ${status}` };
      const objective = model.getObjectiveValue();
      // A finished search under a cutoff that kept nothing below it has proved there is nothing
      // below it (the build it reports is one found before the cutoff pruned the rest).
      if (status === S.optimal && opts.cutoff !== undefined && !(objective < opts.cutoff)) {
        return { status: 'infeasible', values: [], objective: NaN, message: 'no build below the cutoff' };
      }
      // A time-limited run may end without any solution. That is not infeasibility: saying
      // "infeasible" would send the user chasing constraints that are fine.
      if (status !== S.optimal && !(Number.isFinite(objective) && Math.abs(objective) < 1e30)) {
        // the bound still counts: under a cutoff, a bound at or above it proves there is nothing below it
        const bound = Number(model.info.get('mip_dual_bound'));
        const why = status === S.timeLimit ? `the solver's time limit (${limit} s)` : `the search's node limit (${opts.nodeLimit ?? '—'})`;
        return { status: 'error', values: [], objective: NaN, ...(Number.isFinite(bound) && Math.abs(bound) < 1e30 && { bound }), message: `${why} ran out before it found any build; raise the time limit` };
      }
      const x = model.getSolution().colValue;
      // `+ 0`: a rounded −1e-17 is −0, which is no count of anything
      const values = m.vars.map((v, i) => (v.type === 'continuous' ? x[i]! : Math.round(x[i]!)) + 0);
      const bound = Number(model.info.get('mip_dual_bound'));
      const nodes = Number(model.info.get('mip_node_count'));
      return { status: status === S.optimal ? 'optimal' : 'feasible', values, objective, ...(Number.isFinite(bound) && { bound }), ...(Number.isFinite(nodes) && { nodes }) };
    } finally {
      model.dispose();
    }
  };
}
