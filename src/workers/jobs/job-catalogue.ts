/**
 * Every kind of job the system runs: its queue, its name, and how hard it tries. Queues group
 * jobs that share a worker (and its concurrency): payments and reservations are many and short,
 * notifications wait on a mail server, ops jobs are long and one at a time.
 */
export const queueNames = ['payments', 'reservations', 'notifications', 'ops'] as const;
export type QueueName = (typeof queueNames)[number];

export interface JobKind {
  readonly queue: QueueName;
  readonly name: string;
  /** Runs in all before the job lands in dead letters. */
  readonly attempts: number;
  /** The first retry's wait; each next one doubles it. */
  readonly backoffMs: number;
}

export const jobKinds = {
  // 6 attempts over about 15 s (0.5 + 1 + 2 + 4 + 8): past that the processor is down, and an admin decides.
  authorizePayment: { queue: 'payments', name: 'authorize-payment', attempts: 6, backoffMs: 500 },
  // A shipped order's money: try for about 4 minutes before asking an admin.
  capturePayment: { queue: 'payments', name: 'capture-payment', attempts: 8, backoffMs: 1_000 },
  expireReservation: { queue: 'reservations', name: 'expire-reservation', attempts: 5, backoffMs: 1_000 },
  sweepReservations: { queue: 'reservations', name: 'sweep-reservations', attempts: 1, backoffMs: 1_000 },
  sendNotification: { queue: 'notifications', name: 'send-notification', attempts: 5, backoffMs: 2_000 },
  rebuildProjection: { queue: 'ops', name: 'rebuild-projection', attempts: 3, backoffMs: 5_000 },
} as const satisfies Record<string, JobKind>;

export type JobKindName = keyof typeof jobKinds;

/** Attempts and backoff per kind, for tests and operators who need other numbers. */
export type JobSettings = Partial<Record<JobKindName, Partial<Pick<JobKind, 'attempts' | 'backoffMs'>>>>;

export function jobKind(name: JobKindName, settings: JobSettings = {}): JobKind {
  return { ...jobKinds[name], ...settings[name] };
}

/** The periodic sweep over the reservation deadlines read model (the safety net under the delayed jobs). */
export const SWEEP_EVERY_MS = 30_000;

/** Per queue: jobs one worker process runs at once. */
export const queueConcurrency: Readonly<Record<QueueName, number>> = { payments: 16, reservations: 16, notifications: 8, ops: 1 };
