/**
 * `procure evaluate FILE [--json] [--sensitivity] [--as-of YYYY-MM-DD]`: evaluate a
 * `.procure.json` scenario against the catalog and print per build the TCO, power, throughput,
 * cost per million tokens, tokens per watt and supply risk (or the same as JSON).
 */
import { callDocument, parseCommand, readCommandFile, toJson, validAsOf, type CliIo } from '../io';
import { currencySymbol, type Currency } from '../../../shared/money';
import type { BuildResult, EvaluationResult } from '../../../shared/scenario/evaluate';
import { parseScenarioText, type ScenarioIssue } from '../../../shared/scenario/schema';
import { sayIn } from '../../../shared/i18n/translate';

export const EVALUATE_USAGE = 'evaluate FILE [--json] [--sensitivity] [--as-of DATE]';

export async function evaluateCommand(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(io, 'evaluate', EVALUATE_USAGE, argv, {
    json: { type: 'boolean' },
    sensitivity: { type: 'boolean' },
    'as-of': { type: 'string' },
  });
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const file = positionals[0]!;
  const asOf = values['as-of'];
  if (!validAsOf(io, 'evaluate', asOf)) return 2;
  const text = readCommandFile(io, 'evaluate', file);
  if (text === undefined) return 1;
  // checked here first so that problems are reported with the file's own JSON paths
  const parsedScenario = parseScenarioText(text);
  if (!parsedScenario.ok) {
    reportIssues(io, file, parsedScenario.issues);
    return 1;
  }
  const document = JSON.parse(text) as Record<string, unknown>;
  const r = await callDocument(io.ctx(), 'scenario:evaluate', {
    scenario: asOf ? { ...document, asOf } : document,
    sensitivity: values.sensitivity === true,
  });
  if (!r.ok) {
    reportIssues(io, file, r.issues);
    return 1;
  }
  io.out(values.json ? toJson(r.value) : renderText(r.value, values.sensitivity === true, io.t));
  return 0;
}

function reportIssues(io: Pick<CliIo, 'err' | 't' | 'lang'>, file: string, issues: ScenarioIssue[]): void {
  const shown = issues.slice(0, 50);
  const more = issues.length > shown.length ? `\n  ${io.t('andMore', { n: issues.length - shown.length })}` : '';
  io.err(`procure evaluate: ${io.t('notValid', { file, kind: { key: 'errors.document.kinds.scenario' } })}\n${shown.map((i) => `  ${file}: ${i.path}: ${sayIn(io.lang, i)}`).join('\n')}${more}`);
}

// ---------------------------------------------------------------- text output

const int = (n: number) => Math.round(n).toLocaleString('en');
const dec = (n: number, d = 2) => n.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d });
function money(n: number | null, c: Currency): string {
  if (n === null || !Number.isFinite(n)) return '–';
  return currencySymbol(c) + (Math.abs(n) >= 1000 ? int(n) : dec(n));
}
function signed(n: number, c: Currency): string {
  if (!Number.isFinite(n)) return '–';
  return (n >= 0 ? '+' : '−') + money(Math.abs(n), c);
}

