/**
 * No wishlist command is ever refused: adding what is there and removing what is not are no-ops.
 * Whether the product exists, or the customer was erased, is for the command side to check first.
 * The tuple stays, empty, so that every aggregate has the same shape.
 */
export const wishlistErrorCodes = [] as const;
export type WishlistErrorCode = (typeof wishlistErrorCodes)[number];
