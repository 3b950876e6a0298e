import type { Role } from '../domain/shared/index.js';
import type { Money } from '../domain/shared/index.js';
import type { ShippingAddress, ShippingOption } from '../domain/order/index.js';

/**
 * What the demo shop will contain, decided up front by a pure function of the options (see
 * planDemoShop). The seeder then only carries it out through the command handlers, so a re-run
 * finds every id already there and a test can compare the store with the plan.
 */
export interface DemoPlan {
  readonly categories: readonly PlannedCategory[];
  readonly accounts: readonly PlannedAccount[];
  readonly products: readonly PlannedProduct[];
  readonly stock: readonly PlannedStock[];
  readonly orders: readonly PlannedOrder[];
  readonly abandonedCarts: readonly PlannedCart[];
  readonly reviews: readonly PlannedReview[];
  readonly wishlists: readonly PlannedWish[];
  readonly expected: ExpectedOutcome;
}

export interface PlannedCategory {
  readonly categoryId: string;
  readonly name: string;
  readonly slug: string;
  readonly parentId: string | null;
}

export interface PlannedAccount {
  readonly customerId: string;
  /** The registration's command id (the customer id derives from it). */
  readonly commandId: string;
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly roles: readonly Role[];
}

export interface PlannedVariant {
  readonly sku: string;
  readonly price: Money;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface PlannedProduct {
  readonly productId: string;
  readonly sellerId: string;
  readonly title: string;
  readonly description: string;
  readonly brand: string;
  readonly categoryId: string;
  readonly imageUrls: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
  readonly variants: readonly PlannedVariant[];
}

export type StockLevel = 'normal' | 'low' | 'sold-out';

export interface PlannedStock {
  readonly sku: string;
  readonly receive: number;
  readonly lowStockThreshold: number;
  /** What it should look like once every order has settled. */
  readonly level: StockLevel;
}

export interface PlannedLine {
  readonly productId: string;
  readonly sellerId: string;
  readonly sku: string;
  readonly quantity: number;
  readonly unitPrice: Money;
}

/** How far an order goes after the saga confirmed it. */
export type Fulfilment = 'confirmed' | 'processing' | 'shipped' | 'delivered' | 'completed';

export interface PlannedOrder {
  readonly orderId: string;
  readonly cartId: string;
  readonly customerId: string;
  readonly lines: readonly PlannedLine[];
  readonly couponCode: string | null;
  readonly shippingAddress: ShippingAddress;
  readonly shippingOption: ShippingOption;
  readonly paymentToken: string;
  /**
   * `main` orders are placed together and never compete for the last unit, so their outcome is
   * the payment's; `late` ones come after and ask for sold-out SKUs (rejected OUT_OF_STOCK).
   */
  readonly wave: 'main' | 'late';
  readonly outcome: 'CONFIRMED' | 'REJECTED';
  readonly fulfilment: Fulfilment;
}

export interface PlannedCart {
  readonly cartId: string;
  readonly customerId: string;
  readonly lines: readonly PlannedLine[];
}

export interface PlannedReview {
  readonly reviewId: string;
  readonly productId: string;
  readonly customerId: string;
  readonly rating: number;
  readonly title: string;
  readonly body: string;
  readonly verifiedPurchase: boolean;
  readonly moderation: 'approve' | 'reject' | 'pending';
}

export interface PlannedWish {
  readonly customerId: string;
  readonly productId: string;
}

export interface ExpectedOutcome {
  readonly confirmedOrders: number;
  readonly rejectedOrders: number;
  readonly approvedReviews: number;
  readonly skus: number;
}
