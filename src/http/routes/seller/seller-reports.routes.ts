import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { orderStatusSchema } from '../../../domain/order/index.js';
import { catalogIdSchema, type Money } from '../../../domain/shared/index.js';
import { sellerSales } from '../../../projections/read-models/index.js';
import type { Principal } from '../../auth/access.js';
import { problems } from '../../problems/problem.js';
import type { RouteDeps } from '../../route-deps.js';
import { awaitPosition, positionQuery } from '../../support/read-your-writes.js';
import { cursorQuery, errorResponses, moneySchema } from '../../support/schemas.js';
import { isAdmin, principalOf } from './request-context.js';
import { allSellersSales, listSellerOrders, sellerBestSellers } from './seller-queries.js';

const sellerIdQuery = catalogIdSchema.optional().describe('Admins: one seller (default: every seller). Sellers: only their own id');

const orderLine = z.object({ sku: z.string(), productId: z.string(), sellerId: z.string(), quantity: z.number().int(), unitPrice: moneySchema });
const sellerOrder = z.object({
  orderId: z.string(),
  status: orderStatusSchema,
  placedAt: z.string(),
  updatedAt: z.string(),
  lines: z.array(orderLine).describe("The seller's own lines of the order"),
  goods: moneySchema.describe('Goods value of those lines'),
  shippingAddress: z.object({ name: z.string(), line1: z.string(), line2: z.string().optional(), city: z.string(), postalCode: z.string(), country: z.string() }),
  shippingOption: z.string(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
});

const salesDay = z.object({ day: z.string(), orders: z.number().int(), units: z.number().int(), revenue: moneySchema });
const analytics = z.object({
  sellerId: z.string().nullable().describe('null: every seller (admins only)'),
  from: z.string().nullable(),
  to: z.string().nullable(),
  totals: z.array(z.object({ currency: z.string(), orders: z.number().int(), units: z.number().int(), revenue: moneySchema })).describe('One per currency'),
  days: z.array(salesDay).describe('Net sales per UTC day of confirmation and currency, oldest first'),
  bestSellers: z.array(
    z.object({ productId: z.string(), title: z.string().nullable(), unitsSold: z.number().int(), orders: z.number().int(), revenue: moneySchema.nullable() }),
  ),
});

/** The seller a report is about: a seller sees only their own; an admin anyone's, or everyone's (undefined). */
function reportedSeller(principal: Principal, requested: string | undefined): string | undefined {
  if (isAdmin(principal)) return requested;
  if (requested !== undefined && requested !== principal.customerId) throw problems.forbidden("a seller sees only their own orders and sales");
  return principal.customerId;
}

function totalsOf(days: readonly { orders: number; units: number; revenue: Money }[]) {
  const totals = new Map<string, { currency: string; orders: number; units: number; revenue: Money }>();
  for (const day of days) {
    const currency = day.revenue.currency;
    const total = totals.get(currency) ?? { currency, orders: 0, units: 0, revenue: { amount: 0, currency } };
    totals.set(currency, { currency, orders: total.orders + day.orders, units: total.units + day.units, revenue: { amount: total.revenue.amount + day.revenue.amount, currency } });
  }
  return [...totals.values()];
}

/** `GET /seller/orders` and `GET /seller/analytics`, from the orders, sales and catalog read models. */
export const sellerReportRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.system;

  api.get(
    '/seller/orders',
    {
      config: { access: 'seller' },
      schema: {
        tags: ['seller'],
        summary: "Orders holding the seller's products, newest first, with only the seller's lines",
        querystring: z.strictObject({ ...cursorQuery, sellerId: sellerIdQuery, status: orderStatusSchema.optional(), position: positionQuery }),
        response: { 200: z.object({ items: z.array(sellerOrder), nextCursor: z.string().nullable() }), ...errorResponses() },
      },
    },
    async (request, reply) => {
      const { sellerId, status, cursor, limit, position } = request.query;
      const seller = reportedSeller(principalOf(request), sellerId);
      await awaitPosition(deps.readYourWrites, reply, 'orders', position);
      return listSellerOrders(db, seller, { limit, ...(status ? { status } : {}), ...(cursor !== undefined ? { cursor } : {}) });
    },
  );

  api.get(
    '/seller/analytics',
    {
      config: { access: 'seller' },
      schema: {
        tags: ['seller'],
        summary: 'Net sales per day in the range and all-time best-selling products (confirmed orders, less cancellations and returns)',
        querystring: z.strictObject({
          sellerId: sellerIdQuery,
          from: z.iso.date().optional().describe('First day (UTC, inclusive), YYYY-MM-DD'),
          to: z.iso.date().optional().describe('Last day (UTC, inclusive), YYYY-MM-DD'),
          limit: z.coerce.number().int().min(1).max(100).default(10).describe('How many best sellers'),
          position: positionQuery,
        }),
        response: { 200: analytics, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const { sellerId, from, to, limit, position } = request.query;
      if (from !== undefined && to !== undefined && from > to) {
        throw problems.validation([{ path: 'querystring.to', message: 'must not be before from' }]);
      }
      const seller = reportedSeller(principalOf(request), sellerId);
      await awaitPosition(deps.readYourWrites, reply, 'sales', position);
      const range = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
      const days = seller === undefined ? await allSellersSales(db, range) : await sellerSales(db, seller, range);
      return {
        sellerId: seller ?? null,
        from: from ?? null,
        to: to ?? null,
        totals: totalsOf(days),
        days,
        bestSellers: await sellerBestSellers(db, seller, limit),
      };
    },
  );
};
