/**
 * The HiGHS solver (WebAssembly, the `highs` package): loaded once per process, then each
 * solve is synchronous. Turns a MipModel into LP text, solves it and reads the values back.
 */
import loadHighs from 'highs';
import type { MipModel, MipSolution, MipSolver } from '../../shared/optimize/mip';
import { toLpText } from './lp-text';

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

export function solveWith(h: Highs): MipSolver {
  return (m: MipModel, opts = {}): MipSolution => {
    const text = toLpText(m);
    let r;
    try {
      r = h.solve(text, { output_flag: false, mip_rel_gap: opts.mipGap ?? 1e-4, time_limit: opts.timeLimitS ?? 20, presolve: 'on' });
    } catch (e) {
      return { status: 'error', values: [], objective: NaN, message: (e as Error).message };
    }
    const status = r.Status;
    if (status === 'Infeasible' || status === 'Primal infeasible or unbounded') return { status: 'infeasible', values: [], objective: NaN };
    const hasSolution = status === 'Optimal' || status === 'Time limit reached' || status === 'Iteration limit reached' || status === 'Target for objective reached';
    if (!hasSolution) return { status: 'error', values: [], objective: NaN, message: `solver status: ${status}` };
    const values = m.vars.map((v, i) => {
      const col = r.Columns[`x${i}`] as { Primal?: number } | undefined;
      const x = col?.Primal ?? 0;
      return v.type === 'continuous' ? x : Math.round(x);
    });
    // A time-limited run may end without any solution. That is not infeasibility: saying
    // "infeasible" would send the user chasing constraints that are fine.
    if (status !== 'Optimal' && !Number.isFinite(r.ObjectiveValue)) {
      return { status: 'error', values: [], objective: NaN, message: `the solver's time limit (${opts.timeLimitS ?? 20} s) ran out before it found any build; raise the time limit` };
    }
    return { status: status === 'Optimal' ? 'optimal' : 'feasible', values, objective: r.ObjectiveValue };
  };
}
