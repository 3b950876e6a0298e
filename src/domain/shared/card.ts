import { z } from 'zod';

/*
 * Card data as the domain may hold it: a gateway token and the last four digits, never the number.
 */

/** Twelve or more digits in a row (spaces and dashes allowed between them) look like a card number. */
const PAN_LIKE = /\d(?:[ -]?\d){11,}/;

/** A gateway token. Card numbers are refused outright so that they can never reach an event. */
export const paymentTokenSchema = z
  .string()
  .min(1)
  .max(500)
  .refine((token) => !PAN_LIKE.test(token), 'a payment token, never a card number');

export const cardLast4Schema = z.string().regex(/^\d{4}$/, 'the last four digits of the card');

/** True when a text holds something shaped like a card number: for tests and log scrubbing. */
export const containsCardNumber = (text: string): boolean => PAN_LIKE.test(text);
