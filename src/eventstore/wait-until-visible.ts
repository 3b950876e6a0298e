import { comparePositions } from './position.js';
import type { EventStore, Position } from './types.js';

/**
 * Waits until readers of the global log can see `position` (an acknowledged append). In the SQL
 * stores a reader sees only transactions older than every write transaction still running on the
 * server, so an append can stay invisible to `readAll` for as long as some unrelated write
 * transaction runs. Resolves false when the time runs out.
 */
export async function waitUntilVisible(store: EventStore, position: Position, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await store.headPosition();
    if (head && comparePositions(head, position) >= 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
