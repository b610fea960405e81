/** Chart.js, registered with only what a horizontal stacked bar needs; imported dynamically by NpsChart. */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { NpsGroup } from './nps.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export function drawNpsChart(canvas: HTMLCanvasElement, groups: (NpsGroup & { label: string })[]): Chart<'bar'> {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: [''],
      datasets: groups.map((group) => ({
        label: group.label,
        data: [group.share * 100],
        backgroundColor: group.colour,
        borderColor: '#fff',
        borderWidth: 1,
      })),
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: matchMedia('(prefers-reduced-motion: reduce)').matches ? false : undefined,
      scales: {
        x: { stacked: true, min: 0, max: 100, ticks: { callback: (value) => `${value}%`, color: '#4a4f57', font: { size: 13 } } },
        y: { stacked: true, display: false },
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: '#1a1a1a', font: { size: 14 } } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.parsed.x?.toFixed(1)}%` } },
      },
    },
  });
}
