import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('./worker-child.ts', import.meta.url));

export interface WorkerProcess {
  readonly process: ChildProcess;
  readonly pid: number;
  readonly exited: Promise<number | null>;
}

/** Starts `worker-child.ts` in a process of its own and resolves once it takes jobs. */
export async function spawnWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('READY') && resolve());
    void exited.then((code) => reject(new Error(`worker exited before it was ready (${code})`)));
  });
  return { process: proc, pid: proc.pid!, exited };
}
