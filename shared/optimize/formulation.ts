/**
 * The optimizer's mixed-integer program (docs/model.md, "Optimizer"):
 *
 *   nⱼ   integer  groups of serving segment j (part × workload × role × group size)
 *   zⱼ   binary   segment j is the one a part × workload × role line uses (only when it has several)
 *   iₖ   integer  idle cards that round a line up to whole servers
 *   sₗ   integer  host servers of line l = part × role;  R integer racks
 *   y_w  ≥ 0      request rate of workload w served by prefill/decode pools
 *   T_v  ≥ 0      vendor v's Herfindahl term, homogenised (see `riskRows`)
 *
 * Every cost is a coefficient read off the TCO model (costs.ts), every rate one the
 * evaluation would report for the same line (options.ts), so the program's numbers are the
 * evaluation's numbers. Constraints can be left out one by one (`drop`) for the relaxations
 * that explain an infeasible problem and for the cost–risk frontier.
 */
import type { ServingRole } from '../model/serving';
import { capitalRecoveryFactor } from '../model/tco';
import type { CandidateSet } from './candidates';
import { rackTco } from './costs';
import { addTerm, expr, ModelBuilder, plus, scale, sum, valueOf, type LinExpr } from './mip';
import { allSegments, kvRequestsPerCard, workloadNeeds, type ServingSegment, type WorkloadNeed } from './options';
import type { OptimizeProblem } from './schema';

export const CONSTRAINT_KEYS = ['budget', 'power', 'risk', 'domestic', 'vendorShare', 'supply'] as const;
export type ConstraintKey = (typeof CONSTRAINT_KEYS)[number];

/** Shares at which s² is first under-estimated by its tangents (HHI terms): s = 0, 1/K, …, 1. */
export const HHI_TANGENTS = 10;

/**
 * Money enters the program in millions: coefficients of ¥10⁵–10⁶ per card next to rates of
 * 0.1–100 requests/s make HiGHS warn about badly scaled costs and slow it down. Every money
 * expression below (tco, capex, annual, hardware, shares by capex) is in units of 1/MONEY.
 */
export const MONEY = 1e-6;

export interface FormulationOptions {
  drop?: ReadonlySet<ConstraintKey>;
  /** Overrides constraints.maxRiskScore (the frontier). */
  riskCap?: number;
  /** Build the risk terms even without a cap (to minimise the risk score). */
  riskTerms?: boolean;
  /** A variable t ≥ every vendor's share numerator (to minimise the largest share). */
  vendorMax?: boolean;
  /** Capacity ≤ (1 + headroom) · demand: the cost-per-token objective needs a ceiling. */
  capacityCap?: boolean;
  /** Extra tangent points per vendor for the HHI terms (the cut loop adds them). */
  hhiCuts?: ReadonlyMap<string, readonly number[]>;
  /**
   * Idle cards as continuous variables: with whole servers a line's idle cards add up to an
   * integer anyway, and the program solves several times faster. Each workload's share of them
   * can then come out fractional; the caller checks (`Formulation.idle`) and solves again.
   */
  idleContinuous?: boolean;
  /**
   * The group-count bounds before issue 15 (3·⌈1.5·demand/rate⌉ + 2, lines up to that many
   * groups): kept only so that `npm run bench -- optimize` can measure against them.
   */
  looseBounds?: boolean;
}

/** The variables of one vendor's HHI term: T_v, its hardware capex C_v and the total C. */
export interface HhiTerm {
  vendor: string;
  t: number;
  cv: number;
  total: number;
}

/** Money expressions are in units of 1/MONEY (millions). */
export interface Expressions {
  tco: LinExpr;
  capex: LinExpr;
  annual: LinExpr;
  facilityKW: LinExpr;
  /** Hardware capex (the weights of the risk score and the capex shares). */
  hardware: LinExpr;
  cards: LinExpr;
  /** (risk score) × hardware: Σ (1 − c)·riskᵢ·capexᵢ + c·100·Σ T_v. Present with a cap or riskTerms. */
  riskTimesCapex?: LinExpr;
  domestic: LinExpr;
  /** Share basis total (hardware capex or cards) and each vendor's part of it. */
  shareTotal: LinExpr;
  vendor: Map<string, LinExpr>;
  vendorMax?: LinExpr;
  /** Output tokens per second the build serves, all workloads. */
  servedTokens: LinExpr;
}