function table(headers: string[], rows: string[][], right: boolean[] = []): string {
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) =>
    r
      .map((c, i) => {
        const fill = ' '.repeat(Math.max(0, widths[i]! - width(c)));
        return right[i] ? fill + c : c + fill;
      })
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function renderBuild(b: BuildResult, showSensitivity: boolean, t: CliIo['t']): string {
  const c = b.currency;
  const out: string[] = [];
  out.push(`\n== ${t('evaluate.buildTitle', { name: b.name, cards: b.cards })} ==`);
  out.push(
    `Throughput   ${int(b.outputTokensPerSecond)} output tok/s, ${int(b.inputTokensPerSecond)} input tok/s; group ${b.groupSize}, batch ${b.batch}, bound: ${b.bound}` +
      (b.binding === 'prefill' || b.binding === 'decode' || b.binding === 'kv-transfer' ? `; binding pool: ${b.binding}, KV transfer ${dec(b.kvTransferGBps)} GB/s` : ''),
  );
  out.push(
    `Cost         capex ${money(b.capex, c)}; opex ${money(b.opexPerYear, c)}/yr; TCO (present value) ${money(b.tco, c)}; annualised ${money(b.annualizedCost, c)}; ${money(b.costPerCardHour, c)} per card-hour`,
  );
  out.push(`Unit cost    ${money(b.costPerMillionOutputTokens, c)} per million output tokens; ${dec(b.tokensPerSecondPerWatt, 3)} tok/s per W; ${int(b.outputTokensPerKWh)} tokens per kWh`);
  out.push(`Power        IT ${dec(b.itPowerKW, 1)} kW peak; facility ${dec(b.facilityPowerKW, 1)} kW; ${int(b.energyKWhPerYear)} kWh/yr`);
  // agent-era workloads: input split, cost by token type, per workload, self-host vs API
  const tc = b.tokenCosts;
  out.push(
    `Input        ${int(b.computedInputTokensPerSecond)} prefilled + ${int(b.cachedInputTokensPerSecond)} cached tok/s; by card-time (${dec(tc.prefillShare * 100, 0)} % prefill): ${money(tc.perMillionInputTokens, c)} per M input, ${money(tc.perMillionCachedInputTokens, c)} per M cached input, ${money(tc.perMillionOutputTokens, c)} per M output`,
  );
  for (const w of b.workloads.length > 1 || b.workloads[0]?.session ? b.workloads : []) {
    out.push(
      `Workload     ${w.name}: ${dec(w.share * 100, 0)} % of requests, ${int(w.inputTokens)} in / ${int(w.outputTokens)} out, ${dec(w.prefixCacheHitRate * 100, 1)} % cached; ${int(w.outputTokensPerSecond)} output tok/s; alone ${money(w.costPerMillionOutputTokens, c)} per M output; TTFT ${int(w.ttftMs)} ms${w.kvReloadMs !== null ? ` (KV reload ${dec(w.kvReloadMs, 1)} ms)` : ''}` +
        (w.session ? `; ${w.session.turns} turns, mean context ${int(w.session.meanDecodeContextTokens)}, last ${int(w.session.maxContextTokens)}` : ''),
    );
  }
  if (b.selfHostVsApi) {
    const a = b.selfHostVsApi;
    out.push(
      `Own or API   API at ${money(a.prices.inputPerMillion, c)}/${money(a.prices.cachedInputPerMillion, c)}/${money(a.prices.outputPerMillion, c)} per M (input/cached/output) costs ${money(a.apiAnnualCost, c)}/yr vs ${money(a.buildAnnualCost, c)}/yr to own → ${a.cheaper}; break-even utilisation ${a.breakEvenUtilization === null ? 'never (the API is cheaper at any utilisation)' : `${dec(a.breakEvenUtilization * 100, 0)} %`}`,
    );
  }
  if (b.buyVsRent) {
    const r = b.buyVsRent;
    out.push(
      `Buy or rent  rent at ${money(r.rentalPricePerCardHour, c)}/card-hour costs ${money(r.rentAnnualCost, c)}/yr vs ${money(r.buyAnnualCost, c)}/yr to own → ${r.cheaper}; break-even utilisation ${r.breakEvenUtilization === null ? 'never (renting is cheaper at any utilisation)' : `${dec(r.breakEvenUtilization * 100, 0)} %`}`,
    );
  }
  out.push(`Supply risk  ${dec(b.risk.score, 0)}/100: ${b.risk.factors.map((f) => `${f.name} ${dec(f.contribution, 1)}`).join(', ')}`);
  out.push('');
  out.push(
    table(
      ['accelerator', 'cards', 'role', 'group', 'batch', 'replicas', 'outTok', 'inTok', 'bound', 'tpot', 'ttft', 'mbuMfu', 'engine', 'cardPrice', 'priceSource', 'risk'].map((k) => t(`evaluate.head.${k}`)),
      b.lines.map((l) => [
        l.accelerator,
        String(l.count),
        l.role === l.effectiveRole ? l.role : `${l.role}→${l.effectiveRole}`,
        l.attnTp === l.groupSize ? String(l.groupSize) : `${l.groupSize} (tp${l.attnTp})`,
        String(l.batch),
        String(l.replicas),
        int(l.outputTokensPerSecond),
        int(l.inputTokensPerSecond),
        l.meetsTargets ? l.bound : `${l.bound} (targets missed)`,
        l.tpotMs ? dec(l.tpotMs, 1) : '–',
        l.ttftMs ? int(l.ttftMs) : '–',
        `${l.mbu}/${l.mfu}`,
        l.engine.name,
        money(l.cardPrice, c),
        l.cardPriceSource,
        dec(l.risk.score, 0),
      ]),
      [false, true, false, true, true, true, true, true, false, true, true, false, false, true, false, true],
    ),
  );
  for (const l of b.lines) {
    const s = l.step;
    if (!s) continue;
    out.push(
      `Step (${l.accelerator}, ${s.phase}, ${l.engine.name} ${l.engine.asOf})  ${dec(s.totalMs, 2)} ms = fixed ${dec(s.fixedMs, 2)} + memory ${dec(s.memoryMs, 2)} + compute ${dec(s.computeMs, 2)} + communication ${dec(s.commMs, 2)} − overlap ${dec(s.overlapMs, 2)}; binds: ${s.dominant}`,
    );
  }
  if (showSensitivity && b.sensitivity) {
    out.push(`\n${t('evaluate.sensitivity')}`);
    out.push(
      table(
        ['assumption', 'low', 'high', 'dTcoLow', 'dTcoHigh', 'dCostLow', 'dCostHigh'].map((k) => t(`evaluate.head.${k}`)),
        b.sensitivity.map((s) => [
          s.assumption,
          dec(s.low, s.low >= 100 ? 0 : 3),
          dec(s.high, s.high >= 100 ? 0 : 3),
          signed(s.deltaTcoLow, c),
          signed(s.deltaTcoHigh, c),
          signed(s.deltaCostPerMTokLow, c),
          signed(s.deltaCostPerMTokHigh, c),
        ]),
        [false, true, true, true, true, true, true],
      ),
    );
  }
  return out.join('\n');
}

