import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paymentError, paymentStreamName, type Payment } from '../../domain/payment/index.js';
import { money, positiveMoneySchema } from '../../domain/shared/index.js';
import { formatPosition } from '../../eventstore/position.js';
import { GatewayRejectedError, TransientGatewayError } from '../../payments/errors.js';
import { domainErrorProblem } from '../problems/domain-error-problem.js';
import { ProblemError, problems } from '../problems/problem.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses } from '../support/schemas.js';
import { mayAct } from './purchase/order-access.js';
import { paymentParams, paymentSchema } from './purchase/purchase-schemas.js';
import { readOrder } from './purchase/settlement-watcher.js';

const tags = ['payments'];

function paymentView(payment: Payment, position?: string | null) {
  return {
    paymentId: payment.paymentId,
    orderId: payment.orderId,
    status: payment.status,
    amount: payment.amount,
    authorized: payment.authorized,
    captured: payment.captured,
    refunded: payment.refunded,
    // The token is the gateway's handle on the card: it stays in the payment stream.
    cardLast4: payment.cardLast4,
    declineReason: payment.declineReason,
    ...(position !== undefined ? { position } : {}),
  };
}

/**
 * Payments: seen by the customer whose order they pay (and admins); refunded by admins. A refund
 * goes to the gateway first, then onto the payment's stream, under one key derived from the request,
 * so a retried request neither refunds twice nor records twice; the payment never gives back more
 * than was captured (the gateway and the payment's `decide` both refuse it).
 */
export const paymentRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { commands, gateway, store } = deps.system;

  async function paymentFor(request: FastifyRequest, paymentId: string): Promise<Payment> {
    const { state } = await commands.payment.read(paymentStreamName(paymentId));
    if (state.status === 'NONE') throw problems.notFound('payment', paymentId);
    const { state: order } = await readOrder(store, state.orderId);
    if (order.status === 'NONE' || !mayAct(request, order)) throw problems.notFound('payment', paymentId);
    return state;
  }

  api.get(
    '/payments/:paymentId',
    {
      config: { access: 'customer' },
      schema: { tags, summary: 'A payment of one of my orders', params: paymentParams, response: { 200: paymentSchema, ...errorResponses(404) } },
    },
    async (request) => paymentView(await paymentFor(request, request.params.paymentId)),
  );

  api.post(
    '/payments/:paymentId/refund',
    {
      config: { access: 'admin', idempotent: true },
      schema: {
        tags,
        summary: 'Admin: refund part or all of what was captured',
        description:
          'Without an amount, refunds everything captured and not yet refunded. Refunds that come from the order ' +
          '(cancellation, received return) are made by the after-sale saga; while one is pending this answers 409.',
        params: paymentParams,
        body: z.strictObject({ amount: positiveMoneySchema.optional(), reason: z.string().trim().min(1).max(500).optional() }).nullish(),
        response: { 200: paymentSchema, ...errorResponses(404, 409, 422, 503) },
      },
    },
    async (request) => {
      const payment = await paymentFor(request, request.params.paymentId);
      const { paymentId } = payment;
      if (payment.status !== 'CAPTURED' && payment.status !== 'PARTIALLY_REFUNDED') {
        throw domainErrorProblem(paymentError('ILLEGAL_TRANSITION', `nothing to refund on a payment that is ${payment.status}`, { from: payment.status }));
      }
      const { state: order } = await readOrder(store, payment.orderId);
      if (order.status === 'REFUND_PENDING') {
        throw problems.conflict('REFUND_IN_PROGRESS', 'Refund in progress', `order ${payment.orderId} is being refunded by its own process; retry once it is REFUNDED`);
      }
      const remaining = money(payment.captured.amount - payment.refunded.amount, payment.captured.currency);
      const amount = request.body?.amount ?? remaining;
      if (amount.currency !== remaining.currency) {
        throw domainErrorProblem(paymentError('CURRENCY_MISMATCH', `the payment is in ${remaining.currency}`, { expected: remaining.currency, actual: amount.currency }));
      }
      if (amount.amount > remaining.amount || amount.amount <= 0) {
        throw domainErrorProblem(paymentError('REFUND_EXCEEDS_CAPTURED', 'refunds never exceed what was captured', { captured: payment.captured, refunded: payment.refunded }));
      }
      const idempotencyKey = `${payment.orderId}/manual-refund/${request.commandId}`;
      if (!Object.hasOwn(payment.applied, idempotencyKey)) {
        try {
          await gateway.refund({ idempotencyKey, authorizationId: payment.gatewayAuthorizationId ?? '', amount });
        } catch (error) {
          if (error instanceof TransientGatewayError) throw problems.unavailable('the payment gateway did not answer; retry with the same Idempotency-Key');
          if (error instanceof GatewayRejectedError) throw new ProblemError(409, 'REFUND_REFUSED', 'Refund refused', error.message, { reason: error.code });
          throw error;
        }
      }
      const result = await commands.payment.send(
        { type: 'RefundPayment', data: { paymentId, amount, idempotencyKey, at: new Date().toISOString() } },
        { commandId: `${request.commandId}/refund`, correlationId: request.id, userId: request.principal!.customerId },
      );
      if (!result.ok) throw domainErrorProblem(result.error);
      const { state } = await commands.payment.current(paymentStreamName(paymentId));
      if (state.status === 'NONE') throw new Error(`payment ${paymentId} vanished after a refund`);
      request.log.info({ paymentId, orderId: payment.orderId, amount, reason: request.body?.reason }, 'manual refund');
      return paymentView(state, result.position ? formatPosition(result.position) : null);
    },
  );
};
