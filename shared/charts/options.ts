/**
 * echarts options for the comparison charts, built once here and used by the Compare page
 * (canvas/SVG in the browser) and by the PDF report (SVG rendered server-side).
 * Labels come from the shared UI strings, so charts follow the UI language.
 */
import type { BuildResult } from '../scenario/evaluate';
import { currencySymbol, type Currency } from '../money';
import { formatMoneyShort } from '../format';
import { tr, type Lang } from '../i18n/translate';
import { TCO_PARTS, cumulativeCost, tcoBreakdown } from '../report/breakdown';

export interface ChartContext {
  lang: Lang;
  dark: boolean;
  currency: Currency;
  /** Per build, the finance assumptions it was evaluated with. */
  finance: { discountRate: number; years: number }[];
}

/** A plain JSON echarts option (kept untyped here so shared/ does not depend on echarts). */
export type ChartOption = Record<string, unknown>;

const PALETTE = ['#1f6feb', '#e8590c', '#2f9e44', '#ae3ec9', '#f59f00', '#0c8599', '#c2255c', '#5c7cfa', '#66a80f'];

/**
 * The look every chart shares (these, the cost–risk frontier, the price history): the palette,
 * the CJK font, the theme's text colour, a centred title, an axis tooltip, the legend below.
 */
export function chartFrame(c: Pick<ChartContext, 'dark'>, title: string): ChartOption {
  const text = c.dark ? '#e6e9ee' : '#1b1f24';
  return {
    animation: false,
    color: PALETTE,
    backgroundColor: 'transparent',
    textStyle: { fontFamily: "'Noto Sans SC', 'Noto Sans CJK SC', sans-serif", color: text },
    title: { text: title, left: 'center', top: 4, textStyle: { fontSize: 14, color: text } },
    tooltip: { trigger: 'axis', confine: true },
    legend: { bottom: 0, textStyle: { color: text }, type: 'scroll' },
    grid: { left: 16, right: 24, top: 44, bottom: 56, containLabel: true },
  };
}

function base(c: ChartContext, title: string): ChartOption {
  const line = c.dark ? '#2c333d' : '#d9dde3';
  return {
    ...chartFrame(c, title),
    grid: { left: 70, right: 24, top: 44, bottom: 56, containLabel: true },
    _axisLine: line,
  };
}

export function axis(c: Pick<ChartContext, 'dark'>, extra: ChartOption): ChartOption {
  const line = c.dark ? '#2c333d' : '#d9dde3';
  const text = c.dark ? '#9aa4b2' : '#5b6470';
  return {
    axisLine: { lineStyle: { color: line } },
    splitLine: { lineStyle: { color: line } },
    axisLabel: { color: text },
    nameTextStyle: { color: text },
    ...extra,
  };
}

function clean(o: ChartOption): ChartOption {
  const { _axisLine: _drop, ...rest } = o;
  return rest;
}

/** Money in a compact form for axes: ¥1.2M / ¥120万 / −¥5M (shared/format). */
export function compactMoney(v: number, currency: Currency, lang: Lang): string {
  return formatMoneyShort(v, currency, lang);
}

export function tcoBreakdownOption(builds: BuildResult[], c: ChartContext): ChartOption {
  const sym = currencySymbol(c.currency);
  const parts = builds.map((b, i) => tcoBreakdown(b, c.finance[i]!.discountRate, c.finance[i]!.years));
  const used = TCO_PARTS.filter((p) => parts.some((x) => Math.abs(x[p]) > 0.5));
  return clean({
    ...base(c, tr(c.lang, 'charts.tcoBreakdown')),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    xAxis: axis(c, { type: 'category', data: builds.map((b) => b.name), axisLabel: { interval: 0, width: 110, overflow: 'break', color: c.dark ? '#9aa4b2' : '#5b6470' } }),
    yAxis: axis(c, { type: 'value', name: tr(c.lang, 'charts.cost', { sym }), axisLabel: { formatter: (v: number) => compactMoney(v, c.currency, c.lang), color: c.dark ? '#9aa4b2' : '#5b6470' } }),
    series: used.map((p) => ({
      name: tr(c.lang, `charts.parts.${p}`),
      type: 'bar',
      stack: 'tco',
      data: parts.map((x) => Math.round(x[p])),
    })),
  });
}

