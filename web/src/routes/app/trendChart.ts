/**
 * Chart.js lines over the trend's periods with 95% interval whiskers, a hollow point where a period
 * has fewer respondents than the trend's minimum and a dashed line into it; imported dynamically by
 * TrendChart, so the respondent page never downloads it.
 */
import { CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip, type Plugin } from 'chart.js';
import type { IntervalPoint } from './intervalChart.js';

export interface TrendSeries {
  label: string;
  colour: string;
  /** A marker shape per series, so the lines differ by more than colour. */
  pointStyle: 'circle' | 'rect' | 'triangle' | 'rectRot';
  /** One per period; null where the period has no figure. */
  points: (IntervalPoint | null)[];
  /** What the tooltip says per period, already in the reader's language. */
  texts: string[];
}

export interface TrendChartData {
  labels: string[];
  series: TrendSeries[];
  /** Periods under the minimum n: drawn hollow. */
  rough: boolean[];
  min: number;
  max: number;
  /** Value axis tick suffix, e.g. '%' ('' for NPS). */
  unit: string;
  categoryTitle: string;
  valueTitle: string;
}

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip);

const INK = '#1a1a1a';

function whiskers(series: TrendSeries[]): Plugin<'line'> {
  return {
    id: 'trendWhiskers',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const scale = chart.scales.y;
      if (!scale) return;
      ctx.save();
      ctx.lineWidth = 1.25;
      series.forEach((one, d) => {
        if (!chart.isDatasetVisible(d)) return;
        ctx.strokeStyle = one.colour;
        chart.getDatasetMeta(d).data.forEach((element, i) => {
          const point = one.points[i];
          if (!point) return;
          const { x } = element.getProps(['x'], true) as { x: number };
          const low = scale.getPixelForValue(point.lower);
          const high = scale.getPixelForValue(point.upper);
          ctx.beginPath();
          ctx.moveTo(x, low), ctx.lineTo(x, high);
          ctx.moveTo(x - 3, low), ctx.lineTo(x + 3, low);
          ctx.moveTo(x - 3, high), ctx.lineTo(x + 3, high);
          ctx.stroke();
        });
      });
      ctx.restore();
    },
  };
}

export function drawTrendChart(canvas: HTMLCanvasElement, chart: TrendChartData): Chart<'line'> {
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels: chart.labels,
      datasets: chart.series.map((one) => ({
        label: one.label,
        data: one.points.map((point) => point?.value ?? null),
        borderColor: one.colour,
        backgroundColor: one.colour,
        pointBackgroundColor: chart.rough.map((rough) => (rough ? '#ffffff' : one.colour)),
        pointBorderColor: one.colour,
        pointRadius: 4,
        pointStyle: one.pointStyle,
        borderWidth: 2,
        spanGaps: true,
        segment: { borderDash: (context) => (chart.rough[context.p1DataIndex] || chart.rough[context.p0DataIndex] ? [5, 4] : undefined) },
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: matchMedia('(prefers-reduced-motion: reduce)').matches ? false : undefined,
      scales: {
        x: {
          ticks: { color: INK, font: { size: 12 }, maxRotation: 60 },
          grid: { display: false },
          title: { display: true, text: chart.categoryTitle, color: INK, font: { size: 13 } },
        },
        y: {
          min: chart.min,
          max: chart.max,
          ticks: { callback: (value: string | number) => `${value}${chart.unit}`, color: '#4a4f57', font: { size: 13 } },
          title: { display: true, text: chart.valueTitle, color: INK, font: { size: 13 } },
        },
      },
      plugins: {
        // The legend is HTML beside the canvas (ChartFigure), where long names wrap.
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${chart.series[item.datasetIndex]?.texts[item.dataIndex] ?? ''}` } },
      },
    },
    plugins: [whiskers(chart.series)],
  });
}
