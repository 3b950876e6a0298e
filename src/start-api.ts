import { launchOrExit } from './launch.js';

/**
 * `npm run start:api`: the HTTP API only (commands and reads; it enqueues jobs but runs none, and
 * runs no projection or saga). Run `npm run start:worker` beside it; both need REDIS_URL.
 */
launchOrExit(['api']);
