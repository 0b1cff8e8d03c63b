/** An echarts chart with "Export PNG" and "Show as table"; follows theme and size changes. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ChartOption } from '../../../shared/charts/options';
import { chartTable } from '../../../shared/charts/table';
import { formatNumberUpTo } from '../../../shared/format';
import { safeFileName } from '../files';

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export function Chart({ option, name, height = 300 }: { option: ChartOption; name: string; height?: number }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [asTable, setAsTable] = useState(false);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option as echarts.EChartsCoreOption, { notMerge: true });
  }, [option]);

  const exportPng = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: getComputedStyle(document.body).backgroundColor });
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = `${safeFileName(name)}.png`;
    a.click();
  };

  const table = chartTable(option);
  return (
    <figure className="chart card" data-chart={name}>
      <div className="chart-tools">
        <button onClick={exportPng}>{t('charts.exportPng')}</button>
        <button aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
          {t('charts.asTable')}
        </button>
      </div>
      <div ref={el} style={{ height, display: asTable ? 'none' : 'block' }} role="img" aria-label={table.caption} />
      {asTable && (
        <table className="data-table">
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              {table.header.map((h, i) => (
                <th key={i}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j} className={typeof c === 'number' ? 'num' : ''}>
                    {c === null ? '–' : typeof c === 'number' ? formatNumberUpTo(c, 3) : c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}
