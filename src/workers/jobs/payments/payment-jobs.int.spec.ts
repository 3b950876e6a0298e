import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAfterSaleSaga } from '../../../commands/after-sale/after-sale-saga.js';
import { checkoutIds } from '../../../commands/checkout/checkout-ids.js';
import { createCheckoutSaga } from '../../../commands/checkout/checkout-saga.js';
import { fixedNow, orderState, placeOrder, receiveStock, stockOf, waitUntilSettled } from '../../../commands/checkout/checkout.fixtures.js';
import { paymentStreamName } from '../../../domain/payment/index.js';
import { TransientGatewayError } from '../../../payments/errors.js';
import type { PaymentGateway } from '../../../payments/payment-gateway.js';
import { createSandboxGateway } from '../../../payments/sandbox/sandbox-gateway.js';
import { testCards } from '../../../payments/test-cards.js';
import { createSystemJobs, type SystemJobs } from '../../admin/system-jobs.js';
import { eventually } from '../../contract/job-queue.contract.js';
import { openJobTestBed, type JobTestBed } from '../../testing/job-test-bed.js';
import { jobKinds } from '../job-catalogue.js';
import { authorizePaymentJob, capturePaymentJob } from './payment-jobs.js';

/**
 * The checkout saga hands authorization to the payments worker (BullMQ on real Redis, Postgres).
 * Short backoff so that a run of retries takes milliseconds, not seconds.
 */
