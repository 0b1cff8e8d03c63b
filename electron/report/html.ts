/**
 * The report template, for both languages. A bid file: cover, executive summary with the
 * recommendation and ranking, KPI comparison, charts, a detail page per bid, assumptions and data
 * sources, and the sign-off block. A scenario: the comparison report (comparison.ts). Self-contained HTML: fonts and charts
 * inline, no script, a CSP that allows nothing else.
 */
import { KPIS, bestIndex } from '../../shared/report/kpis';
import { describeFailure } from '../../shared/bids/constraints';
import type { BuildResult } from '../../shared/scenario/evaluate';
import { reportCharts } from './charts';
import { comparisonBody } from './comparison';
import { esc, formatter, type Fmt } from './format';
import { fontFaceCss } from './fonts';
import type { ReportModel } from './model';
import { assumptionsSection, detailSections, signoffSection } from './sections';
import { committeeSections } from './committee';
import { reportCss } from './style';
import { nearTie, NEAR_TIE_POINTS } from '../../shared/bids/near-tie';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

function cover(m: ReportModel, f: Fmt): string {
  return `<section class="cover">
<div class="cover-band"></div>
<h1>${esc(m.title)}</h1>
<p class="subtitle">${esc(m.requirementName)}</p>
<dl>
  <dt>${f.t('report.requirement')}</dt><dd>${esc(m.requirementName || '–')}</dd>
  <dt>${f.t('report.date')}</dt><dd>${esc(m.date)}</dd>
  <dt>${f.t('report.preparedBy')}</dt><dd>${esc(m.preparedBy || ' ')}</dd>
  <dt>${f.t('report.documentNumber')}</dt><dd data-doc-number>${esc(m.documentNumber)}</dd>
</dl>
${m.requirementText ? `<p class="description">${esc(m.requirementText)}</p>` : ''}
<p class="confidential">${f.t('report.confidential')}</p>
</section>`;
}

/** The two best valid bids within half a point: the committee checks the scores before the award (the Bids page says the same). */
function nearTieNote(be: NonNullable<ReportModel['bids']>, f: Fmt): string {
  const close = nearTie(be);
  if (!close) return '';
  return `<p class="small" data-near-tie>${f.t('nearTie.note', { points: f.num(NEAR_TIE_POINTS, 1), first: esc(close.first), second: esc(close.second), gap: f.num(close.gap, 2) })}</p>`;
}

