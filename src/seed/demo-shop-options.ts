/** The demo shop's size and seed; in a module of its own so the CLI can show defaults without loading the generator. */
export interface DemoShopOptions {
  readonly products: number;
  readonly orders: number;
  /** Generated shoppers, besides the demo customer, the sellers and the admin. */
  readonly customers: number;
  /** Change it for a different shop; the same seed always plans the same one. */
  readonly seed: number;
}

export const defaultDemoShopOptions: DemoShopOptions = { products: 300, orders: 400, customers: 120, seed: 20_261_122 };
