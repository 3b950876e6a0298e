/**
 * What a process of the system does. `api`: the HTTP API (commands, reads; it may enqueue jobs).
 * `worker`: projections, process managers (sagas) and job workers. `npm start` is both.
 */
export const systemRoles = ['api', 'worker'] as const;
export type SystemRole = (typeof systemRoles)[number];

export class RolesConfigError extends Error {
  override readonly name = 'RolesConfigError';
}
