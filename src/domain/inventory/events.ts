import { z } from 'zod';
import { catalogIdSchema, instantSchema, quantitySchema, skuSchema } from '../shared/index.js';

/** Free text on purpose: the saga, support staff and the expiry worker each have their own reasons. */
export const releaseReasonSchema = z.string().min(1).max(200);

export const adjustmentReasons = ['count_correction', 'damaged', 'lost', 'found', 'returned'] as const;
export const adjustmentReasonSchema = z.enum(adjustmentReasons);

export const stockReceivedSchema = z.object({
  type: z.literal('StockReceived'),
  data: z.object({ sku: skuSchema, warehouseId: catalogIdSchema, quantity: quantitySchema, at: instantSchema }),
});

export const stockAdjustedSchema = z.object({
  type: z.literal('StockAdjusted'),
  data: z.object({
    sku: skuSchema,
    delta: z
      .number()
      .int()
      .safe()
      .refine((delta) => delta !== 0, 'delta must not be 0'),
    reason: adjustmentReasonSchema,
    at: instantSchema,
  }),
});

export const lowStockThresholdSetSchema = z.object({
  type: z.literal('LowStockThresholdSet'),
  data: z.object({ sku: skuSchema, threshold: z.number().int().safe().nonnegative(), at: instantSchema }),
});

const reservationFields = {
  sku: skuSchema,
  reservationId: catalogIdSchema,
  orderId: catalogIdSchema,
  quantity: quantitySchema,
  at: instantSchema,
};

export const stockReservedSchema = z.object({
  type: z.literal('StockReserved'),
  data: z.object({ ...reservationFields, expiresAt: instantSchema }),
});

export const reservationReleasedSchema = z.object({
  type: z.literal('ReservationReleased'),
  data: z.object({ ...reservationFields, reason: releaseReasonSchema }),
});

export const reservationExpiredSchema = z.object({
  type: z.literal('ReservationExpired'),
  data: z.object({ ...reservationFields, expiresAt: instantSchema }),
});

/** The goods are sold: they leave `onHand` and `reserved` together. */
export const reservationCommittedSchema = z.object({
  type: z.literal('ReservationCommitted'),
  data: z.object(reservationFields),
});

/** Emitted after the event that made `available` fall to or below the threshold. */
export const lowStockDetectedSchema = z.object({
  type: z.literal('LowStockDetected'),
  data: z.object({
    sku: skuSchema,
    available: z.number().int().safe().nonnegative(),
    threshold: z.number().int().safe().nonnegative(),
    at: instantSchema,
  }),
});

export const inventoryEventSchema = z.discriminatedUnion('type', [
  stockReceivedSchema,
  stockAdjustedSchema,
  lowStockThresholdSetSchema,
  stockReservedSchema,
  reservationReleasedSchema,
  reservationExpiredSchema,
  reservationCommittedSchema,
  lowStockDetectedSchema,
]);

export type StockReceived = z.infer<typeof stockReceivedSchema>;
export type StockAdjusted = z.infer<typeof stockAdjustedSchema>;
export type LowStockThresholdSet = z.infer<typeof lowStockThresholdSetSchema>;
export type StockReserved = z.infer<typeof stockReservedSchema>;
export type ReservationReleased = z.infer<typeof reservationReleasedSchema>;
export type ReservationExpired = z.infer<typeof reservationExpiredSchema>;
export type ReservationCommitted = z.infer<typeof reservationCommittedSchema>;
export type LowStockDetected = z.infer<typeof lowStockDetectedSchema>;
export type InventoryEvent = z.infer<typeof inventoryEventSchema>;
export type AdjustmentReason = z.infer<typeof adjustmentReasonSchema>;

export const inventoryStreamCategory = 'inventory';
export const inventoryStreamName = (sku: string): string => `${inventoryStreamCategory}-${sku}`;
