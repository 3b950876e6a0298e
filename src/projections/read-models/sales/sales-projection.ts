import { sql } from 'kysely';
import { orderStreamCategory, type OrderEvent } from '../../../domain/order/index.js';
import { productStreamCategory, type ProductEvent } from '../../../domain/product/index.js';
import type { SqlProjection } from '../../runner/sql-projection.js';
import { domainEvent, eventTypes } from '../shared/domain-event.js';
import { foldDocuments, keysToLoad } from '../shared/document-fold.js';
import { loadDocs, UPDATED_OFTEN, upsertRows, type RowTable } from '../shared/sql-rows.js';
import { SalesLedger, type DailySales, type ProductSales, type SalesOrder } from './sales-ledger.js';

const ORDERS = 'sales_orders';
const DAILY = 'seller_sales_daily';
const BEST = 'best_sellers';

/** The lines are written once, by the page that placed the order; later pages send NULL to keep them. */
const orders: RowTable<{ order: SalesOrder; placed: boolean }> = {
  key: ['order_id'],
  columns: [
    { name: 'order_id', type: 'text', value: ({ order }) => order.orderId },
    { name: 'lines', type: 'jsonb', value: ({ order, placed }) => (placed ? order.lines : null), merge: 'coalesce' },
    { name: 'doc', type: 'jsonb', value: ({ order: { lines: _lines, ...rest } }) => rest },
  ],
};

const daily: RowTable<DailySales> = {
  key: ['seller_id', 'day', 'currency'],
  columns: [
    { name: 'seller_id', type: 'text', value: (d) => d.sellerId },
    { name: 'day', type: 'date', value: (d) => d.day },
    { name: 'currency', type: 'text', value: (d) => d.currency },
    { name: 'orders', type: 'integer', value: (d) => d.orders, merge: 'add' },
    { name: 'units', type: 'bigint', value: (d) => d.units, merge: 'add' },
    { name: 'revenue', type: 'bigint', value: (d) => d.revenue, merge: 'add' },
  ],
};

const best: RowTable<ProductSales> = {
  key: ['product_id'],
  columns: [
    { name: 'product_id', type: 'text', value: (p) => p.productId },
    { name: 'category_id', type: 'text', value: (p) => p.categoryId, merge: 'coalesce' },
    { name: 'currency', type: 'text', value: (p) => p.currency, merge: 'coalesce' },
    { name: 'units', type: 'bigint', value: (p) => p.units, merge: 'add' },
    { name: 'orders', type: 'integer', value: (p) => p.orders, merge: 'add' },
    { name: 'revenue', type: 'bigint', value: (p) => p.revenue, merge: 'add' },
  ],
};

const isOrderEvent = (event: OrderEvent | ProductEvent): event is OrderEvent => 'orderId' in event.data;

/** Seller sales per seller, day and currency, and units sold per product (best sellers, by category). */
export const salesProjection: SqlProjection = {
  name: 'sales',
  version: 1,
  filter: {
    categories: [orderStreamCategory, productStreamCategory],
    eventTypes: [
      ...eventTypes<OrderEvent>('OrderPlaced', 'OrderConfirmed', 'OrderCancelled', 'ReturnReceived'),
      ...eventTypes<ProductEvent>('ProductCreated', 'ProductDetailsUpdated'),
    ],
  },
  tables: [ORDERS, DAILY, BEST],
  async createTables(db, t) {
    await sql`CREATE TABLE ${sql.id(t(ORDERS))} (order_id text PRIMARY KEY, lines jsonb, doc jsonb NOT NULL) ${UPDATED_OFTEN}`.execute(db);
    await sql`
      CREATE TABLE ${sql.id(t(DAILY))} (
        seller_id text NOT NULL,
        day       date NOT NULL,
        currency  text NOT NULL,
        orders    integer NOT NULL,
        units     bigint NOT NULL,
        revenue   bigint NOT NULL,
        PRIMARY KEY (seller_id, day, currency)
      ) ${UPDATED_OFTEN}`.execute(db);
    const bestSellers = t(BEST);
    await sql`
      CREATE TABLE ${sql.id(bestSellers)} (
        product_id  text PRIMARY KEY,
        category_id text,
        currency    text,
        units       bigint NOT NULL,
        orders      integer NOT NULL,
        revenue     bigint NOT NULL
      ) ${UPDATED_OFTEN}`.execute(db);
    await sql`CREATE INDEX ${sql.id(`${bestSellers}_units`)} ON ${sql.id(bestSellers)} (units DESC, product_id)`.execute(db);
    await sql`CREATE INDEX ${sql.id(`${bestSellers}_category`)} ON ${sql.id(bestSellers)} (category_id, units DESC, product_id)`.execute(db);
  },
  async apply(trx, recorded, t) {
    const events = recorded.map((e) => domainEvent<OrderEvent | ProductEvent>(e));
    const ledger = new SalesLedger();
    const orderEvents = events.filter(isOrderEvent);
    const keyOf = (e: OrderEvent) => e.data.orderId;
    const toLoad = keysToLoad(orderEvents, keyOf, (e) => e.type === 'OrderPlaced');
    const docs = await loadDocs<SalesOrder>(trx, t(ORDERS), 'order_id', toLoad, `doc || jsonb_build_object('lines', lines)`);
    // Products only set categories and orders only add units: the two kinds commute within a page.
    for (const event of events) if (!isOrderEvent(event)) ledger.applyProduct(event);
    const changed = foldDocuments(orderEvents, docs, keyOf, (doc, event) => ledger.applyOrder(doc, event));
    const placed = new Set(orderEvents.filter((e) => e.type === 'OrderPlaced').map(keyOf));
    await upsertRows(trx, t(ORDERS), orders, [...changed.values()].map((order) => ({ order, placed: placed.has(order.orderId) })));
    await upsertRows(trx, t(DAILY), daily, ledger.daily.values());
    await upsertRows(trx, t(BEST), best, ledger.products.values());
  },
};
