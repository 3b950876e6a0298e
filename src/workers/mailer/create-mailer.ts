import type { Kysely } from 'kysely';
import type { Mailer } from './mailer.js';
import { createOutboxMailer } from './outbox/outbox-mailer.js';
import { createSmtpMailer } from './smtp/smtp-mailer.js';

/** SMTP when a server is configured; the outbox table otherwise. */
export function createMailer(options: { readonly smtpUrl: string | undefined; readonly db: Kysely<unknown> }): Mailer {
  return options.smtpUrl ? createSmtpMailer(options.smtpUrl) : createOutboxMailer(options.db);
}