describe('payments worker: authorization and capture as jobs', () => {
  let bed: JobTestBed;
  let jobs: SystemJobs;
  const sandbox = createSandboxGateway({ now: fixedNow });
  // A processor outage that an operator can end: every call fails as a timeout while it lasts.
  let outage = false;
  const gateway: PaymentGateway = {
    ...sandbox,
    authorize: (request) => (outage ? Promise.reject(new TransientGatewayError('processor down (test outage)')) : sandbox.authorize(request)),
  };

  beforeAll(async () => {
    bed = await openJobTestBed({ authorizePayment: { attempts: 4, backoffMs: 20 }, capturePayment: { attempts: 3, backoffMs: 20 } });
    jobs = createSystemJobs({ queues: bed.queues, producers: bed.producers, db: bed.opened.db });
    const { commands } = bed;
    bed.run(createCheckoutSaga({ commands, gateway, now: fixedNow, paymentWorker: { enqueue: bed.producers.authorizePayment, store: bed.opened.store } }));
    bed.run(createAfterSaleSaga({ commands, gateway, now: fixedNow, paymentWorker: { enqueueCapture: bed.producers.capturePayment } }));
    const handlers: Record<string, ReturnType<typeof authorizePaymentJob>> = {
      [jobKinds.authorizePayment.name]: authorizePaymentJob({ commands, gateway, now: fixedNow }),
      [jobKinds.capturePayment.name]: capturePaymentJob({ commands, gateway, now: fixedNow }),
    };
    bed.track(bed.queues.queue('payments').work((job) => handlers[job.name]!(job), { concurrency: 8 }));
  });
  afterAll(() => bed?.dispose());

  const tokenOf = async (cardNumber: string) => (await gateway.tokenize({ cardNumber, expMonth: 12, expYear: 2030, cvc: '123' })).token;
  const authorizeJob = (orderId: string) => jobs.jobStatus(`payments.authorize.${orderId}`);
  const paymentOf = async (orderId: string) => (await bed.commands.payment.read(paymentStreamName(checkoutIds.paymentId(orderId)))).state;
  const deadLetterIds = async () => (await jobs.deadLetters.list({ limit: 100 })).items.map((job) => job.id);

  it('retries a transient failure and succeeds: 4000000000009995 fails twice, then approves, charging once', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    await receiveStock(bed.commands, sku, 5);
    const orderId = await placeOrder(bed.commands, [{ sku, quantity: 2 }], await tokenOf(testCards.failTwiceThenApprove));
    expect((await waitUntilSettled(bed.commands, [orderId])).get(orderId)?.status).toBe('CONFIRMED');
    const job = await eventually(async () => ((await authorizeJob(orderId))?.state === 'completed' ? authorizeJob(orderId) : undefined));
    expect(job).toMatchObject({ attemptsMade: 3, result: { outcome: 'approved' } });
    expect(await sandbox.authorizationCount(orderId)).toBe(1);
    await eventually(async () => ((await stockOf(bed.commands, sku)).reserved === 0 ? true : undefined));
    expect(await stockOf(bed.commands, sku)).toMatchObject({ onHand: 3, reserved: 0 });
  });

  it('a declined card is a business answer: the order is rejected, nothing lands in dead letters', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    await receiveStock(bed.commands, sku, 5);
    const orderId = await placeOrder(bed.commands, [{ sku, quantity: 1 }], await tokenOf(testCards.decline));
    expect((await waitUntilSettled(bed.commands, [orderId])).get(orderId)).toMatchObject({ status: 'REJECTED', rejection: { reason: 'PAYMENT_DECLINED' } });
    expect(await authorizeJob(orderId)).toMatchObject({ state: 'completed', attemptsMade: 1, result: { outcome: 'declined' } });
    expect(await deadLetterIds()).not.toContain(`payments.authorize.${orderId}`);
    await eventually(async () => ((await stockOf(bed.commands, sku)).available === 5 ? true : undefined));
  });

  it('a gateway that never answers (4000000000000119) lands in dead letters with the order still pending; a retry runs it again', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    await receiveStock(bed.commands, sku, 5);
    const orderId = await placeOrder(bed.commands, [{ sku, quantity: 1 }], await tokenOf(testCards.alwaysTransient));
    const id = `payments.authorize.${orderId}`;
    const dead = await eventually(async () => ((await authorizeJob(orderId))?.state === 'failed' ? authorizeJob(orderId) : undefined));
    expect(dead).toMatchObject({ id, name: 'authorize-payment', attemptsMade: 4, data: { orderId } });
    expect(dead!.failedReason).toContain('retry with the same key');
    expect(await deadLetterIds()).toContain(id);
    // Not a business rejection: the order waits, its stock still held, until someone acts.
    expect((await orderState(bed.commands, orderId)).status).toBe('PENDING');
    expect(await paymentOf(orderId)).toMatchObject({ status: 'AUTHORIZATION_REQUESTED' });

    const retried = await jobs.deadLetters.retry(id);
    expect(retried).toMatchObject({ ok: true, job: { id } });
    const again = await eventually(async () => {
      const job = await authorizeJob(orderId);
      return job?.state === 'failed' && job.finishedAt !== dead!.finishedAt ? job : undefined;
    });
    expect(again.attemptsMade).toBe(4);
    expect(await jobs.deadLetters.retry('payments.no-such-job')).toEqual({ ok: false, error: 'not-found' });
  });

  it('after an outage, an admin retries the dead letter and the order goes through, charged once', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    await receiveStock(bed.commands, sku, 5);
    outage = true;
    const orderId = await placeOrder(bed.commands, [{ sku, quantity: 1 }], await tokenOf(testCards.approve));
    const id = `payments.authorize.${orderId}`;
    await eventually(async () => ((await authorizeJob(orderId))?.state === 'failed' ? true : undefined));
    expect(await jobs.deadLetters.retry(`payments.authorize.${randomUUID()}`)).toEqual({ ok: false, error: 'not-found' });
    outage = false;

    expect(await jobs.deadLetters.retry(id)).toMatchObject({ ok: true });
    expect((await waitUntilSettled(bed.commands, [orderId])).get(orderId)?.status).toBe('CONFIRMED');
    expect(await jobs.deadLetters.retry(id)).toEqual({ ok: false, error: 'not-failed' });
    expect(await deadLetterIds()).not.toContain(id);
    expect(await sandbox.authorizationCount(orderId)).toBe(1);
  });

  it('captures a shipped order in the worker', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    await receiveStock(bed.commands, sku, 5);
    const orderId = await placeOrder(bed.commands, [{ sku, quantity: 1, unitPrice: 2500 }], await tokenOf(testCards.approve));
    expect((await waitUntilSettled(bed.commands, [orderId])).get(orderId)?.status).toBe('CONFIRMED');
    const at = fixedNow().toISOString();
    for (const command of [
      { type: 'StartProcessing' as const, data: { orderId, at } },
      { type: 'ShipOrder' as const, data: { orderId, carrier: 'UPS', trackingNumber: '1Z999', at } },
    ]) {
      expect((await bed.commands.order.send(command, { commandId: randomUUID() })).ok).toBe(true);
    }
    await eventually(async () => ((await paymentOf(orderId)).status === 'CAPTURED' ? true : undefined));
    expect(await jobs.jobStatus(`payments.capture.${orderId}`)).toMatchObject({ state: 'completed', result: { outcome: 'captured' } });
    const [authorization] = await sandbox.authorizationsFor(orderId);
    // All of it (the order's total, shipping included), once.
    expect(authorization).toMatchObject({ status: 'captured', captured: authorization!.authorized });
    expect(await sandbox.authorizationCount(orderId)).toBe(1);
  });
});
