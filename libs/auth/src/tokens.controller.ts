import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { apiSchema, ZodValidationPipe } from '@cchc/validation';
import { CurrentPrincipal } from './auth.decorators';
import type { Principal } from './principal';
import { ROLES } from './api-token.entity';
import { CreatedToken, TokenListing, TokensService } from './tokens.service';

const unitCode = z.string().regex(/^[a-z0-9-]{1,32}$/, 'unit codes are [a-z0-9-]{1,32}');
const createTokenSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: z.enum(ROLES as [string, ...string[]]).transform((r) => r as (typeof ROLES)[number]),
    units: z.array(unitCode).max(200).default([]),
  })
  .refine((t) => !(t.role === 'editor' || t.role === 'ingest') || t.units.length > 0, {
    message: 'editor and ingest tokens need at least one unit code',
    path: ['units'],
  });

/** Token administration (admin only: no AllowRoles). */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/auth/tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Post()
  @ApiBody({ schema: apiSchema(createTokenSchema) })
  create(
    @Body(new ZodValidationPipe(createTokenSchema, 'token')) body: z.infer<typeof createTokenSchema>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreatedToken> {
    return this.tokens.create(body, principal);
  }

  @Get()
  list(): Promise<TokenListing[]> {
    return this.tokens.list();
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    if (!(await this.tokens.revoke(id, principal))) throw new NotFoundException(`No active token ${id}`);
  }
}
