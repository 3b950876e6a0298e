import { launchOrExit } from './launch.js';

/**
 * `npm run start:worker`: projections, sagas and job workers, no HTTP. Start as many as the load
 * needs against one Redis (REDIS_URL) and one Postgres: each job runs once, each projection and
 * saga has one active runner, and the others take over when it stops.
 */
launchOrExit(['worker']);
