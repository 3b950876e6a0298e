/**
 * One process of the system for the process-role tests: `launch` (what npm start, start:api and
 * start:worker run) with the roles in ROLES, in the Postgres schema SCHEMA and under the queue
 * prefix QUEUE_PREFIX, so that parallel test runs share the servers without meeting.
 */
import { launch } from '../../launch.js';
import { systemRoles, type SystemRole } from '../roles/roles.js';

const roles = (process.env.ROLES ?? '').split(',').filter((role): role is SystemRole => (systemRoles as readonly string[]).includes(role));
await launch(roles, {
  ...(process.env.SCHEMA ? { schema: process.env.SCHEMA } : {}),
  ...(process.env.QUEUE_PREFIX ? { queuePrefix: process.env.QUEUE_PREFIX } : {}),
  jobSettings: { authorizePayment: { backoffMs: 50 } },
});
