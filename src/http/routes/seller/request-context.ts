import type { FastifyRequest } from 'fastify';
import type { CommandContext } from '../../../commands/command-context.js';
import type { Actor } from '../../../domain/shared/index.js';
import { isAdminPrincipal, type Principal } from '../../auth/access.js';
import { problems } from '../../problems/problem.js';

/** The signed-in caller of a route whose access level already requires one (seller, admin). */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === undefined) throw problems.unauthorized();
  return request.principal;
}

/** The caller as the domain's deciders check it (ownership, roles). */
export function actorOf(principal: Principal): Actor {
  return { userId: principal.customerId, roles: [...principal.roles] };
}

export const isAdmin = isAdminPrincipal;

/** What every command sent by a route carries; `step` names one of several commands of one request. */
export function commandContext(request: FastifyRequest, step?: string): CommandContext {
  const commandId = step === undefined ? request.commandId : `${request.commandId}/${step}`;
  return {
    commandId,
    correlationId: request.id,
    ...(request.principal ? { userId: request.principal.customerId } : {}),
  };
}
