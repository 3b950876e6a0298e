import { describe, expect, it } from 'vitest';
import type { UpdateProductDetails } from './commands.js';
import { decide } from './decide.js';
import { evolve } from './state.js';
import { admin, created, discontinued, expectError, given, otherSeller, productId, seller } from './product.fixtures.js';

const update = (changes: Omit<UpdateProductDetails['data'], 'actor' | 'productId'>, actor = seller): UpdateProductDetails => ({
  type: 'UpdateProductDetails',
  data: { actor, productId, ...changes },
});

describe('UpdateProductDetails', () => {
  it('records only the fields that change', () => {
    const decision = decide(
      update({ title: 'Trail shoe v2', brand: 'Acme', attributes: { material: 'mesh' } }),
      given(created()),
    );
    expect(decision).toEqual([{ type: 'ProductDetailsUpdated', data: { productId, title: 'Trail shoe v2' } }]);
  });

  it('replaces the attributes and image list as a whole', () => {
    const changes = {
      attributes: { material: 'leather' },
      imageUrls: ['https://img.example.com/b.jpg', 'https://img.example.com/a.jpg'],
    };
    const decision = decide(update(changes), given(created()));
    expect(decision).toEqual([{ type: 'ProductDetailsUpdated', data: { productId, ...changes } }]);
    if (!Array.isArray(decision)) throw new Error('expected events');
    const after = evolve(given(created()), decision[0]!);
    expect(after).toMatchObject({ ...changes, title: 'Trail shoe', description: 'Light and grippy.', brand: 'Acme' });
  });

  it('is a no-op when nothing changes, whatever the key order of the attributes', () => {
    const state = given(created(), { type: 'ProductDetailsUpdated', data: { productId, attributes: { a: '1', b: '2' } } });
    expect(decide(update({ attributes: { b: '2', a: '1' }, title: 'Trail shoe' }), state)).toEqual([]);
    expect(decide(update({}), state)).toEqual([]);
  });

  it('lets an admin update any product', () => {
    expect(decide(update({ categoryId: 'cat-running' }, admin), given(created()))).toEqual([
      { type: 'ProductDetailsUpdated', data: { productId, categoryId: 'cat-running' } },
    ]);
  });

  it('rejects an unknown product with PRODUCT_NOT_FOUND', () => {
    expectError(decide(update({ title: 'x' }), given()), 'PRODUCT_NOT_FOUND');
  });

  it('rejects another seller with NOT_PRODUCT_OWNER', () => {
    expectError(decide(update({ title: 'x' }, otherSeller), given(created())), 'NOT_PRODUCT_OWNER');
  });

  it('rejects a discontinued product with PRODUCT_DISCONTINUED', () => {
    expectError(decide(update({ title: 'x' }), given(created(), discontinued())), 'PRODUCT_DISCONTINUED');
  });
});