export function renderText(r: EvaluationResult, showSensitivity: boolean, t: CliIo['t']): string {
  const a = r.assumptions;
  const c = a.currency;
  const w = a.workload;
  const lines: string[] = [];
  lines.push(`Scenario ${r.name ? `"${r.name}"` : ''} — money in ${c}, as of ${a.asOf}`);
  lines.push(
    `Workload     ${w.model} (${w.totalParamsB}B total, ${w.activeParamsB}B active, ${w.weightPrecision} weights, ${w.kvPrecision} KV, ${int(w.kvBytesPerToken)} B/token KV); ` +
      `${w.inputTokens} in / ${w.outputTokens} out tokens; TPOT ≤ ${w.tpotMs} ms, TTFT ≤ ${w.ttftMs} ms` +
      (w.batch ? `; batch pinned ${w.batch}` : '') +
      (w.groupSize ? `; group pinned ${w.groupSize}` : ''),
  );
  lines.push(
    `Site         ${a.site.name}: ${money(a.site.powerPricePerKWh, c)}/kWh, PUE ${a.site.pue}, jurisdiction ${a.site.jurisdiction}, rack ${money(a.site.rackCostPerYear, c)}/yr per ${a.site.serversPerRack} servers, infrastructure ${money(a.site.infraCostPerKW, c)}/kW`,
  );
  const f = a.finance;
  lines.push(
    `Finance      ${f.years} years at ${dec(f.discountRate * 100, 1)} %; utilisation ${dec(f.utilization * 100, 0)} %; maintenance ${dec(f.maintenanceRate * 100, 1)} %/yr; residual ${dec(f.residualValueRate * 100, 0)} %; installation ${dec(f.installationRate * 100, 0)} %`,
  );
  const fx = Object.entries(a.fx)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  if (fx) lines.push(`FX           CNY per unit: ${fx}`);
  lines.push('');
  lines.push(
    table(
      [t('evaluate.head.build'), t('evaluate.head.cards'), t('evaluate.head.capex'), t('evaluate.head.tco'), t('evaluate.head.outTok'), t('evaluate.head.perMOut', { currency: currencySymbol(c) }), 'tok/s/W', t('evaluate.head.itKw'), t('evaluate.head.risk'), t('evaluate.head.bound')],
      r.builds.map((b) => [
        b.name,
        String(b.cards),
        money(b.capex, c),
        money(b.tco, c),
        int(b.outputTokensPerSecond),
        money(b.costPerMillionOutputTokens, c),
        dec(b.tokensPerSecondPerWatt, 3),
        dec(b.itPowerKW, 1),
        dec(b.risk.score, 0),
        b.bound,
      ]),
      [false, true, true, true, true, true, true, true, true, false],
    ),
  );
  for (const b of r.builds) lines.push(renderBuild(b, showSensitivity, t));
  if (r.warnings.length) lines.push(`\n${t('bids.warnings')}\n${r.warnings.map((x) => `  - ${x}`).join('\n')}`);
  return lines.join('\n');
}
