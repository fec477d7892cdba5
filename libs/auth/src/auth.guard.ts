import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from './api-token.entity';
import { ROLES_KEY } from './auth.decorators';
import { bearerToken, PUBLIC_PATHS, UNAUTHORIZED_BODY } from './auth.errors';
import type { Principal } from './principal';
import { TokensService } from './tokens.service';

// architecture.md §3: PUBLIC_PATHS, and nothing else, answer without a token. (The OpenAPI page is
// served by Swagger outside the Nest router, so it never reaches this guard.)

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokensService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Message handlers are reached only over the internal transport, not with bearer tokens.
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    if (PUBLIC_PATHS.has(req.path)) return true;

    // The host's pre-body check usually resolved it already (limits before work); the same 401 if not.
    const token = bearerToken(req.headers.authorization);
    const principal = req.principal ?? (token ? await this.tokens.resolve(token) : null);
    if (!principal) throw new UnauthorizedException(UNAUTHORIZED_BODY);
    req.principal = principal;

    if (principal.role === 'admin') return true;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!allowed?.includes(principal.role)) {
      throw new ForbiddenException(`The ${principal.role} role may not ${req.method} ${req.path}`);
    }
    return true;
  }
}
