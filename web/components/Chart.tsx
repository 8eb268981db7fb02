'use client';
// One Apache ECharts chart on a canvas, sized to its box: made when shown, given its option again when the option
// changes, resized with the window, disposed when gone. Only the charts and parts the dashboard uses are loaded.
import { BarChart, LineChart, TreemapChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useLang } from '../lib/i18n';

echarts.use([BarChart, LineChart, TreemapChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** A chart; `label` is what a screen reader hears (the figures are also in the tables beside it). */
export function Chart({ option, label, height = 320, testId }: { option: ChartOption; label: string; height?: number; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  // The words ECharts writes itself (the description read to a screen reader) in the dashboard's language, not the
  // browser's: made again when the language changes.
  const { lang } = useLang();
  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, null, { renderer: 'canvas', locale: lang === 'en' ? 'EN' : 'ZH' });
    chart.current = c;
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, [lang]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new language made a new chart, which is given the option again.
  useEffect(() => {
    // ECharts writes its own description over the box's label: it is given ours, in the reader's words. No motion: a
    // chart shows the figures asked for at once; a treemap's series animates its own updates whatever the chart says,
    // drawing the old layout over the new for most of a second, so each series is told too.
    const series = Array.isArray(option.series) ? option.series.map((s) => ({ animation: false, ...(s as object) })) : option.series;
    chart.current?.setOption({ aria: { enabled: true, label: { description: label } }, animation: false, ...option, series }, true);
  }, [option, label, lang]);
  return <div ref={box} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}
