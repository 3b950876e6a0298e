import { describe, expect, it } from 'vitest';
import type { Actor } from '../shared/index.js';
import type { ProductCommand } from './commands.js';
import { decide } from './decide.js';
import {
  admin,
  created,
  customer,
  discontinued,
  expectError,
  given,
  otherSeller,
  productId,
  published,
  seller,
  unpublished,
} from './product.fixtures.js';

const command = (type: 'PublishProduct' | 'UnpublishProduct' | 'DiscontinueProduct', actor: Actor = seller): ProductCommand => ({
  type,
  data: { actor, productId },
});

describe('PublishProduct', () => {
  it('publishes a draft or unpublished product', () => {
    expect(decide(command('PublishProduct'), given(created()))).toEqual([published()]);
    expect(decide(command('PublishProduct'), given(created(), published(), unpublished()))).toEqual([published()]);
    expect(given(created(), published())).toMatchObject({ status: 'published' });
  });

  it('is a no-op when already published', () => {
    expect(decide(command('PublishProduct'), given(created(), published()))).toEqual([]);
  });

  it('rejects an unknown product, another seller, a customer and a discontinued product', () => {
    expectError(decide(command('PublishProduct'), given()), 'PRODUCT_NOT_FOUND');
    expectError(decide(command('PublishProduct', otherSeller), given(created())), 'NOT_PRODUCT_OWNER');
    expectError(decide(command('PublishProduct', customer), given(created())), 'NOT_PRODUCT_OWNER');
    expectError(decide(command('PublishProduct'), given(created(), discontinued())), 'PRODUCT_DISCONTINUED');
  });
});

describe('UnpublishProduct', () => {
  it('unpublishes a published product, also when an admin asks', () => {
    expect(decide(command('UnpublishProduct'), given(created(), published()))).toEqual([unpublished()]);
    expect(decide(command('UnpublishProduct', admin), given(created(), published()))).toEqual([unpublished()]);
    expect(given(created(), published(), unpublished())).toMatchObject({ status: 'unpublished' });
  });

  it('is a no-op for a product that is not published', () => {
    expect(decide(command('UnpublishProduct'), given(created()))).toEqual([]);
    expect(decide(command('UnpublishProduct'), given(created(), published(), unpublished()))).toEqual([]);
  });

  it('rejects an unknown product, another seller and a discontinued product', () => {
    expectError(decide(command('UnpublishProduct'), given()), 'PRODUCT_NOT_FOUND');
    expectError(decide(command('UnpublishProduct', otherSeller), given(created(), published())), 'NOT_PRODUCT_OWNER');
    expectError(decide(command('UnpublishProduct'), given(created(), discontinued())), 'PRODUCT_DISCONTINUED');
  });
});

describe('DiscontinueProduct', () => {
  it('discontinues a product, published or not', () => {
    expect(decide(command('DiscontinueProduct'), given(created()))).toEqual([discontinued()]);
    expect(decide(command('DiscontinueProduct'), given(created(), published()))).toEqual([discontinued()]);
    expect(given(created(), published(), discontinued())).toMatchObject({ status: 'discontinued' });
  });

  it('is a no-op when repeated', () => {
    expect(decide(command('DiscontinueProduct'), given(created(), discontinued()))).toEqual([]);
  });

  it('rejects an unknown product and another seller, even once discontinued', () => {
    expectError(decide(command('DiscontinueProduct'), given()), 'PRODUCT_NOT_FOUND');
    expectError(decide(command('DiscontinueProduct', otherSeller), given(created())), 'NOT_PRODUCT_OWNER');
    expectError(decide(command('DiscontinueProduct', otherSeller), given(created(), discontinued())), 'NOT_PRODUCT_OWNER');
  });
});
