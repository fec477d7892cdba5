import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from './api-token.entity';
import type { Principal } from './principal';

export const ROLES_KEY = 'cchc:roles';

/**
 * Roles allowed on a route besides `admin` (always allowed). A route without it is admin-only:
 * the safe default.
 */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Roles that may read: viewer, the editor's read side and the reviewer (reads everything). */
export const READ_ROLES: Role[] = ['viewer', 'editor', 'reviewer'];

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal =>
    ctx.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
