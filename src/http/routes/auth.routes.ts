import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { emailSchema } from '../../domain/customer/index.js';
import { domainErrorProblem } from '../problems/domain-error-problem.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses } from '../support/schemas.js';
import { mergeGuestCart } from './accounts/merge-guest-cart.js';

// Bounds only: the password rules (length) are the account flow's, answered as 422 WEAK_PASSWORD.
const password = z.string().min(1).max(1024);

const registration = z.strictObject({
  email: emailSchema,
  password,
  name: z.string().trim().min(1).max(200),
});

const credentials = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password,
  cartId: z.string().min(1).max(200).optional().describe('A guest cart to merge into your cart'),
});

const cartMergeSchema = z
  .object({
    outcome: z.enum(['MERGED', 'CART_NOT_FOUND', 'NOT_A_GUEST_CART', 'CART_CLOSED']),
    cartId: z.string().nullable().describe('Your cart now holding the guest cart’s items; null unless merged'),
  })
  .describe('What became of the guest cart given at log-in; the log-in succeeds whatever it is');

/**
 * Registration and log-in. Both are rate limited per client. Log-in failures answer one problem
 * (401 INVALID_CREDENTIALS) whether or not the account exists; passwords are never logged (Fastify
 * does not log bodies, and validation problems name fields, never values).
 */
export const authRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const rateLimit = { max: deps.config.RATE_LIMIT_AUTH_PER_MINUTE, timeWindow: '1 minute' };

  api.post(
    '/auth/register',
    {
      config: { access: 'public', idempotent: true, rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Create an account (role customer) and get a token',
        security: [],
        body: registration,
        response: { 201: z.object({ customerId: z.string(), token: z.string() }), ...errorResponses(409, 422) },
      },
    },
    async (request, reply) => {
      const { email, password: secret, name } = request.body;
      // Roles are never taken from the request: self-registration makes customers only.
      const result = await deps.system.customers.registerCustomer({ email, name, password: secret }, { commandId: request.commandId, correlationId: request.id });
      if (!result.ok) throw domainErrorProblem(result.error);
      request.log.info({ customerId: result.customerId }, 'customer registered');
      return reply.code(201).send({ customerId: result.customerId, token: app.issueToken(result.customerId) });
    },
  );

  api.post(
    '/auth/login',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Log in; a guest cart given here is merged into your cart',
        security: [],
        body: credentials,
        response: {
          200: z.object({ token: z.string(), customerId: z.string(), cartMerge: cartMergeSchema.optional() }),
          ...errorResponses(),
        },
      },
    },
    async (request) => {
      const { email, password: secret, cartId } = request.body;
      const authenticated = await deps.system.customers.authenticate(email, secret);
      if (!authenticated.ok) throw domainErrorProblem(authenticated.error);
      const { customerId } = authenticated;
      const token = app.issueToken(customerId);
      if (cartId === undefined) return { token, customerId };
      const cartMerge = await mergeGuestCart(deps, customerId, cartId, { commandId: request.commandId, correlationId: request.id, userId: customerId });
      request.log.info({ customerId, guestCartId: cartId, outcome: cartMerge.outcome }, 'guest cart at log-in');
      return { token, customerId, cartMerge };
    },
  );
};