export function cumulativeCostOption(builds: BuildResult[], c: ChartContext): ChartOption {
  const sym = currencySymbol(c.currency);
  const years = Math.max(...c.finance.map((f) => f.years));
  return clean({
    ...base(c, tr(c.lang, 'charts.cumulative')),
    xAxis: axis(c, { type: 'category', name: tr(c.lang, 'charts.year'), data: Array.from({ length: years + 1 }, (_, i) => String(i)) }),
    yAxis: axis(c, { type: 'value', name: tr(c.lang, 'charts.cost', { sym }), axisLabel: { formatter: (v: number) => compactMoney(v, c.currency, c.lang), color: c.dark ? '#9aa4b2' : '#5b6470' } }),
    series: builds.map((b, i) => ({
      name: b.name,
      type: 'line',
      data: cumulativeCost(b, c.finance[i]!.discountRate, c.finance[i]!.years).map(Math.round),
    })),
  });
}

export function costVsThroughputOption(builds: BuildResult[], c: ChartContext): ChartOption {
  const sym = currencySymbol(c.currency);
  return clean({
    ...base(c, tr(c.lang, 'charts.costVsThroughput')),
    tooltip: { trigger: 'item', confine: true },
    xAxis: axis(c, { type: 'value', name: tr(c.lang, 'charts.tokensPerSecond'), nameLocation: 'middle', nameGap: 28 }),
    yAxis: axis(c, { type: 'value', name: tr(c.lang, 'charts.costPerMTok', { sym }) }),
    series: builds.map((b) => ({
      name: b.name,
      type: 'scatter',
      symbolSize: 16,
      label: { show: true, position: 'top', formatter: b.name, fontSize: 11 },
      labelLayout: { moveOverlap: 'shiftY' },
      data: [[Math.round(b.outputTokensPerSecond), b.costPerMillionOutputTokens === null ? null : +b.costPerMillionOutputTokens.toFixed(2)]],
    })),
  });
}

export function riskFactorsOption(builds: BuildResult[], c: ChartContext): ChartOption {
  const names = builds[0]?.risk.factors.map((f) => f.name) ?? [];
  return clean({
    ...base(c, tr(c.lang, 'charts.riskFactors')),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    xAxis: axis(c, { type: 'value', name: tr(c.lang, 'charts.riskContribution'), nameLocation: 'middle', nameGap: 28 }),
    yAxis: axis(c, { type: 'category', data: names.map((n) => tr(c.lang, `riskFactor.${n}`)), inverse: true }),
    series: builds.map((b) => ({
      name: b.name,
      type: 'bar',
      data: names.map((n) => +(b.risk.factors.find((f) => f.name === n)?.contribution ?? 0).toFixed(1)),
    })),
  });
}

/** Tornado: for each assumption moved down and up, the change in TCO, largest swing on top. */
export function tornadoOption(build: BuildResult, c: ChartContext, deltaPct: number): ChartOption {
  const sym = currencySymbol(c.currency);
  const rows = [...(build.sensitivity ?? [])].sort(
    (a, b) => Math.abs(b.deltaTcoHigh - b.deltaTcoLow) - Math.abs(a.deltaTcoHigh - a.deltaTcoLow),
  );
  const label = (n: string) => tr(c.lang, `charts.assumption.${n}`);
  return clean({
    ...base(c, tr(c.lang, 'charts.tornado', { build: build.name, pct: deltaPct })),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    xAxis: axis(c, { type: 'value', name: tr(c.lang, 'charts.deltaTco', { sym }), nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: (v: number) => compactMoney(v, c.currency, c.lang), color: c.dark ? '#9aa4b2' : '#5b6470' } }),
    yAxis: axis(c, { type: 'category', data: rows.map((r) => label(r.assumption)), inverse: true }),
    series: [
      { name: tr(c.lang, 'charts.low', { pct: deltaPct }), type: 'bar', stack: 't', data: rows.map((r) => Math.round(r.deltaTcoLow)) },
      { name: tr(c.lang, 'charts.high', { pct: deltaPct }), type: 'bar', stack: 't', data: rows.map((r) => Math.round(r.deltaTcoHigh)) },
    ],
  });
}