export interface PlanLine {
  part: number;
  role: ServingRole;
  cards: number;
  servers: number;
}
export interface PlanUse {
  part: number;
  workload: number;
  role: ServingRole;
  groupSize: number;
  groups: number;
  /** Cards of this part × workload × role, idle ones included. */
  cards: number;
  /** The segment in use; undefined for a line of idle cards only. */
  segment?: ServingSegment;
}
export interface Plan {
  lines: PlanLine[];
  uses: PlanUse[];
  /** Lines whose cards reached the search bound (the bound may have cut the optimum). */
  atBound: number;
}

export interface Formulation {
  builder: ModelBuilder;
  hhi: HhiTerm[];
  concentrationWeight: number;
  e: Expressions;
  segments: ServingSegment[];
  needs: WorkloadNeed[];
  /** The idle-card variables. */
  idle: number[];
  /** The risk cap the program's risk row holds (undefined when it has none). */
  riskCap?: number;
  decode(values: readonly number[]): Plan;
  /**
   * A start build from a relaxation's values (integers by label): each line serves with the
   * segment its relaxation used most, as many whole groups as that relaxation's rate needs,
   * whole servers and racks around them. The solver checks it (an unfit one is ignored); it
   * gives the search an incumbent near the LP bound before its own heuristics find one.
   */
  roundUp(values: readonly number[]): Map<string, number>;
}

interface Triple {
  part: number;
  workload: number;
  role: ServingRole;
  segs: { seg: ServingSegment; n: number; cap: number; z?: number }[];
  idle?: number;
  cards: LinExpr;
}

