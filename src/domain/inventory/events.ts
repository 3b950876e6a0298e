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

/** `sold_out` when nothing is left to sell, `low` otherwise: alerts route on it (page someone vs. reorder). */
export const lowStockSeverities = ['low', 'sold_out'] as const;
export const lowStockSeveritySchema = z.enum(lowStockSeverities);
export const lowStockSeverity = (available: number): LowStockSeverity => (available === 0 ? 'sold_out' : 'low');

const lowStockFields = {
  sku: skuSchema,
  available: z.number().int().safe().nonnegative(),
  threshold: z.number().int().safe().nonnegative(),
  at: instantSchema,
};

/**
 * Emitted after the event that made `available` fall to or below the threshold.
 * Schema version 2: `severity` is required. Version 1 (stored history, `schemaVersion: 1`) had
 * none; `upcastLowStockDetectedV1` derives it, so every reader sees version 2.
 */
export const lowStockDetectedSchema = z.object({
  type: z.literal('LowStockDetected'),
  data: z.object({ ...lowStockFields, severity: lowStockSeveritySchema }),
});

/** Version 1 of LowStockDetected, as history written before version 2 holds it. */
export const lowStockDetectedV1Schema = z.object({ type: z.literal('LowStockDetected'), data: z.object(lowStockFields) });

/**
 * v1 → v2. A v1 event's `available` is exactly what version 2 derives the severity from. Data that
 * already has a severity keeps it: a process writing v2 data without stamping the version (one
 * not wired with the upcasting store) must not have its events re-derived.
 */
export function upcastLowStockDetectedV1(data: LowStockDetectedV1['data']): LowStockDetected['data'] {
  const { severity } = data as Partial<LowStockDetected['data']>;
  return { ...data, severity: severity ?? lowStockSeverity(data.available) };
}

/** The inventory events whose schema has moved on, and how to read their older versions. */
export const inventoryEventUpcasters = [{ eventType: 'LowStockDetected', fromVersion: 1, upcast: upcastLowStockDetectedV1 }] as const;

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
export type LowStockDetectedV1 = z.infer<typeof lowStockDetectedV1Schema>;
export type LowStockSeverity = z.infer<typeof lowStockSeveritySchema>;
export type InventoryEvent = z.infer<typeof inventoryEventSchema>;
export type AdjustmentReason = z.infer<typeof adjustmentReasonSchema>;

export const inventoryStreamCategory = 'inventory';
export const inventoryStreamName = (sku: string): string => `${inventoryStreamCategory}-${sku}`;
