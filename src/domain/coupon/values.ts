import { z } from 'zod';

/*
 * Generic value schemas, the same as cart/order/payment's: they belong in src/domain/shared and live
 * here because that folder is not ours to edit.
 */

/** An ISO 8601 instant with an offset; the domain never reads the clock, commands bring the time. */
export const instantSchema = z.iso.datetime({ offset: true });

/** Ids arrive from outside (uuids, SKUs); no whitespace so that `<category>-<id>` stays one token. */
export const idSchema = z.string().min(1).max(200).regex(/^\S+$/, 'ids contain no whitespace');
