import cliProgress from 'cli-progress';
import { formatCount } from '../format-table.js';

export interface ScanProgress {
  /** `done` and `total` in the scan's own unit (log positions, bytes); `events` is what the line shows. */
  update(done: number, events: number): void;
  stop(): void;
}

const silent: ScanProgress = { update: () => undefined, stop: () => undefined };

/**
 * A bar for a scan whose length is known in some unit other than events (the distance to the head
 * of the log, the size of a file): the bar and ETA follow that unit, the line shows events and
 * events/s. Only on a terminal: piped or logged output stays clean.
 */
export function scanProgress(label: string, total: number, enabled: boolean): ScanProgress {
  if (!enabled || total <= 0) return silent;
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {events} events | {rate} events/s | ETA {eta_formatted}`, stream: process.stderr, fps: 5, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(total, 0, { events: '0', rate: '0' });
  return {
    update(done, events) {
      const seconds = (performance.now() - started) / 1000;
      bar.update(Math.min(Math.max(done, 0), total), { events: formatCount(events), rate: formatCount(seconds > 0 ? Math.round(events / seconds) : 0) });
    },
    stop: () => bar.stop(),
  };
}
