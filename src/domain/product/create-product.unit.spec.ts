import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import { admin, created, createCommand, customer, expectError, given, otherSeller, seller, usd } from './product.fixtures.js';

describe('CreateProduct', () => {
  it('creates a draft product for the seller who sends it', () => {
    expect(decide(createCommand(), given())).toEqual([created()]);
    expect(given(created())).toMatchObject({ status: 'draft', sellerId: seller.userId, currency: 'USD' });
  });

  it('lets an admin create a product on behalf of a seller', () => {
    expect(decide(createCommand({ actor: admin }), given())).toEqual([created()]);
  });

  it('rejects a product that already exists with PRODUCT_ALREADY_EXISTS', () => {
    expectError(decide(createCommand(), given(created())), 'PRODUCT_ALREADY_EXISTS');
  });

  it('rejects an actor who is not a seller with NOT_A_SELLER', () => {
    expectError(decide(createCommand({ actor: customer, sellerId: customer.userId }), given()), 'NOT_A_SELLER');
  });

  it('rejects a seller creating for another seller with NOT_PRODUCT_OWNER', () => {
    expectError(decide(createCommand({ actor: otherSeller }), given()), 'NOT_PRODUCT_OWNER');
  });

  it('rejects two variants with one SKU with DUPLICATE_SKU', () => {
    const variants = [
      { sku: 'SHOE-42', price: usd(8999), attributes: { size: '42' } },
      { sku: 'SHOE-42', price: usd(8999), attributes: { size: '43' } },
    ];
    expect(expectError(decide(createCommand({ variants }), given()), 'DUPLICATE_SKU').details).toEqual({ sku: 'SHOE-42' });
  });

  it('rejects variants priced in two currencies with CURRENCY_MISMATCH', () => {
    const variants = [
      { sku: 'SHOE-42', price: usd(8999), attributes: {} },
      { sku: 'SHOE-43', price: { amount: 8999, currency: 'EUR' }, attributes: {} },
    ];
    expectError(decide(createCommand({ variants }), given()), 'CURRENCY_MISMATCH');
  });

  it.each([0, -100])('rejects a price of %s with INVALID_PRICE', (amount) => {
    expectError(
      decide(createCommand({ variants: [{ sku: 'SHOE-42', price: usd(amount), attributes: {} }] }), given()),
      'INVALID_PRICE',
    );
  });
});
