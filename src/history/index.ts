/** History for analysts and ops: time travel, stock timelines, export and replay of the log. */
export { streamAsOf, type AsOf, type StreamAsOf, type StreamAsOfOptions } from './stream-as-of.js';
export {
  inventoryTimeline,
  MAX_TIMELINE_BUCKETS,
  type InventoryLevelPoint,
  type InventoryTimeline,
  type InventoryTimelineOptions,
} from './inventory-timeline.js';
export { parseDuration } from './duration.js';
export { stateToJson, type Json } from './state-json.js';
export { streamFoldFor, streamFolds, UnknownStreamCategoryError, type StreamFold } from './stream-deciders.js';
export { eventUpcasters } from './event-upcasters.js';
export { exportedEventSchema, exportColumns, toExportedEvent, type ExportedEvent, type ParsedExportedEvent } from './export/event-record.js';
export {
  DEFAULT_EXPORT_PAGE_SIZE,
  exportEventPages,
  type ExportFilter,
  type ExportProgress,
  type ExportReadOptions,
} from './export/export-events.js';
export { csvHeader, csvRows, exportFormats, exportLines, ndjsonLines, type ExportFormat, type ExportLinesOptions } from './export/export-lines.js';
export { readNdjsonEvents, ReplayInputError } from './replay/read-ndjson.js';
export { replayEvents, ReplayConflictError, type ReplayOptions, type ReplayProgress, type ReplaySummary } from './replay/replay-events.js';
