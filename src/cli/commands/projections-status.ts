import { formatPosition } from '../../eventstore/position.js';
import type { Position } from '../../eventstore/types.js';
import { inspectProjection, type ProjectionReport } from '../../projections/runner/projection-report.js';
import type { SqlProjection } from '../../projections/runner/sql-projection.js';
import { formatCount, formatTable } from '../format-table.js';
import type { ProjectionContext } from '../open-projection-context.js';

const position = (p: Position | undefined) => (p && (p.commit !== 0n || p.prepare !== 0n) ? formatPosition(p) : '-');

function lag(report: ProjectionReport): string {
  return `${report.lagEventsCapped ? '≥' : ''}${formatCount(report.lagEvents)}`;
}

function version(report: ProjectionReport): string {
  if (report.liveVersion === undefined || report.liveVersion === report.version) return String(report.version);
  // The code is newer (or older) than what readers see: a rebuild is due or under way.
  return `${report.version} (live ${report.liveVersion})`;
}

export function formatStatusTable(reports: readonly ProjectionReport[]): string {
  const rows: string[][] = [];
  for (const r of reports) {
    rows.push([
      r.name,
      version(r),
      r.generation === undefined ? '-' : String(r.generation),
      r.state,
      position(r.checkpoint),
      position(r.head),
      lag(r),
      r.lagSeconds.toFixed(1),
      r.lastError ?? '',
    ]);
    if (r.building) {
      const left = `${r.building.remainingCapped ? '≥' : ''}${formatCount(r.building.remaining)}`;
      rows.push([`  ↳ building`, String(r.building.version), String(r.building.generation), 'building', '', '', left, '', '']);
    }
  }
  return formatTable(['PROJECTION', 'VERSION', 'GEN', 'STATE', 'CHECKPOINT', 'HEAD', 'LAG (events)', 'LAG (s)', 'LAST ERROR'], rows);
}

/** JSON for scripts: positions as "<commit>.<prepare>" strings (bigints do not survive JSON). */
export function statusJson(reports: readonly ProjectionReport[]): string {
  return JSON.stringify(
    reports.map((r) => ({ ...r, checkpoint: r.checkpoint && formatPosition(r.checkpoint), head: r.head && formatPosition(r.head) })),
    null,
    2,
  );
}

export async function projectionsStatus(
  ctx: Pick<ProjectionContext, 'store' | 'db' | 'lock'>,
  projections: readonly SqlProjection[],
): Promise<ProjectionReport[]> {
  const reports: ProjectionReport[] = [];
  for (const projection of projections) reports.push(await inspectProjection(ctx.store, ctx.db, projection, { lock: ctx.lock }));
  return reports;
}
