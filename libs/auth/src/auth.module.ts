import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseModule } from '@cchc/database';
import { ApiToken } from './api-token.entity';
import { AuthGuard } from './auth.guard';
import { MeController } from './me.controller';
import { CreateApiToken1764130000000 } from './migrations/1764130000000-CreateApiToken';
import { AllowReviewerRole1796099720558 } from './migrations/1796099720558-AllowReviewerRole';
import { TokensController } from './tokens.controller';
import { AUTH_CONNECTION, TokensService } from './tokens.service';

/**
 * Bearer-token authentication for every HTTP route (architecture.md §3). Tokens live in the `auth`
 * schema, shared by the services of one deployment: it belongs to this library, not to a service.
 */
export const AUTH_SCHEMA = {
  name: AUTH_CONNECTION,
  schema: 'auth',
  entities: [ApiToken],
  migrations: [CreateApiToken1764130000000, AllowReviewerRole1796099720558],
};

@Module({
  imports: [DatabaseModule.forSchema(AUTH_SCHEMA), TypeOrmModule.forFeature([ApiToken], AUTH_CONNECTION)],
  controllers: [TokensController, MeController],
  providers: [TokensService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokensService],
})
export class AuthModule {}
