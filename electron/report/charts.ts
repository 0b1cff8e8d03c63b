/**
 * The report's charts: the Compare page's echarts options (shared/charts/options.ts) rendered
 * to SVG in Node with echarts' server-side renderer, so the PDF shows the very same charts.
 */
import * as echarts from 'echarts';
import type { ChartContext, ChartOption } from '../../shared/charts/options';
import { costVsThroughputOption, riskFactorsOption, tcoBreakdownOption, tornadoOption } from '../../shared/charts/options';
import type { BuildResult } from '../../shared/scenario/evaluate';

export interface ChartSvg {
  key: string;
  svg: string;
}

/** On paper nothing scrolls: every legend entry is shown, wrapping onto more lines. */
function forPrint(option: ChartOption): ChartOption {
  const legend = option.legend as Record<string, unknown> | undefined;
  const grid = option.grid as Record<string, unknown> | undefined;
  return {
    ...option,
    ...(legend ? { legend: { ...legend, type: 'plain', left: 'center', width: '92%' } } : {}),
    ...(grid ? { grid: { ...grid, bottom: 84 } } : {}),
  };
}

export function renderSvg(option: ChartOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(forPrint(option) as echarts.EChartsOption);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * TCO breakdown, cost per Mtok vs throughput, risk factors and the tornado of `focus` (the
 * recommended build, which must carry its sensitivity rows).
 */
export function reportCharts(builds: BuildResult[], focus: BuildResult | undefined, c: ChartContext, deltaPct: number): ChartSvg[] {
  const W = 680;
  const H = 360;
  const out: ChartSvg[] = [
    { key: 'tco', svg: renderSvg(tcoBreakdownOption(builds, c), W, H) },
    { key: 'costVsThroughput', svg: renderSvg(costVsThroughputOption(builds, c), W, H) },
    { key: 'risk', svg: renderSvg(riskFactorsOption(builds, c), W, H) },
  ];
  if (focus?.sensitivity?.length) out.push({ key: 'tornado', svg: renderSvg(tornadoOption(focus, c, deltaPct), W, H) });
  return out;
}
