import { DAY, HOUR, iso, MINUTE, type Customer, type Product, type Shop } from './shop.js';
import { address, personName, sentences } from './text.js';

// Customers, their wishlists and their reviews. Customer PII is encrypted in real streams
// (src/eventstore/pii); no projection reads it, so plain values stand in for the ciphertext here.

export function registerCustomer(shop: Shop): Customer {
  const { random } = shop;
  const [country, currency] = shop.country();
  const name = personName(random);
  const customer: Customer = {
    customerId: random.uuid(),
    country,
    currency,
    address: address(random, name, country),
    addresses: 0,
    wishlist: new Set(),
    reviewed: new Set(),
  };
  const emailHash = random.hex(64);
  const at = iso(shop.now);
  shop.append(`customerEmail-${emailHash}`, [{ type: 'EmailClaimed', data: { emailHash, customerId: customer.customerId, at } }], 'ClaimEmail', customer.customerId);
  const registered = {
    customerId: customer.customerId,
    email: shop.nextEmail(),
    emailHash,
    name,
    passwordHash: `$argon2id$v=19$m=19456,t=2,p=1$${random.letters(22)}$${random.letters(43)}`,
    roles: ['customer'],
    at,
  };
  shop.append(`customer-${customer.customerId}`, [{ type: 'CustomerRegistered', data: registered }], 'RegisterCustomer', customer.customerId);
  shop.customers.push(customer);
  // The first address comes with the first checkout form, minutes later.
  shop.clock.after(random.int(1, 30) * MINUTE, () => addAddress(shop, customer, customer.address));
  return customer;
}

function addAddress(shop: Shop, customer: Customer, recorded: Customer['address']): void {
  const data = { customerId: customer.customerId, addressId: shop.random.uuid(), address: recorded, isDefault: customer.addresses === 0, at: iso(shop.now) };
  customer.addresses++;
  shop.append(`customer-${customer.customerId}`, [{ type: 'CustomerAddressAdded', data }], 'AddAddress', customer.customerId);
}

/** Account housekeeping: a phone number, a second address, a new password. */
export function updateAccount(shop: Shop): void {
  const customer = shop.someCustomer();
  if (!customer) return;
  const stream = `customer-${customer.customerId}`;
  const at = iso(shop.now);
  const what = shop.random.weighted([['phone', 5], ['address', 3], ['password', 2]] as const);
  if (what === 'address') return addAddress(shop, customer, address(shop.random, personName(shop.random), customer.country));
  if (what === 'phone') {
    const data = { customerId: customer.customerId, phone: `+1 555 ${shop.random.int(1000, 9999)}`, at };
    return shop.append(stream, [{ type: 'CustomerProfileUpdated', data }], 'UpdateProfile', customer.customerId);
  }
  const data = { customerId: customer.customerId, passwordHash: `$argon2id$v=19$m=19456,t=2,p=1$${shop.random.letters(22)}$${shop.random.letters(43)}`, at };
  shop.append(stream, [{ type: 'CustomerPasswordChanged', data }], 'ChangePassword', customer.customerId);
}

/** Shoppers keep wishlists of popular products and prune them now and then. */
export function wish(shop: Shop): void {
  const customer = shop.someCustomer();
  const product = customer && shop.popularProduct(customer.currency);
  if (!customer || !product || customer.wishlist.has(product.productId)) return;
  customer.wishlist.add(product.productId);
  const stream = `wishlist-${customer.customerId}`;
  const item = { customerId: customer.customerId, productId: product.productId };
  shop.append(stream, [{ type: 'WishlistItemAdded', data: { ...item, at: iso(shop.now) } }], 'AddToWishlist', customer.customerId);
  if (!shop.random.chance(0.3)) return;
  shop.clock.after(shop.random.int(1, 20) * DAY, () => {
    if (!customer.wishlist.delete(product.productId)) return;
    shop.append(stream, [{ type: 'WishlistItemRemoved', data: { ...item, at: iso(shop.now) } }], 'RemoveFromWishlist', customer.customerId);
  });
}

const RATINGS: readonly (readonly [number, number])[] = [[5, 45], [4, 25], [3, 12], [2, 8], [1, 10]];

/**
 * A review (verified when it follows a delivery), moderated within hours; approved ones collect
 * helpful votes over the following weeks, a few of them many. Some are edited and moderated again.
 */
export function writeReview(shop: Shop, customer: Customer, product: Product, verifiedPurchase: boolean): void {
  if (customer.reviewed.has(product.productId)) return;
  customer.reviewed.add(product.productId);
  const { random } = shop;
  const reviewId = random.uuid();
  const stream = `review-${reviewId}`;
  const data = {
    reviewId,
    productId: product.productId,
    customerId: customer.customerId,
    rating: random.weighted(RATINGS),
    title: sentences(random, 2, 6),
    body: Array.from({ length: random.int(1, 4) }, () => sentences(random, 6, 25)).join(' '),
    verifiedPurchase,
    at: iso(shop.now),
  };
  shop.append(stream, [{ type: 'ReviewSubmitted', data }], 'SubmitReview', reviewId);
  moderate(shop, reviewId, customer);
  if (random.chance(0.06)) {
    shop.clock.after(random.int(2, 15) * DAY, () => {
      const edit = { reviewId, rating: random.weighted(RATINGS), title: sentences(random, 2, 6), body: sentences(random, 10, 40), at: iso(shop.now) };
      shop.append(stream, [{ type: 'ReviewEdited', data: edit }], 'EditReview', reviewId);
      moderate(shop, reviewId, customer);
    });
  }
}

function moderate(shop: Shop, reviewId: string, author: Customer): void {
  const { random } = shop;
  shop.clock.after(random.int(1, 24) * HOUR, () => {
    const stream = `review-${reviewId}`;
    const moderatorId = `moderator-${random.int(1, 5)}`;
    if (random.chance(0.1)) {
      const data = { reviewId, moderatorId, reason: random.pick(['off topic', 'abusive language', 'spam']), at: iso(shop.now) };
      return shop.append(stream, [{ type: 'ReviewRejected', data }], 'RejectReview', reviewId);
    }
    shop.append(stream, [{ type: 'ReviewApproved', data: { reviewId, moderatorId, at: iso(shop.now) } }], 'ApproveReview', reviewId);
    const votes = Math.min(60, Math.floor(random.exp(2)));
    const voters = new Set<string>([author.customerId]);
    for (let i = 0; i < votes; i++) {
      shop.clock.after(random.exp(5 * DAY), () => {
        const voter = shop.someCustomer();
        if (!voter || voters.has(voter.customerId)) return;
        voters.add(voter.customerId);
        shop.append(stream, [{ type: 'ReviewMarkedHelpful', data: { reviewId, customerId: voter.customerId, at: iso(shop.now) } }], 'MarkReviewHelpful', reviewId);
      });
    }
  });
}

/** Reviews without a purchase here (bought elsewhere, or a gift): unverified. */
export function unverifiedReview(shop: Shop): void {
  const customer = shop.someCustomer();
  const product = customer && shop.popularProduct(customer.currency);
  if (customer && product) writeReview(shop, customer, product, false);
}
