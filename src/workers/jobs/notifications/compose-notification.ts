import { sql, type Kysely } from 'kysely';
import type { CommandHandlers } from '../../../commands/command-handlers.js';
import { customerStreamName } from '../../../domain/customer/index.js';
import { orderStreamName, type Order } from '../../../domain/order/index.js';
import type { Money } from '../../../domain/shared/index.js';
import type { MailMessage } from '../../mailer/mailer.js';
import type { NotificationRequest } from './notification-request.js';

export interface ComposeDeps {
  readonly commands: CommandHandlers;
  readonly db: Kysely<unknown>;
}

/** 1999 USD → "$19.99": minor units as the currency defines them (JPY has none). */
export function formatMoney(money: Money): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: money.currency });
  return format.format(money.amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

/** A customer's email, read (and decrypted) from their stream; undefined once erased or unknown. */
async function emailOf(commands: CommandHandlers, customerId: string): Promise<string | undefined> {
  const { state } = await commands.customer.read(customerStreamName(customerId));
  return state.status === 'registered' && typeof state.email === 'string' ? state.email : undefined;
}

const shortId = (orderId: string) => orderId.slice(0, 8);
const linesOf = (order: Order) => order.lines.map((line) => `  ${line.quantity} × ${line.sku}  ${formatMoney(line.unitPrice)}`).join('\n');

function orderMessage(order: Order, request: NotificationRequest): Omit<MailMessage, 'id' | 'to'> {
  const ref = shortId(order.orderId);
  switch (request.type) {
    case 'OrderConfirmed':
      return {
        kind: 'order-confirmed',
        subject: `Your order ${ref} is confirmed`,
        text: `Thank you for your order ${order.orderId}.\n\n${linesOf(order)}\n\nTotal: ${formatMoney(order.pricing.total)}\n`,
      };
    case 'OrderShipped': {
      const { carrier, trackingNumber } = request.data as { carrier?: string; trackingNumber?: string };
      return {
        kind: 'order-shipped',
        subject: `Your order ${ref} has shipped`,
        text: `Your order ${order.orderId} is on its way with ${carrier ?? 'the carrier'}, tracking number ${trackingNumber ?? 'n/a'}.\n`,
      };
    }
    default: {
      const { amount } = request.data as { amount: Money };
      return {
        kind: 'order-refunded',
        subject: `Refund for your order ${ref}`,
        text: `We have refunded ${formatMoney(amount)} for your order ${order.orderId}. It reaches your card within a few days.\n`,
      };
    }
  }
}

/** The seller of a SKU, through the catalog read model (SKU → product → seller). */
async function sellerOf(db: Kysely<unknown>, sku: string): Promise<string | undefined> {
  const { rows } = await sql<{ seller_id: string | null }>`
    SELECT p.seller_id FROM catalog_skus s JOIN catalog_products p ON p.product_id = s.product_id WHERE s.sku = ${sku}`.execute(db);
  return rows[0]?.seller_id ?? undefined;
}

/**
 * The mail an event calls for, addressed from the current state: the buyer (a customer's email,
 * or the guest's) or the SKU's seller. Undefined when there is nobody to write to (an erased
 * customer, a SKU whose product the catalog does not know yet).
 */
export async function composeNotification(deps: ComposeDeps, request: NotificationRequest): Promise<MailMessage | undefined> {
  const id = `notification-${request.eventId}`;
  if (request.type === 'LowStockDetected') {
    const { sku, available, threshold } = request.data as { sku: string; available: number; threshold: number };
    const sellerId = await sellerOf(deps.db, sku);
    const to = sellerId === undefined ? undefined : await emailOf(deps.commands, sellerId);
    if (to === undefined) return undefined;
    return {
      id,
      to,
      ...(sellerId !== undefined ? { customerId: sellerId } : {}),
      kind: 'low-stock',
      subject: `Low stock: ${sku}`,
      text: `Only ${available} of ${sku} left to sell (your threshold is ${threshold}). Time to restock.\n`,
    };
  }
  const orderId = request.streamName.slice('order-'.length);
  const { state: order } = await deps.commands.order.read(orderStreamName(orderId));
  if (order.status === 'NONE') return undefined;
  const to = order.customerId ? await emailOf(deps.commands, order.customerId) : (order.guestEmail ?? undefined);
  if (to === undefined) return undefined;
  return { id, to, ...(order.customerId ? { customerId: order.customerId } : {}), ...orderMessage(order, request) };
}
