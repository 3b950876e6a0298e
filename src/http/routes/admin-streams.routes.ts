import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inventoryStreamName } from '../../domain/inventory/index.js';
import { skuSchema } from '../../domain/shared/index.js';
import { formatPosition } from '../../eventstore/position.js';
import type { RecordedEvent } from '../../eventstore/types.js';
import { parseDuration } from '../../history/duration.js';
import { inventoryTimeline, MAX_TIMELINE_BUCKETS } from '../../history/inventory-timeline.js';
import { streamAsOf, type AsOf } from '../../history/stream-as-of.js';
import { UnknownStreamCategoryError } from '../../history/stream-deciders.js';
import { ProblemError, problems } from '../problems/problem.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses } from '../support/schemas.js';

const DAY_MS = 86_400_000;

const asOfQuery = z
  .string()
  .max(64)
  .refine((text) => /^\d{1,18}$/.test(text) || z.iso.datetime({ offset: true }).safeParse(text).success, 'must be a revision (0, 1, …) or an ISO time such as 2026-11-22T10:00:00Z')
  .optional()
  .describe('A revision (the state after that event) or an ISO time (after every event recorded by then); default: now');

const recordedEvent = z.object({
  id: z.string(),
  type: z.string(),
  revision: z.number().int(),
  position: z.string(),
  recordedAt: z.string(),
  data: z.unknown(),
  metadata: z.record(z.string(), z.unknown()),
});

const streamAnswer = z.object({
  stream: z.string(),
  asOf: z.union([z.object({ revision: z.number().int() }), z.object({ time: z.string() })]).nullable(),
  revision: z.number().int().nullable().describe('The last event folded; null when none was (a time before the stream began)'),
  eventCount: z.number().int().describe('Events up to that point'),
  events: z.array(recordedEvent).describe('The newest `limit` of those events, oldest first'),
  state: z.unknown().describe("The aggregate's state at that point"),
});

const timelineAnswer = z.object({
  sku: z.string(),
  stream: z.string(),
  from: z.string(),
  to: z.string(),
  bucket: z.string(),
  bucketMs: z.number().int(),
  buckets: z.array(
    z.object({ at: z.string().describe("The bucket's start; levels are those at its end"), onHand: z.number().int(), reserved: z.number().int(), available: z.number().int(), events: z.number().int() }),
  ),
});

function parseAsOf(text: string | undefined): AsOf | undefined {
  if (text === undefined) return undefined;
  return /^\d+$/.test(text) ? { revision: BigInt(text) } : { time: new Date(text) };
}

function eventAnswer(event: RecordedEvent): z.infer<typeof recordedEvent> {
  return {
    id: event.id,
    type: event.type,
    revision: Number(event.revision),
    position: formatPosition(event.position),
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
    metadata: { ...event.metadata },
  };
}

const streamNotFound = (stream: string, detail?: string) => new ProblemError(404, 'STREAM_NOT_FOUND', 'Stream not found', detail ?? `stream ${stream} has no events`);

/** Time travel for ops: a stream's events and state as of a revision or a time, and a SKU's stock levels over time. */
export const adminStreamRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store } = deps.system;

  api.get(
    '/admin/streams/:stream',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'A stream (e.g. order-<id>, inventory-<sku>) as of a revision or a time: its events and the state they fold to',
        params: z.strictObject({ stream: z.string().min(1).max(300).regex(/^\S+$/, 'a stream name has no whitespace') }),
        querystring: z.strictObject({
          asOf: asOfQuery,
          limit: z.coerce.number().int().min(0).max(1_000).default(100).describe('How many of the newest events to list (the state folds them all)'),
        }),
        response: { 200: streamAnswer, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { stream } = request.params;
      const asOf = parseAsOf(request.query.asOf);
      let result;
      try {
        result = await streamAsOf(store, stream, asOf, { lastEvents: request.query.limit });
      } catch (error) {
        if (error instanceof UnknownStreamCategoryError) throw streamNotFound(stream, error.message);
        throw error;
      }
      // Nothing folded: a stream that does not exist, or a time before it began (which has a state: the initial one).
      if (result.revision < 0n && (asOf === undefined || (await store.readStream(stream, { maxCount: 1 })).length === 0)) throw streamNotFound(stream);
      return {
        stream,
        asOf: asOf === undefined ? null : 'revision' in asOf ? { revision: Number(asOf.revision) } : { time: asOf.time.toISOString() },
        revision: result.revision < 0n ? null : Number(result.revision),
        eventCount: Number(result.revision + 1n),
        events: result.events.map(eventAnswer),
        state: result.state,
      };
    },
  );

  api.get(
    '/admin/inventory/:sku/timeline',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: "A SKU's stock levels over time (on hand, reserved, available per bucket), from its inventory stream",
        params: z.strictObject({ sku: skuSchema }),
        querystring: z.strictObject({
          from: z.iso.datetime({ offset: true }).optional().describe('Inclusive; default: 24 hours before `to`'),
          to: z.iso.datetime({ offset: true }).optional().describe('Exclusive; default: now'),
          bucket: z.string().max(16).default('1h').describe('Bucket width: 500ms, 30s, 15m, 1h, 1d, 1w'),
        }),
        response: { 200: timelineAnswer, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { sku } = request.params;
      const { bucket } = request.query;
      const to = request.query.to ? new Date(request.query.to) : new Date();
      const from = request.query.from ? new Date(request.query.from) : new Date(to.getTime() - DAY_MS);
      const width = parseDuration(bucket);
      const invalid = (path: string, message: string) => problems.validation([{ path: `querystring.${path}`, message }]);
      if (width === undefined) throw invalid('bucket', 'must be a duration such as 15m, 1h or 1d');
      if (from.getTime() >= to.getTime()) throw invalid('from', 'must be before to');
      if (Math.ceil((to.getTime() - from.getTime()) / width) > MAX_TIMELINE_BUCKETS) throw invalid('bucket', `too narrow: at most ${MAX_TIMELINE_BUCKETS} buckets`);
      const stream = inventoryStreamName(sku);
      if ((await store.readStream(stream, { maxCount: 1 })).length === 0) throw problems.notFound('SKU', sku);
      const timeline = await inventoryTimeline(store, sku, { from, to, bucket: width });
      return { ...timeline, bucket };
    },
  );
};
