import { InvalidStreamNameError } from './errors.js';

/** `inventory-SKU-123` belongs to category `inventory`: the part before the first dash. */
export function categoryOf(streamName: string): string {
  const dash = streamName.indexOf('-');
  if (dash <= 0 || dash === streamName.length - 1) throw new InvalidStreamNameError(streamName);
  return streamName.slice(0, dash);
}
