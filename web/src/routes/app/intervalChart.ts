/**
 * Chart.js bars with 95% interval whiskers, registered with only what a bar chart needs; imported
 * dynamically by IntervalChart, so the respondent page never downloads it.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, type Plugin } from 'chart.js';

export interface IntervalPoint {
  /** Percent 0..100, as are the ends. */
  value: number;
  lower: number;
  upper: number;
}

/** One entry of a chart's HTML legend (ChartFigure): the series' name, colour and marker shape. */
export interface LegendEntry {
  label: string;
  colour: string;
  marker?: 'circle' | 'rect' | 'triangle' | 'rectRot';
}

export interface IntervalSeries {
  label: string;
  /** One colour for the series, or one per bar. */
  colour: string | string[];
  points: (IntervalPoint | null)[];
  /** What the tooltip says per bar, already in the reader's language. */
  texts: string[];
}

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const INK = '#1a1a1a';

/** Draws each bar's interval as a line with end caps, on top of the bars. */
function whiskers(series: IntervalSeries[], horizontal: boolean): Plugin<'bar'> {
  return {
    id: 'intervalWhiskers',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const valueScale = horizontal ? chart.scales.x : chart.scales.y;
      if (!valueScale) return;
      ctx.save();
      ctx.strokeStyle = INK;
      ctx.lineWidth = 1.5;
      series.forEach((one, d) => {
        const meta = chart.getDatasetMeta(d);
        if (!chart.isDatasetVisible(d)) return;
        meta.data.forEach((bar, i) => {
          const point = one.points[i];
          // A figure without an interval (a driver's weight) gets no whisker.
          if (!point || point.lower === point.upper) return;
          const { x, y } = bar.getProps(['x', 'y'], true) as { x: number; y: number };
          const low = valueScale.getPixelForValue(point.lower);
          const high = valueScale.getPixelForValue(point.upper);
          const cap = 5;
          ctx.beginPath();
          if (horizontal) {
            ctx.moveTo(low, y), ctx.lineTo(high, y);
            ctx.moveTo(low, y - cap), ctx.lineTo(low, y + cap);
            ctx.moveTo(high, y - cap), ctx.lineTo(high, y + cap);
          } else {
            ctx.moveTo(x, low), ctx.lineTo(x, high);
            ctx.moveTo(x - cap, low), ctx.lineTo(x + cap, low);
            ctx.moveTo(x - cap, high), ctx.lineTo(x + cap, high);
          }
          ctx.stroke();
        });
      });
      ctx.restore();
    },
  };
}

/**
 * A long label as lines of at most `width` characters, broken between words, so Chart.js wraps it
 * instead of cutting it ("Довольные, но не" / "лояльные").
 * @example wrapLabel('Satisfied but not loyal', 12) // => ['Satisfied', 'but not loyal']
 */
export function wrapLabel(label: string, width: number): string | string[] {
  if (label.length <= width) return label;
  const lines: string[] = [];
  for (const word of label.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Characters per line of a category label: narrower on a phone, where the labels share 375 px with the bars. */
export function labelWidth(canvas: HTMLCanvasElement, horizontal: boolean): number {
  const width = canvas.parentElement?.clientWidth ?? 600;
  if (horizontal) return width < 480 ? 14 : 24;
  return width < 480 ? 10 : 16;
}

export function drawIntervalChart(
  canvas: HTMLCanvasElement,
  chart: { labels: string[]; series: IntervalSeries[]; horizontal: boolean; max?: number; categoryTitle?: string | undefined; valueTitle?: string | undefined },
): Chart<'bar'> {
  // On a phone the axis has room for three ticks: an end at a multiple of 25% keeps them round (0, 50, 100%, not 0, 50, 90%).
  const narrow = (canvas.parentElement?.clientWidth ?? 600) < 480;
  const end = chart.max ?? 100;
  const valueAxis = {
    min: 0,
    max: narrow ? Math.min(100, Math.ceil(end / 25) * 25) : end,
    ticks: { callback: (value: string | number) => `${value}%`, color: '#4a4f57', font: { size: 13 } },
    title: { display: chart.valueTitle !== undefined, text: chart.valueTitle ?? '', color: INK, font: { size: 13 } },
  };
  const width = labelWidth(canvas, chart.horizontal);
  const categoryAxis = {
    ticks: { color: INK, font: { size: 13 }, autoSkip: false },
    grid: { display: false },
    title: { display: chart.categoryTitle !== undefined, text: chart.categoryTitle ?? '', color: INK, font: { size: 13 } },
  };
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: chart.labels.map((label) => wrapLabel(label, width)),
      datasets: chart.series.map((one) => ({
        label: one.label,
        data: one.points.map((point) => point?.value ?? null),
        backgroundColor: one.colour,
        borderWidth: 0,
      })),
    },
    options: {
      indexAxis: chart.horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: matchMedia('(prefers-reduced-motion: reduce)').matches ? false : undefined,
      scales: chart.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: {
        // The legend is HTML beside the canvas (ChartFigure), where long names wrap.
        legend: { display: false },
        tooltip: { callbacks: { title: (items) => chart.labels[items[0]?.dataIndex ?? 0] ?? '', label: (item) => `${item.dataset.label}: ${chart.series[item.datasetIndex]?.texts[item.dataIndex] ?? ''}` } },
      },
    },
    plugins: [whiskers(chart.series, chart.horizontal)],
  });
}
