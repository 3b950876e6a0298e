import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { cartEventSchema } from '../../../src/domain/cart/index.js';
import { categoryEventSchema } from '../../../src/domain/category/index.js';
import { couponEventSchema } from '../../../src/domain/coupon/index.js';
import { customerEventSchema, emailClaimEventSchema } from '../../../src/domain/customer/index.js';
import { inventoryEventSchema } from '../../../src/domain/inventory/index.js';
import { canTransition, orderEventSchema, type OrderStatus } from '../../../src/domain/order/index.js';
import { paymentEventSchema } from '../../../src/domain/payment/index.js';
import { productEventSchema } from '../../../src/domain/product/index.js';
import { reviewEventSchema } from '../../../src/domain/review/index.js';
import { wishlistEventSchema } from '../../../src/domain/wishlist/index.js';
import { shopHistory, type GeneratedEvent, type ShopHistorySummary } from './shop-history.js';

const schemas: Record<string, z.ZodType> = {
  cart: cartEventSchema,
  catalog: categoryEventSchema,
  coupon: couponEventSchema,
  customer: customerEventSchema,
  customerEmail: emailClaimEventSchema,
  inventory: inventoryEventSchema,
  order: orderEventSchema,
  payment: paymentEventSchema,
  product: productEventSchema,
  review: reviewEventSchema,
  wishlist: wishlistEventSchema,
};

/** What the brief of the benchmark asks the history to contain, at least once each. */
const expectedTypes = [
  'CategoryCreated', 'CategoryRenamed', 'ProductCreated', 'ProductPublished', 'ProductVariantAdded', 'VariantPriceChanged',
  'ProductDetailsUpdated', 'StockReceived', 'StockAdjusted', 'StockReserved', 'ReservationCommitted', 'ReservationReleased',
  'ReservationExpired', 'LowStockThresholdSet', 'LowStockDetected', 'CartOpened', 'CartItemAdded', 'CartItemQuantityChanged',
  'CartItemRemoved', 'CouponApplied', 'CartCheckedOut', 'CartExpired', 'GuestCartMerged', 'CartMergedInto', 'OrderPlaced',
  'OrderConfirmed', 'OrderProcessingStarted', 'OrderShipped', 'OrderDelivered', 'OrderCompleted', 'OrderRejected', 'OrderCancelled',
  'OrderRefundRequested', 'ReturnRequested', 'ReturnApproved', 'ReturnRejected', 'ReturnReceived', 'OrderRefunded',
  'PaymentAuthorizationRequested', 'PaymentAuthorized', 'PaymentDeclined', 'PaymentFailed', 'PaymentCaptured', 'PaymentVoided',
  'PaymentRefunded', 'EmailClaimed', 'CustomerRegistered', 'CustomerAddressAdded', 'CustomerProfileUpdated', 'CouponDefined',
  'CouponRedeemed', 'CouponRedemptionReleased', 'ReviewSubmitted', 'ReviewApproved', 'ReviewRejected', 'ReviewMarkedHelpful',
  'WishlistItemAdded', 'WishlistItemRemoved',
];

const SIZE = 60_000;
let summary: ShopHistorySummary | undefined;
const events: GeneratedEvent[] = [...shopHistory({ events: SIZE, seed: 7 }, (s) => (summary = s))].flat();

