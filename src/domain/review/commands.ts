import { z } from 'zod';
import { actorSchema, idSchema, instantSchema } from '../shared/index.js';

export const ratingSchema = z.number().int().min(1).max(5);
const title = z.string().trim().min(1).max(200);
/** May be empty: a rating with a title is a review too. */
const body = z.string().trim().max(10_000);

/**
 * One review per customer and product is kept by the id, not by this stream: derive `reviewId`
 * deterministically from (productId, customerId), e.g. a UUIDv5, and a second review by the same
 * customer lands on the same stream, where it is a no-op or REVIEW_ALREADY_EXISTS.
 */
export const submitReviewSchema = z.object({
  type: z.literal('SubmitReview'),
  data: z.object({
    reviewId: idSchema,
    productId: idSchema,
    customerId: idSchema,
    rating: ratingSchema,
    title,
    body,
    verifiedPurchase: z.boolean(),
    at: instantSchema,
  }),
});

export const editReviewSchema = z.object({
  type: z.literal('EditReview'),
  data: z
    .object({
      reviewId: idSchema,
      actor: actorSchema,
      rating: ratingSchema.optional(),
      title: title.optional(),
      body: body.optional(),
      at: instantSchema,
    })
    .refine((data) => data.rating !== undefined || data.title !== undefined || data.body !== undefined, 'nothing to edit'),
});

export const moderationVerdictSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('approve') }),
  z.object({ kind: z.literal('reject'), reason: z.string().trim().min(1).max(500) }),
]);
export type ModerationVerdict = z.infer<typeof moderationVerdictSchema>;

export const moderateReviewSchema = z.object({
  type: z.literal('ModerateReview'),
  data: z.object({ reviewId: idSchema, actor: actorSchema, verdict: moderationVerdictSchema, at: instantSchema }),
});

export const markReviewHelpfulSchema = z.object({
  type: z.literal('MarkReviewHelpful'),
  data: z.object({ reviewId: idSchema, customerId: idSchema, at: instantSchema }),
});

export const reviewCommandSchema = z.discriminatedUnion('type', [
  submitReviewSchema,
  editReviewSchema,
  moderateReviewSchema,
  markReviewHelpfulSchema,
]);

export type SubmitReview = z.infer<typeof submitReviewSchema>;
export type EditReview = z.infer<typeof editReviewSchema>;
export type ModerateReview = z.infer<typeof moderateReviewSchema>;
export type MarkReviewHelpful = z.infer<typeof markReviewHelpfulSchema>;
export type ReviewCommand = z.infer<typeof reviewCommandSchema>;
