import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder, receiveStock, waitUntilSettled } from './commands/checkout/checkout.fixtures.js';
import { loadConfig } from './config.js';
import { testTokens } from './payments/test-cards.js';
import { startSystem, type System } from './system.js';

/** What `npm start` wires, on its embedded defaults: a placed order is checked out by the saga. */
describe('the system on embedded defaults (PGlite)', () => {
  let dataDir: string;
  let system: System;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'commerce-system-'));
    system = await startSystem(loadConfig({ DATA_DIR: dataDir }), pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await system?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('checks out an order end to end', async () => {
    await receiveStock(system.commands, 'SKU-SYSTEM-1', 3);
    const confirmed = await placeOrder(system.commands, [{ sku: 'SKU-SYSTEM-1', quantity: 2 }], testTokens.approve);
    const rejected = await placeOrder(system.commands, [{ sku: 'SKU-SYSTEM-1', quantity: 2 }], testTokens.approve);
    const states = await waitUntilSettled(system.commands, [confirmed, rejected]);
    expect(states.get(confirmed)?.status).toBe('CONFIRMED');
    expect(states.get(rejected)).toMatchObject({ status: 'REJECTED', rejection: { reason: 'OUT_OF_STOCK' } });
  });

  it('registers a customer with encrypted personal data, signs them in, and erases them', async () => {
    const registered = await system.customers.registerCustomer(
      { email: 'Ada@Example.com', name: 'Ada Lovelace', password: 'correct horse battery' },
      { commandId: 'register-ada' },
    );
    expect(registered.ok).toBe(true);
    if (!registered.ok) return;
    expect(await system.customers.authenticate('ada@example.com', 'correct horse battery')).toMatchObject({ ok: true, customerId: registered.customerId });
    await system.customers.eraseCustomer(registered.customerId);
    expect(await system.customers.authenticate('ada@example.com', 'correct horse battery')).toMatchObject({ ok: false });
  });
});
