// Builders shared by this folder's tests.
import { fold, isDomainError } from '../shared/index.js';
import type { Actor, DomainError } from '../shared/index.js';
import type { CreateProduct } from './commands.js';
import type { ProductDecision } from './decide.js';
import type { ProductEvent } from './events.js';
import { evolve, initialState } from './state.js';
import type { ProductState } from './state.js';

export const productId = 'p-1';
export const seller: Actor = { userId: 'seller-1', roles: ['seller'] };
export const otherSeller: Actor = { userId: 'seller-2', roles: ['seller'] };
export const admin: Actor = { userId: 'admin-1', roles: ['admin'] };
export const customer: Actor = { userId: 'customer-1', roles: ['customer'] };

export const usd = (amount: number) => ({ amount, currency: 'USD' });

export const createCommand = (overrides: Partial<CreateProduct['data']> = {}): CreateProduct => ({
  type: 'CreateProduct',
  data: {
    actor: seller,
    productId,
    sellerId: seller.userId,
    title: 'Trail shoe',
    description: 'Light and grippy.',
    brand: 'Acme',
    categoryId: 'cat-shoes',
    imageUrls: ['https://img.example.com/p-1.jpg'],
    attributes: { material: 'mesh' },
    variants: [{ sku: 'SHOE-42', price: usd(8999), attributes: { size: '42' } }],
    ...overrides,
  },
});

export const created = (): ProductEvent => {
  const { actor: _actor, ...data } = createCommand().data;
  return { type: 'ProductCreated', data };
};
export const published = (): ProductEvent => ({ type: 'ProductPublished', data: { productId } });
export const unpublished = (): ProductEvent => ({ type: 'ProductUnpublished', data: { productId } });
export const discontinued = (): ProductEvent => ({ type: 'ProductDiscontinued', data: { productId } });

export const given = (...events: ProductEvent[]): ProductState => fold(evolve, initialState(), events);

export function expectError(decision: ProductDecision, code: string): DomainError {
  if (!isDomainError(decision)) throw new Error(`expected ${code}, got events ${JSON.stringify(decision)}`);
  if (decision.code !== code) throw new Error(`expected ${code}, got ${decision.code}: ${decision.message}`);
  return decision;
}
