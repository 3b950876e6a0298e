import type { Logger } from 'pino';
import type { BootstrapAdminResult, CustomerAccounts } from '../commands/customers/index.js';

export interface AdminCredentials {
  readonly email: string;
  readonly password: string;
}

/** Where the two settings come from: the loaded `Config` (which declares both) or `process.env`. */
export type AdminSettings = Readonly<{ ADMIN_EMAIL?: string | undefined; ADMIN_PASSWORD?: string | undefined }>;

/** `ADMIN_EMAIL` and `ADMIN_PASSWORD`, both or neither (the password never reaches a log). */
export function adminCredentialsFromEnv(env: AdminSettings = process.env): AdminCredentials | undefined {
  const email = env['ADMIN_EMAIL']?.trim();
  const password = env['ADMIN_PASSWORD'];
  if (!email && !password) return undefined;
  if (!email || !password) throw new Error('set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither');
  return { email, password };
}

/** What bootstrapAdmin did, in one line for a log or a terminal (never the password). */
export function describeBootstrap(email: string, result: BootstrapAdminResult): string {
  if (!result.ok) return `could not make ${email} an admin: ${result.error.code} (${result.error.message})`;
  const what =
    result.outcome === 'created'
      ? `created the admin account ${email}`
      : result.outcome === 'promoted'
        ? `${email} (an existing account) is now an admin`
        : `${email} is already an admin`;
  const password =
    result.password === 'kept'
      ? '; its password was NOT changed: it differs from the one given (use `commerce create-admin --reset-password` to set it)'
      : result.password === 'reset'
        ? '; its password was reset to the one given'
        : '';
  return `${what} (customer id ${result.customerId})${password}`;
}

/**
 * For `npm start`: the first admin from the environment, on every start (idempotent). An existing
 * account is given the admin role; its password is left alone if it differs (an admin who changed
 * it must not have it reset by a restart), with a warning.
 */
export async function bootstrapAdminFromEnv(
  customers: Pick<CustomerAccounts, 'bootstrapAdmin'>,
  logger: Logger,
  env: AdminSettings = process.env,
): Promise<BootstrapAdminResult | undefined> {
  const credentials = adminCredentialsFromEnv(env);
  if (!credentials) return undefined;
  const result = await customers.bootstrapAdmin(credentials);
  const message = describeBootstrap(credentials.email, result);
  if (!result.ok || result.password === 'kept') logger.warn(message);
  else logger.info(message);
  return result;
}
