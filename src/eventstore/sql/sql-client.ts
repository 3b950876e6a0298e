/**
 * The one thing the SQL event store needs from a driver: run a statement by name with parameters.
 * `pg` prepares each named statement once per connection, which spares the server a parse and
 * plan per append; PGlite runs in-process, where there is nothing to spare.
 */
export interface SqlStatement {
  readonly name: string;
  readonly text: string;
}

export interface SqlClient {
  query<Row>(statement: SqlStatement, values: readonly unknown[]): Promise<Row[]>;
}
