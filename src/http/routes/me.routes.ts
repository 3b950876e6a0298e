import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandContext } from '../../commands/command-context.js';
import { uuidFromName } from '../../commands/event-ids.js';
import { addressInputSchema } from '../../domain/customer/index.js';
import { domainErrorProblem } from '../problems/domain-error-problem.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses } from '../support/schemas.js';
import { addressOutSchema, addressesOf, profileOf, profileSchema, registeredCustomer } from './accounts/profile.js';

const profileUpdate = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 ()-]{4,24}$/, 'expected a phone number such as +49 30 1234567')
      .optional(),
  })
  .refine((body) => body.name !== undefined || body.phone !== undefined, 'give name, phone or both');

const newAddress = z.strictObject({ ...addressInputSchema.shape, default: z.boolean().optional().describe('Make it the default address') });

const contextOf = (request: FastifyRequest): CommandContext => ({
  commandId: request.commandId,
  correlationId: request.id,
  userId: request.principal!.customerId,
});

/** The signed-in customer's own account: profile, addresses and erasure. */
export const meRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { system } = deps;

  api.get(
    '/me',
    {
      config: { access: 'customer' },
      schema: { tags: ['account'], summary: 'My account', response: { 200: profileSchema, ...errorResponses(404) } },
    },
    async (request) => profileOf(await registeredCustomer(system, request.principal!.customerId)),
  );

  api.put(
    '/me',
    {
      config: { access: 'customer' },
      schema: {
        tags: ['account'],
        summary: 'Change my name or phone',
        body: profileUpdate,
        response: { 200: profileSchema, ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const customerId = request.principal!.customerId;
      const result = await system.commands.customer.send(
        { type: 'UpdateProfile', data: { customerId, ...request.body, at: new Date().toISOString() } },
        contextOf(request),
      );
      if (!result.ok) throw domainErrorProblem(result.error);
      return profileOf(await registeredCustomer(system, customerId));
    },
  );

  api.post(
    '/me/addresses',
    {
      config: { access: 'customer', idempotent: true },
      schema: {
        tags: ['account'],
        summary: 'Add an address (the first one becomes the default)',
        body: newAddress,
        response: { 201: addressOutSchema, ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => {
      const customerId = request.principal!.customerId;
      const { default: makeDefault, ...address } = request.body;
      // From the command id: a replay with the same Idempotency-Key names the same address.
      const addressId = uuidFromName(`address/${request.commandId}`);
      const result = await system.commands.customer.send(
        { type: 'AddAddress', data: { customerId, addressId, address, ...(makeDefault !== undefined ? { default: makeDefault } : {}), at: new Date().toISOString() } },
        contextOf(request),
      );
      if (!result.ok) throw domainErrorProblem(result.error);
      const added = addressesOf(await registeredCustomer(system, customerId)).find((a) => a.addressId === addressId);
      return reply.code(201).send(added ?? { addressId, ...address, isDefault: makeDefault === true });
    },
  );

  api.delete(
    '/me/addresses/:addressId',
    {
      config: { access: 'customer' },
      schema: {
        tags: ['account'],
        summary: 'Remove one of my addresses',
        params: z.strictObject({ addressId: z.string().min(1).max(200) }),
        response: { 204: z.void().describe('Removed'), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const customerId = request.principal!.customerId;
      const result = await system.commands.customer.send(
        { type: 'RemoveAddress', data: { customerId, addressId: request.params.addressId, at: new Date().toISOString() } },
        contextOf(request),
      );
      if (!result.ok) throw domainErrorProblem(result.error);
      return reply.code(204).send();
    },
  );

  api.delete(
    '/me',
    {
      config: { access: 'customer' },
      schema: {
        tags: ['account'],
        summary: 'Erase my account (GDPR): personal data is destroyed and my token stops working',
        response: { 204: z.void().describe('Erased'), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const customerId = request.principal!.customerId;
      // The erasure's own command ids derive from the customer id: a repeated erasure appends nothing twice.
      const result = await system.customers.eraseCustomer(customerId, { correlationId: request.id, userId: customerId });
      if (!result.ok) throw domainErrorProblem(result.error);
      request.log.info({ customerId }, 'customer erased');
      return reply.code(204).send();
    },
  );
};
