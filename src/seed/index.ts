/**
 * The demo shop: a deterministic, realistic shop seeded through the command handlers and the
 * checkout saga (`npm run seed`, and `npm start` on an empty shop), and the first admin from
 * ADMIN_EMAIL / ADMIN_PASSWORD.
 */
export { adminCredentialsFromEnv, bootstrapAdminFromEnv, describeBootstrap, type AdminCredentials, type AdminSettings } from './bootstrap-admin-from-env.js';
export { demoCouponCode, demoCustomerId, demoLogins, demoProducts, demoSellerId, demoAdminId, productIdOf, skuOf } from './demo-logins.js';
export type { DemoPlan } from './demo-plan.js';
export { ensureDemoShop, isDemoSeedIncomplete, isEmptyShop, loggedProgress, type EnsureDemoShopOptions } from './ensure-demo-shop.js';
export { openCommandSide, type CommandSide } from './open-command-side.js';
export { defaultDemoShopOptions, planDemoShop, type DemoShopOptions } from './plan-demo-shop.js';
export { seedDemoShop, type SeedDemoShopOptions, type SeedPhaseReport, type SeedReport } from './seed-demo-shop.js';
export { SeedError, type SeedProgress } from './seed-support.js';
export { memoizedHasher, seedTargetFor, type SeedTarget } from './seed-target.js';
