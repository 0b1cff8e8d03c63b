/**
 * The cost–risk frontier as an echarts option: the least TCO (y, money) at each supply-risk cap
 * (x, score 0–100), labels in the UI language, colours for the theme. A category x axis keeps
 * the chart's "show as table" view one row per cap.
 */
import { axis, chartFrame, compactMoney, type ChartContext, type ChartOption } from './options';
import { currencySymbol } from '../money';
import { tr } from '../i18n/translate';
import type { FrontierPoint } from '../optimize/types';

type Ctx = Pick<ChartContext, 'lang' | 'dark' | 'currency'>;

/** The same look as the comparison charts. */
function colours(c: Ctx) {
  return { text: c.dark ? '#e6e9ee' : '#1b1f24', muted: c.dark ? '#9aa4b2' : '#5b6470' };
}

export function frontierOption(points: readonly FrontierPoint[], c: Ctx, recommendedRisk: number | null): ChartOption {
  const sym = currencySymbol(c.currency);
  const k = colours(c);
  const caps = points.map((p) => p.riskCap.toFixed(1));
  // the recommendation sits at the first cap that admits its risk score
  const mark = recommendedRisk === null ? -1 : points.findIndex((p) => p.riskCap >= recommendedRisk - 1e-9);
  return {
    ...chartFrame(c, tr(c.lang, 'optimize.frontierTitle')),
    color: ['#1f6feb', '#e8590c'],
    legend: { bottom: 0, textStyle: { color: k.text } },
    xAxis: axis(c, { type: 'category', data: caps, name: tr(c.lang, 'optimize.riskCapAxis'), nameLocation: 'middle', nameGap: 28, boundaryGap: false }),
    yAxis: axis(c, {
      type: 'value',
      scale: true,
      name: tr(c.lang, 'optimize.tcoAxis', { sym }),
      axisLabel: { formatter: (v: number) => compactMoney(v, c.currency, c.lang), color: k.muted },
    }),
    series: [
      {
        name: tr(c.lang, 'optimize.leastTco'),
        type: 'line',
        step: 'end',
        symbolSize: 8,
        data: points.map((p) => (p.tco === null ? null : Math.round(p.tco))),
      },
      {
        name: tr(c.lang, 'optimize.recommended'),
        type: 'scatter',
        symbolSize: 16,
        symbol: 'diamond',
        data: points.map((p, i) => (i === mark && p.tco !== null ? Math.round(p.tco) : null)),
      },
    ],
  };
}
