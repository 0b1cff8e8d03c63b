/**
 * The analyses around an answer (binding tests, frontier points) as tasks of plain data: each is
 * one `minimise` over the run's candidates, and its result is plain data too (status, value,
 * bound, the plan and the build as a start). So a task runs the same on the calling thread or in
 * a solver worker (pool.ts), and the analyses are decided by the same searches either way: a
 * task's answer depends only on the task (HiGHS is deterministic on one thread), never on which
 * thread ran it or in which order the tasks finished.
 */
import type { CandidateSet } from '../../shared/optimize/candidates';
import type { ConstraintKey, FormulationOptions, Plan } from '../../shared/optimize/formulation';
import type { ServingSegment } from '../../shared/optimize/options';
import type { OptimizeProblem } from '../../shared/optimize/schema';
import type { MipSolver } from '../../shared/optimize/mip';
import { analysisLimits, GOALS, minimise, objectiveGoal, startOf, type Goal, type LabelledBuild, type Outcome, type SolveContext } from './solve';

/** What a worker needs to formulate the run's programs: the problem and its resolved candidates. */
export interface AnalysisContext {
  p: OptimizeProblem;
  c: CandidateSet;
  segments: ServingSegment[];
  baseline?: boolean;
}

/** One analysis solve: a goal over the program without some constraints, from a start, below a value. */
export interface AnalysisTask {
  /** The problem's own objective, the TCO, or the risk score (a ratio, with exact risk terms). */
  goal: 'objective' | 'tco' | 'risk';
  drop?: ConstraintKey[];
  riskCap?: number;
  start?: [string, number][];
  /** Linear goals: only builds below this value (a cutoff). */
  below?: number;
  /** 'find': the start may be far from the optimum, keep the solver's primal heuristics (see Limits). */
  search?: 'find';
}

export interface AnalysisResult {
  status: Outcome['status'];
  value: number | null;
  bound?: number;
  plan: Plan | null;
  /** The build as a start for related programs (integer variables by label); empty without one. */
  start: [string, number][];
  message?: string;
  /** Solver calls the task took. */
  solves: number;
}

function goalOf(ctx: AnalysisContext, task: AnalysisTask): { goal: Goal; fo: FormulationOptions } {
  const drop = new Set(task.drop ?? []);
  if (task.goal === 'risk') return { goal: GOALS.risk, fo: { drop, riskTerms: true } };
  if (task.goal === 'tco') return { goal: GOALS.tco, fo: { drop, ...(task.riskCap !== undefined && { riskCap: task.riskCap }) } };
  const { goal, fo } = objectiveGoal(ctx.p, ctx.c);
  return { goal, fo: { ...fo, drop, ...(task.riskCap !== undefined && { riskCap: task.riskCap }) } };
}

/** A solved outcome as an analysis result (the main answer is one, for the analyses' bookkeeping). */
export function resultOf(o: Outcome, solves = 0): AnalysisResult {
  return {
    status: o.status,
    value: o.value,
    ...(o.bound !== undefined && { bound: o.bound }),
    plan: o.plan,
    start: [...(startOf(o) ?? new Map<string, number>())],
    ...(o.message !== undefined && { message: o.message }),
    solves,
  };
}

/** Run one task with `solver`; `beforeSolve` is called before each solver call (progress, cancel). */
export function runAnalysisTask(ctx: AnalysisContext, task: AnalysisTask, solver: MipSolver, beforeSolve?: () => void): AnalysisResult {
  const sc: SolveContext = { p: ctx.p, c: ctx.c, segments: ctx.segments, solver, solves: 0, ...(ctx.baseline && { baseline: true }), ...(beforeSolve && { beforeSolve }) };
  const { goal, fo } = goalOf(ctx, task);
  const start: LabelledBuild | undefined = task.start ? new Map(task.start) : undefined;
  const o = minimise(sc, goal, fo, ctx.p, { ...analysisLimits(ctx.p), ...(task.search && { search: task.search }) }, start, task.below);
  return resultOf(o, sc.solves);
}

/** A submitted batch of tasks (pool.ts). */
export type BatchHandle = object;

/**
 * Runs batches of tasks: `submit` queues them (solver threads start on them at once), `wait`
 * answers their results in the batch's order, this thread working on queued tasks meanwhile.
 * Without threads every task runs in `wait`, in the order submitted (pool.ts).
 */
export interface AnalysisExecutor {
  submit(tasks: readonly AnalysisTask[]): BatchHandle;
  wait(batch: BatchHandle): Promise<AnalysisResult[]>;
}
