export { AuthModule, AUTH_SCHEMA } from './auth.module';
export { ApiToken, ROLES } from './api-token.entity';
export type { Role } from './api-token.entity';
export { AllowRoles, CurrentPrincipal, READ_ROLES } from './auth.decorators';
export { canActForUnit } from './principal';
export type { Principal } from './principal';
export { TokensService, hashToken } from './tokens.service';
export type { CreatedToken, TokenListing } from './tokens.service';
export { bearerToken, PUBLIC_PATHS, UNAUTHORIZED_BODY } from './auth.errors';