export function formulate(p: OptimizeProblem, c: CandidateSet, opts: FormulationOptions = {}, segments = allSegments(p, c)): Formulation {
  const on = (k: ConstraintKey) => !opts.drop?.has(k);
  const b = new ModelBuilder();
  const needs = workloadNeeds(p, c);
  const k = p.constraints;
  const head = 1 + p.options.maxHeadroom;
  // Sums used by many rows (totals, vendor totals) get a variable of their own: the HHI pieces
  // and share rows then have three non-zeros instead of one per card and server column, which
  // keeps the solver's rows sparse (it solves several times faster).
  const auxCache = new Map<string, LinExpr>();
  const aux = (label: string, x: LinExpr): LinExpr => {
    let v = auxCache.get(label);
    if (!v) {
      const i = b.addVar(label, 'continuous', 0);
      b.eq(`def-${label}`, plus(expr([i, 1]), x, -1), 0);
      auxCache.set(label, (v = expr([i, 1])));
    }
    return v;
  };

  // ---- groups per segment, grouped into part × workload × role triples
  const triples = new Map<string, Triple>();
  for (const seg of segments) {
    const key = `${seg.part}|${seg.workload}|${seg.role}`;
    let t = triples.get(key);
    if (!t) triples.set(key, (t = { part: seg.part, workload: seg.workload, role: seg.role, segs: [], cards: new Map() }));
    const part = c.parts[seg.part]!;
    const need = needs[seg.workload]!;
    // Groups: no more than serve the workload alone. Loses nothing: in a build with more, the
    // surplus groups' cards can count as idle cards of the same line instead (same cards, same
    // costs and shares, demand still met; under the cost-per-token ceiling more could not fit).
    // These are the big-Ms of the segment binaries, so tight ones tighten the LP bound.
    const alone = Math.max(1, Math.ceil((need.requestsPerSecond * (opts.capacityCap ? head : 1)) / seg.rate - 1e-9));
    const loose = 3 * Math.ceil((need.requestsPerSecond * head) / seg.rate) + 2;
    let ub = Number.isFinite(seg.maxCards) ? Math.floor(seg.maxCards / seg.groupSize) : opts.looseBounds ? loose : alone;
    if (!opts.looseBounds) ub = Math.min(ub, alone);
    if (part.available !== undefined && on('supply')) ub = Math.min(ub, Math.floor(part.available / seg.groupSize));
    if (ub < 1) continue;
    const last = !Number.isFinite(seg.maxCards);
    // A line's cards (groups and idle ones): up to a server beyond what serves the workload
    // alone — more would be idle cards bought only to dilute a share (reported when reached).
    const lineCap = seg.groupSize * (opts.looseBounds ? loose : ub) + part.cardsPerServer;
    // a one-group segment is its own yes/no choice; larger ones need a separate binary
    const n = b.addVar(`n[${part.key},w${seg.workload},${seg.role},g${seg.groupSize}]`, !last && ub === 1 ? 'binary' : 'integer', 0, ub);
    t.segs.push({ seg, n, cap: last ? lineCap : seg.maxCards });
  }
  for (const t of triples.values()) {
    const part = c.parts[t.part]!;
    for (const s of t.segs) addTerm(t.cards, s.n, s.seg.groupSize);
    // Idle cards: to round a line up to whole servers, or bought only to meet a share
    // constraint (a cheap vendor's cards can dilute another vendor's share). Any count of cards
    // is thus a possible line, as in a brute-force search over card counts.
    const idleCap = Math.max(part.cardsPerServer, ...t.segs.map((x) => x.cap));
    t.idle = b.addVar(`idle[${part.key},w${t.workload},${t.role}]`, opts.idleContinuous ? 'continuous' : 'integer', 0, idleCap);
    addTerm(t.cards, t.idle, 1);
    if (t.segs.length < 2) continue;
    // One segment per line, as the evaluation gives a line one group size. The small segments
    // choose by a binary each; the unbounded last one is allowed only when none is chosen.
    const label = `${part.key},w${t.workload},${t.role}`;
    const lastSeg = t.segs.find((x) => !Number.isFinite(x.seg.maxCards));
    const pick: LinExpr = new Map();
    for (const x of t.segs) {
      if (x === lastSeg) continue;
      if (b.vars[x.n]!.type === 'binary') x.z = x.n;
      else {
        x.z = b.addVar(`z[${label},g${x.seg.groupSize}]`, 'binary');
        b.le(`segment-groups[${label},g${x.seg.groupSize}]`, expr([x.n, 1], [x.z, -b.vars[x.n]!.ub]), 0);
      }
      addTerm(pick, x.z, 1);
    }
    b.le(`one-segment[${label}]`, pick, 1);
    if (lastSeg) {
      const u = b.vars[lastSeg.n]!.ub;
      b.le(`last-segment[${label}]`, plus(expr([lastSeg.n, 1]), pick, u), u);
    }
    // idle cards must not push the line into a larger group size than its segment's
    const rhs = lastSeg?.cap ?? 0;
    const capE: LinExpr = new Map();
    for (const x of t.segs) if (x !== lastSeg) addTerm(capE, x.z!, rhs - x.cap);
    b.le(`segment-cards[${label}]`, plus(t.cards, capE), rhs);
  }

  // ---- lines (part × role): servers, costs
  const lineCards = new Map<string, LinExpr>();
  for (const t of triples.values()) {
    const key = `${t.part}|${t.role}`;
    lineCards.set(key, plus(lineCards.get(key) ?? new Map(), t.cards));
  }
  const servers = new Map<string, number>();
  let racksVar: number | undefined;
  const ordered = new Map<number, number>();
  const e: Expressions = {
    tco: new Map(), capex: new Map(), annual: new Map(), facilityKW: new Map(), hardware: new Map(), cards: new Map(),
    domestic: new Map(), shareTotal: new Map(), vendor: new Map(), servedTokens: new Map(),
  };
  const partHw = new Map<number, LinExpr>();
  const partCards = new Map<number, LinExpr>();
  const allServers: LinExpr = new Map();
  for (const [key, cards] of lineCards) {
    const pi = Number(key.split('|')[0]);
    const part = c.parts[pi]!;
    const cps = part.cardsPerServer;
    const s = b.addVar(`servers[${part.key},${key.split('|')[1]}]`, 'integer', 0);
    servers.set(key, s);
    const sE = expr([s, cps]);
    if (k.wholeServers) b.eq(`whole-servers[${key}]`, plus(sE, cards, -1), 0);
    else {
      // s = ⌈cards / cps⌉, as the evaluation counts hosts
      b.ge(`servers-cover[${key}]`, plus(sE, cards, -1), 0);
      b.le(`servers-ceil[${key}]`, plus(sE, cards, -1), cps - 1);
    }
    addTerm(allServers, s, 1);
    const { perCard: pc, perServer: ps } = part.costs;
    const line = (f: (u: typeof pc) => number) => plus(scale(cards, f(pc)), expr([s, f(ps)]));
    e.tco = plus(e.tco, line((u) => u.tco * MONEY));
    e.capex = plus(e.capex, line((u) => u.capex * MONEY));
    e.facilityKW = plus(e.facilityKW, line((u) => u.facilityKW));
    const hw = line((u) => u.hardware * MONEY);
    e.hardware = plus(e.hardware, hw);
    e.cards = plus(e.cards, cards);
    partHw.set(pi, plus(partHw.get(pi) ?? new Map(), hw));
    partCards.set(pi, plus(partCards.get(pi) ?? new Map(), cards));
  }
  const site = c.contexts[0]!.site;
  const finance = c.contexts[0]!.finance;
  const rack = rackTco(site, finance);
  if (rack > 0 && allServers.size > 0) {
    const r = b.addVar('racks', 'integer', 0);
    racksVar = r;
    b.ge('racks-cover', plus(expr([r, site.serversPerRack]), allServers, -1), 0);
    addTerm(e.tco, r, rack * MONEY);
  }
  // annualised cost = TCO × capital recovery factor (computeTco's definition)
  e.annual = scale(e.tco, capitalRecoveryFactor(finance.discountRate, finance.years));

  // ---- shares
  const byCapex = k.shareBasis === 'capex';
  e.shareTotal = byCapex ? e.hardware : e.cards;
  for (const [pi, hw] of partHw) {
    const part = c.parts[pi]!;
    const x = byCapex ? hw : partCards.get(pi)!;
    if (part.domestic) e.domestic = plus(e.domestic, x);
    e.vendor.set(part.vendor, plus(e.vendor.get(part.vendor) ?? new Map(), x));
  }

  // ---- demand
  needs.forEach((need, w) => {
    const ts = [...triples.values()].filter((t) => t.workload === w);
    // The rate a segment's groups count toward the demand row (and the pools' rows, which only
    // need to reach it): a group serving more than the whole workload counts as the workload.
    // Exact for whole groups (one such group meets the demand either way), and the LP relaxation
    // then pays for a whole large group instead of a sliver of it: without this the relaxation
    // buys 0.3 of a 1,024-card decode group and its bound falls far below any real build. Not
    // under the cost-per-token ceiling, whose rows and served tokens need the true rate.
    const R = need.requestsPerSecond;
    const tight = !opts.capacityCap && !opts.looseBounds;
    const term = (s: Triple['segs'][number]): LinExpr => expr([s.n, tight ? Math.min(s.seg.rate, R) : s.seg.rate]);
    const rate = (role: ServingRole) => sum(ts.filter((t) => t.role === role).map((t) => sum(t.segs.map(term))));
    let served = rate('both');
    const pre = rate('prefill');
    const dec = rate('decode');
    if (pre.size > 0 && dec.size > 0) {
      // pools serve min(prefill, decode, KV network) — a minimum we only need to bound from above
      const y = b.addVar(`pool-rate[w${w}]`, 'continuous', 0);
      b.le(`pool-prefill[w${w}]`, plus(expr([y, 1]), pre, -1), 0);
      b.le(`pool-decode[w${w}]`, plus(expr([y, 1]), dec, -1), 0);
      const net: LinExpr = new Map();
      let finite = true;
      for (const t of ts.filter((x) => x.role === 'decode')) {
        const perCard = kvRequestsPerCard(c.parts[t.part]!, need.kvBytesPerRequest);
        if (!Number.isFinite(perCard)) finite = false;
        // A group or card carries at most the whole workload (the pools need no more than
        // R·(1 + headroom)): a larger coefficient (fast links carry 10⁵ requests/s per group)
        // changes no build but spoils the row's scaling, which slowed HiGHS down.
        else for (const [v, coef] of t.cards) addTerm(net, v, opts.looseBounds ? coef * perCard : Math.min(coef * perCard, R * head));
      }
      if (finite) b.le(`pool-kv-network[w${w}]`, plus(expr([y, 1]), net, -1), 0);
      served = plus(served, expr([y, 1]));
    }
    b.ge(`demand[w${w}]`, served, need.requestsPerSecond * (1 - 1e-9));
    if (opts.capacityCap) b.le(`capacity-ceiling[w${w}]`, served, need.requestsPerSecond * head);
    e.servedTokens = plus(e.servedTokens, scale(served, need.outputTokens));
  });

  // ---- budget, power
  if (k.capexBudget !== undefined && on('budget')) b.le('budget', e.capex, k.capexBudget * MONEY);
  if (k.powerCapKW !== undefined && on('power')) b.le('power', e.facilityKW, k.powerCapKW);

  // ---- supply: stock and minimum order quantities
  if (on('supply')) {
    for (const [pi, cards] of partCards) {
      const part = c.parts[pi]!;
      if (part.available !== undefined) b.le(`available[${part.key}]`, cards, part.available);
      if (part.moq > 1) {
        const u = b.addVar(`ordered[${part.key}]`, 'binary');
        ordered.set(pi, u);
        const big = part.available ?? [...cards.entries()].reduce((s2, [v, coef]) => s2 + coef * b.vars[v]!.ub, 0);
        b.ge(`moq[${part.key}]`, plus(cards, expr([u, part.moq]), -1), 0);
        b.le(`moq-link[${part.key}]`, plus(cards, expr([u, big]), -1), 0);
      }
    }
  }

  // ---- supply risk
  const cap = opts.riskCap ?? (on('risk') ? k.maxRiskScore : undefined);
  const hhi: HhiTerm[] = [];
  if (cap !== undefined || opts.riskTerms) {
    e.riskTimesCapex = riskRows(b, c, partHw, aux, aux('hardware-total', e.hardware), opts.hhiCuts, hhi);
    if (cap !== undefined) b.le('risk', plus(e.riskTimesCapex, e.hardware, -cap), 0);
  }

  // ---- domestic and vendor shares (linear once multiplied by the total)
  if (k.minDomesticShare !== undefined && k.minDomesticShare > 0 && on('domestic')) {
    b.ge('domestic-share', plus(e.domestic, aux('share-total', e.shareTotal), -k.minDomesticShare), 0);
  }
  if (k.maxVendorShare !== undefined && k.maxVendorShare < 1 && on('vendorShare')) {
    for (const [v, x] of e.vendor) b.le(`vendor-share[${v}]`, plus(aux(`share[${v}]`, x), aux('share-total', e.shareTotal), -k.maxVendorShare), 0);
  }
  if (opts.vendorMax) {
    const t = b.addVar('largest-vendor', 'continuous', 0);
    for (const [v, x] of e.vendor) b.le(`largest-vendor[${v}]`, plus(aux(`share[${v}]`, x), expr([t, 1]), -1), 0);
    e.vendorMax = expr([t, 1]);
  }

  const tripleList = [...triples.values()];
  return {
    builder: b,
    hhi,
    concentrationWeight: Math.min(1, Math.max(0, c.contexts[0]!.concentrationWeight)),
    e,
    segments,
    needs,
    idle: tripleList.map((t) => t.idle!),
    ...(cap !== undefined && e.riskTimesCapex && { riskCap: cap }),
    roundUp(x) {
      const out = new Map<string, number>();
      const set = (i: number, v: number) => {
        if (v > 0) out.set(b.vars[i]!.label, v);
      };
      const cardsOf = new Map<string, { cards: number; idle: number }>();
      for (const t of tripleList) {
        let best: Triple['segs'][number] | undefined;
        let rate = 0;
        for (const s of t.segs) {
          const n = x[s.n] ?? 0;
          rate += n * s.seg.rate;
          if (n > 1e-9 && (!best || n * s.seg.groupSize > (x[best.n] ?? 0) * best.seg.groupSize)) best = s;
        }
        if (!best) continue;
        const groups = Math.min(b.vars[best.n]!.ub, Math.ceil(rate / best.seg.rate - 1e-9));
        set(best.n, groups);
        if (best.z !== undefined) set(best.z, 1);
        const key = `${t.part}|${t.role}`;
        const line = cardsOf.get(key) ?? { cards: 0, idle: t.idle! };
        line.cards += groups * best.seg.groupSize;
        cardsOf.set(key, line);
      }
      let allServers = 0;
      const partCardsN = new Map<number, number>();
      for (const [key, line] of cardsOf) {
        const pi = Number(key.split('|')[0]);
        const cps = c.parts[pi]!.cardsPerServer;
        const n = Math.ceil(line.cards / cps - 1e-9);
        set(servers.get(key)!, n);
        allServers += n;
        // whole servers: the rounding's idle cards (given to the line's first workload)
        if (k.wholeServers && b.vars[line.idle]!.type !== 'continuous') set(line.idle, n * cps - line.cards);
        partCardsN.set(pi, (partCardsN.get(pi) ?? 0) + (k.wholeServers ? n * cps : line.cards));
      }
      if (racksVar !== undefined) set(racksVar, Math.ceil(allServers / site.serversPerRack - 1e-9));
      for (const [pi, u] of ordered) if ((partCardsN.get(pi) ?? 0) > 0) set(u, 1);
      return out;
    },
    decode(values) {
      const uses: PlanUse[] = [];
      let atBound = 0;
      for (const t of tripleList) {
        const cards = Math.round(valueOf(t.cards, values));
        if (cards <= 0) continue;
        const active = t.segs.find((s) => Math.round(values[s.n] ?? 0) > 0);
        const groups = active ? Math.round(values[active.n] ?? 0) : 0;
        const lastSeg = t.segs.find((s) => !Number.isFinite(s.seg.maxCards));
        if (lastSeg && cards >= lastSeg.cap && c.parts[t.part]!.available === undefined) atBound++;
        uses.push({ part: t.part, workload: t.workload, role: t.role, groupSize: active?.seg.groupSize ?? 0, groups, cards, segment: active?.seg });
      }
      const lines: PlanLine[] = [];
      for (const [key, cardsE] of lineCards) {
        const cards = Math.round(valueOf(cardsE, values));
        if (cards <= 0) continue;
        const [pi, role] = key.split('|') as [string, ServingRole];
        lines.push({ part: Number(pi), role, cards, servers: Math.round(values[servers.get(key)!] ?? 0) });
      }
      return { lines, uses, atBound };
    },
  };
}

