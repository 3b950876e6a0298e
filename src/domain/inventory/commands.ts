import { z } from 'zod';
import { catalogIdSchema, instantSchema, quantitySchema, skuSchema } from '../shared/index.js';
import { adjustmentReasonSchema, releaseReasonSchema } from './events.js';

export const receiveStockSchema = z.object({
  type: z.literal('ReceiveStock'),
  data: z.object({ sku: skuSchema, warehouseId: catalogIdSchema, quantity: quantitySchema, at: instantSchema }),
});

export const adjustStockSchema = z.object({
  type: z.literal('AdjustStock'),
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

export const setLowStockThresholdSchema = z.object({
  type: z.literal('SetLowStockThreshold'),
  data: z.object({ sku: skuSchema, threshold: z.number().int().safe().nonnegative(), at: instantSchema }),
});

export const reserveStockSchema = z.object({
  type: z.literal('ReserveStock'),
  data: z.object({
    sku: skuSchema,
    reservationId: catalogIdSchema,
    orderId: catalogIdSchema,
    quantity: quantitySchema,
    expiresAt: instantSchema,
    at: instantSchema,
  }),
});

export const releaseReservationSchema = z.object({
  type: z.literal('ReleaseReservation'),
  data: z.object({ sku: skuSchema, reservationId: catalogIdSchema, reason: releaseReasonSchema, at: instantSchema }),
});

export const expireReservationSchema = z.object({
  type: z.literal('ExpireReservation'),
  data: z.object({ sku: skuSchema, reservationId: catalogIdSchema, at: instantSchema }),
});

export const commitReservationSchema = z.object({
  type: z.literal('CommitReservation'),
  data: z.object({ sku: skuSchema, reservationId: catalogIdSchema, at: instantSchema }),
});

export const inventoryCommandSchema = z.discriminatedUnion('type', [
  receiveStockSchema,
  adjustStockSchema,
  setLowStockThresholdSchema,
  reserveStockSchema,
  releaseReservationSchema,
  expireReservationSchema,
  commitReservationSchema,
]);

export type ReceiveStock = z.infer<typeof receiveStockSchema>;
export type AdjustStock = z.infer<typeof adjustStockSchema>;
export type SetLowStockThreshold = z.infer<typeof setLowStockThresholdSchema>;
export type ReserveStock = z.infer<typeof reserveStockSchema>;
export type ReleaseReservation = z.infer<typeof releaseReservationSchema>;
export type ExpireReservation = z.infer<typeof expireReservationSchema>;
export type CommitReservation = z.infer<typeof commitReservationSchema>;
export type InventoryCommand = z.infer<typeof inventoryCommandSchema>;
