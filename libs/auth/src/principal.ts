import type { Role } from './api-token.entity';

/** Who is calling: resolved from the bearer token by the AuthGuard. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
  /** First characters of the token (never the token), as the audit trail names the caller. */
  prefix: string;
  /** Unit codes an editor or ingest token is scoped to. */
  units: readonly string[];
}

/** Admins act for every unit; editors and ingest tokens only for the units they carry. */
export function canActForUnit(principal: Principal, unitCode: string): boolean {
  return principal.role === 'admin' || principal.units.includes(unitCode);
}
