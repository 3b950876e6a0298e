import { describe, expect, it } from 'vitest';
import { fold } from '../shared/index.js';
import type { WishlistCommand, WishlistEvent, WishlistState } from './index.js';
import { wishlistCommandSchema, wishlistDecider, wishlistStreamName } from './index.js';

const customerId = '7a1b2c3d-1111-4e5f-8a9b-000000000001';
const productId = '7a1b2c3d-2222-4e5f-8a9b-000000000002';
const otherProductId = '7a1b2c3d-3333-4e5f-8a9b-000000000003';
const at = '2025-05-01T08:00:00Z';

const given = (...events: WishlistEvent[]): WishlistState => fold(wishlistDecider.evolve, wishlistDecider.initialState(), events);
const add = (id = productId): WishlistCommand => ({ type: 'AddToWishlist', data: { customerId, productId: id, at } });
const remove = (id = productId): WishlistCommand => ({ type: 'RemoveFromWishlist', data: { customerId, productId: id, at } });
const added = (id = productId): WishlistEvent => ({ type: 'WishlistItemAdded', data: { customerId, productId: id, at } });
const removed = (id = productId): WishlistEvent => ({ type: 'WishlistItemRemoved', data: { customerId, productId: id, at } });

describe('wishlist', () => {
  it('is streamed as wishlist-<customerId>', () => {
    expect(wishlistStreamName(customerId)).toBe(`wishlist-${customerId}`);
  });

  it('adds a product', () => {
    expect(wishlistDecider.decide(add(), given())).toEqual([added()]);
  });

  it('is a no-op to add a product already there', () => {
    expect(wishlistDecider.decide(add(), given(added()))).toEqual([]);
  });

  it('removes a product', () => {
    expect(wishlistDecider.decide(remove(), given(added()))).toEqual([removed()]);
    expect(given(added(), added(otherProductId), removed()).productIds).toEqual([otherProductId]);
  });

  it('is a no-op to remove a product not there', () => {
    expect(wishlistDecider.decide(remove(), given())).toEqual([]);
    expect(wishlistDecider.decide(remove(), given(added(), removed()))).toEqual([]);
  });

  it('keeps the order products were added in', () => {
    expect(given(added(otherProductId), added()).productIds).toEqual([otherProductId, productId]);
  });

  it('validates ids at the schema', () => {
    expect(wishlistCommandSchema.safeParse(add('has space')).success).toBe(false);
  });
});
