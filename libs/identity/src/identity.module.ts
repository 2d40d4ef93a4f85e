import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { JwtModule, JwtSecretRequestType } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthSettings, JwtKeys } from '@stratum/config';
import { ApiKey } from './api-keys/api-key.entity';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { ACCOUNT_PAGE_PATHS } from './account-pages/account-page';
import { AccountPageMiddleware } from './account-pages/account-page.middleware';
import { AccountPagesController } from './account-pages/account-pages.controller';
import { AccountRecoveryController } from './auth/account-recovery.controller';
import { AccountService } from './auth/account.service';
import { PlatformAuthController } from './auth/platform-auth.controller';
import { TenantAuthController } from './auth/tenant-auth.controller';
import { InvitationService } from './invitations/invitation.service';
import { UserAccessController } from './invitations/user-access.controller';
import { LoginEvent } from './login/login-event.entity';
import { LoginHistory } from './login/login-history.service';
import { LoginService } from './login/login.service';
import { MfaService } from './mfa/mfa.service';
import { MfaRecoveryCode } from './mfa/recovery-code.entity';
import { PasswordHasher } from './passwords/password-hasher.service';
import { PasswordResetService } from './passwords/password-reset.service';
import {
  PlatformLoginEvent,
  PlatformMfaRecoveryCode,
  PlatformRefreshToken,
  PlatformSession,
} from './platform-users/platform-session.entity';
import { PlatformUser } from './platform-users/platform-user.entity';
import { PlatformUsersService } from './platform-users/platform-users.service';
import { SuperAdminBootstrap } from './platform-users/super-admin.bootstrap';
import { PlatformRealm } from './realm/platform-realm';
import { TenantRealm } from './realm/tenant-realm';
import { RefreshToken, Session } from './sessions/session.entity';
import { SessionService } from './sessions/session.service';
import { AuthenticationGuard } from './tokens/authentication.guard';
import { JwtStrategy } from './tokens/jwt.strategy';
import { SessionRevocations } from './tokens/session-revocations.service';
import { JWT_ISSUER, TokenService } from './tokens/token.service';
import { TenantUsersService } from './users/tenant-users.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';
import { User } from './users/user.entity';
import { UserToken } from './user-tokens/user-token.entity';
import { UserTokensService } from './user-tokens/user-tokens.service';

@Global()
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [AuthSettings],
      useFactory: (config: AuthSettings) => {
        const keys = config.jwtKeys;
        return {
          // Signing uses the current key (named in `kid`); verifying picks the key the token names.
          secretOrKeyProvider: (type: JwtSecretRequestType, token: string | object | Buffer) =>
            type === JwtSecretRequestType.SIGN
              ? keys.currentSecret
              : (keys.secretFor(JwtKeys.kidOf(String(token))) ?? randomBytes(32).toString('hex')),
          signOptions: { algorithm: 'HS256', issuer: JWT_ISSUER, keyid: keys.currentId },
          verifyOptions: { algorithms: ['HS256'], issuer: JWT_ISSUER },
        };
      },
    }),
    TypeOrmModule.forFeature([
      User,
      Session,
      RefreshToken,
      LoginEvent,
      MfaRecoveryCode,
      UserToken,
      ApiKey,
      PlatformUser,
      PlatformSession,
      PlatformRefreshToken,
      PlatformLoginEvent,
      PlatformMfaRecoveryCode,
    ]),
  ],
  controllers: [
    TenantAuthController,
    PlatformAuthController,
    AccountRecoveryController,
    UsersController,
    UserAccessController,
    ApiKeysController,
    AccountPagesController,
  ],
  providers: [
    PasswordHasher,
    TokenService,
    SessionRevocations,
    SessionService,
    JwtStrategy,
    AuthenticationGuard,
    TenantRealm,
    PlatformRealm,
    LoginHistory,
    MfaService,
    LoginService,
    AccountService,
    UserTokensService,
    PasswordResetService,
    InvitationService,
    ApiKeysService,
    PlatformUsersService,
    SuperAdminBootstrap,
    TenantUsersService,
    UsersService,
  ],
  exports: [
    AuthenticationGuard,
    PasswordHasher,
    TokenService,
    PlatformUsersService,
    TenantUsersService,
    SessionRevocations,
    InvitationService,
    ApiKeysService,
    TenantRealm,
    PlatformRealm,
    SessionService,
    LoginService,
    LoginHistory,
    UsersService,
  ],
})
export class IdentityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AccountPageMiddleware).forRoutes(...ACCOUNT_PAGE_PATHS.map((p) => p.slice(1)));
  }
}
