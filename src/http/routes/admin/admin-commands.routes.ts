import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uuidFromName } from '../../../commands/event-ids.js';
import { categoryNameSchema, slugify, slugSchema } from '../../../domain/category/index.js';
import { couponCodeSchema } from '../../../domain/coupon/index.js';
import { catalogIdSchema, idSchema, roleSchema } from '../../../domain/shared/index.js';
import { formatPosition } from '../../../eventstore/position.js';
import type { Position } from '../../../eventstore/types.js';
import { domainErrorProblem } from '../../problems/domain-error-problem.js';
import { problems } from '../../problems/problem.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses, moneySchema, positionField } from '../../support/schemas.js';
import { actorOf, commandContext, principalOf } from '../seller/request-context.js';

const position = (p: Position | undefined) => (p ? formatPosition(p) : null);

const instant = z.iso.datetime({ offset: true });
const usageLimit = z.number().int().min(1).max(1_000_000_000).nullable().default(null).describe('null: unlimited');

const couponBody = z
  .strictObject({
    code: couponCodeSchema.describe('2-64 letters, digits, - or _; case-insensitive (stored upper-case)'),
    discount: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('percentage'), basisPoints: z.number().int().min(1).max(10_000).describe('1 bp = 0.01 %') }),
      z.strictObject({ kind: z.literal('fixed'), amount: moneySchema.refine((m) => m.amount > 0, 'must be positive') }),
    ]),
    minimumOrder: moneySchema.refine((m) => m.amount >= 0, 'must not be negative').nullable().default(null),
    validFrom: instant.optional().describe('Default: now'),
    validUntil: instant.describe('Exclusive'),
    totalUsageLimit: usageLimit,
    perCustomerLimit: usageLimit,
  })
  .refine((body) => Date.parse(body.validFrom ?? new Date().toISOString()) < Date.parse(body.validUntil), {
    message: 'validUntil must be after validFrom',
    path: ['validUntil'],
  })
  .refine((b) => b.discount.kind !== 'fixed' || b.minimumOrder === null || b.discount.amount.currency === b.minimumOrder.currency, {
    message: 'a fixed discount and its minimum order must share a currency',
    path: ['minimumOrder'],
  });

/** `PUT /admin/customers/{customerId}/roles`, `POST /admin/categories`, `POST /admin/coupons`. */
export const adminCommandRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { commands, customers } = deps.system;

  api.put(
    '/admin/customers/:customerId/roles',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: "Set a customer's roles (the whole set); each grant and revocation is recorded with the admin who made it",
        params: z.strictObject({ customerId: idSchema }),
        body: z.strictObject({ roles: z.array(roleSchema).max(3) }),
        response: { 200: z.object({ customerId: z.string(), roles: z.array(roleSchema), position: positionField }), ...errorResponses(404) },
      },
    },
    async (request) => {
      const { customerId } = request.params;
      const result = await customers.setRoles(
        { customerId, roles: request.body.roles, actor: actorOf(principalOf(request)), at: new Date().toISOString() },
        commandContext(request),
      );
      if (!result.ok) throw domainErrorProblem(result.error);
      return { customerId, roles: [...result.roles], position: position(result.position) };
    },
  );

  api.post(
    '/admin/categories',
    {
      config: { access: 'admin', idempotent: true },
      schema: {
        tags: ['admin'],
        summary: 'Create a category (at the root, or under parentId)',
        body: z.strictObject({
          name: categoryNameSchema,
          parentId: catalogIdSchema.nullable().optional(),
          slug: slugSchema.optional().describe('Default: made from the name'),
        }),
        response: { 201: z.object({ categoryId: z.string(), slug: z.string(), position: positionField }), ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { name, parentId } = request.body;
      const slug = request.body.slug ?? slugify(name);
      if (slug === '') throw problems.unprocessable('INVALID_SLUG', 'No slug', 'the name makes no URL slug: send one (lower-case words joined by hyphens)');
      // Derived from the command id, so a retry with the same Idempotency-Key names the same category.
      const categoryId = uuidFromName(`admin-category/${request.commandId}`);
      const result = await commands.category.send(
        { type: 'CreateCategory', data: { categoryId, name, slug, parentId: parentId ?? null } },
        commandContext(request),
      );
      if (!result.ok) throw domainErrorProblem(result.error);
      return reply.code(201).send({ categoryId, slug, position: position(result.position) });
    },
  );

  api.post(
    '/admin/coupons',
    {
      config: { access: 'admin', idempotent: true },
      schema: {
        tags: ['admin'],
        summary: 'Define a coupon: a percentage or fixed discount, a validity window, usage limits',
        body: couponBody,
        response: { 201: z.object({ code: z.string(), position: positionField }), ...errorResponses(409, 422) },
      },
    },
    async (request, reply) => {
      const { validFrom, ...body } = request.body;
      const at = new Date().toISOString();
      const result = await commands.coupon.send({ type: 'DefineCoupon', data: { ...body, validFrom: validFrom ?? at, at } }, commandContext(request));
      if (!result.ok) throw domainErrorProblem(result.error);
      return reply.code(201).send({ code: body.code, position: position(result.position) });
    },
  );
};
