import { z } from 'zod';
import { moneySchema } from '../shared/index.js';

/*
 * Value schemas of the payment's events and commands. `instantSchema`, `idSchema` and the card
 * schemas are generic and would belong in src/domain/shared; they live here because that folder
 * is not ours (order holds the same card schemas).
 */

/** An ISO 8601 instant with an offset; the domain never reads the clock, commands bring the time. */
export const instantSchema = z.iso.datetime({ offset: true });

/** Ids arrive from outside (uuids); no whitespace so that `payment-<id>` stays one token. */
export const idSchema = z.string().min(1).max(200).regex(/^\S+$/, 'ids contain no whitespace');

/** Chosen by the caller per intended effect (e.g. derived from the saga step); never reused for another. */
export const idempotencyKeySchema = z.string().min(1).max(255);

export const positiveMoneySchema = moneySchema.extend({ amount: z.number().int().safe().positive() });

/** Twelve or more digits in a row (spaces and dashes allowed between them) look like a card number. */
const PAN_LIKE = /\d(?:[ -]?\d){11,}/;

/** A gateway token. Card numbers are refused outright so that they can never reach an event. */
export const paymentTokenSchema = z
  .string()
  .min(1)
  .max(500)
  .refine((token) => !PAN_LIKE.test(token), 'a payment token, never a card number');

export const cardLast4Schema = z.string().regex(/^\d{4}$/, 'the last four digits of the card');

export const reasonSchema = z.string().trim().min(1).max(500);

/** True when a text holds something shaped like a card number: for tests and log scrubbing. */
export const containsCardNumber = (text: string): boolean => PAN_LIKE.test(text);
