/** Median wall time of a function over repeated runs, after warm-up. */
export function medianMs(fn: () => unknown, runs = 30, warmup = 5): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function row(name: string, ms: number, baselineMs?: number): string {
  const ratio = baselineMs ? `  (${(ms / baselineMs).toFixed(1)}× baseline)` : '';
  return `${name.padEnd(58)} ${ms.toFixed(2).padStart(9)} ms${ratio}`;
}
