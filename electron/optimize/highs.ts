/**
 * The HiGHS solver (WebAssembly, the `highs` package): loaded once per process, then each
 * solve is synchronous. Turns a MipModel into LP text, solves it and reads the values back.
 */
import loadHighs from 'highs';
import type { MipModel, MipSolution, MipSolver } from '../../shared/optimize/mip';
import { toLpText } from './lp-text';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let loading: Promise<Highs> | undefined;

export function highs(): Promise<Highs> {
  loading ??= loadHighs();
  return loading;
}

/** Relative MIP gap: tight enough that the tests' brute force and the solver agree to the yuan. */
const MIP_REL_GAP = 1e-7;

export function solveWith(h: Highs): MipSolver {
  return (m: MipModel, opts = {}): MipSolution => {
    const text = toLpText(m);
    let r;
    try {
      r = h.solve(text, { output_flag: false, mip_rel_gap: MIP_REL_GAP, time_limit: opts.timeLimitS ?? 20, presolve: 'on' });
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
    // a time-limited run may end without any solution: its values are meaningless
    if (status !== 'Optimal' && !Number.isFinite(r.ObjectiveValue)) return { status: 'infeasible', values: [], objective: NaN };
    return { status: status === 'Optimal' ? 'optimal' : 'feasible', values, objective: r.ObjectiveValue };
  };
}
