/**
 * The build-comparison report (a scenario: the Compare page's export), its own document, not the
 * bid report's: a cover with purpose, scope, key assumptions and the recommendation; an executive
 * summary (why, the ranking, prices to check); the key figures; charts; per-build detail; the
 * prices used with supplier, date, age and estimate/stale/expired flags (shared/domain/price-policy);
 * specifications and sources; sign-off. Headings keep with what follows (style.ts: .keep groups).
 */
import { KPIS, bestIndex } from '../../shared/report/kpis';
import { priceLines, bidTotals } from '../../shared/bids/price-lines';
import { sourceOf } from '../../shared/domain/accelerator';
import { localName } from '../../shared/domain/catalog';
import type { BuildResult, LineResult } from '../../shared/scenario/evaluate';
import { reportCharts } from './charts';
import { esc, figureLabel, type Fmt } from './format';
import type { ReportModel } from './model';
import { cardSource, kv, signoffSection, workloadFacts } from './sections';

/** VAT assumed on scenario builds' prices (China, goods): their quotes are held ex VAT. */
const SCENARIO_VAT = 0.13;

const badge = (text: string, kind = 'est') => `<span class="badge ${kind}">${esc(text)}</span>`;

export const meetsTargets = (b: BuildResult): boolean => b.outputTokensPerSecond > 0 && b.lines.every((l) => l.meetsTargets);

/** The recommended build: the lowest cost per million output tokens among those meeting the targets (order is already by that cost). */
export function recommendedBuild(m: ReportModel): { pick?: number; next?: number } {
  const ok = m.order.filter((i) => meetsTargets(m.evaluation.builds[i]!) && m.evaluation.builds[i]!.costPerMillionOutputTokens !== null);
  return { pick: ok[0], next: ok[1] };
}

interface Flags {
  estimate: boolean;
  stale: boolean;
  expired: boolean;
}
function lineFlags(l: LineResult): Flags {
  const q = l.cardPriceQuote;
  return { estimate: l.cardPriceSource === 'default' || l.cardPriceSource === 'none' || !!q?.estimate, stale: !!q?.stale && !q.expired, expired: !!q?.expired };
}
function flagBadges(x: Flags, f: Fmt): string {
  return [x.estimate ? badge(f.t('report.estimate')) : '', x.stale ? badge(f.t('report.stale')) : '', x.expired ? badge(f.t('report.expired'), 'fail') : ''].filter(Boolean).join(' ');
}

/** The site as the reader writes it: a catalog site (by name or slug) in Chinese in zh-CN; a site of the file's own as given. */
function siteName(m: ReportModel): string {
  const name = m.evaluation.assumptions.site.name;
  const site = m.snapshot.sites.find((s) => s.name === name || s.slug === name || s.nameZh === name);
  return site ? localName(site, m.lang) : name;
}

function engines(m: ReportModel): string {
  return [...new Set(m.evaluation.builds.flatMap((b) => b.lines.map((l) => l.engine.name)))].join(', ');
}

function recommendationText(m: ReportModel, f: Fmt): string {
  const builds = m.evaluation.builds;
  const w = m.evaluation.assumptions.workload;
  const { pick, next } = recommendedBuild(m);
  if (pick === undefined) {
    const cheapest = builds[m.order[0] ?? 0];
    return `<div class="callout none" data-recommendation>${esc(f.t('report.cmp.recommendNone', { tpot: f.num(w.tpotMs), ttft: f.num(w.ttftMs), build: cheapest?.name ?? '–', value: f.kpi('moneyPerMTok', cheapest?.costPerMillionOutputTokens ?? null) }))}</div>`;
  }
  const b = builds[pick]!;
  let why = f.t('report.cmp.onlyOne');
  if (next !== undefined) {
    const n = builds[next]!;
    const pct = 1 - (b.costPerMillionOutputTokens ?? 0) / (n.costPerMillionOutputTokens ?? 1);
    why = f.t('report.cmp.margin', { pct: f.pct(pct, 1), next: n.name, value: f.kpi('moneyPerMTok', n.costPerMillionOutputTokens) });
  }
  const text = f.t('report.cmp.recommend', { build: b.name, value: f.kpi('moneyPerMTok', b.costPerMillionOutputTokens), tco: f.money(b.tco), risk: f.kpi('score', b.risk.score) });
  return `<div class="callout" data-recommendation>${esc(text)} ${esc(why)}<br><span class="small muted">${esc(f.t('report.cmp.modelOutput'))}</span></div>`;
}

