import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveStock } from '../../commands/checkout/checkout.fixtures.js';
import { startTestApp, type TestApp } from '../testing/http-harness.js';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve('test-results');

/** The ops console in a real browser: an admin signs in, rebuilds a projection, browses a stream and plots stock. */
describe('the ops console in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let admin: { email: string; password: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.account(['admin']);
    await receiveStock(t.system.commands, 'SKU-OPS-1', 12);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // As root in a sandboxed machine with no network: no sandbox, nothing phoning home.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('refuses a wrong password, then signs an admin in', async () => {
    await page.goto(`${base}/ops`);
    await page.fill('#login-form input[name=email]', admin.email);
    await page.fill('#login-form input[name=password]', 'not the password');
    await page.click('#login-form button[type=submit]');
    await expect.poll(() => page.textContent('#login-error')).toContain('wrong');
    await page.fill('#login-form input[name=password]', admin.password);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#console:not([hidden])');
    await page.waitForSelector('#projections tbody tr[data-projection="product-catalog"]');
  });

  it('rebuilds a projection and shows its progress until it is done', async () => {
    const row = page.locator('#projections tbody tr[data-projection="inventory-levels"]');
    await row.locator('button.rebuild').click();
    await expect.poll(async () => row.locator('.rebuild-progress').textContent(), { timeout: 60_000 }).toContain('done');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'ops-console-rebuild.png'), fullPage: true });
  });

  it('browses a stream and its state at an earlier revision', async () => {
    await page.fill('#stream-form input[name=stream]', 'inventory-SKU-OPS-1');
    await page.click('#stream-form button[type=submit]');
    await page.waitForSelector('#stream-events tbody tr');
    expect(await page.textContent('#stream-events tbody')).toContain('StockReceived');
    expect(await page.textContent('#stream-state')).toContain('12');
  });

  it('plots an inventory timeline', async () => {
    await page.fill('#timeline-form input[name=sku]', 'SKU-OPS-1');
    await page.click('#timeline-form button[type=submit]');
    await page.waitForSelector('#timeline-chart polyline[data-series="available"]');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'ops-console.png'), fullPage: true });
    expect(await page.textContent('#timeline-error')).toBe('');
  });
});
