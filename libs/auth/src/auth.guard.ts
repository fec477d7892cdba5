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
import type { Principal } from './principal';
import { TokensService } from './tokens.service';

// architecture.md §3: these, and nothing else, answer without a token. (The OpenAPI page is served
// by Swagger outside the Nest router, so it never reaches this guard.)
const PUBLIC_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

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

    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new UnauthorizedException('Missing bearer token (Authorization: Bearer <token>)');
    const principal = await this.tokens.resolve(match[1]);
    if (!principal) throw new UnauthorizedException('Invalid or revoked token');
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