/**
 * Risk score × hardware capex C, linear:
 *   score·C = (1 − c)·Σᵢ riskᵢ·Cᵢ + c·100·Σ_v C·s_v²,   s_v = C_v / C.
 * C·s² is convex, and each tangent at a share a gives a linear lower bound, homogenised by C
 * (the perspective): T_v ≥ 2a·C_v − a²·C. Tangents at s = 0, 1/K, …, 1 start the outer
 * approximation; the solve loop (electron/optimize/solve.ts) adds the tangent at any vendor
 * share where T_v still falls short of C·s_v², so the final build meets the true cap and is
 * optimal for it (Kelley's cutting planes; exact, not conservative).
 */
function riskRows(
  b: ModelBuilder,
  c: CandidateSet,
  partHw: Map<number, LinExpr>,
  aux: (label: string, x: LinExpr) => LinExpr,
  total: LinExpr,
  cuts: ReadonlyMap<string, readonly number[]> | undefined,
  out: HhiTerm[],
): LinExpr {
  const weight = Math.min(1, Math.max(0, c.contexts[0]!.concentrationWeight));
  let score: LinExpr = new Map();
  const byVendor = new Map<string, LinExpr>();
  for (const [pi, hw] of partHw) {
    const part = c.parts[pi]!;
    score = plus(score, hw, (1 - weight) * part.risk);
    byVendor.set(part.vendor, plus(byVendor.get(part.vendor) ?? new Map(), hw));
  }
  if (weight <= 0) return score;
  const totalVar = [...total.keys()][0]!;
  for (const [v, hw] of byVendor) {
    const cv = aux(`hardware[${v}]`, hw);
    const t = b.addVar(`hhi[${v}]`, 'continuous', 0);
    out.push({ vendor: v, t, cv: [...cv.keys()][0]!, total: totalVar });
    const points = [...Array.from({ length: HHI_TANGENTS + 1 }, (_, i) => i / HHI_TANGENTS), ...(cuts?.get(v) ?? [])];
    points.forEach((a, i) => b.ge(`hhi-tangent[${v},${i}]`, plus(plus(expr([t, 1]), cv, -2 * a), total, a * a), 0));
    addTerm(score, t, weight * 100);
  }
  return score;
}
