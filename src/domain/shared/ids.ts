import { z } from 'zod';

/** Ids arrive from outside (uuids, customer and order ids); no whitespace, so that `<category>-<id>` stays one token. */
export const idSchema = z.string().min(1).max(200).regex(/^\S+$/, 'ids contain no whitespace');

/**
 * Ids in the catalog aggregates (product, category, inventory): 1-128 characters, nothing else checked.
 * Not the same rule as `idSchema` (shorter, and whitespace is not refused); both were kept as they were
 * when the aggregates' copies were merged here, so that no id changed from accepted to refused.
 */
export const catalogIdSchema = z.string().min(1).max(128);

/** Stock keeping unit. It names the SKU's inventory stream (`inventory-<sku>`), hence URL- and stream-safe characters only. */
export const skuSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected 1-64 letters, digits, ".", "_" or "-"');
