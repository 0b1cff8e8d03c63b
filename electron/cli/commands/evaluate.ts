/**
 * `procure evaluate FILE [--json] [--sensitivity] [--as-of YYYY-MM-DD]`: evaluate a
 * `.procure.json` scenario against the catalog and print per build the TCO, power, throughput,
 * cost per million tokens, tokens per watt and supply risk (or the same as JSON).
 */
import { callDocument, parseCommand, readCommandFile, toJson, validAsOf, type CliIo } from '../io';
import { currencySymbol, type Currency } from '../../../shared/money';
import type { BuildResult, EvaluationResult } from '../../../shared/scenario/evaluate';
import { parseScenarioText, type ScenarioIssue } from '../../../shared/scenario/schema';
import { sayIn, translate } from '../../../shared/i18n/translate';
import { formatNumber } from '../../../shared/format';

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
  io.out(values.json ? toJson(r.value) : renderText(r.value, values.sensitivity === true, io));
  return 0;
}

function reportIssues(io: Pick<CliIo, 'err' | 't' | 'lang'>, file: string, issues: ScenarioIssue[]): void {
  const shown = issues.slice(0, 50);
  const more = issues.length > shown.length ? `\n  ${io.t('andMore', { n: issues.length - shown.length })}` : '';
  io.err(`procure evaluate: ${io.t('notValid', { file, kind: { key: 'errors.document.kinds.scenario' } })}\n${shown.map((i) => `  ${file}: ${i.path}: ${sayIn(io.lang, i)}`).join('\n')}${more}`);
}

// ---------------------------------------------------------------- text output

const int = (n: number) => formatNumber(n, 0);
const dec = (n: number, d = 2) => formatNumber(n, d);
const pct = (f: number, d: number) => dec(f * 100, d);
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

