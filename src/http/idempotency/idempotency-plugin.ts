import { createHmac, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { uuidFromName } from '../../commands/event-ids.js';
import { canonicalJson } from '../../domain/shared/canonical-json.js';
import { ProblemError, problems } from '../problems/problem.js';
import type { IdempotencyStore } from './idempotency-store.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** POSTs that create something or pay: an `Idempotency-Key` makes a retry return the first answer. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    /**
     * The command id for what this request does: derived from the Idempotency-Key when there is one,
     * so that even a retry racing the first request appends nothing twice.
     */
    commandId: string;
    idempotency: { readonly scope: string; readonly key: string } | undefined;
  }
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** A claim older than this whose request never answered belonged to a process that died. */
const ABANDONED_AFTER_MS = 60_000;
const KEEP_KEYS_MS = 24 * 3600_000;

export interface IdempotencyPluginOptions {
  readonly store: IdempotencyStore;
  /**
   * Keys the request fingerprint. Bodies may hold card numbers: an unkeyed hash of a body with a
   * 16-digit number in it could be brute-forced from the table, a keyed one cannot.
   */
  readonly fingerprintKey: Buffer;
}

export const idempotencyPlugin = fp(
  async (app: FastifyInstance, { store, fingerprintKey }: IdempotencyPluginOptions) => {
    // Made on first use: most requests are reads that never send a command, and a hook per request
    // to make one costs more than the lookup (bench:http).
    const commandIds = new WeakMap<FastifyRequest, string>();
    app.decorateRequest('commandId', {
      getter(this: FastifyRequest) {
        let id = commandIds.get(this);
        if (id === undefined) {
          id = randomUUID();
          commandIds.set(this, id);
        }
        return id;
      },
      setter(this: FastifyRequest, id: string) {
        commandIds.set(this, id);
      },
    });
    app.decorateRequest('idempotency', undefined);

    // After validation and authentication: the body is parsed and the principal known.
    const claimKey = async (request: FastifyRequest, reply: FastifyReply) => {
      const header = request.headers['idempotency-key'];
      if (header === undefined) return;
      const key = Array.isArray(header) ? header[0] : header;
      if (key === undefined || !KEY_PATTERN.test(key)) {
        throw problems.validation([{ path: 'headers.idempotency-key', message: 'must be 1–255 visible ASCII characters' }]);
      }
      const scope = `${request.principal?.customerId ?? 'anonymous'} ${request.method} ${request.url.split('?')[0]}`;
      const requestHash = fingerprintOf(request, fingerprintKey);
      request.commandId = uuidFromName(`idempotency/${scope}/${key}`);

      if (await store.claim(scope, key, requestHash)) {
        request.idempotency = { scope, key };
        return;
      }
      const stored = await store.find(scope, key);
      if (stored === undefined) {
        // Purged between claim and find: treat as new.
        if (await store.claim(scope, key, requestHash)) request.idempotency = { scope, key };
        return;
      }
      if (stored.requestHash !== requestHash) {
        throw new ProblemError(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency key reused', 'this Idempotency-Key was used with a different request');
      }
      if (stored.answer) return replay(reply, stored.answer);
      if (stored.ageMs > ABANDONED_AFTER_MS && (await store.reclaim(scope, key, ABANDONED_AFTER_MS))) {
        request.idempotency = { scope, key };
        return;
      }
      reply.header('retry-after', '1');
      throw new ProblemError(409, 'IDEMPOTENT_REQUEST_IN_PROGRESS', 'Request in progress', 'the first request with this Idempotency-Key is still running');
    };

    const recordAnswer = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const claimed = request.idempotency;
      if (!claimed) return payload;
      request.idempotency = undefined;
      if (reply.statusCode >= 500 || typeof payload !== 'string') {
        // A failure of ours is not an answer: the client may retry and the request runs again.
        await store.release(claimed.scope, claimed.key);
      } else {
        const contentType = reply.getHeader('content-type');
        await store.record(claimed.scope, claimed.key, reply.statusCode, typeof contentType === 'string' ? contentType : null, payload);
      }
      return payload;
    };

    // Only on the routes that take a key: every other request (most of them, all reads) runs no
    // hook of this plugin but the command id's. First among the route's own hooks, as a global
    // hook would be.
    app.addHook('onRoute', (route) => {
      if (!route.config?.idempotent) return;
      route.preHandler = [claimKey, ...hooksOf(route.preHandler)] as typeof route.preHandler;
      route.onSend = [recordAnswer, ...hooksOf(route.onSend)] as typeof route.onSend;
    });

    // Old keys go away now and then; an hourly timer is enough and dies with the app.
    const purge = setInterval(() => void store.purgeOlderThan(KEEP_KEYS_MS).catch((error: unknown) => app.log.warn({ err: error }, 'idempotency purge failed')), 3600_000);
    purge.unref();
    app.addHook('onClose', async () => clearInterval(purge));
  },
  { name: 'idempotency' },
);

const hooksOf = (hooks: unknown): unknown[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);

function fingerprintOf(request: FastifyRequest, key: Buffer): string {
  return createHmac('sha256', key)
    .update(canonicalJson({ params: request.params ?? null, query: request.query ?? null, body: request.body ?? null }))
    .digest('hex');
}

function replay(reply: FastifyReply, answer: { statusCode: number; contentType: string | null; body: string }): FastifyReply {
  reply.code(answer.statusCode).header('idempotent-replayed', 'true');
  if (answer.contentType) reply.header('content-type', answer.contentType);
  return reply.send(answer.body);
}