describe('the generated shop history', () => {
  it('has exactly the number of events asked for, and says what it holds', () => {
    expect(events).toHaveLength(SIZE);
    expect(summary?.events).toBe(SIZE);
    expect(Object.values(summary!.byType).reduce((a, b) => a + b, 0)).toBe(SIZE);
  });

  it('holds every kind of event a shop writes', () => {
    const seen = new Set(events.map((e) => e.type));
    expect(expectedTypes.filter((type) => !seen.has(type))).toEqual([]);
  });

  it("parses with the domain's event schemas: up to 200 events of every type", () => {
    const byType = new Map<string, GeneratedEvent[]>();
    for (const e of events) {
      const sample = byType.get(e.type) ?? [];
      if (sample.length < 200) byType.set(e.type, [...sample, e]);
    }
    for (const [type, sample] of byType) {
      for (const e of sample) {
        const schema = schemas[e.category];
        expect(schema, `a schema for ${e.category}`).toBeDefined();
        const parsed = schema!.safeParse({ type: e.type, data: e.data });
        expect(parsed.success ? undefined : { type, issues: parsed.error.issues.slice(0, 3) }).toBeUndefined();
      }
    }
  });

  it('numbers every stream from revision 0 without gaps, in log order, with recorded times that never go back', () => {
    const next = new Map<string, number>();
    const wrong: GeneratedEvent[] = [];
    let last = 0;
    for (const e of events) {
      if (e.revision !== (next.get(e.streamName) ?? 0) || e.recordedAt < last || !e.streamName.startsWith(`${e.category}-`)) wrong.push(e);
      next.set(e.streamName, e.revision + 1);
      last = e.recordedAt;
    }
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it('moves every order only along the transitions the order aggregate allows', () => {
    const status = new Map<string, OrderStatus>();
    const to: Partial<Record<string, OrderStatus>> = {
      OrderConfirmed: 'CONFIRMED', OrderRejected: 'REJECTED', OrderProcessingStarted: 'PROCESSING', OrderShipped: 'SHIPPED',
      OrderDelivered: 'DELIVERED', OrderCompleted: 'COMPLETED', OrderCancelled: 'CANCELLED', OrderRefundRequested: 'REFUND_PENDING',
      ReturnRequested: 'RETURN_REQUESTED', ReturnApproved: 'RETURN_APPROVED', ReturnReceived: 'RETURN_RECEIVED', OrderRefunded: 'REFUNDED',
    };
    for (const e of events.filter((x) => x.category === 'order')) {
      const before = status.get(e.streamName);
      if (e.type === 'OrderPlaced') {
        expect(before).toBeUndefined();
        status.set(e.streamName, 'PENDING');
        continue;
      }
      expect(before, `${e.type} on an order never placed`).toBeDefined();
      // A rejected return resumes DELIVERED (the only kind the generator rejects before completion).
      const after = e.type === 'ReturnRejected' ? 'DELIVERED' : to[e.type]!;
      expect(canTransition(before!, after), `${before} → ${after}`).toBe(true);
      status.set(e.streamName, after);
    }
  });

  it('never takes available stock below zero, and every reservation ends at most once', () => {
    const stock = new Map<string, { onHand: number; reserved: number }>();
    const open = new Set<string>();
    for (const e of events.filter((x) => x.category === 'inventory')) {
      const s = stock.get(e.streamName) ?? { onHand: 0, reserved: 0 };
      const d = e.data as { quantity?: number; delta?: number; reservationId?: string };
      if (e.type === 'StockReceived') s.onHand += d.quantity!;
      if (e.type === 'StockAdjusted') s.onHand += d.delta!;
      if (e.type === 'StockReserved') {
        s.reserved += d.quantity!;
        open.add(d.reservationId!);
      }
      if (e.type === 'ReservationReleased' || e.type === 'ReservationExpired' || e.type === 'ReservationCommitted') {
        expect(open.delete(d.reservationId!), `${e.type} of a reservation not open`).toBe(true);
        s.reserved -= d.quantity!;
        if (e.type === 'ReservationCommitted') s.onHand -= d.quantity!;
      }
      expect(s.onHand - s.reserved).toBeGreaterThanOrEqual(0);
      stock.set(e.streamName, s);
    }
  });

  it('has the proportions of a shop: orders, inventory, carts and payments make most of it', () => {
    const share = (category: string) => (summary!.byCategory[category] ?? 0) / SIZE;
    expect(share('order') + share('inventory')).toBeGreaterThan(0.4);
    for (const category of ['order', 'inventory', 'cart', 'payment']) expect(share(category)).toBeGreaterThan(0.1);
    for (const category of ['product', 'customer', 'review', 'wishlist']) expect(share(category)).toBeGreaterThan(0.005);
  });

  it('is the same history for the same seed, another for another', () => {
    const history = (seed: number) => [...shopHistory({ events: 5_000, seed })].flat().map((e) => [e.streamName, e.type, e.data]);
    expect(history(7)).toEqual(history(7));
    expect(history(8)).not.toEqual(history(7));
  });
});
