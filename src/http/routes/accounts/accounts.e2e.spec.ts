import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartStreamName } from '../../../domain/cart/index.js';
import { startTestApp, type TestApp } from '../../testing/http-harness.js';
import { createCategory, createProduct, headPosition, type CreatedProduct } from '../catalog/catalog.fixtures.js';

const json = { 'content-type': 'application/json' };

describe('accounts over HTTP: auth, /me, addresses, wishlist, guest cart merge', () => {
  let t: TestApp;
  let product: CreatedProduct;
  let other: CreatedProduct;
  let draft: CreatedProduct;
  let emails = 0;
  const newEmail = () => `shopper${++emails}-${Date.now().toString(36)}@example.com`;

  beforeAll(async () => {
    t = await startTestApp();
    const seller = await t.account(['seller']);
    const categoryId = await createCategory(t, 'Kitchen');
    product = await createProduct(t, { sellerId: seller.customerId, categoryId, title: 'Cast iron pan', stock: 50 });
    other = await createProduct(t, { sellerId: seller.customerId, categoryId, title: 'Chef knife', stock: 50 });
    draft = await createProduct(t, { sellerId: seller.customerId, categoryId, title: 'Secret draft', publish: false });
  });
  afterAll(async () => t?.close());

  const post = (url: string, payload: unknown, token?: string, headers: Record<string, string> = {}) =>
    t.request({ method: 'POST', url, headers: { ...json, ...headers }, payload: JSON.stringify(payload), ...(token ? { token } : {}) });
  const get = (url: string, token?: string) => t.request({ method: 'GET', url, ...(token ? { token } : {}) });
  const head = async () => t.system.store.headPosition();

  async function register(email = newEmail(), password = 'a long enough password') {
    const response = await post('/api/v1/auth/register', { email, password, name: 'Ada Lovelace' });
    expect(response.statusCode).toBe(201);
    return { ...response.json<{ customerId: string; token: string }>(), email, password };
  }

  /** A refusal: a 4xx problem+json of this type, and nothing appended to the log. */
  async function refused(send: () => Promise<LightMyRequestResponse>, status: number, type: string) {
    const before = await head();
    const response = await send();
    expect(response.statusCode).toBe(status);
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ type, status });
    expect(await head()).toEqual(before);
    return response;
  }

  it('registers, logs in, reads and edits the profile, adds addresses', async () => {
    const { customerId, token, email, password } = await register();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const login = await post('/api/v1/auth/login', { email: email.toUpperCase(), password });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ customerId, token: expect.any(String) });
    expect(login.json()).not.toHaveProperty('cartMerge');
    const loginToken = login.json<{ token: string }>().token;

    const me = await get('/api/v1/me', loginToken);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ customerId, email, name: 'Ada Lovelace', phone: null, roles: ['customer'], addresses: [] });

    const edited = await t.request({ method: 'PUT', url: '/api/v1/me', token, headers: json, payload: JSON.stringify({ name: 'Ada King', phone: '+44 20 7946 0000' }) });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ name: 'Ada King', phone: '+44 20 7946 0000' });

    const home = { name: 'Ada King', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'gb' };
    const first = await post('/api/v1/me/addresses', home, token, { 'idempotency-key': `home-${customerId}` });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ ...home, country: 'GB', isDefault: true, addressId: expect.any(String) });
    // A retry with the same key names the same address and appends nothing.
    const before = await head();
    const replay = await post('/api/v1/me/addresses', home, token, { 'idempotency-key': `home-${customerId}` });
    expect(replay.json()).toEqual(first.json());
    expect(await head()).toEqual(before);

    const work = await post('/api/v1/me/addresses', { ...home, line1: '1 Fleet St', default: true }, token);
    expect(work.json()).toMatchObject({ isDefault: true });
    const after = (await get('/api/v1/me', token)).json<{ addresses: { addressId: string; isDefault: boolean }[] }>();
    expect(after.addresses).toHaveLength(2);
    expect(after.addresses.filter((a) => a.isDefault).map((a) => a.addressId)).toEqual([work.json<{ addressId: string }>().addressId]);

    const removed = await t.request({ method: 'DELETE', url: `/api/v1/me/addresses/${first.json<{ addressId: string }>().addressId}`, token });
    expect(removed.statusCode).toBe(204);
    expect((await get('/api/v1/me', token)).json<{ addresses: unknown[] }>().addresses).toHaveLength(1);
  });

  it('refuses a taken email (any spelling) with 409 EMAIL_TAKEN and a weak password with 422', async () => {
    const { email } = await register();
    await refused(() => post('/api/v1/auth/register', { email: `  ${email.toUpperCase()} `, password: 'another password', name: 'Eve' }), 409, '/problems/email-taken');
    await refused(() => post('/api/v1/auth/register', { email: newEmail(), password: 'short', name: 'Eve' }), 422, '/problems/weak-password');
  });

  it('answers a wrong password and an unknown account alike: 401 INVALID_CREDENTIALS', async () => {
    const { email } = await register();
    const wrong = await refused(() => post('/api/v1/auth/login', { email, password: 'not the password' }), 401, '/problems/invalid-credentials');
    const unknown = await refused(() => post('/api/v1/auth/login', { email: newEmail(), password: 'not the password' }), 401, '/problems/invalid-credentials');
    const { instance: _a, ...a } = wrong.json<Record<string, unknown>>();
    const { instance: _b, ...b } = unknown.json<Record<string, unknown>>();
    expect(a).toEqual(b);
  });

  it('refuses malformed bodies with 400 problems, appends nothing and never echoes a password', async () => {
    const secret = `p${'assword-'.repeat(200)}`;
    const tooLong = await refused(() => post('/api/v1/auth/register', { email: newEmail(), password: secret, name: 'Eve' }), 400, '/problems/validation-failed');
    expect(tooLong.json()).toMatchObject({ errors: [{ path: 'body.password' }] });
    expect(JSON.stringify(tooLong.json())).not.toContain('assword-assword');
    // Roles never come from the request: an unknown field.
    await refused(() => post('/api/v1/auth/register', { email: newEmail(), password: 'a long enough password', name: 'Eve', roles: ['admin'] }), 400, '/problems/validation-failed');
    await refused(() => post('/api/v1/auth/register', { email: 'not-an-email', password: 'a long enough password', name: 'Eve' }), 400, '/problems/validation-failed');
    await refused(() => post('/api/v1/auth/register', { email: newEmail(), password: 12345678, name: 'Eve' }), 400, '/problems/validation-failed');
    await refused(() => post('/api/v1/auth/login', { email: newEmail() }), 400, '/problems/validation-failed');
    await refused(() => t.request({ method: 'POST', url: '/api/v1/auth/login', headers: json, payload: '{"email":' }), 400, '/problems/malformed-json');

    const { token } = await register();
    await refused(() => t.request({ method: 'PUT', url: '/api/v1/me', token, headers: json, payload: JSON.stringify({}) }), 400, '/problems/validation-failed');
    await refused(() => t.request({ method: 'PUT', url: '/api/v1/me', token, headers: json, payload: JSON.stringify({ name: 'X', roles: ['admin'] }) }), 400, '/problems/validation-failed');
    await refused(() => t.request({ method: 'PUT', url: '/api/v1/me', token, headers: json, payload: JSON.stringify({ phone: 'call me' }) }), 400, '/problems/validation-failed');
    const address = { name: 'Eve', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'USA' };
    await refused(() => post('/api/v1/me/addresses', address, token), 400, '/problems/validation-failed');
    await refused(() => post('/api/v1/me/addresses', { ...address, country: 'US', planet: 'Earth' }, token), 400, '/problems/validation-failed');
    await refused(() => t.request({ method: 'DELETE', url: '/api/v1/me/addresses/no-such-address', token }), 404, '/problems/address-not-found');
  });

  it('keeps each account to its owner: no token → 401, another customer’s address → 404', async () => {
    await refused(() => get('/api/v1/me'), 401, '/problems/unauthorized');
    await refused(() => get('/api/v1/me/wishlist'), 401, '/problems/unauthorized');
    await refused(() => t.request({ method: 'DELETE', url: '/api/v1/me' }), 401, '/problems/unauthorized');
    await refused(() => get('/api/v1/me', 'not.a.token'), 401, '/problems/invalid-token');

    const alice = await register();
    const bob = await register();
    const address = { name: 'Alice', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' };
    const added = (await post('/api/v1/me/addresses', address, alice.token)).json<{ addressId: string }>();
    await refused(() => t.request({ method: 'DELETE', url: `/api/v1/me/addresses/${added.addressId}`, token: bob.token }), 404, '/problems/address-not-found');
    expect((await get('/api/v1/me', bob.token)).json()).toMatchObject({ customerId: bob.customerId, email: bob.email, addresses: [] });
  });

  it('keeps a wishlist as a set: PUT and DELETE are idempotent, reads see them with ?position=', async () => {
    const alice = await register();
    const bob = await register();
    const put = (productId: string, token = alice.token) => t.request({ method: 'PUT', url: `/api/v1/me/wishlist/${productId}`, token });

    const added = await put(product.productId);
    expect(added.statusCode).toBe(200);
    expect(added.json()).toMatchObject({ productId: product.productId, inWishlist: true, changed: true, position: expect.any(String) });
    expect((await put(product.productId)).json()).toMatchObject({ changed: false });
    const second = (await put(other.productId)).json<{ position: string }>();

    const list = await get(`/api/v1/me/wishlist?position=${second.position}`, alice.token);
    expect(list.headers['x-read-position-reached']).toBe('true');
    expect(list.json<{ items: { productId: string }[] }>().items.map((i) => i.productId).sort()).toEqual([product.productId, other.productId].sort());
    expect((await get(`/api/v1/me/wishlist?position=${second.position}`, bob.token)).json()).toEqual({ customerId: bob.customerId, items: [] });

    const removed = await t.request({ method: 'DELETE', url: `/api/v1/me/wishlist/${product.productId}`, token: alice.token });
    expect(removed.json()).toMatchObject({ inWishlist: false, changed: true });
    const again = await t.request({ method: 'DELETE', url: `/api/v1/me/wishlist/${product.productId}`, token: alice.token });
    expect(again.json()).toMatchObject({ changed: false });
    const position = removed.json<{ position: string }>().position;
    expect((await get(`/api/v1/me/wishlist?position=${position}`, alice.token)).json<{ items: { productId: string }[] }>().items.map((i) => i.productId)).toEqual([other.productId]);

    await refused(() => put('no-such-product'), 404, '/problems/product-not-found');
    await refused(() => put(draft.productId), 404, '/problems/product-not-found');
    await refused(() => get('/api/v1/me/wishlist?position=yesterday', alice.token), 400, '/problems/validation-failed');
  });

  it('erases an account: the token stops working, the login fails, the email is free again', async () => {
    const { token, email, password } = await register();
    const erased = await t.request({ method: 'DELETE', url: '/api/v1/me', token });
    expect(erased.statusCode).toBe(204);
    await refused(() => get('/api/v1/me', token), 401, '/problems/invalid-token');
    await refused(() => post('/api/v1/auth/login', { email, password }), 401, '/problems/invalid-credentials');
    const again = await register(email, password);
    expect(again.token).not.toBe(token);
  });

  describe('a guest cart given at log-in', () => {
    async function guestCartWith(item: CreatedProduct, quantity: number): Promise<string> {
      const opened = await post('/api/v1/carts', { currency: 'USD' });
      expect(opened.statusCode).toBe(201);
      const { cartId } = opened.json<{ cartId: string }>();
      const added = await post(`/api/v1/carts/${cartId}/items`, { sku: item.sku, quantity });
      expect(added.statusCode).toBe(200);
      return cartId;
    }
    const cartState = async (cartId: string) => (await t.system.commands.cart.read(cartStreamName(cartId))).state;
    const linesOf = async (cartId: string) => {
      const state = await cartState(cartId);
      return state.status === 'NONE' ? [] : state.lines.map((l) => [l.sku, l.quantity]);
    };

    it('is merged into the customer’s open cart, once', async () => {
      const { email, password, token } = await register();
      const mine = (await post('/api/v1/carts', { currency: 'USD' }, token)).json<{ cartId: string; position: string }>();
      await post(`/api/v1/carts/${mine.cartId}/items`, { sku: product.sku, quantity: 1 }, token);
      const guestCartId = await guestCartWith(product, 2);
      await post(`/api/v1/carts/${guestCartId}/items`, { sku: other.sku, quantity: 1 });

      const login = await post('/api/v1/auth/login', { email, password, cartId: guestCartId });
      expect(login.statusCode).toBe(200);
      expect(login.json()).toMatchObject({ cartMerge: { outcome: 'MERGED', cartId: mine.cartId } });
      expect(await linesOf(mine.cartId)).toEqual([
        [product.sku, 3],
        [other.sku, 1],
      ]);
      expect(await cartState(guestCartId)).toMatchObject({ status: 'MERGED', mergedInto: mine.cartId });

      // Logging in again with the same guest cart changes nothing.
      const before = await head();
      const again = await post('/api/v1/auth/login', { email, password, cartId: guestCartId });
      expect(again.json()).toMatchObject({ cartMerge: { outcome: 'MERGED', cartId: mine.cartId } });
      expect(await head()).toEqual(before);
      // The guest cart is closed: no more items go into it.
      const late = await post(`/api/v1/carts/${guestCartId}/items`, { sku: other.sku, quantity: 1 });
      expect(late.statusCode).toBe(409);
    });

    it('opens a customer cart when there is none', async () => {
      const { email, password, customerId, token } = await register();
      const guestCartId = await guestCartWith(other, 4);
      const login = (await post('/api/v1/auth/login', { email, password, cartId: guestCartId })).json<{ cartMerge: { outcome: string; cartId: string } }>();
      expect(login.cartMerge.outcome).toBe('MERGED');
      expect(login.cartMerge.cartId).not.toBe(guestCartId);
      expect(await cartState(login.cartMerge.cartId)).toMatchObject({ status: 'OPEN', owner: { kind: 'customer', customerId } });
      expect(await linesOf(login.cartMerge.cartId)).toEqual([[other.sku, 4]]);
      // The customer reaches it through the cart routes; a stranger does not.
      expect((await get(`/api/v1/carts/${login.cartMerge.cartId}`, token)).statusCode).toBe(200);
      expect((await get(`/api/v1/carts/${login.cartMerge.cartId}`)).statusCode).toBe(404);
    });

    it('is skipped, and the log-in still succeeds, when the cart is unknown, not a guest’s, or closed', async () => {
      const alice = await register();
      const bob = await register();
      const unknown = await post('/api/v1/auth/login', { email: alice.email, password: alice.password, cartId: 'no-such-cart' });
      expect(unknown.statusCode).toBe(200);
      expect(unknown.json()).toMatchObject({ token: expect.any(String), cartMerge: { outcome: 'CART_NOT_FOUND', cartId: null } });

      const bobsCart = (await post('/api/v1/carts', { currency: 'USD' }, bob.token)).json<{ cartId: string }>().cartId;
      const before = await head();
      const foreign = await post('/api/v1/auth/login', { email: alice.email, password: alice.password, cartId: bobsCart });
      expect(foreign.json()).toMatchObject({ cartMerge: { outcome: 'NOT_A_GUEST_CART', cartId: null } });
      expect(await head()).toEqual(before);

      // Merged into Bob's cart already: Alice cannot take it over.
      const guestCartId = await guestCartWith(product, 1);
      expect((await post('/api/v1/auth/login', { email: bob.email, password: bob.password, cartId: guestCartId })).json()).toMatchObject({ cartMerge: { outcome: 'MERGED' } });
      const taken = await post('/api/v1/auth/login', { email: alice.email, password: alice.password, cartId: guestCartId });
      expect(taken.json()).toMatchObject({ cartMerge: { outcome: 'CART_CLOSED', cartId: null } });

      // A wrong password merges nothing.
      const other = await guestCartWith(product, 1);
      await refused(() => post('/api/v1/auth/login', { email: alice.email, password: 'wrong password', cartId: other }), 401, '/problems/invalid-credentials');
      expect(await cartState(other)).toMatchObject({ status: 'OPEN' });
    });
  });

  it('publishes the routes in the OpenAPI document', async () => {
    const document = (await get('/openapi.json')).json<{ paths: Record<string, unknown> }>();
    for (const path of ['/api/v1/auth/register', '/api/v1/auth/login', '/api/v1/me', '/api/v1/me/addresses', '/api/v1/me/wishlist', '/api/v1/me/wishlist/{productId}']) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    expect(await headPosition(t)).toMatch(/^\d+\.\d+$/);
  });
});
