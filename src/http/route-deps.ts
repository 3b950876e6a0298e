import type { Config } from '../config.js';
import { createRecommendationQueries, type RecommendationQueries } from '../projections/recommendations/recommendations-queries.js';
import { createPostgresSearch } from '../search/postgres/postgres-search.js';
import type { SearchPort } from '../search/search-port.js';
import type { System } from '../system.js';
import type { ReadYourWritesDeps } from './support/read-your-writes.js';

/** What every route plugin receives: the running system and the read-side services built on it. */
export interface RouteDeps {
  readonly config: Config;
  readonly system: System;
  readonly search: SearchPort;
  readonly recommendations: RecommendationQueries;
  readonly readYourWrites: ReadYourWritesDeps;
}

export function createRouteDeps(config: Config, system: System, search?: SearchPort): RouteDeps {
  return {
    config,
    system,
    // Typesense serves search when it is configured and indexed; Postgres full-text is the default.
    search: search ?? createPostgresSearch({ db: system.db }),
    recommendations: createRecommendationQueries(system.db),
    readYourWrites: { store: system.store, db: system.db, projections: system.projections },
  };
}
