import { z } from 'zod';
import { instantSchema } from '../shared/index.js';

export const reviewStreamCategory = 'review';

export const reviewStreamName = (reviewId: string): string => `${reviewStreamCategory}-${reviewId}`;

const rating = z.number().int().min(1).max(5);

/** `verifiedPurchase` was decided by the command side from the customer's orders when submitted. */
export const reviewSubmittedSchema = z.object({
  type: z.literal('ReviewSubmitted'),
  data: z.object({
    reviewId: z.string(),
    productId: z.string(),
    customerId: z.string(),
    rating,
    title: z.string(),
    body: z.string(),
    verifiedPurchase: z.boolean(),
    at: instantSchema,
  }),
});

/**
 * Carries the whole text after the edit (not a patch), so read models replace instead of merging.
 * An edit sends the review back to moderation.
 */
export const reviewEditedSchema = z.object({
  type: z.literal('ReviewEdited'),
  data: z.object({ reviewId: z.string(), rating, title: z.string(), body: z.string(), at: instantSchema }),
});

export const reviewApprovedSchema = z.object({
  type: z.literal('ReviewApproved'),
  data: z.object({ reviewId: z.string(), moderatorId: z.string(), at: instantSchema }),
});

export const reviewRejectedSchema = z.object({
  type: z.literal('ReviewRejected'),
  data: z.object({ reviewId: z.string(), moderatorId: z.string(), reason: z.string(), at: instantSchema }),
});

export const reviewMarkedHelpfulSchema = z.object({
  type: z.literal('ReviewMarkedHelpful'),
  data: z.object({ reviewId: z.string(), customerId: z.string(), at: instantSchema }),
});

export const reviewEventSchema = z.discriminatedUnion('type', [
  reviewSubmittedSchema,
  reviewEditedSchema,
  reviewApprovedSchema,
  reviewRejectedSchema,
  reviewMarkedHelpfulSchema,
]);

export type ReviewSubmitted = z.infer<typeof reviewSubmittedSchema>;
export type ReviewEdited = z.infer<typeof reviewEditedSchema>;
export type ReviewApproved = z.infer<typeof reviewApprovedSchema>;
export type ReviewRejected = z.infer<typeof reviewRejectedSchema>;
export type ReviewMarkedHelpful = z.infer<typeof reviewMarkedHelpfulSchema>;
export type ReviewEvent = z.infer<typeof reviewEventSchema>;
