import { describe, expect, it } from 'vitest';
import { productCommandSchema } from './commands.js';
import { productEventSchema, productStreamName } from './events.js';
import { created, createCommand } from './product.fixtures.js';

describe('product schemas', () => {
  it('names the stream after the product id', () => {
    expect(productStreamName('p-1')).toBe('product-p-1');
  });

  it('accepts well-formed commands and events', () => {
    expect(productCommandSchema.parse(createCommand())).toEqual(createCommand());
    expect(productEventSchema.parse(created())).toEqual(created());
  });

  it.each([
    ['no variants', createCommand({ variants: [] })],
    ['an image that is not an http(s) URL', createCommand({ imageUrls: ['javascript:alert(1)'] })],
    ['a blank title', createCommand({ title: '   ' })],
    ['a fractional price', createCommand({ variants: [{ sku: 'A', price: { amount: 9.99, currency: 'USD' }, attributes: {} }] })],
    ['an unknown role', createCommand({ actor: { userId: 'u', roles: ['root' as 'admin'] } })],
  ])('rejects a CreateProduct with %s', (_, command) => {
    expect(productCommandSchema.safeParse(command).success).toBe(false);
  });
});
