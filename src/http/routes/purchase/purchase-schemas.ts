import { z } from 'zod';
import { orderStatusSchema, rejectionReasonSchema, shippingOptionSchema } from '../../../domain/order/index.js';
import { appliedCouponCodeSchema, paymentTokenSchema, skuSchema } from '../../../domain/shared/index.js';
import { moneySchema, positionField } from '../../support/schemas.js';

/*
 * The shapes of the purchase path (carts, checkout, orders, payments, inventory), named once so that
 * the OpenAPI document shows them as such. Inputs are strict (unknown fields → 400); answers are
 * plain objects, so that an extra field in a view never turns a good answer into a 500.
 */

export const skuParam = z.strictObject({ sku: skuSchema });
/** Ids in paths: what the domain accepts as an id (1-200 characters, no whitespace). */
const pathId = z.string().min(1).max(200).regex(/^\S+$/, 'ids contain no whitespace');
export const cartParams = z.strictObject({ cartId: pathId });
export const cartItemParams = z.strictObject({ cartId: pathId, sku: skuSchema });
export const orderParams = z.strictObject({ orderId: pathId });
export const paymentParams = z.strictObject({ paymentId: pathId });

export const quantityInput = z.number().int().min(1).max(999);

export const shippingAddressInput = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    line1: z.string().trim().min(1).max(200),
    line2: z.string().trim().max(200).optional(),
    city: z.string().trim().min(1).max(100),
    postalCode: z.string().trim().min(1).max(20),
    country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as DE'),
  })
  .describe('Where the parcel goes');

/**
 * A card typed in (tokenized at once; the number goes no further than the gateway's `tokenize`) or a
 * token from the gateway's client-side tokenization. A token never looks like a card number.
 */
export const paymentInput = z
  .union([
    z.strictObject({
      cardNumber: z.string().regex(/^[\d -]{12,23}$/, 'expected 12-19 digits, spaces or dashes allowed'),
      expMonth: z.number().int().min(1).max(12),
      expYear: z.number().int().min(2000).max(2100),
      cvc: z.string().regex(/^\d{3,4}$/, 'expected 3 or 4 digits'),
    }),
    z.strictObject({
      token: paymentTokenSchema,
      last4: z.string().regex(/^\d{4}$/).optional().describe('Last four digits, as the tokenizer reported them'),
    }),
  ])
  .describe('A card ({cardNumber, expMonth, expYear, cvc}) or a gateway token ({token, last4?}); card data is never stored');
export type PaymentInput = z.infer<typeof paymentInput>;

const checkoutFields = {
  shippingAddress: shippingAddressInput,
  shippingOption: shippingOptionSchema,
  payment: paymentInput,
  email: z.email().max(320).optional().describe('Required for guests; ignored for signed-in customers'),
};

export const checkoutBody = z.strictObject(checkoutFields);

export const directOrderBody = z.strictObject({
  lines: z
    .array(z.strictObject({ sku: skuSchema, quantity: quantityInput }))
    .min(1)
    .max(100),
  couponCode: appliedCouponCodeSchema.optional(),
  ...checkoutFields,
});

export const waitQuery = z.strictObject({
  wait: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: answer once the checkout has settled (up to 10 s), else 202 as without it'),
});

export const checkoutAccepted = z
  .object({ orderId: z.string(), position: positionField })
  .describe('The order is placed; the checkout saga reserves stock and charges the card');

export const checkoutSettled = z
  .object({
    orderId: z.string(),
    status: orderStatusSchema.describe('CONFIRMED or REJECTED (or where the order moved on to since)'),
    reason: rejectionReasonSchema.optional(),
    position: positionField,
  })
  .describe('The checkout has settled');

const lineSchema = z.object({ sku: z.string(), productId: z.string(), quantity: z.number().int(), unitPrice: moneySchema, lineTotal: moneySchema });

export const cartSchema = z
  .object({
    cartId: z.string(),
    status: z.enum(['OPEN', 'CHECKED_OUT', 'EXPIRED', 'MERGED']),
    owner: z.enum(['guest', 'customer']),
    currency: z.string(),
    lines: z.array(lineSchema).readonly(),
    itemCount: z.number().int(),
    subtotal: moneySchema,
    couponCode: z.string().nullable(),
    orderId: z.string().nullable(),
    lastActivityAt: z.string(),
    position: positionField.optional(),
  })
  .describe('A cart as its shopper sees it');

const orderLineSchema = z.object({ sku: z.string(), productId: z.string(), sellerId: z.string(), quantity: z.number().int(), unitPrice: moneySchema });

export const orderSchema = z
  .object({
    orderId: z.string(),
    status: orderStatusSchema,
    statusHistory: z.array(z.object({ status: orderStatusSchema, at: z.string() })).readonly(),
    customerId: z.string().nullable(),
    guestEmail: z.string().nullable(),
    cartId: z.string().nullable(),
    lines: z.array(orderLineSchema).readonly(),
    itemCount: z.number().int(),
    couponCode: z.string().nullable(),
    pricing: z.object({
      subtotal: moneySchema,
      discount: moneySchema,
      shipping: moneySchema,
      taxRateBasisPoints: z.number().int(),
      tax: moneySchema,
      total: moneySchema,
    }),
    shippingAddress: z.object({
      name: z.string(),
      line1: z.string(),
      line2: z.string().optional(),
      city: z.string(),
      postalCode: z.string(),
      country: z.string(),
    }),
    shippingOption: shippingOptionSchema,
    cardLast4: z.string(),
    placedAt: z.string(),
    updatedAt: z.string(),
    paymentId: z.string().nullable(),
    rejection: z.object({ reason: rejectionReasonSchema, details: z.string().nullable() }).nullable(),
    cancellation: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
    shipment: z.object({ carrier: z.string(), trackingNumber: z.string(), shippedAt: z.string(), deliveredAt: z.string().nullable() }).nullable(),
    refundRequested: moneySchema,
    refundedTotal: moneySchema,
  })
  .describe('An order: status and its history, lines and totals');

export const orderSummarySchema = z.object({
  orderId: z.string(),
  status: orderStatusSchema,
  placedAt: z.string(),
  updatedAt: z.string(),
  total: moneySchema,
  itemCount: z.number().int(),
  lineCount: z.number().int(),
  trackingNumber: z.string().nullable(),
});

/** What an order command answers: where the order now stands and where the write landed. */
export const orderChanged = z.object({ orderId: z.string(), status: orderStatusSchema, position: positionField });

export const trackingSchema = z.object({
  orderId: z.string(),
  status: orderStatusSchema,
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  shippedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});

export const paymentSchema = z
  .object({
    paymentId: z.string(),
    orderId: z.string(),
    status: z.enum(['AUTHORIZATION_REQUESTED', 'AUTHORIZED', 'DECLINED', 'FAILED', 'CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED']),
    amount: moneySchema,
    authorized: moneySchema,
    captured: moneySchema,
    refunded: moneySchema,
    cardLast4: z.string(),
    declineReason: z.string().nullable(),
    position: positionField.optional(),
  })
  .describe('A payment; the card is known only by its last four digits');

export const inventorySchema = z.object({ sku: z.string(), onHand: z.number().int(), reserved: z.number().int(), available: z.number().int() });