function renderBuild(b: BuildResult, showSensitivity: boolean, io: Pick<CliIo, 't' | 'lang'>): string {
  const t = io.t;
  const say = (key: string) => translate(io.lang, { key });
  const bound = (x: string) => say(`bound.${x}`);
  // the price's origin as the UI's words: a quote by supplier, date and age, else where it came from
  const source = (l: BuildResult['lines'][number]) => {
    const q = l.cardPriceQuote;
    if (!q) return t(`evaluate.source.${l.cardPriceSource}`);
    const notes = [t('evaluate.source.daysOld', { n: q.ageDays }), ...(q.expired ? [t('evaluate.source.expired', { date: q.validUntil ?? '' })] : []), ...(q.stale && !q.expired ? [t('evaluate.source.stale')] : [])];
    return t(q.estimate ? 'evaluate.source.estimate' : 'evaluate.source.quote', { supplier: q.supplier, date: q.quoteDate, notes: notes.join(t('evaluate.source.sep')) });
  };
  const c = b.currency;
  const out: string[] = [];
  out.push(`\n== ${t('evaluate.buildTitle', { name: b.name, cards: b.cards })} ==`);
  const L = (key: string, vars: Parameters<CliIo['t']>[1]) => out.push(t(`evaluate.line.${key}`, vars));
  const pooled = b.binding === 'prefill' || b.binding === 'decode' || b.binding === 'kv-transfer';
  L('throughput', { out: int(b.outputTokensPerSecond), in: int(b.inputTokensPerSecond), group: b.groupSize, batch: b.batch, bound: { key: `bound.${b.bound}` }, pool: pooled ? t('evaluate.line.pool', { pool: b.binding, gbps: dec(b.kvTransferGBps) }) : '' });
  L('cost', { capex: money(b.capex, c), opex: money(b.opexPerYear, c), tco: money(b.tco, c), annual: money(b.annualizedCost, c), cardHour: money(b.costPerCardHour, c) });
  L('unitCost', { perM: money(b.costPerMillionOutputTokens, c), perW: dec(b.tokensPerSecondPerWatt, 3), perKWh: int(b.outputTokensPerKWh) });
  L('power', { it: dec(b.itPowerKW, 1), facility: dec(b.facilityPowerKW, 1), kwh: int(b.energyKWhPerYear) });
  // agent-era workloads: input split, cost by token type, per workload, self-host vs API
  const tc = b.tokenCosts;
  L('input', { prefilled: int(b.computedInputTokensPerSecond), cached: int(b.cachedInputTokensPerSecond), share: pct(tc.prefillShare, 0), in: money(tc.perMillionInputTokens, c), cachedIn: money(tc.perMillionCachedInputTokens, c), out: money(tc.perMillionOutputTokens, c) });
  for (const w of b.workloads.length > 1 || b.workloads[0]?.session ? b.workloads : []) {
    L('workload', {
      name: w.name, share: pct(w.share, 0), in: int(w.inputTokens), out: int(w.outputTokens), cached: pct(w.prefixCacheHitRate, 1), tokS: int(w.outputTokensPerSecond), alone: money(w.costPerMillionOutputTokens, c), ttft: int(w.ttftMs),
      reload: w.kvReloadMs !== null ? t('evaluate.line.kvReload', { ms: dec(w.kvReloadMs, 1) }) : '',
      session: w.session ? t('evaluate.line.session', { turns: w.session.turns, mean: int(w.session.meanDecodeContextTokens), last: int(w.session.maxContextTokens) }) : '',
    });
  }
  if (b.selfHostVsApi) {
    const a = b.selfHostVsApi;
    L('ownOrApi', {
      in: money(a.prices.inputPerMillion, c), cached: money(a.prices.cachedInputPerMillion, c), out: money(a.prices.outputPerMillion, c), api: money(a.apiAnnualCost, c), own: money(a.buildAnnualCost, c),
      cheaper: t(`evaluate.line.cheaper.${a.cheaper}`), breakEven: a.breakEvenUtilization === null ? t('evaluate.line.apiNever') : `${pct(a.breakEvenUtilization, 0)} %`,
    });
  }
  if (b.buyVsRent) {
    const r = b.buyVsRent;
    L('buyOrRent', {
      rate: money(r.rentalPricePerCardHour, c), rent: money(r.rentAnnualCost, c), own: money(r.buyAnnualCost, c),
      cheaper: t(`evaluate.line.cheaper.${r.cheaper}`), breakEven: r.breakEvenUtilization === null ? t('evaluate.line.rentNever') : `${pct(r.breakEvenUtilization, 0)} %`,
    });
  }
  L('risk', { score: dec(b.risk.score, 0), factors: b.risk.factors.map((f) => `${say(`riskFactor.${f.name}`)} ${dec(f.contribution, 1)}`).join(', ') });
  out.push('');
  out.push(
    table(
      ['accelerator', 'cards', 'role', 'group', 'batch', 'replicas', 'outTok', 'inTok', 'bound', 'tpot', 'ttft', 'mbuMfu', 'engine', 'cardPrice', 'priceSource', 'risk'].map((k) => t(`evaluate.head.${k}`)),
      b.lines.map((l) => [
        l.accelerator,
        String(l.count),
        l.role === l.effectiveRole ? say(`builds.roles.${l.role}`) : `${say(`builds.roles.${l.role}`)}→${say(`builds.roles.${l.effectiveRole}`)}`,
        l.attnTp === l.groupSize ? String(l.groupSize) : `${l.groupSize} (tp${l.attnTp})`,
        String(l.batch),
        String(l.replicas),
        int(l.outputTokensPerSecond),
        int(l.inputTokensPerSecond),
        l.meetsTargets ? bound(l.bound) : t('evaluate.line.targetsMissed', { bound: bound(l.bound) }),
        l.tpotMs ? dec(l.tpotMs, 1) : '–',
        l.ttftMs ? int(l.ttftMs) : '–',
        `${l.mbu}/${l.mfu}`,
        l.engine.name,
        money(l.cardPrice, c),
        source(l),
        dec(l.risk.score, 0),
      ]),
      [false, true, false, true, true, true, true, true, false, true, true, false, false, true, false, true],
    ),
  );
  for (const l of b.lines) {
    const s = l.step;
    if (!s) continue;
    out.push(
      t('evaluate.line.step', {
        part: l.accelerator, phase: say(`step.phase.${s.phase}`), engine: `${l.engine.name} ${l.engine.asOf}`, total: dec(s.totalMs, 2), fixed: dec(s.fixedMs, 2), memory: dec(s.memoryMs, 2),
        compute: dec(s.computeMs, 2), comm: dec(s.commMs, 2), overlap: dec(s.overlapMs, 2), binds: { key: `bound.${s.dominant}` },
      }),
    );
  }
  if (showSensitivity && b.sensitivity) {
    out.push(`\n${t('evaluate.sensitivity')}`);
    out.push(
      table(
        ['assumption', 'low', 'high', 'dTcoLow', 'dTcoHigh', 'dCostLow', 'dCostHigh'].map((k) => t(`evaluate.head.${k}`)),
        b.sensitivity.map((s) => [
          say(`charts.assumption.${s.assumption}`),
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

export function renderText(r: EvaluationResult, showSensitivity: boolean, io: Pick<CliIo, 't' | 'lang'>): string {
  const t = io.t;
  const a = r.assumptions;
  const c = a.currency;
  const w = a.workload;
  const lines: string[] = [];
  const L = (key: string, vars: Parameters<CliIo['t']>[1]) => lines.push(t(`evaluate.line.${key}`, vars));
  L('scenario', { name: r.name ? `"${r.name}"` : '', currency: c, asOf: a.asOf });
  L('workloadSpec', {
    model: w.model, total: w.totalParamsB, active: w.activeParamsB, wp: w.weightPrecision ?? '–', kvp: w.kvPrecision ?? '–', kvb: int(w.kvBytesPerToken), in: w.inputTokens, out: w.outputTokens, tpot: w.tpotMs, ttft: w.ttftMs,
    pinned: (w.batch ? t('evaluate.line.batchPinned', { n: w.batch }) : '') + (w.groupSize ? t('evaluate.line.groupPinned', { n: w.groupSize }) : ''),
  });
  L('site', { name: a.site.name, power: money(a.site.powerPricePerKWh, c), pue: a.site.pue, jurisdiction: a.site.jurisdiction, rack: money(a.site.rackCostPerYear, c), servers: a.site.serversPerRack, infra: money(a.site.infraCostPerKW, c) });
  const f = a.finance;
  L('finance', { years: f.years, rate: pct(f.discountRate, 1), util: pct(f.utilization, 0), maint: pct(f.maintenanceRate, 1), residual: pct(f.residualValueRate, 0), install: pct(f.installationRate, 0) });
  const fx = Object.entries(a.fx)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  if (fx) L('fx', { fx });
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
        translate(io.lang, { key: `bound.${b.bound}` }),
      ]),
      [false, true, true, true, true, true, true, true, true, false],
    ),
  );
  for (const b of r.builds) lines.push(renderBuild(b, showSensitivity, io));
  if (r.warnings.length) lines.push(`\n${t('bids.warnings')}\n${r.warnings.map((x) => `  - ${x}`).join('\n')}`);
  return lines.join('\n');
}
