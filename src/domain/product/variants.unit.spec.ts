import { describe, expect, it } from 'vitest';
import type { Money } from '../shared/index.js';
import type { ProductCommand } from './commands.js';
import { decide } from './decide.js';
import type { ProductEvent } from './events.js';
import { findVariant, productExists } from './state.js';
import { created, discontinued, expectError, given, otherSeller, productId, seller, usd } from './product.fixtures.js';

describe('AddVariant', () => {
  const addVariant = (sku: string, price: Money, actor = seller): ProductCommand => ({
    type: 'AddVariant',
    data: { actor, productId, variant: { sku, price, attributes: { size: '43' } } },
  });

  it('adds a variant with a new SKU', () => {
    const added: ProductEvent = {
      type: 'ProductVariantAdded',
      data: { productId, variant: { sku: 'SHOE-43', price: usd(9499), attributes: { size: '43' } } },
    };
    expect(decide(addVariant('SHOE-43', usd(9499)), given(created()))).toEqual([added]);
    const state = given(created(), added);
    expect(productExists(state) && state.variants.map((variant) => variant.sku)).toEqual(['SHOE-42', 'SHOE-43']);
  });

  it('rejects a SKU the product already has with DUPLICATE_SKU', () => {
    expectError(decide(addVariant('SHOE-42', usd(9499)), given(created())), 'DUPLICATE_SKU');
  });

  it('rejects another currency with CURRENCY_MISMATCH', () => {
    expectError(decide(addVariant('SHOE-43', { amount: 9499, currency: 'EUR' }), given(created())), 'CURRENCY_MISMATCH');
  });

  it('rejects a non-positive price with INVALID_PRICE', () => {
    expectError(decide(addVariant('SHOE-43', usd(0)), given(created())), 'INVALID_PRICE');
  });

  it('rejects an unknown product, another seller and a discontinued product', () => {
    expectError(decide(addVariant('SHOE-43', usd(1)), given()), 'PRODUCT_NOT_FOUND');
    expectError(decide(addVariant('SHOE-43', usd(1), otherSeller), given(created())), 'NOT_PRODUCT_OWNER');
    expectError(decide(addVariant('SHOE-43', usd(1)), given(created(), discontinued())), 'PRODUCT_DISCONTINUED');
  });
});

describe('ChangeVariantPrice', () => {
  const changePrice = (sku: string, price: Money, actor = seller): ProductCommand => ({
    type: 'ChangeVariantPrice',
    data: { actor, productId, sku, price },
  });

  it('changes the price and records the previous one', () => {
    const changed: ProductEvent = {
      type: 'VariantPriceChanged',
      data: { productId, sku: 'SHOE-42', price: usd(7999), previousPrice: usd(8999) },
    };
    expect(decide(changePrice('SHOE-42', usd(7999)), given(created()))).toEqual([changed]);
    const state = given(created(), changed);
    expect(productExists(state) && findVariant(state, 'SHOE-42')?.price).toEqual(usd(7999));
  });

  it('is a no-op when the price is unchanged', () => {
    expect(decide(changePrice('SHOE-42', usd(8999)), given(created()))).toEqual([]);
  });

  it('rejects an unknown SKU with UNKNOWN_SKU', () => {
    expectError(decide(changePrice('SHOE-99', usd(100)), given(created())), 'UNKNOWN_SKU');
  });

  it('rejects another currency with CURRENCY_MISMATCH', () => {
    expectError(decide(changePrice('SHOE-42', { amount: 7999, currency: 'EUR' }), given(created())), 'CURRENCY_MISMATCH');
  });

  it.each([0, -1])('rejects a price of %s with INVALID_PRICE', (amount) => {
    expectError(decide(changePrice('SHOE-42', usd(amount)), given(created())), 'INVALID_PRICE');
  });

  it('rejects an unknown product, another seller and a discontinued product', () => {
    expectError(decide(changePrice('SHOE-42', usd(1)), given()), 'PRODUCT_NOT_FOUND');
    expectError(decide(changePrice('SHOE-42', usd(1), otherSeller), given(created())), 'NOT_PRODUCT_OWNER');
    expectError(decide(changePrice('SHOE-42', usd(1)), given(created(), discontinued())), 'PRODUCT_DISCONTINUED');
  });
});
