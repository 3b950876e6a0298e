import { sql, type Kysely } from 'kysely';
import type { RouteDeps } from '../../route-deps.js';
import { reachedPosition } from '../../support/read-your-writes.js';

/** How long a review waits for the orders read model to show the purchase the shopper just made. */
const ORDERS_CATCH_UP_MS = 2_000;

/**
 * Whether the customer bought the product: an order of theirs with a line of it that was confirmed
 * (paid) and not cancelled since. A return keeps the purchase verified — the shopper did hold it.
 * Reads the `order_details` view of the orders projection, after waiting (bounded) until that
 * projection has caught up with the log as it stood when the review arrived.
 */
export async function hasBought(deps: RouteDeps, customerId: string, productId: string): Promise<boolean> {
  const head = await deps.system.store.headPosition();
  if (head !== undefined) await reachedPosition(deps.readYourWrites, 'orders', head, ORDERS_CATCH_UP_MS);
  return boughtInOrders(deps.system.db, customerId, productId);
}

export async function boughtInOrders(db: Kysely<unknown>, customerId: string, productId: string): Promise<boolean> {
  const result = await sql<{ found: number }>`
    SELECT 1 AS found FROM order_details
    WHERE customer_id = ${customerId}
      AND placement->'lines' @> ${JSON.stringify([{ productId }])}::jsonb
      AND progress->'statusHistory' @> ${JSON.stringify([{ status: 'CONFIRMED' }])}::jsonb
      AND NOT progress->'statusHistory' @> ${JSON.stringify([{ status: 'CANCELLED' }])}::jsonb
    LIMIT 1`.execute(db);
  return result.rows.length > 0;
}
