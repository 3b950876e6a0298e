import { sql } from 'kysely';
import type { ProjectionDb } from '../../projections/runner/sql-projection.js';
import { editDistance, maxTypos } from '../typos.js';
import { searchTables, textSearchConfig } from './search-tables.js';
import type { TrgmSql } from './trgm.js';

/** Typesense considers 4 candidates per word by default; a few more for prefixes (stems differ). */
const maxCorrections = 3;
const maxExpansions = 8;
const trigramCandidates = 12;

interface Candidate {
  readonly word: string;
  readonly lexeme: string;
}

interface WordRow {
  readonly ord: number;
  readonly word: string;
  readonly lexemes: readonly string[];
  readonly known: boolean;
  readonly expansions: readonly string[] | null;
  readonly candidates: readonly Candidate[] | null;
}

/** A lexeme as a tsquery operand: quoted, so nothing in it is read as an operator. */
const operand = (lexeme: string) => `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

/**
 * Turns the query's words into a tsquery that tolerates typos, the way Typesense does:
 * - each word matches its own stemmed lexeme;
 * - a word the lexicon (words of titles and brands) does not know is also corrected to the known
 *   words within 1 edit (2 from 7 letters): pg_trgm's index finds candidates, the edit distance
 *   decides ("headphnes" → headphones, never "wireless" → wired);
 * - the last word is a prefix: its lexeme with `:*`, plus the lexemes of known words it begins
 *   (stems can differ from the typed prefix: "runni" → running → 'run');
 * - words are ANDed, `-word`s negated, stop words drop out.
 * Correcting words against the small lexicon, instead of comparing the query with every title,
 * keeps the match itself on the tsvector's GIN index.
 *
 * Returns undefined when no word is left (a query of stop words): the caller browses.
 */
export async function typoTolerantQuery(
  db: ProjectionDb,
  trgm: TrgmSql,
  words: readonly string[],
  excluded: readonly string[],
  /** Restrict matches to these tsvector weights, e.g. 'A' for titles only. */
  weights = '',
): Promise<string | undefined> {
  if (words.length === 0) return undefined;
  const lexicon = sql.id(searchTables.lexicon);
  const last = words.length;
  const result = await sql<WordRow>`
    WITH words AS (
      SELECT w.ord::integer AS ord, w.word, tsvector_to_array(to_tsvector(${textSearchConfig}, w.word)) AS lexemes,
        EXISTS (SELECT 1 FROM ${lexicon} AS l WHERE l.word = w.word OR (w.ord = ${last} AND l.word LIKE w.word || '%')) AS known
      FROM unnest(${[...words, ...excluded]}::text[]) WITH ORDINALITY AS w(word, ord)
    )
    SELECT words.ord, words.word, words.lexemes, words.known, expansions.lexemes AS expansions, candidates.list AS candidates
    FROM words
    LEFT JOIN LATERAL (
      SELECT array_agg(DISTINCT e.lexeme) AS lexemes FROM (
        SELECT l.lexeme FROM ${lexicon} AS l
        WHERE words.ord = ${last} AND l.word LIKE words.word || '%' AND l.word <> words.word
        ORDER BY char_length(l.word), l.word LIMIT ${maxExpansions}
      ) AS e
    ) AS expansions ON true
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_object('word', c.word, 'lexeme', c.lexeme)) AS list FROM (
        SELECT l.word, l.lexeme FROM ${lexicon} AS l
        WHERE NOT words.known AND words.ord <= ${last} AND ${trgm.similar(sql.ref('l.word'), sql.ref('words.word'))}
        ORDER BY ${trgm.similarity(sql.ref('l.word'), sql.ref('words.word'))} DESC, l.word LIMIT ${trigramCandidates}
      ) AS c
    ) AS candidates ON true
    ORDER BY words.ord`.execute(db);

  const clauses: string[] = [];
  for (const row of result.rows) {
    if (row.ord > last) {
      clauses.push(...row.lexemes.map((lexeme) => `!${operand(lexeme)}`));
      continue;
    }
    if (row.lexemes.length === 0) continue;
    const label = (lexeme: string, prefix = false) => operand(lexeme) + (prefix || weights ? `:${prefix ? '*' : ''}${weights}` : '');
    const alternatives = new Set<string>(row.lexemes.map((lexeme) => label(lexeme, row.ord === last)));
    for (const lexeme of row.expansions ?? []) alternatives.add(label(lexeme));
    if (!row.known) for (const lexeme of corrections(row.word, row.candidates ?? [])) alternatives.add(label(lexeme));
    clauses.push(`(${[...alternatives].join(' | ')})`);
  }
  return clauses.some((clause) => !clause.startsWith('!')) ? clauses.join(' & ') : undefined;
}

/** The lexemes of the closest known words within the typo budget, fewest edits first. */
function corrections(word: string, candidates: readonly Candidate[]): string[] {
  const budget = maxTypos(word);
  if (budget === 0) return [];
  return candidates
    .map((candidate) => ({ ...candidate, distance: editDistance(word, candidate.word, budget) }))
    .filter((candidate) => candidate.distance <= budget)
    .sort((a, b) => a.distance - b.distance || (a.word < b.word ? -1 : 1))
    .slice(0, maxCorrections)
    .map((candidate) => candidate.lexeme);
}