function cover(m: ReportModel, f: Fmt): string {
  const a = m.evaluation.assumptions;
  const w = a.workload;
  const n = m.evaluation.builds.length;
  const purpose = f.t('report.cmp.purposeText', { n, model: w.model, site: siteName(m), years: a.finance.years, tpot: f.num(w.tpotMs), ttft: f.num(w.ttftMs) });
  return `<section class="cover">
<div class="cover-band"></div>
<h1>${esc(m.title)}</h1>
<p class="subtitle">${esc(f.t('report.cmp.subtitle', { n }))}</p>
<dl>
  <dt>${f.t('report.cmp.purpose')}</dt><dd class="text">${esc(purpose)}</dd>
  <dt>${f.t('report.date')}</dt><dd>${esc(m.date)}</dd>
  <dt>${f.t('report.preparedBy')}</dt><dd>${esc(m.preparedBy || ' ')}</dd>
  <dt>${f.t('report.documentNumber')}</dt><dd data-doc-number>${esc(m.documentNumber)}</dd>
  <dt>${f.t('report.cmp.scope')}</dt><dd>${m.evaluation.builds.map((b) => esc(b.name)).join('<br>')}</dd>
</dl>
${m.requirementText ? `<p class="description">${esc(m.requirementText)}</p>` : ''}
<div class="keep">
<h3>${f.t('report.cmp.keyAssumptions')}</h3>
${kv([
  [f.t('report.site'), esc(f.t('report.cmp.siteValue', { site: siteName(m), pue: f.qty('pue', a.site.pue) }))],
  [f.t('report.cmp.powerPrice'), `${f.qty('powerPrice', a.site.powerPricePerKWh)} ${esc(m.currency)}/kWh`],
  [f.t('report.cmp.horizon'), esc(f.t('report.cmp.horizonValue', { years: a.finance.years, rate: f.pct(a.finance.discountRate), util: f.pct(a.finance.utilization) }))],
  [f.t('report.workload'), esc(f.t('report.cmp.workloadValue', { model: w.model, input: f.num(w.inputTokens), output: f.num(w.outputTokens), tpot: f.num(w.tpotMs), ttft: f.num(w.ttftMs) }))],
  [f.t('report.cmp.engine'), esc(engines(m))],
])}
</div>
<div class="keep"><h3>${f.t('report.recommendation')}</h3>${recommendationText(m, f)}</div>
<p class="confidential">${f.t('report.cmp.confidential')}</p>
</section>`;
}

function summary(m: ReportModel, f: Fmt): string {
  const builds = m.evaluation.builds;
  const rows = m.order
    .map((i, pos) => {
      const b = builds[i]!;
      const ok = meetsTargets(b);
      return `<tr data-rank="${pos + 1}"><td class="num">${pos + 1}</td><td>${esc(b.name)}</td><td class="num">${f.kpi('moneyPerMTok', b.costPerMillionOutputTokens)}</td><td class="num">${f.money(b.tco)}</td><td class="num">${f.kpi('tokPerSec', b.outputTokensPerSecond)}</td><td class="num">${f.kpi('score', b.risk.score)}</td><td>${ok ? badge(f.t('report.cmp.yes'), 'pass') : badge(f.t('report.cmp.no'), 'fail')}</td></tr>`;
    })
    .join('');
  const missing = builds.filter((b) => !meetsTargets(b)).map((b) => b.name);
  const lines = builds.flatMap((b) => b.lines.map(lineFlags));
  const count = (k: keyof Flags) => lines.filter((x) => x[k]).length;
  const flagged = count('estimate') + count('stale') + count('expired');
  const warnings = m.evaluation.warnings;
  return `<section class="summary">
<h2>${f.t('report.cmp.summary')}</h2>
<div class="keep"><h3>${f.t('report.recommendation')}</h3>${recommendationText(m, f)}
${missing.length ? `<p>${esc(f.t('report.cmp.missesTargets', { builds: missing.join(', ') }))}</p>` : ''}
<p data-price-flags>${esc(flagged ? f.t('report.cmp.priceFlags', { estimates: count('estimate'), stale: count('stale'), expired: count('expired') }) : f.t('report.cmp.pricesOk'))}</p></div>
<div class="keep"><h3>${f.t('report.ranking')}</h3>
<table class="ranking"><thead><tr><th class="num">${f.t('bids.rank')}</th><th>${f.t('report.item')}</th><th class="num">${f.t('kpi.costPerMillionOutputTokens')}</th><th class="num">${f.t('kpi.tco')}</th><th class="num">${f.t('kpi.outputTokensPerSecond')}</th><th class="num">${f.t('kpi.risk')}</th><th>${f.t('report.cmp.meetsTargets')}</th></tr></thead><tbody>${rows}</tbody></table></div>
${warnings.length ? `<div class="keep"><h3>${f.t('report.warnings')}</h3><ul class="small">${warnings.map((x) => `<li>${esc(x)}</li>`).join('')}</ul></div>` : ''}
${kpiTable(m, f)}
</section>`;
}

