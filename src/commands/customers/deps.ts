import type { CustomerKeyStore } from '../../eventstore/pii/customer-key-store.js';
import type { CommandContext } from '../command-context.js';
import type { CommandHandlers } from '../command-handlers.js';
import type { PasswordHasher } from './password-hasher.js';

export interface CustomerAccountsDeps {
  /** Handlers built on the PII-encrypting store (see withPiiEncryption). */
  readonly commands: Pick<CommandHandlers, 'customer' | 'emailClaim'>;
  readonly keys: CustomerKeyStore;
  readonly passwords: PasswordHasher;
  /** See resolveEmailHashSecret. */
  readonly emailHashSecret: Buffer;
  readonly now?: () => Date;
}

/**
 * The context of one step of a multi-step flow: its own command id (event ids derive from it, and
 * every step appends different events), correlated with the flow's.
 */
export function stepContext(context: CommandContext, step: string): CommandContext {
  return {
    ...context,
    commandId: `${context.commandId}/${step}`,
    correlationId: context.correlationId ?? context.commandId,
    causationId: context.causationId ?? context.commandId,
  };
}
