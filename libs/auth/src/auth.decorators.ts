import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from './api-token.entity';
import type { Principal } from './principal';

export const ROLES_KEY = 'cchc:roles';

/**
 * Roles allowed on a route besides `admin` (always allowed). A route without it is admin-only:
 * the safe default.
 */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Roles that may read: viewer and the two writer roles' read side. */
export const READ_ROLES: Role[] = ['viewer', 'editor'];

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal =>
    ctx.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
