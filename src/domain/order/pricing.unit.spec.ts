import { describe, expect, it } from 'vitest';
import { money } from '../shared/index.js';
import { eur } from './order.fixtures.js';
import { priceOrder, shippingCost, shippingPriceTable, taxRateFor, taxRateTable } from './pricing.js';

const line = (quantity: number, amount: number, currency = 'EUR') => ({ quantity, unitPrice: money(amount, currency) });

describe('priceOrder', () => {
  it('prices subtotal, discount, shipping, tax on (subtotal - discount + shipping) and total', () => {
    expect(priceOrder([line(2, 1500), line(1, 2000)], eur(500), 'standard', 'DE')).toEqual({
      subtotal: eur(5000),
      discount: eur(500),
      shipping: eur(499),
      taxRateBasisPoints: 1900,
      tax: eur(950), // 19% of 4999 = 949.81
      total: eur(5949),
    });
  });

  it('ships standard free when the goods after discount are above 5000, and never express', () => {
    expect(priceOrder([line(1, 5001)], eur(0), 'standard', 'US')).toMatchObject({ shipping: eur(0), total: eur(5001) });
    expect(priceOrder([line(1, 5000)], eur(0), 'standard', 'US')).toMatchObject({ shipping: eur(499) });
    expect(priceOrder([line(1, 6000)], eur(1000), 'standard', 'US')).toMatchObject({ shipping: eur(499) });
    expect(priceOrder([line(1, 9000)], eur(0), 'express', 'US')).toMatchObject({ shipping: eur(1499) });
    expect(priceOrder([line(1, 9000)], eur(0), 'next_day', 'US')).toMatchObject({ shipping: eur(2999) });
  });

  it('taxes by country, with 0 for countries not in the table', () => {
    expect(taxRateTable).toMatchObject({ US: 0, DE: 1900, FR: 2000, GB: 2000, NL: 2100 });
    expect(taxRateFor('NL')).toBe(2100);
    expect(taxRateFor('JP')).toBe(0);
    expect(priceOrder([line(1, 1000, 'GBP')], money(0, 'GBP'), 'express', 'GB')).toMatchObject({ tax: money(500, 'GBP'), total: money(2999, 'GBP') });
  });

  it('refuses an order without lines', () => {
    expect(priceOrder([], eur(0), 'standard', 'DE')).toMatchObject({ code: 'ORDER_HAS_NO_LINES' });
  });

  it('refuses mixed currencies, in lines or in the discount', () => {
    expect(priceOrder([line(1, 100), line(1, 100, 'USD')], eur(0), 'standard', 'DE')).toMatchObject({ code: 'CURRENCY_MISMATCH' });
    expect(priceOrder([line(1, 100)], money(0, 'USD'), 'standard', 'DE')).toMatchObject({ code: 'CURRENCY_MISMATCH' });
  });

  it('refuses a discount above the subtotal or below zero', () => {
    expect(priceOrder([line(1, 100)], eur(101), 'standard', 'DE')).toMatchObject({ code: 'INVALID_DISCOUNT' });
    expect(priceOrder([line(1, 100)], eur(-1), 'standard', 'DE')).toMatchObject({ code: 'INVALID_DISCOUNT' });
  });

  it('refuses a currency with no shipping prices', () => {
    expect(Object.keys(shippingPriceTable)).toEqual(['USD', 'EUR', 'GBP']);
    expect(shippingCost('standard', money(100, 'JPY'))).toBeUndefined();
    expect(priceOrder([line(1, 100, 'JPY')], money(0, 'JPY'), 'standard', 'DE')).toMatchObject({ code: 'UNSUPPORTED_CURRENCY' });
  });
});
