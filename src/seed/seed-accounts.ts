import type { DemoPlan } from './demo-plan.js';
import { forEachLimited, SeedError, type SeedProgress } from './seed-support.js';
import type { SeedTarget } from './seed-target.js';

/**
 * Registers every planned account through the real registration flow (email claim, encrypted
 * PII). The command id is fixed per email, so a registration that happened before is recognised
 * and answered without hashing or appending anything. An account erased since is left erased.
 */
export async function seedAccounts(target: SeedTarget, plan: DemoPlan, progress: SeedProgress): Promise<number> {
  progress.phase('accounts', plan.accounts.length);
  let registered = 0;
  await forEachLimited(plan.accounts, 8, async (account) => {
    const result = await target.accounts.registerCustomer(
      { email: account.email, name: account.name, password: account.password, roles: account.roles },
      { commandId: account.commandId },
    );
    // Erased since it was seeded (someone tried erasure on the demo): that is the account's history now.
    if (!result.ok && result.error.code === 'CUSTOMER_ERASED') return progress.advance();
    if (!result.ok) {
      const hint = result.error.code === 'EMAIL_TAKEN' ? ' by an account the seed did not create' : '';
      throw new SeedError(`registering ${account.email}: ${result.error.code}${hint} (${result.error.message})`);
    }
    if (result.position !== undefined) registered++;
    progress.advance();
  });
  return registered;
}
