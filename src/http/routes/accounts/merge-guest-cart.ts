import type { CommandContext } from '../../../commands/command-context.js';
import { uuidFromName } from '../../../commands/event-ids.js';
import { cartStreamName, type Cart } from '../../../domain/cart/index.js';
import { listCustomerOpenCarts } from '../../../projections/read-models/index.js';
import type { RouteDeps } from '../../route-deps.js';
import { reachedPosition } from '../../support/read-your-writes.js';

/** Why a guest cart given at login was not merged; the login itself succeeds either way. */
export type CartMergeOutcome = 'MERGED' | 'CART_NOT_FOUND' | 'NOT_A_GUEST_CART' | 'CART_CLOSED';

export interface CartMerge {
  readonly outcome: CartMergeOutcome;
  /** The customer's cart now holding the guest's items (null unless merged). */
  readonly cartId: string | null;
}

/** How long a login waits for the carts read model to show the customer's newest cart. */
const CARTS_CATCH_UP_MS = 2_000;

/**
 * Folds a guest cart into the customer's cart at log-in.
 *
 * The customer's cart is found in the carts read model (their open cart in the guest cart's
 * currency, most recently active first), after waiting, bounded, for that projection to reach the
 * log's head; when there is none, a customer cart is opened whose id derives from the customer and
 * the guest cart, so a retried log-in opens the same one. Then, in the cart domain's order: the guest
 * cart is closed first (AbandonForMerge freezes its lines, so nothing added meanwhile is lost), and
 * its final lines are merged into the customer's cart (MergeGuestCart, ignored when repeated).
 * Both steps are idempotent, so a log-in retried after a crash in between completes the merge.
 */
export async function mergeGuestCart(
  deps: RouteDeps,
  customerId: string,
  guestCartId: string,
  context: CommandContext,
): Promise<CartMerge> {
  const carts = deps.system.commands.cart;
  const guest = (await carts.read(cartStreamName(guestCartId))).state;
  if (guest.status === 'NONE') return { outcome: 'CART_NOT_FOUND', cartId: null };
  if (guest.owner.kind !== 'guest') return { outcome: 'NOT_A_GUEST_CART', cartId: null };
  const step = (name: string): CommandContext => ({ ...context, commandId: `${context.commandId}/${name}` });

  let targetId: string;
  if (guest.status === 'MERGED' && guest.mergedInto !== null) {
    // Merged before (a retried log-in, or one that crashed half-way): finish into the same cart, if it is ours.
    const target = await ownCart(deps, guest.mergedInto, customerId);
    if (target === undefined) return { outcome: 'CART_CLOSED', cartId: null };
    if (target.mergedCartIds.includes(guestCartId)) {
      return target.status === 'OPEN' ? { outcome: 'MERGED', cartId: target.cartId } : { outcome: 'CART_CLOSED', cartId: null };
    }
    targetId = target.cartId;
  } else if (guest.status !== 'OPEN') {
    return { outcome: 'CART_CLOSED', cartId: null };
  } else {
    targetId = await customerCartFor(deps, customerId, guest, step('open-cart'));
    const abandoned = await carts.send({ type: 'AbandonForMerge', data: { cartId: guestCartId, targetCartId: targetId, at: now() } }, step('abandon-guest-cart'));
    if (!abandoned.ok) return { outcome: 'CART_CLOSED', cartId: null };
  }

  // The guest cart is closed now: its lines can no longer change under us.
  const frozen = (await carts.read(cartStreamName(guestCartId))).state;
  const lines = frozen.status === 'NONE' ? [] : [...frozen.lines];
  const merged = await carts.send({ type: 'MergeGuestCart', data: { cartId: targetId, sourceCartId: guestCartId, lines, at: now() } }, step('merge-guest-cart'));
  if (merged.ok) return { outcome: 'MERGED', cartId: targetId };

  // The customer's cart closed in between (checked out elsewhere): the items go to a fresh cart instead.
  const fresh = uuidFromName(`login-cart/${customerId}/${guestCartId}/after-${targetId}`);
  await openCustomerCart(deps, fresh, customerId, guest.currency, step('open-fresh-cart'));
  const retried = await carts.send({ type: 'MergeGuestCart', data: { cartId: fresh, sourceCartId: guestCartId, lines, at: now() } }, step('merge-into-fresh-cart'));
  return retried.ok ? { outcome: 'MERGED', cartId: fresh } : { outcome: 'CART_CLOSED', cartId: null };
}

const now = () => new Date().toISOString();

async function ownCart(deps: RouteDeps, cartId: string, customerId: string): Promise<Cart | undefined> {
  const { state } = await deps.system.commands.cart.read(cartStreamName(cartId));
  return state.status !== 'NONE' && state.owner.kind === 'customer' && state.owner.customerId === customerId ? state : undefined;
}

async function customerCartFor(deps: RouteDeps, customerId: string, guest: Cart, context: CommandContext): Promise<string> {
  const head = await deps.system.store.headPosition();
  if (head !== undefined) await reachedPosition(deps.readYourWrites, 'carts', head, CARTS_CATCH_UP_MS);
  const open = await listCustomerOpenCarts(deps.system.db, customerId);
  for (const candidate of open.filter((cart) => cart.currency === guest.currency)) {
    // The read model may trail: the aggregate has the last word on whether the cart is still open and ours.
    if ((await ownCart(deps, candidate.cartId, customerId))?.status === 'OPEN') return candidate.cartId;
  }
  const cartId = uuidFromName(`login-cart/${customerId}/${guest.cartId}`);
  await openCustomerCart(deps, cartId, customerId, guest.currency, context);
  return cartId;
}

async function openCustomerCart(deps: RouteDeps, cartId: string, customerId: string, currency: string, context: CommandContext): Promise<void> {
  const opened = await deps.system.commands.cart.send({ type: 'OpenCart', data: { cartId, owner: { kind: 'customer', customerId }, currency, at: now() } }, context);
  // Opening again with the same owner and currency is a no-op; anything else means the id is taken, which a uuid from our own name never is.
  if (!opened.ok) throw new Error(`could not open customer cart ${cartId}: ${opened.error.code}`);
}
