/**
 * `procure optimize FILE [--json] [--as-of DATE]`: the cheapest build that serves the file's
 * demand under its constraints, with its KPIs, the binding constraints and the cost–risk
 * frontier; or, when none exists, which constraint to relax. Exit status 0 when a build was
 * found, 3 when the problem is infeasible, 1 on errors.
 */
import { currencySymbol, type Currency } from '../../../shared/money';
import { parseOptimizeText } from '../../../shared/optimize/schema';
import type { ConstraintStatus, OptimizeResult } from '../../../shared/optimize/types';
import type { ScenarioIssue } from '../../../shared/scenario/schema';
import { sayIn } from '../../../shared/i18n/translate';
import { callDocument, parseCommand, readCommandFile, table, toJson, validAsOf, type CliIo } from '../io';
import type { Command } from './index';

export const OPTIMIZE_USAGE = 'optimize FILE [--json] [--as-of DATE]';
export const EXIT_INFEASIBLE = 3;

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(io, 'optimize', OPTIMIZE_USAGE, argv, { json: { type: 'boolean' }, 'as-of': { type: 'string' } });
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const asOf = values['as-of'];
  if (!validAsOf(io, 'optimize', asOf)) return 2;
  const file = positionals[0]!;
  const text = readCommandFile(io, 'optimize', file);
  if (text === undefined) return 1;
  // checked here first so that problems are reported with the file's own JSON paths
  const problem = parseOptimizeText(text);
  if (!problem.ok) return issues(io, file, problem.issues);
  const document = JSON.parse(text) as Record<string, unknown>;
  const r = await callDocument(io.ctx(), 'optimize:run', asOf ? { ...document, asOf } : document);
  if (!r.ok) return issues(io, file, r.issues);
  const result: OptimizeResult = r.value;
  io.out(values.json ? toJson(result) : render(result));
  if (result.status === 'error') return 1;
  return result.status === 'infeasible' ? EXIT_INFEASIBLE : 0;
}

function issues(io: CliIo, file: string, list: ScenarioIssue[]): number {
  io.err(`procure optimize: ${io.t('notValid', { file, kind: { key: 'errors.document.kinds.optimize problem' } })}\n${list.slice(0, 50).map((i) => `  ${file}: ${i.path}: ${sayIn(io.lang, i)}`).join('\n')}`);
  return 1;
}

// ---------------------------------------------------------------- text output

const int = (n: number) => Math.round(n).toLocaleString('en');
const money = (n: number | null, c: Currency) => (n === null || !Number.isFinite(n) ? '–' : `${currencySymbol(c)}${int(n)}`);
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

function constraintValue(x: ConstraintStatus, v: number | null, c: Currency): string {
  if (v === null) return '–';
  switch (x.unit) {
    case 'money':
      return money(v, c);
    case 'kW':
      return `${v.toFixed(1)} kW`;
    case 'score':
      return v.toFixed(1);
    case 'share':
      return pct(v);
    case 'cards':
      return int(v);
  }
}

export function render(r: OptimizeResult): string {
  const c = r.currency;
  const out: string[] = [];
  out.push(`Status       ${r.status}; objective ${r.objective.kind} = ${r.objective.kind === 'costPerMillionTokens' ? `${currencySymbol(c)}${(r.objective.value ?? 0).toFixed(2)} /M tok` : money(r.objective.value, c)}`);
  const { value, bound } = r.objective;
  if (r.status === 'feasible' && value !== null && bound !== null && value > 0) {
    out.push(`             time limit reached; proven bound ${money(bound, c)}: no build is more than ${((100 * (value - bound)) / value).toFixed(2)} % cheaper`);
  }
  if (r.infeasibility) {
    out.push(`\n${r.infeasibility.message}`);
    if (r.infeasibility.relaxations.length) {
      out.push(
        '\n' +
          table(
            ['Constraint', 'Limit', 'Needed', 'TCO after relaxing'],
            r.infeasibility.relaxations.map((x) => [x.constraint, constraintValue({ ...x, value: null, binding: false, objectiveWithout: null }, x.limit, c), x.constraint === 'supply' ? `${x.needed ?? 0} more cards` : constraintValue({ ...x, value: null, binding: false, objectiveWithout: null }, x.needed, c), money(x.tco, c)]),
          ),
      );
    }
  }
  if (r.kpis) {
    const k = r.kpis;
    out.push('');
    out.push(table(['Accelerator', 'Vendor', 'Role', 'Cards', 'Servers', 'Card price', 'Part risk'], r.build.lines.map((l) => [l.name, l.vendor, l.role, l.count, l.servers, money(l.unitPrice, c), l.partRisk.toFixed(1)])));
    out.push('');
    out.push(`Cost         capex ${money(k.capex, c)}; TCO (present value) ${money(k.tco, c)}; annualised ${money(k.annualizedCost, c)}; ${k.costPerMillionOutputTokens === null ? '–' : `${currencySymbol(c)}${k.costPerMillionOutputTokens.toFixed(2)}`} per million output tokens`);
    out.push(`Serves       ${k.workloads.map((w) => `${w.name}: ${int(w.servedOutputTokensPerSecond)} of ${int(w.demandOutputTokensPerSecond)} output tok/s demanded`).join('; ')}`);
    out.push(`Power        IT ${k.itPowerKW.toFixed(1)} kW; facility ${k.facilityPowerKW.toFixed(1)} kW; ${k.cards} cards in ${k.servers} servers`);
    out.push(`Supply       risk ${k.risk.toFixed(1)}/100; domestic share ${pct(k.domesticShare)}; largest vendor ${k.largestVendor} ${pct(k.largestVendorShare)}`);
    if (r.constraints.length) {
      out.push('\nConstraints (binding: removing it would lower the objective)');
      out.push(table(['Constraint', 'Limit', 'Build', 'Binding', 'Objective without'], r.constraints.map((x) => [x.constraint, constraintValue(x, x.limit, c), constraintValue(x, x.value, c), x.binding === null ? 'not settled' : x.binding ? 'yes' : 'no', money(x.objectiveWithout, c)])));
    }
    if (r.frontier.length) {
      out.push('\nCost–risk frontier (least TCO at each supply-risk cap)');
      out.push(table(['Risk cap', 'Risk', 'TCO', 'Capex', 'Mix'], r.frontier.map((f) => [f.riskCap.toFixed(1), f.risk === null ? '–' : f.risk.toFixed(1), money(f.tco, c), money(f.capex, c), f.mix.map((m) => `${m.name} ×${m.count}`).join(', ') || 'infeasible'])));
    }
  }
  if (r.candidates.excluded.length) out.push(`\nLeft out: ${r.candidates.excluded.map((x) => `${x.accelerator} (${x.reason})`).join('; ')}`);
  if (r.warnings.length) out.push(`\nWarnings:\n${r.warnings.map((w) => `  - ${w}`).join('\n')}`);
  out.push(`\nSolved in ${(r.timings.solveMs / 1000).toFixed(2)} s; binding constraints ${(r.timings.bindingMs / 1000).toFixed(2)} s; frontier ${(r.timings.frontierMs / 1000).toFixed(2)} s; ${r.timings.solves} solves.`);
  return out.join('\n');
}

export const optimizeCommand: Command = {
  name: 'optimize',
  usage: OPTIMIZE_USAGE,
  summary: 'cheapest build that serves a demand under budget, power, risk and share limits',
  run: (argv, io) => run(argv, io),
};
