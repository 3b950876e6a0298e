/**
 * A job's id outside the queue system (admin API, logs): `<queue>.<id within the queue>`. Queue
 * names hold no dot, so the first dot splits it; ids hold only URL-safe characters.
 */
export const publicJobId = (queue: string, id: string): string => `${queue}.${id}`;

export function parsePublicJobId(text: string): { readonly queue: string; readonly id: string } | undefined {
  const dot = text.indexOf('.');
  if (dot <= 0 || dot === text.length - 1) return undefined;
  return { queue: text.slice(0, dot), id: text.slice(dot + 1) };
}
