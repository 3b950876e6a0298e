import cliProgress from 'cli-progress';

/** A progress bar with rate and ETA on a terminal; silent when output is piped (CI logs stay readable). */
export function progressBar(label: string, total: number): { increment(n?: number): void; stop(): void } {
  if (!process.stderr.isTTY) return { increment: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`, stream: process.stderr, fps: 5 },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  let value = 0;
  bar.start(total, 0, { rate: 0 });
  return {
    increment(n = 1) {
      value += n;
      bar.update(value, { rate: Math.round(value / ((performance.now() - started) / 1000)) });
    },
    stop: () => bar.stop(),
  };
}
