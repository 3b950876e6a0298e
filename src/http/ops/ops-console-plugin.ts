import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';

const file = (name: string) => readFileSync(new URL(`./public/${name}`, import.meta.url), 'utf8');

/**
 * The ops console at /ops: three static files, no framework and no build step. The page itself is
 * public (it is only a sign-in form until an admin signs in); everything it shows comes from the
 * admin API with the admin's token. Separate script and style files keep helmet's default CSP intact.
 */
export const opsConsoleRoutes: FastifyPluginAsync = async (app) => {
  const assets = {
    html: file('index.html'),
    js: file('ops.js'),
    css: file('ops.css'),
  };
  app.get('/ops', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(assets.html));
  app.get('/ops/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/ops'));
  app.get('/ops/ops.js', { schema: { hide: true } }, async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(assets.js));
  app.get('/ops/ops.css', { schema: { hide: true } }, async (_request, reply) => reply.type('text/css; charset=utf-8').send(assets.css));
};
