/**
 * A mixed-integer linear program as plain data: variables with bounds and types, rows
 * lo ≤ Σ aⱼxⱼ ≤ hi, and a linear objective to minimise. The formulation builds it; the main
 * process hands it to the solver (HiGHS). Kept solver-neutral so that it can be tested and
 * printed without loading the solver.
 */

export type VarType = 'continuous' | 'integer' | 'binary';

export interface MipVar {
  /** Human-readable name (for debugging and the LP file's comments); the solver gets x<index>. */
  label: string;
  type: VarType;
  lb: number;
  ub: number;
}

/** Sparse linear expression: variable index → coefficient. */
export type LinExpr = Map<number, number>;

export interface MipRow {
  label: string;
  expr: LinExpr;
  lo: number;
  hi: number;
}

export interface MipModel {
  vars: MipVar[];
  rows: MipRow[];
  objective: LinExpr;
}

export interface MipSolution {
  status: 'optimal' | 'feasible' | 'infeasible' | 'error';
  /** Value per variable index (integers rounded); empty unless a solution exists. */
  values: number[];
  objective: number;
  /** The solver's proven lower bound on the objective (a time-limited answer is within it). */
  bound?: number;
  /** Branch-and-bound nodes the search took. */
  nodes?: number;
  message?: string;
}

export interface SolveOptions {
  timeLimitS?: number;
  mipGap?: number;
  /** A build to start from: integer variables by label (others are 0); ignored when infeasible. */
  start?: ReadonlyMap<string, number>;
  /**
   * Only builds with an objective below this are wanted: the search prunes everything else, and
   * "infeasible" then means "none below the cutoff" (which is how a binding test proves a no).
   */
  cutoff?: number;
  /**
   * Stop after this many branch-and-bound nodes. Unlike a time limit it is deterministic: the
   * same program stops at the same point however loaded the machine is, so an analysis decided
   * by it (a binding verdict, a frontier point) is the same on every run.
   */
  nodeLimit?: number;
  /**
   * 'prove': the search starts from a known build and only has to prove or refute a bound (the
   * analyses), so the solver's primal heuristics are turned down. 'find' (default): all of them
   * (the HiGHS solver turns them down on small programs either way: electron/optimize/highs.ts).
   */
  search?: 'find' | 'prove';
}

/** Synchronous solver; the main process provides one backed by HiGHS. */
export type MipSolver = (m: MipModel, opts?: SolveOptions) => MipSolution;

export class ModelBuilder {
  readonly vars: MipVar[] = [];
  readonly rows: MipRow[] = [];

  addVar(label: string, type: VarType, lb = 0, ub = Infinity): number {
    this.vars.push({ label, type, lb, ub: type === 'binary' ? Math.min(1, ub) : ub });
    return this.vars.length - 1;
  }

  addRow(label: string, expr: LinExpr, lo: number, hi: number): void {
    this.rows.push({ label, expr: clean(expr), lo, hi });
  }
  le(label: string, expr: LinExpr, hi: number): void {
    this.addRow(label, expr, -Infinity, hi);
  }
  ge(label: string, expr: LinExpr, lo: number): void {
    this.addRow(label, expr, lo, Infinity);
  }
  eq(label: string, expr: LinExpr, v: number): void {
    this.addRow(label, expr, v, v);
  }

  build(objective: LinExpr): MipModel {
    return { vars: this.vars, rows: this.rows, objective: clean(objective) };
  }
}

// ---------------------------------------------------------------- expression helpers

export function expr(...terms: [number, number][]): LinExpr {
  const e: LinExpr = new Map();
  for (const [v, c] of terms) addTerm(e, v, c);
  return e;
}

export function addTerm(e: LinExpr, v: number, c: number): LinExpr {
  if (c !== 0) e.set(v, (e.get(v) ?? 0) + c);
  return e;
}

/** a + k·b, as a new expression. */
export function plus(a: LinExpr, b: LinExpr, k = 1): LinExpr {
  const e = new Map(a);
  for (const [v, c] of b) addTerm(e, v, k * c);
  return e;
}

export function scale(a: LinExpr, k: number): LinExpr {
  const e: LinExpr = new Map();
  for (const [v, c] of a) addTerm(e, v, k * c);
  return e;
}

export function sum(list: readonly LinExpr[]): LinExpr {
  return list.reduce<LinExpr>((acc, x) => plus(acc, x), new Map());
}

export function valueOf(e: LinExpr, values: readonly number[]): number {
  let s = 0;
  for (const [v, c] of e) s += c * (values[v] ?? 0);
  return s;
}

function clean(e: LinExpr): LinExpr {
  const out: LinExpr = new Map();
  for (const [v, c] of e) if (c !== 0 && Number.isFinite(c)) out.set(v, c);
  return out;
}
