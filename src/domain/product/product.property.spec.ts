import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/index.js';
import type { Actor } from '../shared/index.js';
import type { ProductCommand } from './commands.js';
import { decide } from './decide.js';
import { productEventSchema } from './events.js';
import { evolve, initialState, productExists } from './state.js';
import { admin, customer, otherSeller, productId, seller } from './product.fixtures.js';

const actor = fc.constantFrom<Actor>(seller, seller, seller, admin, otherSeller, customer);
const sku = fc.constantFrom('A-1', 'A-2', 'A-3', 'A-4');
const price = fc.record({ amount: fc.integer({ min: -5, max: 50_000 }), currency: fc.constantFrom('USD', 'USD', 'USD', 'EUR') });
const variant = fc.record({ sku, price, attributes: fc.constant({}) });

const command: fc.Arbitrary<ProductCommand> = fc.oneof(
  fc
    .record({ actor, variants: fc.array(variant, { minLength: 1, maxLength: 3 }) })
    .map(({ actor, variants }): ProductCommand => ({
      type: 'CreateProduct',
      data: {
        actor,
        productId,
        sellerId: seller.userId,
        title: 'T',
        description: '',
        brand: 'B',
        categoryId: 'c',
        imageUrls: [],
        attributes: {},
        variants,
      },
    })),
  fc
    .record({ actor, title: fc.option(fc.constantFrom('T', 'U'), { nil: undefined }) })
    .map(({ actor, title }): ProductCommand => ({ type: 'UpdateProductDetails', data: { actor, productId, title } })),
  fc
    .record({ actor, variant })
    .map(({ actor, variant }): ProductCommand => ({ type: 'AddVariant', data: { actor, productId, variant } })),
  fc
    .record({ actor, sku, price })
    .map(({ actor, sku, price }): ProductCommand => ({ type: 'ChangeVariantPrice', data: { actor, productId, sku, price } })),
  fc
    .record({ actor, type: fc.constantFrom('PublishProduct', 'UnpublishProduct', 'DiscontinueProduct') })
    .map(({ actor, type }): ProductCommand => ({ type, data: { actor, productId } })),
);

// Most runs start from a product that exists, so that the later commands have something to act on.
const validCreate: ProductCommand = {
  type: 'CreateProduct',
  data: {
    ...{
      actor: seller,
      productId,
      sellerId: seller.userId,
      title: 'T',
      description: '',
      brand: 'B',
      categoryId: 'c',
      imageUrls: [],
      attributes: {},
    },
    variants: [{ sku: 'A-1', price: { amount: 100, currency: 'USD' }, attributes: {} }],
  },
};
const commands = fc
  .tuple(fc.boolean(), fc.array(command, { maxLength: 40, size: 'medium' }))
  .map(([startWithProduct, rest]) => (startWithProduct ? [validCreate, ...rest] : rest));

describe('product invariants', () => {
  it('keeps SKUs unique and prices positive in one currency; only the owner or an admin changes it; discontinued is final', () => {
    fc.assert(
      fc.property(commands, (commands) => {
        let state = initialState();
        for (const cmd of commands) {
          const decision = decide(cmd, state);
          if (isDomainError(decision) || decision.length === 0) continue;
          const { actor } = cmd.data;
          expect(actor.roles.includes('admin') || actor.userId === seller.userId).toBe(true);
          expect(productExists(state) && state.status === 'discontinued').toBe(false);
          for (const event of decision) {
            expect(productEventSchema.parse(event)).toEqual(event);
            state = evolve(state, event);
          }
          if (!productExists(state)) throw new Error('an accepted command leaves a product');
          expect(new Set(state.variants.map((v) => v.sku)).size).toBe(state.variants.length);
          for (const v of state.variants) {
            expect(v.price.amount).toBeGreaterThan(0);
            expect(v.price.currency).toBe(state.currency);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
