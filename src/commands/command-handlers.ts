import { cartDecider, cartStreamName } from '../domain/cart/index.js';
import { categoryDecider, categoryStreamName } from '../domain/category/index.js';
import { couponDecider, couponStreamName } from '../domain/coupon/index.js';
import { customerDecider, customerStreamName, emailClaimDecider, emailClaimStreamName } from '../domain/customer/index.js';
import { inventoryDecider, inventoryStreamName } from '../domain/inventory/index.js';
import { orderDecider, orderStreamName } from '../domain/order/index.js';
import { paymentDecider, paymentStreamName } from '../domain/payment/index.js';
import { productDecider, productStreamName } from '../domain/product/index.js';
import { reviewDecider, reviewStreamName } from '../domain/review/index.js';
import { wishlistDecider, wishlistStreamName } from '../domain/wishlist/index.js';
import type { EventStore } from '../eventstore/types.js';
import { createAggregateCommandHandler } from './aggregate-command-handler.js';

/**
 * One command handler per aggregate, each knowing which stream a command addresses. Everything that
 * changes state goes through these: HTTP routes, process managers and workers alike.
 */
export function createCommandHandlers(store: EventStore) {
  return {
    product: createAggregateCommandHandler({
      store,
      decider: productDecider,
      streamName: (c) => productStreamName(c.data.productId),
      startsStream: (c) => c.type === 'CreateProduct',
    }),
    category: createAggregateCommandHandler({ store, decider: categoryDecider, streamName: () => categoryStreamName() }),
    inventory: createAggregateCommandHandler({ store, decider: inventoryDecider, streamName: (c) => inventoryStreamName(c.data.sku) }),
    cart: createAggregateCommandHandler({
      store,
      decider: cartDecider,
      streamName: (c) => cartStreamName(c.data.cartId),
      startsStream: (c) => c.type === 'OpenCart',
    }),
    order: createAggregateCommandHandler({
      store,
      decider: orderDecider,
      streamName: (c) => orderStreamName(c.data.orderId),
      startsStream: (c) => c.type === 'PlaceOrder',
    }),
    payment: createAggregateCommandHandler({
      store,
      decider: paymentDecider,
      streamName: (c) => paymentStreamName(c.data.paymentId),
      startsStream: (c) => c.type === 'AuthorizePayment',
    }),
    customer: createAggregateCommandHandler({
      store,
      decider: customerDecider,
      streamName: (c) => customerStreamName(c.data.customerId),
      startsStream: (c) => c.type === 'RegisterCustomer',
    }),
    emailClaim: createAggregateCommandHandler({ store, decider: emailClaimDecider, streamName: (c) => emailClaimStreamName(c.data.emailHash) }),
    coupon: createAggregateCommandHandler({ store, decider: couponDecider, streamName: (c) => couponStreamName(c.data.code) }),
    review: createAggregateCommandHandler({ store, decider: reviewDecider, streamName: (c) => reviewStreamName(c.data.reviewId) }),
    wishlist: createAggregateCommandHandler({ store, decider: wishlistDecider, streamName: (c) => wishlistStreamName(c.data.customerId) }),
  };
}

export type CommandHandlers = ReturnType<typeof createCommandHandlers>;
