/**
 * The report's later parts: a detail page per bid (or build), the assumptions and every data
 * source (specs and prices with source and date, estimates marked), and the sign-off block.
 */
import { sourceOf, type Accelerator } from '../../shared/domain/accelerator';
import type { Source } from '../../shared/domain/source';
import { latestFxRates } from '../../shared/domain/catalog';
import type { Currency } from '../../shared/money';
import { describeFailure } from '../../shared/bids/constraints';
import { priceLines, bidTotals, type PriceLine } from '../../shared/bids/price-lines';
import type { BuildResult, LineResult } from '../../shared/scenario/evaluate';
import { esc, figureLabel, type Fmt } from './format';
import type { ReportModel } from './model';
import { TECHNICAL_CRITERIA } from '../../shared/bids/schema';

/** VAT assumed on scenario builds' prices (China, goods): their quotes are held ex VAT. */
const SCENARIO_VAT = 0.13;

export function kv(pairs: [string, string][]): string {
  return `<dl class="kv">${pairs.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

/** The assumptions' workload facts (model, tokens, latency targets, precisions, source): the same in the bid and the comparison report. */
export function workloadFacts(a: ReportModel['evaluation']['assumptions'], f: Fmt): string {
  const w = a.workload;
  return kv([
    [f.t('builds.model'), `${esc(w.model)} (${f.num(w.totalParamsB)}B / ${f.num(w.activeParamsB)}B)`],
    [f.t('builds.inputTokens'), f.num(w.inputTokens)],
    [f.t('builds.outputTokens'), f.num(w.outputTokens)],
    [f.t('builds.tpotMs'), f.num(w.tpotMs)],
    [f.t('builds.ttftMs'), f.num(w.ttftMs)],
    [f.t('report.cmp.weightsKv'), `${esc(w.weightPrecision)} / ${esc(w.kvPrecision)}`],
    [f.t('report.source'), esc(a.model.source ? `${a.model.source.title} (${a.model.source.asOf})` : f.t('report.givenInFile'))],
  ]);
}

function priceTable(lines: PriceLine[], f: Fmt, vatRate: number, currency: Currency, vatNote: string): string {
  const label = (l: PriceLine) => `${f.t(`report.${l.kind === 'cards' ? 'cards' : l.kind === 'hosts' ? 'hosts' : 'network'}`)}: ${esc(l.item)}${l.inBid ? '' : ` <span class="badge est">${f.t('report.catalogHost')}</span>`}`;
  const rows = lines
    .map((l) => `<tr><td>${label(l)}</td><td class="num">${f.num(l.qty)}</td><td class="num">${f.money(l.unitExVat)}</td><td class="num">${f.money(l.unitInclVat)}</td><td class="num">${f.money(l.totalExVat)}</td><td class="num">${f.money(l.totalInclVat)}</td></tr>`)
    .join('');
  const t = bidTotals(lines, vatRate, currency);
  return `<table class="lines"><thead><tr><th>${f.t('report.item')}</th><th class="num">${f.t('report.qty')}</th><th class="num">${f.t('report.unitExVat')}</th><th class="num">${f.t('report.unitInclVat')}</th><th class="num">${f.t('report.totalExVat')}</th><th class="num">${f.t('report.totalInclVat')}</th></tr></thead>
<tbody>${rows}
<tr><td colspan="4"><b>${f.t('report.quotedTotal')}</b> <span class="small muted">(${esc(f.t('report.vat', { rate: f.pct(vatRate, 0) }))}: ${f.money(t.vat)}; ${esc(vatNote)})</span></td><td class="num"><b>${f.money(t.exVat)}</b></td><td class="num"><b>${f.money(t.inclVat)}</b></td></tr></tbody></table>`;
}

function perLineTable(b: BuildResult, f: Fmt): string {
  const rows = b.lines
    .map((l: LineResult) => `<tr><td>${esc(l.accelerator)}</td><td class="num">${l.count}</td><td class="num">${l.groupSize}</td><td class="num">${l.batch}</td><td class="num">${f.kpi('tokPerSec', l.outputTokensPerSecond)}</td><td>${esc(f.t(`bound.${l.bound}`))}${l.meetsTargets ? '' : ' ⚠'}</td><td class="num">${l.tpotMs ? f.num(l.tpotMs, 1) : '–'} / ${l.ttftMs ? f.num(l.ttftMs) : '–'}</td><td class="num">${l.mbu} / ${l.mfu}</td><td>${esc(l.engine.name)}</td></tr>`)
    .join('');
  return `<table><thead><tr><th>${f.t('bids.accelerator')}</th><th class="num">${f.t('bids.count')}</th><th class="num">${f.t('report.group')}</th><th class="num">${f.t('report.batch')}</th><th class="num">${f.t('kpi.outputTokensPerSecond')}</th><th>${f.t('kpi.bound')}</th><th class="num">TPOT / TTFT ms</th><th class="num">MBU / MFU</th><th>${f.t('step.engine')}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function buildKpis(b: BuildResult, f: Fmt): string {
  return kv([
    [f.t('kpi.capex'), f.money(b.capex)],
    [f.t('kpi.tco'), f.money(b.tco)],
    [f.t('kpi.opexPerYear'), f.money(b.opexPerYear)],
    [f.t('kpi.outputTokensPerSecond'), f.kpi('tokPerSec', b.outputTokensPerSecond)],
    [f.t('kpi.costPerMillionOutputTokens'), f.kpi('moneyPerMTok', b.costPerMillionOutputTokens)],
    [f.t('kpi.tokensPerSecondPerWatt'), f.kpi('tokPerSecPerW', b.tokensPerSecondPerWatt)],
    [f.t('kpi.facilityPowerKW'), f.kpi('kW', b.facilityPowerKW)],
    [f.t('kpi.risk'), `${f.kpi('score', b.risk.score)} <span class="small muted">(${b.risk.factors.filter((x) => x.contribution >= 0.05).map((x) => `${esc(f.t(`riskFactor.${x.name}`))} ${f.num(x.contribution, 1)}`).join(', ')})</span>`],
  ]);
}

/** The scores of each criterion, for the detail pages. */
function scoreRows(m: ReportModel, f: Fmt, index: number): string {
  const b = m.bids?.bids[index];
  if (!b || b.technical === null) return '';
  const w = m.bids!.weights;
  const cells = [
    `<tr><td>${f.t('bids.weights.price')}</td><td class="num">${f.num(b.priceScore ?? 0, 2)} / ${w.price}</td></tr>`,
    ...TECHNICAL_CRITERIA.map((k) => `<tr><td>${f.t(`bids.weights.${k}`)}</td><td class="num">${f.num(b.technical![k], 2)} / ${w[k]}</td></tr>`),
    `<tr><td><b>${f.t('bids.totalScore')}</b></td><td class="num"><b>${f.num(b.totalScore ?? 0, 2)} / ${m.bids!.maxPoints}</b> · ${f.t('bids.rank')} ${b.rank}</td></tr>`,
  ];
  return `<table class="scores"><tbody>${cells.join('')}</tbody></table>`;
}

export function detailSections(m: ReportModel, f: Fmt): string {
  return m.order
    .map((i) => {
      const b = m.evaluation.builds[i]!;
      const bid = m.bids?.bids[i];
      if (!bid) {
        return `<section class="detail" data-build="${i}">
<h2>${f.t('report.buildDetails', { build: esc(b.name) })}</h2>
<h3>${f.t('report.lines')}</h3>
${priceTable(priceLines(b, { vatRate: SCENARIO_VAT }), f, SCENARIO_VAT, b.currency, f.t('report.vatAssumed', { rate: f.pct(SCENARIO_VAT, 0) }))}
<h3>${f.t('report.kpiTable')}</h3>${buildKpis(b, f)}
<h3>${f.t('report.perLine')}</h3>${perLineTable(b, f)}
<p class="small muted">${f.t('report.perfNote')}</p>
</section>`;
      }
      const result = bid.pass
        ? `<p><span class="badge pass">${f.t('bids.pass')}</span> ${f.t('report.constraintsMet')}</p>${scoreRows(m, f, i)}`
        : `<p><span class="badge fail">${f.t('bids.fail')}</span> ${f.t('bids.notRanked')}</p><ul class="reasons">${bid.failures.map((x) => `<li>${esc(describeFailure(x, m.lang, m.currency))}</li>`).join('')}</ul>`;
      return `<section class="detail" data-bid="${i}">
<h2>${f.t('report.details', { vendor: esc(bid.label) })}</h2>
${bid.name ? `<p class="muted">${esc(bid.name)}</p>` : ''}
<h3>${f.t('report.lines')}</h3>
${priceTable(bid.priceLines, f, bid.vatRate, b.currency, f.t(bid.vatIncluded ? 'report.quotedInclVat' : 'report.quotedExVat'))}
<div class="cols"><div>
<h3>${f.t('report.terms')}</h3>
${kv([
  [f.t('report.delivery'), esc(f.t('report.weeks', { n: bid.deliveryWeeks, date: bid.deliveryDate }))],
  [f.t('report.warranty'), esc(f.t('report.years', { n: bid.warrantyYears }))],
  [f.t('report.payment'), esc(bid.paymentTerms || '–')],
  [f.t('report.validUntil'), esc(bid.validUntil ?? '–')],
  [f.t('report.domesticShare'), f.pct(bid.domesticShare, 0)],
  ...(bid.notes ? ([[f.t('report.notes'), esc(bid.notes)]] as [string, string][]) : []),
])}
</div><div>
<h3>${f.t('report.result')}</h3>
${result}
</div></div>
<h3>${f.t('report.kpiTable')}</h3>${buildKpis(b, f)}
<h3>${f.t('report.perLine')}</h3>${perLineTable(b, f)}
<p class="small muted">${f.t('report.perfNote')}</p>
</section>`;
    })
    .join('\n');
}

// ---------------------------------------------------------------- assumptions and sources

function sourceCell(s: Pick<Source, 'title' | 'asOf'> & { estimate?: boolean; url?: string }, f: Fmt): string {
  return `${esc(s.title)}${s.url ? ` <span class="small muted">${esc(s.url)}</span>` : ''}</td><td class="num">${esc(s.asOf || '–')}</td><td>${s.estimate ? `<span class="badge est">${f.t('report.estimate')}</span>` : ''}`;
}

const SPEC_FIGURES: { key: string; value: (a: Accelerator) => string | number | undefined; unit?: string }[] = [
  { key: 'memoryGB', value: (a) => `${a.memoryGB} GB ${a.memoryType}` },
  { key: 'memoryBandwidthTBps', value: (a) => a.memoryBandwidthTBps, unit: 'TB/s' },
  { key: 'tflops.bf16', value: (a) => a.tflops.bf16 ?? a.tflops.fp16, unit: 'TFLOPS' },
  { key: 'tflops.fp8', value: (a) => a.tflops.fp8, unit: 'TFLOPS' },
  { key: 'tflops.int8', value: (a) => a.tflops.int8, unit: 'TOPS' },
  { key: 'tdpW', value: (a) => a.tdpW, unit: 'W' },
  { key: 'scaleUpGBps', value: (a) => a.scaleUpGBps, unit: 'GB/s' },
  { key: 'softwareStack', value: (a) => a.softwareStack },
  { key: 'exportControl', value: (a) => `CN: ${a.exportControl.CN}` },
];

function specsTable(m: ReportModel, f: Fmt): string {
  const slugs = [...new Set(m.evaluation.builds.flatMap((b) => b.lines.map((l) => l.slug ?? `inline:${l.accelerator}`)))];
  const rows: string[] = [];
  for (const slug of slugs) {
    const acc = m.snapshot.accelerators.find((a) => a.slug === slug);
    if (!acc) {
      rows.push(`<tr><td colspan="2"><b>${esc(slug.replace(/^inline:/, ''))}</b></td><td>${f.t('report.givenInFile')}</td><td></td><td><span class="badge est">${f.t('report.estimate')}</span></td></tr>`);
      continue;
    }
    SPEC_FIGURES.forEach((fig, k) => {
      const v = fig.value(acc);
      if (v === undefined || v === '') return;
      rows.push(`<tr>${k === 0 ? `<td rowspan="${SPEC_FIGURES.filter((x) => { const y = x.value(acc); return y !== undefined && y !== ''; }).length}"><b>${esc(`${acc.vendor} ${acc.model}`)}</b></td>` : ''}<td>${esc(figureLabel(f.lang, fig.key))}: ${esc(typeof v === 'number' ? `${f.num(v, v % 1 ? 2 : 0)} ${fig.unit ?? ''}` : v)}</td><td>${sourceCell(sourceOf(acc, fig.key), f)}</td></tr>`);
    });
  }
  return `<table class="sources"><thead><tr><th>${f.t('bids.accelerator')}</th><th>${f.t('report.figure')}</th><th>${f.t('report.source')}</th><th class="num">${f.t('report.asOf')}</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * Where a card price came from, in the document's language (evaluate's cardPriceSource is
 * English): the supplier, or given in the file, the default, none; `dated` adds the quote's date
 * and age where the table has no columns of its own for them.
 */
export function cardSource(l: LineResult, f: Fmt, dated = false): string {
  const q = l.cardPriceQuote;
  if (q) {
    const who = q.expired && q.validUntil ? `${q.supplier}; ${f.t('report.cmp.expiredOn', { date: q.validUntil })}` : q.supplier;
    return dated ? `${who}${f.t('builds.quotedOn', { date: q.quoteDate, days: q.ageDays })}` : who;
  }
  if (l.cardPriceSource === 'scenario') return f.t('report.givenInFile');
  if (l.cardPriceSource === 'default') return f.t('report.cmp.defaultPrice');
  return f.t('report.cmp.noPrice');
}

function pricesTable(m: ReportModel, f: Fmt): string {
  const rows: string[] = [];
  m.evaluation.builds.forEach((b, i) => {
    const bid = m.bids?.bids[i];
    b.lines.forEach((l) => {
      const cardSrc = bid ? `${f.t('report.bidPrice')}: ${bid.vendor}` : cardSource(l, f, true);
      rows.push(`<tr><td>${esc(b.name)}</td><td>${esc(l.accelerator)}</td><td class="num">${f.money(l.cardPrice)}</td><td>${esc(cardSrc)}</td><td class="num">${esc(bid ? m.date : '')}</td><td>${priceBadges(l, !bid, f.t)}</td></tr>`);
      const server = m.snapshot.servers.find((s) => s.name === l.server.name);
      const hostSrc =
        l.server.source === 'scenario'
          ? { title: bid ? `${f.t('report.bidPrice')}: ${bid.vendor}` : f.t('report.givenInFile'), asOf: bid ? m.date : '', estimate: false }
          : l.server.source === 'catalog' && server
            ? server.source
            : { title: f.t('report.defaultHost'), asOf: '', estimate: true };
      rows.push(`<tr><td></td><td>${esc(l.server.name)} × ${l.server.count}</td><td class="num">${f.money(l.server.price)}</td><td>${sourceCell(hostSrc, f)}</td></tr>`);
    });
  });
  return `<table class="sources"><thead><tr><th>${f.t('report.item')}</th><th>${f.t('report.lineItem')}</th><th class="num">${f.t('report.unitExVat')}</th><th>${f.t('report.source')}</th><th class="num">${f.t('report.asOf')}</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function assumptionsSection(m: ReportModel, f: Fmt): string {
  const a = m.evaluation.assumptions;
  const site = m.snapshot.sites.find((s) => s.name === a.site.name);
  const fin = a.finance;
  const latest = latestFxRates(m.snapshot.fx);
  const fx = Object.entries(a.fx).map(([cur, rate]) => {
    const rec = latest.get(cur as Currency);
    const fromFile = (m.bids?.file.fx ?? {})[cur as keyof typeof a.fx] !== undefined;
    return `<tr><td>${esc(cur)}</td><td class="num">${f.num(rate as number, 4)}</td><td>${fromFile || !rec ? `${f.t('report.givenInFile')}</td><td></td><td>` : sourceCell(rec.source, f)}</td></tr>`;
  });
  const c = m.bids?.file.requirement.constraints;
  const constraints = m.bids
    ? kv([
        [f.t('report.required'), m.bids.requiredTokensPerSecond === undefined ? f.t('report.none') : f.kpi('tokPerSec', m.bids.requiredTokensPerSecond)],
        [f.t('bids.budgetCap'), c?.budgetCap ? `${esc(c.budgetCap.currency)} ${f.num(c.budgetCap.amount)} (${f.t(c.budgetCap.vatIncluded ? 'bids.vatIncluded' : 'report.exVatBasis')})` : f.t('report.none')],
        [f.t('bids.maxPowerKW'), c?.maxFacilityPowerKW === undefined ? f.t('report.none') : f.kpi('kW', c.maxFacilityPowerKW)],
        [f.t('bids.deadline'), esc(c?.deliveryDeadline ?? f.t('report.none'))],
        [f.t('bids.awardDate'), esc(m.bids.awardDate)],
        [f.t('bids.maxRisk'), c?.maxRiskScore === undefined ? f.t('report.none') : f.kpi('score', c.maxRiskScore)],
        [f.t('report.domesticShare'), c?.minDomesticShare === undefined ? f.t('report.none') : `≥ ${f.pct(c.minDomesticShare, 0)}`],
      ])
    : '';
  const eff = [...new Map(m.evaluation.builds.flatMap((b) => b.lines.map((l) => [l.accelerator, `${l.mbu} / ${l.mfu} (${l.engine.name})`] as const))).entries()];
  return `<section class="assumptions">
<h2>${f.t('report.assumptions')}</h2>
<div class="cols"><div>
${m.bids ? `<h3>${f.t('report.constraints')}</h3>${constraints}` : ''}
<h3>${f.t('report.site')}</h3>
${kv([
  [f.t('builds.site'), esc(a.site.name)],
  [f.t('builds.powerPrice'), `${f.num(a.site.powerPricePerKWh, 3)} ${esc(m.currency)}/kWh`],
  [f.t('builds.pue'), f.num(a.site.pue, 2)],
  [f.t('builds.jurisdiction'), esc(f.t(`builds.jurisdictions.${a.site.jurisdiction}`))],
  [f.t('report.source'), site ? `${esc(site.source.title)} (${esc(site.source.asOf)})${site.source.estimate ? ` <span class="badge est">${f.t('report.estimate')}</span>` : ''}` : f.t('report.givenInFile')],
])}
</div><div>
<h3>${f.t('report.workload')}</h3>
${workloadFacts(a, f)}
<h3>${f.t('report.finance')}</h3>
${kv([
  [f.t('builds.years'), f.num(fin.years)],
  [f.t('builds.discountRate'), f.pct(fin.discountRate)],
  [f.t('builds.utilization'), f.pct(fin.utilization, 0)],
  [f.t('builds.maintenanceRate'), f.pct(fin.maintenanceRate)],
  [f.t('builds.residualValueRate'), f.pct(fin.residualValueRate, 0)],
])}
</div></div>
<h3>${f.t('report.efficiency')}</h3>
<p>${eff.map(([k, v]) => `${esc(k)}: ${v}`).join('; ')}</p>
${fx.length ? `<h3>${f.t('report.fx')}</h3><table><thead><tr><th></th><th class="num">CNY</th><th>${f.t('report.source')}</th><th class="num">${f.t('report.asOf')}</th><th></th></tr></thead><tbody>${fx.join('')}</tbody></table>` : ''}
<h3>${f.t('report.specs')}</h3>
${specsTable(m, f)}
<h3>${f.t('report.prices')}</h3>
${pricesTable(m, f)}
</section>`;
}

export function signoffSection(m: ReportModel, f: Fmt): string {
  const row = (role: string, name: string) => `<tr><td class="role">${f.t(`report.${role}`)}</td><td class="line">${esc(name)}</td><td class="line"></td><td class="line"></td></tr>`;
  return `<section class="signoff flow">
<h2>${f.t('report.signoff')}</h2>
<table class="signoff"><thead><tr><th style="width:22mm">${f.t('report.role')}</th><th style="width:62mm">${f.t('report.name')}</th><th>${f.t('report.signature')}</th><th style="width:32mm">${f.t('report.date')}</th></tr></thead>
<tbody>${row('prepared', m.preparedBy)}${row('reviewed', '')}${row('approved', '')}</tbody></table>
<p class="small muted">${esc(m.documentNumber)} · ${esc(m.date)}</p>
</section>`;
}

/** The flags of a catalog price (shared/domain/price-policy): estimate, expired, stale; none for a bid's own price. */
function priceBadges(l: { cardPriceSource: string; cardPriceQuote?: { estimate: boolean; expired: boolean; stale: boolean } }, catalogPrice: boolean, t: (k: string) => string): string {
  if (!catalogPrice) return '';
  const q = l.cardPriceQuote;
  const keys = [
    ...(l.cardPriceSource === 'default' || q?.estimate ? ['report.estimate'] : []),
    ...(q?.expired ? ['report.expired'] : []),
    ...(q?.stale && !q.expired ? ['report.stale'] : []),
  ];
  return keys.map((k) => `<span class="badge est">${t(k)}</span>`).join(' ');
}
