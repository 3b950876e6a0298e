import { assertJobId, type JobOptions, type JobQueue, type JobState } from '../job-queue.js';

interface Scheduler {
  timer: NodeJS.Timeout;
  lastJobId: string | undefined;
}

export interface InProcessSchedulerDeps {
  readonly add: (name: string, data: unknown, options: JobOptions) => Promise<string>;
  readonly stateOf: (id: string) => JobState | undefined;
}

/**
 * Periodic jobs for the in-process adapter, as BullMQ's job schedulers behave: the first run one
 * period after `repeat`, then one per period, and none created while the previous one still waits.
 * Schedulers are not journaled: the composition root declares them again at every start.
 */
export function createInProcessSchedulers(deps: InProcessSchedulerDeps) {
  const schedulers = new Map<string, Scheduler>();
  let stopped = false;

  async function tick(schedulerId: string, name: string, data: unknown, attempts: number | undefined): Promise<void> {
    const scheduler = schedulers.get(schedulerId);
    if (!scheduler || stopped) return;
    const last = scheduler.lastJobId === undefined ? undefined : deps.stateOf(scheduler.lastJobId);
    if (last === 'waiting' || last === 'delayed') return;
    scheduler.lastJobId = await deps.add(name, data, { jobId: `repeat.${schedulerId}.${Date.now()}`, ...(attempts ? { attempts } : {}) });
  }

  const repeat: JobQueue['repeat'] = async (schedulerId, name, data, { everyMs, attempts }) => {
    assertJobId(schedulerId);
    if (!(everyMs >= 1)) throw new Error(`everyMs must be at least 1, got ${everyMs}`);
    const previous = schedulers.get(schedulerId);
    if (previous) clearInterval(previous.timer);
    const timer = setInterval(() => void tick(schedulerId, name, data, attempts).catch(() => undefined), everyMs);
    timer.unref();
    schedulers.set(schedulerId, { timer, lastJobId: previous?.lastJobId });
  };

  return {
    repeat,
    stop() {
      stopped = true;
      for (const { timer } of schedulers.values()) clearInterval(timer);
      schedulers.clear();
    },
  };
}
