import { z } from 'zod';
import { assertNever, domainErrorFor, idSchema, instantSchema } from '../shared/index.js';
import type { Decider, Decision } from '../shared/index.js';
import { emailHashSchema } from './email.js';

/**
 * Email uniqueness across customers, as its own tiny decider: one stream per email, named by its
 * `emailHashSchema` digest (the address itself never enters this stream, so erasure leaves nothing
 * here to shred). The command side appends EmailClaimed with expectedRevision 'no_stream' (or the
 * revision it read): two registrations racing for one email cannot both succeed.
 */

export const emailClaimStreamCategory = 'customerEmail';

export const emailClaimStreamName = (emailHash: string): string => `${emailClaimStreamCategory}-${emailHash}`;

// Events

export const emailClaimedSchema = z.object({
  type: z.literal('EmailClaimed'),
  data: z.object({ emailHash: z.string(), customerId: z.string(), at: instantSchema }),
});

export const emailReleasedSchema = z.object({
  type: z.literal('EmailReleased'),
  data: z.object({ emailHash: z.string(), customerId: z.string(), at: instantSchema }),
});

export const emailClaimEventSchema = z.discriminatedUnion('type', [emailClaimedSchema, emailReleasedSchema]);
export type EmailClaimed = z.infer<typeof emailClaimedSchema>;
export type EmailReleased = z.infer<typeof emailReleasedSchema>;
export type EmailClaimEvent = z.infer<typeof emailClaimEventSchema>;

// Commands

export const claimEmailSchema = z.object({
  type: z.literal('ClaimEmail'),
  data: z.object({ emailHash: emailHashSchema, customerId: idSchema, at: instantSchema }),
});

/** Sent when the customer is erased, so that the address can register again. */
export const releaseEmailSchema = z.object({
  type: z.literal('ReleaseEmail'),
  data: z.object({ emailHash: emailHashSchema, customerId: idSchema, at: instantSchema }),
});

export const emailClaimCommandSchema = z.discriminatedUnion('type', [claimEmailSchema, releaseEmailSchema]);
export type ClaimEmail = z.infer<typeof claimEmailSchema>;
export type ReleaseEmail = z.infer<typeof releaseEmailSchema>;
export type EmailClaimCommand = z.infer<typeof emailClaimCommandSchema>;

// Errors

export const emailClaimErrorCodes = ['EMAIL_TAKEN'] as const;
export type EmailClaimErrorCode = (typeof emailClaimErrorCodes)[number];

const emailClaimError = domainErrorFor(emailClaimErrorCodes);

// State

export interface EmailClaimState {
  /** The customer holding the email, or null when it is free (never claimed, or released). */
  readonly claimedBy: string | null;
}

export const initialEmailClaimState = (): EmailClaimState => ({ claimedBy: null });

export function evolveEmailClaim(state: EmailClaimState, event: EmailClaimEvent): EmailClaimState {
  switch (event.type) {
    case 'EmailClaimed':
      return { claimedBy: event.data.customerId };
    case 'EmailReleased':
      // Only the holder's release frees the email (decide never emits another, but stay total).
      return state.claimedBy === event.data.customerId ? { claimedBy: null } : state;
    default:
      return assertNever(event);
  }
}

// Decide

export function decideEmailClaim(command: EmailClaimCommand, state: EmailClaimState): Decision<EmailClaimEvent> {
  const { emailHash, customerId, at } = command.data;
  switch (command.type) {
    case 'ClaimEmail':
      if (state.claimedBy === customerId) return [];
      // No details: who holds the email is not the caller's business.
      if (state.claimedBy !== null) return emailClaimError('EMAIL_TAKEN', 'this email is already registered');
      return [{ type: 'EmailClaimed', data: { emailHash, customerId, at } }];
    case 'ReleaseEmail':
      // Not the holder (never was, or already released and re-claimed by someone else): what the
      // release wants, "this customer does not hold the email", already holds, so a retried
      // erasure job succeeds instead of getting stuck.
      if (state.claimedBy !== customerId) return [];
      return [{ type: 'EmailReleased', data: { emailHash, customerId, at } }];
    default:
      return assertNever(command);
  }
}

export const emailClaimDecider: Decider<EmailClaimState, EmailClaimCommand, EmailClaimEvent> = {
  initialState: initialEmailClaimState,
  evolve: evolveEmailClaim,
  decide: decideEmailClaim,
};
