import { canonicalJson, isDomainError, type Decision } from '../shared/index.js';
import type { PlaceOrder } from './commands.js';
import { orderError } from './errors.js';
import type { OrderEvent } from './events.js';
import { priceOrder } from './pricing.js';
import type { OrderState } from './state.js';

/** What identifies an order's content, for telling a retried PlaceOrder from a different order. */
const essence = (order: {
  customerId: string | null;
  guestEmail: string | null;
  cartId: string | null;
  lines: unknown;
  couponCode: string | null;
  shippingAddress: unknown;
  shippingOption: string;
}) =>
  canonicalJson([
    order.customerId,
    order.guestEmail,
    order.cartId,
    order.lines,
    order.couponCode,
    order.shippingAddress,
    order.shippingOption,
  ]);

/**
 * Places the order with its full pricing. Placing the same order again (same id and content) is a
 * retry and returns []; the same id with other content is ORDER_ALREADY_EXISTS.
 */
export function placeOrder({ data }: PlaceOrder, state: OrderState): Decision<OrderEvent> {
  const { discount, ...placed } = data;
  if (state.status !== 'NONE') {
    if (essence(state) === essence(placed) && state.pricing.discount.amount === discount.amount) return [];
    return orderError('ORDER_ALREADY_EXISTS', `order ${data.orderId} already exists`, { orderId: data.orderId });
  }
  if (data.customerId === null && data.guestEmail === null) {
    return orderError('CUSTOMER_OR_GUEST_REQUIRED', 'an order belongs to a customer or carries a guest email');
  }
  const skus = data.lines.map((line) => line.sku);
  if (new Set(skus).size !== skus.length) return orderError('DUPLICATE_ORDER_LINE', 'each SKU appears on one line only', { skus });
  const pricing = priceOrder(data.lines, discount, data.shippingOption, data.shippingAddress.country);
  if (isDomainError(pricing)) return pricing;
  return [{ type: 'OrderPlaced', data: { ...placed, pricing } }];
}
