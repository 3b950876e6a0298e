import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores, type OpenedStore } from '../../test/support/stores.js';
import { createCommandHandlers } from '../commands/command-handlers.js';
import { loadConfig } from '../config.js';
import { productStreamName } from '../domain/product/index.js';
import { wishlistStreamName } from '../domain/wishlist/index.js';
import { waitUntilVisible } from '../eventstore/wait-until-visible.js';
import { demoCustomerId, demoProducts } from './demo-logins.js';
import { ensureDemoShop, isDemoSeedIncomplete, isEmptyShop } from './ensure-demo-shop.js';

const postgres = sqlStores.find((s) => s.name === 'postgres')!;

/** When `npm start` seeds: an empty shop, or a demo seed a stop interrupted; never production by default. */
describe('ensureDemoShop decides from the store', () => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await postgres.open();
  });
  afterAll(() => opened?.dispose());

  const event = (type: string, commandId: string) => ({ id: randomUUID(), type, data: {}, metadata: { commandId } });

  it('leaves an empty production store alone, and only notices an unfinished demo seed', async () => {
    const system = { store: opened.store, db: opened.db, commands: createCommandHandlers(opened.store) };
    const production = loadConfig({ NODE_ENV: 'production', EVENT_STORE: 'pglite', PII_MASTER_KEY: 'x', EMAIL_HASH_SECRET: 'x'.repeat(32) });
    expect(await isEmptyShop(system)).toBe(true);
    expect(await ensureDemoShop(system, production, pino({ level: 'silent' }))).toBeUndefined();
    expect(await opened.store.headPosition()).toBeUndefined();

    // The seed's first product, then stopped before its last write.
    const { position } = await opened.store.appendToStream(productStreamName(demoProducts.headphones), [event('ProductCreated', `seed/product/${demoProducts.headphones}/create`)]);
    // The global log shows an append once older write transactions on the (shared) server are done.
    expect(await waitUntilVisible(opened.store, position)).toBe(true);
    expect(await isEmptyShop(system)).toBe(false);
    expect(await isDemoSeedIncomplete(system)).toBe(true);
    await opened.store.appendToStream(wishlistStreamName(demoCustomerId), [event('WishlistItemAdded', `seed/wishlist/${demoCustomerId}/${demoProducts.backpack}`)]);
    expect(await isDemoSeedIncomplete(system)).toBe(false);
  });

  it('never takes a shop someone built by hand for an unfinished demo', async () => {
    const other = await postgres.open();
    try {
      await other.store.appendToStream(productStreamName(demoProducts.headphones), [event('ProductCreated', randomUUID())]);
      expect(await isDemoSeedIncomplete({ store: other.store })).toBe(false);
    } finally {
      await other.dispose();
    }
  });
});
