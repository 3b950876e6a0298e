import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { problems } from '../problems/problem.js';
import { allows, type Access, type Principal } from './access.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
  }
  interface FastifyInstance {
    issueToken(customerId: string): string;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string };
    user: { sub: string };
  }
}

export interface AuthPluginOptions {
  readonly secret: Buffer;
  readonly ttlSeconds: number;
  /**
   * The caller's current roles, or undefined when the account is gone (erased). Read on every
   * authenticated request, so a revoked role or an erasure counts at once, not when the token expires.
   */
  readonly loadPrincipal: (customerId: string) => Promise<Principal | undefined>;
}

/** Bearer tokens (HS256 JWT naming the customer) and the per-route access check. */
export const authPlugin = fp(
  async (app: FastifyInstance, options: AuthPluginOptions) => {
    await app.register(fastifyJwt, {
      secret: options.secret,
      sign: { algorithm: 'HS256', expiresIn: options.ttlSeconds },
      verify: { algorithms: ['HS256'] },
    });
    app.decorate('issueToken', (customerId: string) => app.jwt.sign({ sub: customerId }));
    app.decorateRequest('principal', undefined);

    app.addHook('onRoute', (route) => {
      if (route.url.startsWith('/api/') && route.config?.access === undefined) {
        throw new Error(`route ${String(route.method)} ${route.url} declares no access level`);
      }
    });

    app.addHook('onRequest', async (request: FastifyRequest) => {
      request.principal = await principalOf(request, options);
      const access = request.routeOptions.config.access;
      if (access === undefined || allows(access, request.principal)) return;
      if (request.principal === undefined) throw problems.unauthorized();
      throw problems.forbidden(`this route is for the ${access} role`);
    });
  },
  { name: 'auth' },
);

async function principalOf(request: FastifyRequest, options: AuthPluginOptions): Promise<Principal | undefined> {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  if (!/^Bearer \S+$/i.test(header)) throw problems.invalidToken('send Authorization: Bearer <token>');
  let subject: string;
  try {
    subject = (await request.jwtVerify<{ sub: string }>()).sub;
  } catch {
    throw problems.invalidToken();
  }
  const principal = await options.loadPrincipal(subject);
  if (principal === undefined) throw problems.invalidToken('the account behind this token no longer exists');
  return principal;
}
