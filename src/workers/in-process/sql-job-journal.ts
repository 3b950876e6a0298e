import { sql, type Kysely } from 'kysely';
import type { JobJournal, StoredJob } from './job-journal.js';

/** The journal in `job_journal` (migration 0020), on Postgres or PGlite: one upsert per change. */
export function createSqlJobJournal(db: Kysely<unknown>): JobJournal {
  return {
    async load(queue) {
      const { rows } = await sql<{ record: StoredJob | string }>`SELECT record FROM job_journal WHERE queue = ${queue}`.execute(db);
      // pg parses jsonb; a driver that does not hands back text.
      return rows.map(({ record }) => (typeof record === 'string' ? (JSON.parse(record) as StoredJob) : record));
    },
    async save(job) {
      await sql`
        INSERT INTO job_journal (queue, id, state, record) VALUES (${job.queue}, ${job.id}, ${job.state}, ${JSON.stringify(job)}::jsonb)
        ON CONFLICT (queue, id) DO UPDATE SET state = excluded.state, record = excluded.record, updated_at = now()`.execute(db);
    },
    async remove(queue, ids) {
      if (ids.length === 0) return;
      await sql`DELETE FROM job_journal WHERE queue = ${queue} AND id = ANY(${[...ids]}::text[])`.execute(db);
    },
  };
}
