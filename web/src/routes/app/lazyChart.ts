/**
 * A dashboard chart drawn once its Chart.js module has loaded. Each chart component passes its own
 * dynamic `import()` (so the chart code is a chunk of its own and the respondent page never downloads
 * it) and calls this from an `$effect`, returning what it returns: the cleanup that destroys the chart,
 * or keeps a chart whose module arrives after the component went away from being drawn at all.
 *
 * @example $effect(() => drawWhenLoaded(canvas, async () => { const { drawNpsChart } = await import('./npsChart.js'); return (target) => drawNpsChart(target, data); }));
 */
export function drawWhenLoaded(
  target: HTMLCanvasElement | undefined,
  load: () => Promise<(canvas: HTMLCanvasElement) => { destroy(): void }>,
  what = 'A chart',
): () => void {
  let drawn: { destroy(): void } | undefined;
  let stale = false;
  load()
    .then((draw) => {
      if (!stale && target) drawn = draw(target);
    })
    .catch((failure: unknown) => console.error(`${what} could not load; the table beside it shows the same numbers.`, failure));
  return () => {
    stale = true;
    drawn?.destroy();
  };
}