function bidSummary(m: ReportModel, f: Fmt): string {
  const be = m.bids!;
  const name = (i: number) => esc(be.bids[i]!.label);
  let call: string;
  if (be.recommended.length === 1) {
    const b = be.bids[be.recommended[0]!]!;
    call = `<div class="callout" data-recommendation>${f.t('report.recommend', { vendor: name(b.index), score: f.num(b.totalScore ?? 0, 2), max: f.num(be.maxPoints, 0), price: f.money(b.evaluatedPrice) })}</div>`;
  } else if (be.recommended.length > 1) {
    call = `<div class="callout" data-recommendation>${f.t('report.recommendTie', { vendors: be.recommended.map(name).join(', ') })}</div>`;
  } else {
    call = `<div class="callout none" data-recommendation>${f.t('report.recommendNone')}</div>`;
  }
  const rows = be.ranking
    .map((i) => {
      const b = be.bids[i]!;
      return `<tr data-rank="${b.rank}"><td class="num">${b.rank}${b.tied ? ` <span class="badge tie">${f.t('bids.tied')}</span>` : ''}</td><td>${name(i)}</td><td class="num">${f.money(b.evaluatedPrice)}</td><td class="num">${f.num(b.priceScore ?? 0, 2)}</td><td class="num">${f.num(b.technicalScore ?? 0, 2)}</td><td class="num"><b>${f.num(b.totalScore ?? 0, 2)}</b></td></tr>`;
    })
    .join('');
  const failing = be.bids.filter((b) => !b.pass);
  const failRows = failing
    .map((b) => `<tr><td>${name(b.index)}</td><td><ul class="reasons">${b.failures.map((x) => `<li>${esc(describeFailure(x, m.lang, m.currency))}</li>`).join('')}</ul></td></tr>`)
    .join('');
  const w = be.weights;
  const method = f.t('report.methodText', {
    price: w.price,
    basis: f.t(`bids.${be.file.scoring.evaluatedPrice}`),
    vat: f.t(be.file.scoring.includeVat ? 'report.inclVatBasis' : 'report.exVatBasis'),
    cpm: w.costPerMTok,
    tpw: w.tokensPerWatt,
    risk: w.supplyRisk,
    delivery: w.delivery,
  });
  return `<section class="summary">
<h2>${f.t('report.summary')}</h2>
<h3>${f.t('report.recommendation')}</h3>
${call}
${nearTieNote(be, f)}
<h3>${f.t('report.ranking')}</h3>
${rows ? `<table class="ranking"><thead><tr><th class="num">${f.t('bids.rank')}</th><th>${f.t('bids.vendor')}</th><th class="num">${f.t('bids.evaluatedPriceCol')}</th><th class="num">${f.t('bids.priceScore')} (${w.price})</th><th class="num">${f.t('bids.technicalScore')} (${be.maxPoints - w.price})</th><th class="num">${f.t('bids.totalScore')} (${be.maxPoints})</th></tr></thead><tbody>${rows}</tbody></table>` : `<p class="muted">${f.t('bids.noneRecommended')}</p>`}
${failing.length ? `<h3>${f.t('report.failingBids')}</h3><table><thead><tr><th style="width:35%">${f.t('bids.vendor')}</th><th>${f.t('bids.reasons')}</th></tr></thead><tbody>${failRows}</tbody></table>` : ''}
<h3>${f.t('report.method')}</h3>
<p class="small">${esc(method)}</p>
${be.warnings.length ? `<h3>${f.t('report.warnings')}</h3><ul class="small">${be.warnings.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : ''}
</section>`;
}

/** KPI rows × builds, the best value of each row marked; bids add their terms and scores. */
function kpiTable(m: ReportModel, f: Fmt): string {
  const builds = m.order.map((i) => m.evaluation.builds[i]!);
  const head = builds.map((b) => `<th class="num">${esc(b.name)}</th>`).join('');
  const row = (label: string, cells: string[]) => `<tr><td>${label}</td>${cells.join('')}</tr>`;
  const rows = KPIS.map((k) => {
    const values = builds.map((b) => k.value(b));
    const best = bestIndex(k, values);
    return row(
      f.t(`kpi.${k.key}`),
      values.map((v, i) => {
        const shown = k.key === 'bound' ? f.t(`bound.${String(v)}`) : f.kpi(k.unit, v);
        return `<td class="num${i === best && builds.length > 1 ? ' best' : ''}">${esc(shown)}</td>`;
      }),
    );
  });
  if (m.bids) {
    const bids = m.order.map((i) => m.bids!.bids[i]!);
    rows.unshift(
      row(f.t('bids.status'), bids.map((b) => `<td class="num"><span class="badge ${b.pass ? 'pass' : 'fail'}">${f.t(b.pass ? 'bids.pass' : 'bids.fail')}</span></td>`)),
      row(f.t('bids.totalScore'), bids.map((b) => `<td class="num"><b>${b.totalScore === null ? '–' : f.num(b.totalScore, 2)}</b></td>`)),
      row(f.t('bids.bidTotal'), bids.map((b) => `<td class="num">${f.money(b.bidTotalInclVat)}</td>`)),
      row(f.t('report.delivery'), bids.map((b) => `<td class="num">${esc(f.t('report.weeks', { n: b.deliveryWeeks, date: b.deliveryDate }))}</td>`)),
      row(f.t('report.warranty'), bids.map((b) => `<td class="num">${esc(f.t('report.years', { n: b.warrantyYears }))}</td>`)),
      row(f.t('report.domesticShare'), bids.map((b) => `<td class="num">${f.pct(b.domesticShare, 0)}</td>`)),
    );
  }
  return `<section class="kpis">
<h2>${f.t('report.kpiTable')}</h2>
<table class="kpi-table"><thead><tr><th></th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>
<p class="small muted">${esc(f.t('report.assumptions'))}: ${esc(m.evaluation.assumptions.site.name)}; ${esc(m.evaluation.assumptions.workload.model)}; ${m.evaluation.assumptions.finance.years} × ${f.pct(m.evaluation.assumptions.finance.discountRate)}.</p>
</section>`;
}

function chartsSection(m: ReportModel, f: Fmt): string {
  const builds = m.evaluation.builds;
  const finance = builds.map(() => ({ discountRate: m.evaluation.assumptions.finance.discountRate, years: m.evaluation.assumptions.finance.years }));
  const focus: BuildResult | undefined = builds[m.focus];
  const charts = reportCharts(builds, focus, { lang: m.lang, dark: false, currency: m.currency, finance }, Math.round(m.evaluation.assumptions.sensitivityDelta * 100));
  const blocks = charts.map((c) => `<div class="chart" data-chart="${c.key}">${c.svg}</div>`);
  const pages: string[] = [];
  for (let i = 0; i < blocks.length; i += 2) pages.push(`<section class="charts">${i === 0 ? `<h2>${f.t('report.charts')}</h2>` : ''}${blocks.slice(i, i + 2).join('')}</section>`);
  return pages.join('\n');
}

export function renderReportHtml(m: ReportModel): string {
  const f = formatter(m.lang, m.currency, m.cnyUnit);
  // a scenario is a comparison of builds: its own document (comparison.ts), not the bid report
  const body = m.bids
    ? [cover(m, f), bidSummary(m, f), kpiTable(m, f), chartsSection(m, f), detailSections(m, f), committeeSections(m, f), assumptionsSection(m, f), signoffSection(m, f)].join('\n')
    : comparisonBody(m, f);
  const headerLeft = `${m.title.length > 70 ? `${m.title.slice(0, 69)}…` : m.title} · ${m.documentNumber}`;
  const css = reportCss(m.lang, { left: headerLeft, right: m.date });
  // fonts last: only the slices holding a character of the finished document are embedded
  const fonts = fontFaceCss(body + css);
  return `<!doctype html>
<html lang="${m.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${esc(m.title)}</title>
<style>${fonts}</style>
<style>${css}</style>
</head>
<body>
${body}
</body>
</html>`;
}
