import type { Role } from '../../domain/shared/index.js';

/**
 * Who may call a route. Every /api route declares one (`config: { access }`); the app refuses to
 * start otherwise, so the authorization matrix has no blank cells. `public` routes still see a
 * signed-in caller when a token is sent. Ownership (my cart, my product) is checked by the handler.
 */
export type Access = 'public' | 'customer' | 'seller' | 'admin';

export interface Principal {
  readonly customerId: string;
  readonly roles: readonly Role[];
}

export function allows(access: Access, principal: Principal | undefined): boolean {
  switch (access) {
    case 'public':
      return true;
    case 'customer':
      return principal !== undefined;
    case 'seller':
      return principal !== undefined && (principal.roles.includes('seller') || principal.roles.includes('admin'));
    case 'admin':
      return principal !== undefined && principal.roles.includes('admin');
  }
}

export const isAdminPrincipal = (principal: Principal | undefined): boolean => principal?.roles.includes('admin') ?? false;
