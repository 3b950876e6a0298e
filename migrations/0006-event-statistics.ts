import { sql, type Kysely } from 'kysely';

/**
 * The planner's knowledge that event types belong to categories. Without it a read filtered by
 * category and event type misestimates its rows and, per page, scans every remaining event of the
 * category and sorts them; with it the plan is an ordered index range (measured by bench:projections:
 * one page 257 → 178 ms, category-tree's reads 37k → 65k events per CPU-second).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE STATISTICS events_category_type (dependencies, mcv) ON category, event_type FROM events`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP STATISTICS IF EXISTS events_category_type`.execute(db);
}
