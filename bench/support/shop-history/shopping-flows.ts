import { activeCoupon } from './coupon-flows.js';
import { placeOrder, type BasketLine } from './checkout-flows.js';
import { DAY, iso, MINUTE, type Coupon, type Customer, type Shop } from './shop.js';

/** What the cart aggregate records for a line: the catalog price when it was added. */
const lineData = (line: BasketLine, quantity: number) => ({
  sku: line.sku.sku,
  productId: line.sku.product.productId,
  quantity,
  unitPrice: { amount: line.unitPrice, currency: line.sku.product.currency },
});

/** Carts left alone expire after the aggregate's idle days (src/domain/cart/state.ts). */
const IDLE_DAYS = { guest: 7, customer: 30 } as const;

interface Cart {
  readonly cartId: string;
  readonly customer: Customer | null;
  readonly currency: string;
  readonly lines: BasketLine[];
  coupon: Coupon | null;
  lastActivity: number;
}

function cartEvent(shop: Shop, cart: Cart, type: string, data: Record<string, unknown>, commandType: string): void {
  cart.lastActivity = shop.now;
  shop.append(`cart-${cart.cartId}`, [{ type, data: { cartId: cart.cartId, ...data, at: iso(shop.now) } }], commandType, cart.cartId);
}

function openCart(shop: Shop, customer: Customer | null, currency: string): Cart {
  const cart: Cart = { cartId: shop.random.uuid(), customer, currency, lines: [], coupon: null, lastActivity: shop.now };
  const owner = customer ? { kind: 'customer', customerId: customer.customerId } : { kind: 'guest' };
  cartEvent(shop, cart, 'CartOpened', { owner, currency }, 'OpenCart');
  return cart;
}

/** Adds a popular product; a second add of the same SKU adds to its line at today's price. */
function addItem(shop: Shop, cart: Cart): void {
  const product = shop.popularProduct(cart.currency);
  if (!product) return;
  const sku = shop.random.pick(product.skus);
  const quantity = shop.random.weighted([[1, 85], [2, 10], [3, 5]] as const);
  const existing = cart.lines.find((line) => line.sku === sku);
  const line = existing ?? { sku, quantity: 0, unitPrice: sku.price };
  line.quantity += quantity;
  line.unitPrice = sku.price;
  if (!existing) cart.lines.push(line);
  cartEvent(shop, cart, 'CartItemAdded', lineData(line, quantity), 'AddItem');
}

function changeQuantity(shop: Shop, cart: Cart): void {
  const line = cart.lines.length > 0 ? shop.random.pick(cart.lines) : undefined;
  if (!line) return;
  const quantity = shop.random.int(1, 4);
  if (quantity === line.quantity) return;
  line.quantity = quantity;
  cartEvent(shop, cart, 'CartItemQuantityChanged', { sku: line.sku.sku, quantity }, 'ChangeQuantity');
}

function removeItem(shop: Shop, cart: Cart): void {
  if (cart.lines.length < 2) return;
  const [line] = cart.lines.splice(shop.random.int(0, cart.lines.length - 1), 1);
  cartEvent(shop, cart, 'CartItemRemoved', { sku: line!.sku.sku }, 'RemoveItem');
}

function applyCoupon(shop: Shop, cart: Cart): void {
  const coupon = activeCoupon(shop, cart.currency);
  if (!coupon || cart.coupon) return;
  cart.coupon = coupon;
  cartEvent(shop, cart, 'CouponApplied', { code: coupon.code }, 'ApplyCoupon');
}

/** A shopper who filled a cart as a guest signs in: the guest cart's lines move to their own cart. */
function mergeGuestCart(shop: Shop, guest: Cart, target: Cart): void {
  const lines = guest.lines.map((line) => lineData(line, line.quantity));
  for (const line of guest.lines) {
    const existing = target.lines.find((l) => l.sku === line.sku);
    if (existing) existing.quantity += line.quantity;
    else target.lines.push({ ...line });
  }
  cartEvent(shop, target, 'GuestCartMerged', { sourceCartId: guest.cartId, lines }, 'MergeGuestCart');
  cartEvent(shop, guest, 'CartMergedInto', { targetCartId: target.cartId }, 'MergeGuestCart');
}

/** Steps of one session, minutes apart: browsing carts interleave in the log like real traffic. */
function runSteps(shop: Shop, steps: readonly (() => void)[], done: () => void): void {
  const [step, ...rest] = steps;
  if (!step) return done();
  shop.clock.after(Math.max(5_000, shop.random.exp(3 * MINUTE)), () => {
    step();
    runSteps(shop, rest, done);
  });
}

/**
 * One visit. Most shoppers are signed-in customers, some buy a single item straight from the
 * product page, most fill a cart; about half of the carts are checked out, the others
 * expire once idle.
 */
export function shoppingSession(shop: Shop): void {
  const { random } = shop;
  const customer = random.chance(0.8) ? shop.someCustomer() ?? null : null;
  const [country, currency] = customer ? [customer.country, customer.currency] : shop.country();
  if (random.chance(0.2)) {
    const product = shop.popularProduct(currency);
    if (!product) return;
    const sku = random.pick(product.skus);
    return placeOrder(shop, { orderId: random.uuid(), customer, country, cartId: null, lines: [{ sku, quantity: 1, unitPrice: sku.price }], coupon: null });
  }
  const buying = random.chance(0.55);
  const cart = openCart(shop, customer, currency);
  const steps: (() => void)[] = [];
  if (customer && random.chance(0.04)) {
    const guest = openCart(shop, null, currency);
    addItem(shop, guest);
    steps.push(() => mergeGuestCart(shop, guest, cart));
  }
  let adds = 1;
  while (adds < 8 && random.chance(buying ? 0.45 : 0.3)) adds++;
  for (let i = 0; i < adds; i++) {
    steps.push(() => addItem(shop, cart));
    if (random.chance(0.12)) steps.push(() => changeQuantity(shop, cart));
  }
  if (random.chance(0.12)) steps.push(() => removeItem(shop, cart));
  if (random.chance(buying ? 0.1 : 0.04)) steps.push(() => applyCoupon(shop, cart));
  runSteps(shop, steps, () => (buying && cart.lines.length > 0 ? checkOut(shop, cart, country) : leave(shop, cart)));
}

function checkOut(shop: Shop, cart: Cart, country: string): void {
  const orderId = shop.random.uuid();
  const lines = cart.lines.map((line) => lineData(line, line.quantity));
  cartEvent(shop, cart, 'CartCheckedOut', { orderId, lines, couponCode: cart.coupon?.code ?? null }, 'CheckOut');
  shop.clock.after(shop.random.int(20, 300), () =>
    placeOrder(shop, { orderId, customer: cart.customer, country, cartId: cart.cartId, lines: cart.lines, coupon: cart.coupon }),
  );
}

function leave(shop: Shop, cart: Cart): void {
  const idle = IDLE_DAYS[cart.customer ? 'customer' : 'guest'] * DAY;
  shop.clock.at(cart.lastActivity + idle, () => {
    const data = { lastActivityAt: iso(cart.lastActivity) };
    cartEvent(shop, cart, 'CartExpired', data, 'ExpireCart');
  });
}
