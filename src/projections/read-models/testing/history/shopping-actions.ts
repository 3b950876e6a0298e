import { cartExpiresAt, cartStreamName, type Cart } from '../../../../domain/cart/index.js';
import { reviewStreamName, type Review } from '../../../../domain/review/index.js';
import { wishlistStreamName } from '../../../../domain/wishlist/index.js';
import { product } from './catalog-actions.js';
import type { HistoryContext } from './history-context.js';
import { placeOrderFor } from './order-actions.js';

async function cart(h: HistoryContext, cartId: string): Promise<Cart | undefined> {
  const { state } = await h.commands.cart.current(cartStreamName(cartId));
  return state.status === 'NONE' ? undefined : state;
}

const openCartOf = async (h: HistoryContext, guest?: boolean) =>
  h.find(h.world.carts, async (id) => {
    const found = await cart(h, id);
    return found?.status === 'OPEN' && (guest === undefined || (found.owner.kind === 'guest') === guest);
  });

/** A published variant with its current price, as the shop would show it. */
async function publishedVariant(h: HistoryContext) {
  const productId = await h.find(h.world.products, async (id) => (await product(h, id))?.status === 'published');
  const found = productId && (await product(h, productId));
  if (!productId || !found) return undefined;
  return { product: found, variant: h.pick(found.variants)! };
}

export async function openCart(h: HistoryContext): Promise<void> {
  const cartId = h.nextId('cart');
  const owner = h.chance(0.3) ? { kind: 'guest' as const } : { kind: 'customer' as const, customerId: h.pick(h.world.customers)! };
  const currency = h.chance(0.85) ? 'USD' : 'EUR';
  if (await h.send(h.commands.cart, { type: 'OpenCart', data: { cartId, owner, currency, at: h.now() } })) h.world.carts.push(cartId);
}

export async function changeCart(h: HistoryContext): Promise<void> {
  const cartId = await openCartOf(h);
  const current = cartId && (await cart(h, cartId));
  if (!cartId || !current) return;
  const at = h.now();
  const line = h.pick(current.lines);
  const roll = h.random();
  if (roll < 0.55 || line === undefined) {
    const chosen = await publishedVariant(h);
    if (!chosen) return;
    const { product: p, variant } = chosen;
    await h.send(h.commands.cart, {
      type: 'AddCartItem',
      data: { cartId, sku: variant.sku, productId: p.productId, quantity: h.int(1, 3), unitPrice: variant.price, at },
    });
  } else if (roll < 0.7) {
    await h.send(h.commands.cart, { type: 'ChangeCartItemQuantity', data: { cartId, sku: line.sku, quantity: h.int(1, 5), at } });
  } else if (roll < 0.8) {
    await h.send(h.commands.cart, { type: 'RemoveCartItem', data: { cartId, sku: line.sku, at } });
  } else if (roll < 0.9) {
    const type = current.couponCode === null ? 'ApplyCoupon' : 'RemoveCoupon';
    await h.send(h.commands.cart, type === 'ApplyCoupon' ? { type, data: { cartId, code: 'SAVE10', at } } : { type, data: { cartId, at } });
  } else {
    await h.send(h.commands.cart, { type: 'ExpireCart', data: { cartId, at: cartExpiresAt(current) } });
  }
}

/** Folds a guest cart into a customer's, as logging in does: two streams, two commands. */
export async function mergeCarts(h: HistoryContext): Promise<void> {
  const guestId = await openCartOf(h, true);
  const customerId = await openCartOf(h, false);
  const guest = guestId && (await cart(h, guestId));
  const target = customerId && (await cart(h, customerId));
  if (!guestId || !customerId || !guest || !target || guest.currency !== target.currency) return;
  const at = h.now();
  if (!(await h.send(h.commands.cart, { type: 'AbandonForMerge', data: { cartId: guestId, targetCartId: customerId, at } }))) return;
  await h.send(h.commands.cart, { type: 'MergeGuestCart', data: { cartId: customerId, sourceCartId: guestId, lines: [...guest.lines], at } });
}

export async function checkOutCart(h: HistoryContext): Promise<void> {
  const cartId = await openCartOf(h, false);
  const current = cartId && (await cart(h, cartId));
  if (!cartId || !current || current.owner.kind !== 'customer' || current.lines.length === 0) return;
  const orderId = h.nextId('order');
  const checkedOut = await h.send(h.commands.cart, { type: 'CheckOutCart', data: { cartId, orderId, at: h.now() } });
  const event = checkedOut?.find((e) => e.type === 'CartCheckedOut');
  if (event?.type !== 'CartCheckedOut') return;
  const lines = [];
  for (const line of event.data.lines) {
    const p = await product(h, line.productId);
    if (p) lines.push({ ...line, sellerId: p.sellerId });
  }
  await placeOrderFor(h, orderId, current.owner.customerId, cartId, lines, event.data.couponCode);
}

export async function review(h: HistoryContext): Promise<void> {
  const at = h.now();
  const existing = h.chance(0.6) ? h.pick(h.world.reviews) : undefined;
  const state = existing && (await h.commands.review.current(reviewStreamName(existing))).state;
  if (!existing || !state || state.status === 'absent') {
    const chosen = await publishedVariant(h);
    if (!chosen) return;
    const customerId = h.pick(h.world.customers)!;
    const reviewId = `rev-${chosen.product.productId}-${customerId}`;
    const rating = h.int(1, 5);
    const data = { reviewId, productId: chosen.product.productId, customerId, rating, title: `${rating}/5`, body: 'words', verifiedPurchase: h.chance(0.5), at };
    if (await h.send(h.commands.review, { type: 'SubmitReview', data })) h.world.reviews.push(reviewId);
    return;
  }
  const reviewed: Review = state;
  const roll = h.random();
  const admin = { userId: 'admin-1', roles: ['admin' as const] };
  if (roll < 0.6) {
    const verdict = h.chance(0.8) ? { kind: 'approve' as const } : { kind: 'reject' as const, reason: 'off topic' };
    await h.send(h.commands.review, { type: 'ModerateReview', data: { reviewId: existing, actor: admin, verdict, at } });
  } else if (roll < 0.75) {
    const author = { userId: reviewed.authorId, roles: ['customer' as const] };
    await h.send(h.commands.review, { type: 'EditReview', data: { reviewId: existing, actor: author, rating: h.int(1, 5), at } });
  } else {
    await h.send(h.commands.review, { type: 'MarkReviewHelpful', data: { reviewId: existing, customerId: h.pick(h.world.customers)!, at } });
  }
}

export async function wish(h: HistoryContext): Promise<void> {
  const customerId = h.pick(h.world.customers)!;
  const { state } = await h.commands.wishlist.current(wishlistStreamName(customerId));
  const wished = h.chance(0.3) ? h.pick(state.productIds) : undefined;
  if (wished !== undefined) {
    await h.send(h.commands.wishlist, { type: 'RemoveFromWishlist', data: { customerId, productId: wished, at: h.now() } });
    return;
  }
  const productId = h.pick(h.world.products);
  if (productId !== undefined) await h.send(h.commands.wishlist, { type: 'AddToWishlist', data: { customerId, productId, at: h.now() } });
}
