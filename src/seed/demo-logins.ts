import { customerIdFor } from '../commands/customers/index.js';

/*
 * The fixed, documented parts of the demo shop (README, curl examples, tests). Everything else is
 * generated, but from a fixed seed: the same ids and titles on every run.
 */

/** The command id a seeded account is registered with; the customer id derives from it. */
export const accountCommandId = (email: string): string => `seed/account/${email}`;

export const demoLogins = {
  /** A shopper with a few orders (delivered, shipped, processing), reviews and a wishlist. */
  customer: { email: 'demo@example.com', password: 'demo-password', name: 'Dana Demo' },
  /** Northwind Outfitters: sells clothing and shoes (and the documented running shoes). */
  seller: { email: 'seller@example.com', password: 'seller-password', name: 'Sam Seller' },
  /** Moderates reviews, ships orders, manages categories and roles. */
  admin: { email: 'admin@example.com', password: 'admin-password', name: 'Ari Admin' },
} as const;
export type DemoLogins = typeof demoLogins;

/** Every other seeded shopper shares this password; the other sellers share the seller's. */
export const shopperPassword = 'demo-password';

export const demoCustomerId = customerIdFor(accountCommandId(demoLogins.customer.email));
export const demoSellerId = customerIdFor(accountCommandId(demoLogins.seller.email));
export const demoAdminId = customerIdFor(accountCommandId(demoLogins.admin.email));

/** 10% off any order, valid 2025-2035, no usage limit. */
export const demoCouponCode = 'WELCOME10';

/**
 * Products are `prd-0001` … `prd-NNNN`, their SKUs `PRD-0001-BLK`, `PRD-0003-BLK-42` (product,
 * then one code per variant attribute). The first eight are written by hand, in four pairs that
 * shoppers often buy together, so "also bought" for one of them shows its partner first.
 */
export const demoProducts = {
  headphones: 'prd-0001',
  charger: 'prd-0002',
  runningShoes: 'prd-0003',
  runningTee: 'prd-0004',
  tent: 'prd-0005',
  backpack: 'prd-0006',
  pourOver: 'prd-0007',
  grinder: 'prd-0008',
} as const;

export const productIdOf = (index: number): string => `prd-${String(index + 1).padStart(4, '0')}`;
export const skuOf = (productId: string, codes: readonly string[]): string => [productId.toUpperCase(), ...codes].join('-');
