import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export type Row = Record<string, string | number>;

/** Prints the table and writes `bench/results/<name>.json` with the machine it ran on. */
export async function report(name: string, rows: Row[], extra: Record<string, unknown> = {}): Promise<void> {
  console.table(rows);
  const dir = path.resolve('bench/results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
  await writeFile(file, `${JSON.stringify({ name, at: new Date().toISOString(), machine, ...extra, rows }, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

/** Runs `worker` on `concurrency` lanes until `total` operations are done; returns operations per second. */
export async function runLanes(total: number, concurrency: number, worker: (i: number) => Promise<void>): Promise<{ perSecond: number; seconds: number }> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) await worker(i);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: total / seconds, seconds };
}

export const round = (n: number) => Math.round(n);