function kpiTable(m: ReportModel, f: Fmt): string {
  const builds = m.order.map((i) => m.evaluation.builds[i]!);
  const head = builds.map((b) => `<th class="num">${esc(b.name)}</th>`).join('');
  const rows = KPIS.map((k) => {
    const values = builds.map((b) => k.value(b));
    if (values.every((v) => v === null)) return '';
    const best = bestIndex(k, values);
    const cells = values.map((v, i) => `<td class="num${i === best && builds.length > 1 ? ' best' : ''}">${esc(k.key === 'bound' ? f.t(`bound.${String(v)}`) : f.kpi(k.unit, v, values))}</td>`);
    return `<tr><td>${f.t(`kpi.${k.key}`)}</td>${cells.join('')}</tr>`;
  }).join('');
  return `<div class="keep-head"><h3>${f.t('report.kpiTable')}</h3>
<table class="kpi-table"><thead><tr><th></th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function charts(m: ReportModel, f: Fmt): string {
  const builds = m.evaluation.builds;
  const finance = builds.map(() => ({ discountRate: m.evaluation.assumptions.finance.discountRate, years: m.evaluation.assumptions.finance.years }));
  const all = reportCharts(builds, builds[m.focus], { lang: m.lang, dark: false, currency: m.currency, finance }, Math.round(m.evaluation.assumptions.sensitivityDelta * 100));
  const blocks = all.map((c) => `<div class="chart" data-chart="${c.key}">${c.svg}</div>`);
  const pages: string[] = [];
  for (let i = 0; i < blocks.length; i += 2) pages.push(`<section class="charts">${i === 0 ? `<h2>${f.t('report.charts')}</h2>` : ''}${blocks.slice(i, i + 2).join('')}</section>`);
  return pages.join('\n');
}

function buildDetail(b: BuildResult, f: Fmt): string {
  const lines = priceLines(b, { vatRate: SCENARIO_VAT });
  const t = bidTotals(lines, SCENARIO_VAT, b.currency);
  const kind = (k: string) => f.t(`report.${k === 'cards' ? 'cards' : k === 'hosts' ? 'hosts' : 'network'}`);
  const priceRows = lines.map((l) => `<tr><td>${kind(l.kind)}: ${esc(l.item)}</td><td class="num">${f.num(l.qty)}</td><td class="num">${f.money(l.unitExVat)}</td><td class="num">${f.money(l.totalExVat)}</td><td class="num">${f.money(l.totalInclVat)}</td></tr>`).join('');
  const perf = b.lines
    .map((l) => `<tr><td>${esc(l.accelerator)}</td><td>${esc(f.t(`builds.roles.${l.role}`))}</td><td class="num">${f.num(l.count)}</td><td class="num">${f.num(l.groupSize)} / ${f.num(l.batch)}</td><td class="num">${f.kpi('tokPerSec', l.outputTokensPerSecond)}</td><td>${esc(f.t(`bound.${l.bound}`))}${l.meetsTargets ? '' : ` ${badge(f.t('report.cmp.no'), 'fail')}`}</td><td class="num">${l.tpotMs ? f.qty('ms', l.tpotMs) : '–'} / ${l.ttftMs ? f.num(l.ttftMs) : '–'}</td><td class="num">${f.pct(l.mbu, 0)} / ${f.pct(l.mfu, 0)}</td><td>${esc(l.engine.name)}</td></tr>`)
    .join('');
  return `<div class="build keep" data-build="${esc(b.name)}">
<h3>${f.t('report.buildDetails', { build: esc(b.name) })}</h3>
<table class="lines"><thead><tr><th>${f.t('report.cmp.buildLines')}</th><th class="num">${f.t('report.qty')}</th><th class="num">${f.t('report.unitExVat')}</th><th class="num">${f.t('report.totalExVat')}</th><th class="num">${f.t('report.totalInclVat')}</th></tr></thead>
<tbody>${priceRows}<tr><td colspan="3"><b>${f.t('report.cmp.total')}</b> <span class="small muted">(${esc(f.t('report.vatAssumed', { rate: f.pct(SCENARIO_VAT, 0) }))})</span></td><td class="num"><b>${f.money(t.exVat)}</b></td><td class="num"><b>${f.money(t.inclVat)}</b></td></tr></tbody></table>
<table class="perf"><thead><tr><th>${f.t('bids.accelerator')}</th><th>${f.t('report.cmp.role')}</th><th class="num">${f.t('bids.count')}</th><th class="num">${f.t('report.group')} / ${f.t('report.batch')}</th><th class="num">${f.t('kpi.outputTokensPerSecond')}</th><th>${f.t('kpi.bound')}</th><th class="num">TPOT / TTFT (ms)</th><th class="num">MBU / MFU</th><th>${f.t('step.engine')}</th></tr></thead><tbody>${perf}</tbody></table>
</div>`;
}

function details(m: ReportModel, f: Fmt): string {
  return `<section class="detail">
<h2>${f.t('report.cmp.perBuild')}</h2>
${m.order.map((i) => buildDetail(m.evaluation.builds[i]!, f)).join('\n')}
<p class="small muted">${f.t('report.perfNote')}</p>
</section>`;
}

function pricesUsed(m: ReportModel, f: Fmt): string {
  const rows: string[] = [];
  for (const i of m.order) {
    const b = m.evaluation.builds[i]!;
    b.lines.forEach((l, k) => {
      const q = l.cardPriceQuote;
      rows.push(`<tr data-price-line><td>${k === 0 ? esc(b.name) : ''}</td><td>${esc(l.accelerator)}</td><td class="num">${f.money(l.cardPrice)}</td><td>${esc(cardSource(l, f))}</td><td class="num">${q ? esc(q.quoteDate) : '–'}</td><td class="num">${q ? f.num(q.ageDays) : '–'}</td><td>${flagBadges(lineFlags(l), f)}</td></tr>`);
      const server = m.snapshot.servers.find((s) => s.name === l.server.name);
      const host = l.server.source === 'scenario' ? { title: f.t('report.givenInFile'), asOf: '', estimate: false } : l.server.source === 'catalog' && server ? server.source : { title: f.t('report.defaultHost'), asOf: '', estimate: true };
      rows.push(`<tr><td></td><td>${esc(l.server.name)} × ${f.num(l.server.count)}</td><td class="num">${f.money(l.server.price)}</td><td>${esc(host.title)}</td><td class="num">${esc(host.asOf || '–')}</td><td></td><td>${host.estimate ? badge(f.t('report.estimate')) : ''}</td></tr>`);
    });
  }
  return `<div class="keep-head"><h3>${f.t('report.prices')}</h3>
<table class="sources prices"><thead><tr><th>${f.t('report.item')}</th><th>${f.t('report.lineItem')}</th><th class="num">${f.t('report.unitExVat')}</th><th>${f.t('report.cmp.supplier')}</th><th class="num">${f.t('report.asOf')}</th><th class="num">${f.t('report.cmp.age')}</th><th>${f.t('report.cmp.flags')}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** One row per accelerator, the figures side by side, the sources (with estimates marked) under it. */
function specs(m: ReportModel, f: Fmt): string {
  const slugs = [...new Set(m.evaluation.builds.flatMap((b) => b.lines.map((l) => l.slug ?? `inline:${l.accelerator}`)))];
  const keys = ['memoryGB', 'memoryBandwidthTBps', 'tflops.bf16', 'tflops.fp8', 'tdpW', 'scaleUpGBps'] as const;
  const rows = slugs.map((slug) => {
    const a = m.snapshot.accelerators.find((x) => x.slug === slug);
    if (!a) return `<tr><td><b>${esc(slug.replace(/^inline:/, ''))}</b></td><td colspan="7">${f.t('report.givenInFile')} ${badge(f.t('report.estimate'))}</td></tr>`;
    const opt = (v: number | undefined, q: Parameters<Fmt['qty']>[0]) => (v === undefined ? '–' : f.qty(q, v));
    const srcs = new Map<string, { title: string; asOf: string; estimate: boolean }>();
    for (const k of keys) {
      const s = sourceOf(a, k);
      const key = `${s.title}|${s.asOf}`;
      const prev = srcs.get(key);
      srcs.set(key, { title: s.title, asOf: s.asOf, estimate: (prev?.estimate ?? false) || !!s.estimate });
    }
    const src = [...srcs.values()].map((s) => `${esc(s.title)} (${esc(s.asOf || '–')})${s.estimate ? ` ${badge(f.t('report.estimate'))}` : ''}`).join('; ');
    return `<tr><td><b>${esc(`${a.vendor} ${a.model}`)}</b></td><td class="num">${f.num(a.memoryGB)} GB ${esc(a.memoryType)}</td><td class="num">${f.qty('bandwidthTBps', a.memoryBandwidthTBps)}</td><td class="num">${opt(a.tflops.bf16 ?? a.tflops.fp16, 'tflops')}</td><td class="num">${opt(a.tflops.fp8, 'tflops')}</td><td class="num">${f.qty('watts', a.tdpW)}</td><td class="num">${opt(a.scaleUpGBps, 'gbps')}</td><td>${esc(a.softwareStack)}</td></tr><tr class="src"><td></td><td colspan="7" class="small muted">${f.t('report.cmp.sources')}: ${src}</td></tr>`;
  });
  const h = (k: string, unit: string) => `<th class="num">${esc(figureLabel(f.lang, k))} (${unit})</th>`;
  return `<div class="keep-head"><h3>${f.t('report.specs')}</h3>
<table class="sources specs"><thead><tr><th>${f.t('bids.accelerator')}</th><th class="num">${esc(figureLabel(f.lang, 'memoryGB'))}</th>${h('memoryBandwidthTBps', 'TB/s')}${h('tflops.bf16', 'TFLOPS')}${h('tflops.fp8', 'TFLOPS')}${h('tdpW', 'W')}${h('scaleUpGBps', 'GB/s')}<th>${esc(figureLabel(f.lang, 'softwareStack'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function assumptions(m: ReportModel, f: Fmt): string {
  const a = m.evaluation.assumptions;
  const site = m.snapshot.sites.find((s) => s.name === a.site.name);
  const fin = a.finance;
  const eff = [...new Map(m.evaluation.builds.flatMap((b) => b.lines.map((l) => [l.accelerator, `${f.pct(l.mbu, 0)} / ${f.pct(l.mfu, 0)} (${esc(l.engine.name)})`] as const))).entries()];
  return `<section class="assumptions">
<h2>${f.t('report.assumptions')}</h2>
<div class="cols"><div class="keep">
<h3>${f.t('report.site')}</h3>
${kv([
  [f.t('builds.site'), esc(siteName(m))],
  [f.t('report.cmp.powerPrice'), `${f.qty('powerPrice', a.site.powerPricePerKWh)} ${esc(m.currency)}/kWh`],
  [f.t('builds.pue'), f.qty('pue', a.site.pue)],
  [f.t('builds.jurisdiction'), esc(f.t(`builds.jurisdictions.${a.site.jurisdiction}`))],
  [f.t('report.source'), site ? `${esc(site.source.title)} (${esc(site.source.asOf)})${site.source.estimate ? ` ${badge(f.t('report.estimate'))}` : ''}` : f.t('report.givenInFile')],
])}
<h3>${f.t('report.finance')}</h3>
${kv([
  [f.t('builds.years'), f.num(fin.years)],
  [f.t('builds.discountRate'), f.pct(fin.discountRate)],
  [f.t('builds.utilization'), f.pct(fin.utilization)],
  [f.t('builds.maintenanceRate'), f.pct(fin.maintenanceRate)],
  [f.t('builds.residualValueRate'), f.pct(fin.residualValueRate)],
])}
</div><div class="keep">
<h3>${f.t('report.workload')}</h3>
${workloadFacts(a, f)}
<h3>${f.t('report.efficiency')}</h3>
${kv(eff.map(([k, v]) => [esc(k), v]))}
</div></div>
${pricesUsed(m, f)}
${specs(m, f)}
</section>`;
}

/** The comparison report's body (html.ts wraps it with the fonts, CSS and running header). */
export function comparisonBody(m: ReportModel, f: Fmt): string {
  return [cover(m, f), summary(m, f), charts(m, f), details(m, f), assumptions(m, f), signoffSection(m, f)].join('\n');
}
