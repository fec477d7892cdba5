import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ROLES } from './api-token.entity';
import { AllowRoles, CurrentPrincipal } from './auth.decorators';
import type { Principal } from './principal';

/** Who am I: what a client (the web console) needs to show a role only what it may do. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/auth/me')
export class MeController {
  @Get()
  // Every role may ask who it is; ROLES grows with new roles, so none is left out.
  @AllowRoles(...ROLES)
  me(@CurrentPrincipal() principal: Principal): { name: string; role: string; units: readonly string[] } {
    return { name: principal.name, role: principal.role, units: principal.units };
  }
}
