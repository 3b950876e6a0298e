import { z } from 'zod';
import { AfterSaleError, capturePayment } from '../../../commands/after-sale/capture-payment.js';
import { authorizeRequestedPayment } from '../../../commands/checkout/authorize-requested-payment.js';
import type { CommandHandlers } from '../../../commands/command-handlers.js';
import { GatewayRejectedError } from '../../../payments/errors.js';
import type { PaymentGateway } from '../../../payments/payment-gateway.js';
import { PermanentJobError, type JobHandler } from '../../job-queue.js';

export interface PaymentJobDeps {
  readonly commands: CommandHandlers;
  readonly gateway: PaymentGateway;
  readonly now?: () => Date;
}

const authorizeData = z.object({ orderId: z.string().min(1), paymentId: z.string().min(1) });
const captureData = z.object({ orderId: z.string().min(1) });

/**
 * What retrying can cure is thrown as it is (a `TransientGatewayError`: the processor did not
 * answer; the queue retries with backoff, then keeps the job in dead letters). A refusal is not
 * cured by retrying: it goes to dead letters at once, for an admin to look at.
 */
function permanentUnlessTransient(error: unknown): never {
  if (error instanceof GatewayRejectedError || error instanceof AfterSaleError) throw new PermanentJobError(error.message);
  throw error;
}

/**
 * Authorizes the payment the checkout saga requested and records the gateway's answer. Every
 * attempt uses the order's idempotency key, so a retry (or a run after a crash) never holds the
 * money twice. A declined card is an answer, recorded like an approval: the saga rejects the order.
 */
export function authorizePaymentJob(deps: PaymentJobDeps): JobHandler {
  return async (job) => {
    const request = authorizeData.parse(job.data);
    const outcome = await authorizeRequestedPayment(deps, request).catch(permanentUnlessTransient);
    return { outcome };
  };
}

/** Captures a shipped order's payment (the after-sale saga enqueues it on OrderShipped). */
export function capturePaymentJob(deps: PaymentJobDeps): JobHandler {
  return async (job) => {
    const { orderId } = captureData.parse(job.data);
    const outcome = await capturePayment(deps, orderId).catch(permanentUnlessTransient);
    return { outcome };
  };
}
