import { customerIdFor } from '../commands/customers/index.js';
import { demoSellers } from './demo-catalog.js';
import { accountCommandId, demoLogins, shopperPassword } from './demo-logins.js';
import type { PlannedAccount } from './demo-plan.js';
import { fakerFor } from './plan-catalog.js';

export interface PlannedAccounts {
  readonly all: readonly PlannedAccount[];
  readonly demoCustomer: PlannedAccount;
  /** In demoSellers order. */
  readonly sellers: readonly PlannedAccount[];
  /** The demo customer first, then the generated shoppers. */
  readonly shoppers: readonly PlannedAccount[];
}

const account = (email: string, name: string, password: string, roles: PlannedAccount['roles']): PlannedAccount => {
  const commandId = accountCommandId(email);
  return { customerId: customerIdFor(commandId), commandId, email, name, password, roles };
};

/** Letters only: faker names carry apostrophes and accents that make poor local parts. */
const localPart = (text: string) =>
  text
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/** The admin, the demo customer, five sellers and `shoppers` generated shoppers (example.com addresses). */
export function planAccounts(seed: number, shoppers: number): PlannedAccounts {
  const { admin, customer, seller } = demoLogins;
  const demoCustomer = account(customer.email, customer.name, customer.password, ['customer']);
  const sellers = demoSellers.map((s, i) =>
    account(s.email, i === 0 ? seller.name : fakerFor(seed, 9, i).person.fullName(), seller.password, ['customer', 'seller']),
  );
  const generated = Array.from({ length: shoppers }, (_, i) => {
    const faker = fakerFor(seed, 2, i);
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    // The index keeps addresses unique however often faker repeats a name.
    return account(`${localPart(first)}.${localPart(last)}.${i + 1}@example.com`, `${first} ${last}`, shopperPassword, ['customer']);
  });
  const all = [account(admin.email, admin.name, admin.password, ['customer', 'admin']), demoCustomer, ...sellers, ...generated];
  return { all, demoCustomer, sellers, shoppers: [demoCustomer, ...generated] };
}
