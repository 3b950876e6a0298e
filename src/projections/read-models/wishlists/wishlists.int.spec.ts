import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStores } from '../../../../test/support/stores.js';
import type { WishlistCommand } from '../../../domain/wishlist/index.js';
import { hours } from '../testing/commands.fixtures.js';
import { context, ok, openReadModelTestKit, type ReadModelTestKit } from '../testing/read-model-test-kit.js';
import { wishlistsProjection } from './wishlists-projection.js';
import { getWishlist } from './wishlists-queries.js';

describe.each(sqlStores)('wishlists on $name', ({ open }) => {
  let kit: ReadModelTestKit;
  const send = (type: WishlistCommand['type'], customerId: string, productId: string, h: number) =>
    ok(kit.commands.wishlist.send({ type, data: { customerId, productId, at: hours(h) } }, context()));

  beforeAll(async () => {
    kit = await openReadModelTestKit(open, [wishlistsProjection]);
  });
  afterAll(() => kit?.dispose());

  it('holds what was added and not removed, newest first', async () => {
    await send('AddToWishlist', 'cust-1', 'p-1', 1);
    await send('AddToWishlist', 'cust-1', 'p-2', 2);
    await send('AddToWishlist', 'cust-1', 'p-3', 3);
    await send('RemoveFromWishlist', 'cust-1', 'p-2', 4);
    await send('RemoveFromWishlist', 'cust-1', 'p-1', 5);
    await send('AddToWishlist', 'cust-1', 'p-1', 6);
    await send('AddToWishlist', 'cust-2', 'p-9', 1);
    await kit.settle();

    expect(await getWishlist(kit.db, 'cust-1')).toEqual({
      customerId: 'cust-1',
      items: [
        { productId: 'p-1', addedAt: hours(6) },
        { productId: 'p-3', addedAt: hours(3) },
      ],
    });
    expect(await getWishlist(kit.db, 'nobody')).toEqual({ customerId: 'nobody', items: [] });
  });
});
