import { randomUUID } from 'node:crypto';
import type { CommandHandlers } from '../../commands/command-handlers.js';
import type { CommandResult } from '../../commands/command-result.js';
import { comparePositions } from '../../eventstore/position.js';
import type { Position } from '../../eventstore/types.js';

const admin = { userId: 'admin-1', roles: ['admin' as const] };
const at = () => new Date().toISOString();

export interface ProductSpec {
  readonly id: string;
  readonly title: string;
  readonly brand: string;
  readonly categoryId: string;
  readonly description?: string;
  /** SKU → price in minor units (USD). */
  readonly variants: Readonly<Record<string, number>>;
  readonly publish?: boolean;
}

/**
 * Builds a catalog through the real command handlers, so that the search documents come from the
 * events the domain emits. Remembers the furthest position written: `sync` waits for it.
 */
export class SearchCatalog {
  private last: Position | undefined;

  constructor(readonly commands: CommandHandlers) {}

  get lastPosition(): Position | undefined {
    return this.last;
  }

  private track<Event>(result: CommandResult<Event>, what: string): void {
    if (!result.ok) throw new Error(`${what}: ${result.error.code} ${result.error.message}`);
    if (result.position && (!this.last || comparePositions(result.position, this.last) > 0)) this.last = result.position;
  }

  private context = () => ({ commandId: randomUUID() });

  async category(categoryId: string, name: string, parentId: string | null = null): Promise<void> {
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    this.track(await this.commands.category.send({ type: 'CreateCategory', data: { categoryId, name, slug, parentId } }, this.context()), `category ${categoryId}`);
  }

  async moveCategory(categoryId: string, newParentId: string | null): Promise<void> {
    this.track(await this.commands.category.send({ type: 'MoveCategory', data: { categoryId, newParentId } }, this.context()), `move ${categoryId}`);
  }

  async product(spec: ProductSpec): Promise<void> {
    const variants = Object.entries(spec.variants).map(([sku, amount]) => ({ sku, price: { amount, currency: 'USD' }, attributes: {} }));
    const created = await this.commands.product.send(
      {
        type: 'CreateProduct',
        data: {
          actor: admin,
          productId: spec.id,
          sellerId: 'seller-1',
          title: spec.title,
          brand: spec.brand,
          description: spec.description ?? '',
          categoryId: spec.categoryId,
          imageUrls: [],
          attributes: {},
          variants,
        },
      },
      this.context(),
    );
    this.track(created, `create ${spec.id}`);
    if (spec.publish ?? true) await this.setPublished(spec.id, true);
  }

  async setPublished(productId: string, published: boolean): Promise<void> {
    const type = published ? 'PublishProduct' : 'UnpublishProduct';
    this.track(await this.commands.product.send({ type, data: { actor: admin, productId } }, this.context()), `${type} ${productId}`);
  }

  async rename(productId: string, title: string): Promise<void> {
    this.track(
      await this.commands.product.send({ type: 'UpdateProductDetails', data: { actor: admin, productId, title } }, this.context()),
      `rename ${productId}`,
    );
  }

  async changePrice(productId: string, sku: string, amount: number): Promise<void> {
    this.track(
      await this.commands.product.send(
        { type: 'ChangeVariantPrice', data: { actor: admin, productId, sku, price: { amount, currency: 'USD' } } },
        this.context(),
      ),
      `price ${sku}`,
    );
  }

  async receiveStock(sku: string, quantity: number): Promise<void> {
    this.track(
      await this.commands.inventory.send({ type: 'ReceiveStock', data: { sku, warehouseId: 'main', quantity, at: at() } }, this.context()),
      `stock ${sku}`,
    );
  }

  /** Reserves and commits `quantity`: the goods leave the shelf, as a fulfilled order's do. */
  async sellStock(sku: string, quantity: number): Promise<void> {
    const reservationId = randomUUID();
    const expiresAt = new Date(Date.now() + 15 * 60_000).toISOString();
    this.track(
      await this.commands.inventory.send(
        { type: 'ReserveStock', data: { sku, reservationId, orderId: randomUUID(), quantity, expiresAt, at: at() } },
        this.context(),
      ),
      `reserve ${sku}`,
    );
    this.track(await this.commands.inventory.send({ type: 'CommitReservation', data: { sku, reservationId, at: at() } }, this.context()), `commit ${sku}`);
  }

  /** An approved review counts in the rating; `approve: false` leaves it waiting for moderation. */
  async review(productId: string, rating: number, approve = true): Promise<void> {
    const reviewId = randomUUID();
    this.track(
      await this.commands.review.send(
        {
          type: 'SubmitReview',
          data: { reviewId, productId, customerId: `customer-${randomUUID()}`, rating, title: 'Review', body: '', verifiedPurchase: true, at: at() },
        },
        this.context(),
      ),
      `review ${productId}`,
    );
    if (!approve) return;
    this.track(
      await this.commands.review.send({ type: 'ModerateReview', data: { reviewId, actor: admin, verdict: { kind: 'approve' }, at: at() } }, this.context()),
      `approve ${reviewId}`,
    );
  }

  /** Places an order for `quantity` of the product and confirms it (or leaves it pending). */
  async order(productId: string, sku: string, quantity: number, confirm = true): Promise<void> {
    const orderId = randomUUID();
    const placed = await this.commands.order.send(
      {
        type: 'PlaceOrder',
        data: {
          orderId,
          customerId: `customer-${orderId.slice(0, 8)}`,
          guestEmail: null,
          cartId: null,
          lines: [{ sku, productId, sellerId: 'seller-1', quantity, unitPrice: { amount: 1000, currency: 'USD' } }],
          couponCode: null,
          discount: { amount: 0, currency: 'USD' },
          shippingAddress: { name: 'Ada Lovelace', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
          shippingOption: 'standard',
          paymentToken: 'tok_sandbox_approve',
          cardLast4: '4242',
          at: at(),
        },
      },
      this.context(),
    );
    this.track(placed, `order ${productId}`);
    if (!confirm) return;
    this.track(
      await this.commands.order.send({ type: 'ConfirmOrder', data: { orderId, paymentId: randomUUID(), at: at() } }, this.context()),
      `confirm ${orderId}`,
    );
  }
}
