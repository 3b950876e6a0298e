import { sql } from 'kysely';
import type { ProjectionDb, ProjectionTrx, TableNamer } from '../../projections/runner/sql-projection.js';
import { splitWords } from '../search-query.js';
import { searchTables, textSearchConfig } from './search-tables.js';

/** The distinct words of these texts, split as queries are. */
export function lexiconWords(texts: Iterable<string>): string[] {
  const words = new Set<string>();
  for (const text of texts) for (const word of splitWords(text)) words.add(word);
  return [...words];
}

/**
 * Adds words (of titles and brands) to the lexicon with their stemmed lexeme; stop words have none
 * and stay out, known words are skipped before stemming. Words are never removed: a stale one only
 * offers a correction that then matches nothing.
 */
export async function addLexiconWords(db: ProjectionDb | ProjectionTrx, t: TableNamer, words: readonly string[]): Promise<void> {
  if (words.length === 0) return;
  const lexicon = sql.id(t(searchTables.lexicon));
  await sql`
    INSERT INTO ${lexicon} (word, lexeme)
    SELECT n.word, n.lexeme FROM (
      SELECT w.word, (tsvector_to_array(to_tsvector(${textSearchConfig}, w.word)))[1] AS lexeme
      FROM unnest(${[...words]}::text[]) AS w(word)
      WHERE NOT EXISTS (SELECT 1 FROM ${lexicon} AS l WHERE l.word = w.word)
    ) AS n
    WHERE n.lexeme IS NOT NULL
    ON CONFLICT (word) DO NOTHING`.execute(db);
}
