import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@stratum/config';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { PasswordHasher } from './passwords/password-hasher.service';
import { PlatformAuthController } from './platform-users/platform-auth.controller';
import { PlatformAuthService } from './platform-users/platform-auth.service';
import { PlatformSession } from './platform-users/platform-session.entity';
import { PlatformUser } from './platform-users/platform-user.entity';
import { PlatformUsersService } from './platform-users/platform-users.service';
import { SuperAdminBootstrap } from './platform-users/super-admin.bootstrap';
import { Session } from './sessions/session.entity';
import { SessionIssuer } from './sessions/session-issuer.service';
import { AuthenticationGuard } from './tokens/authentication.guard';
import { JwtStrategy } from './tokens/jwt.strategy';
import { SessionRevocations } from './tokens/session-revocations.service';
import { JWT_ISSUER, TokenService } from './tokens/token.service';
import { User } from './users/user.entity';
import { TenantUsersService } from './users/tenant-users.service';

@Global()
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.JWT_SECRET,
        signOptions: { algorithm: 'HS256', issuer: JWT_ISSUER },
        verifyOptions: { algorithms: ['HS256'], issuer: JWT_ISSUER },
      }),
    }),
    TypeOrmModule.forFeature([User, Session, PlatformUser, PlatformSession]),
  ],
  controllers: [AuthController, PlatformAuthController],
  providers: [
    PasswordHasher,
    TokenService,
    SessionRevocations,
    SessionIssuer,
    JwtStrategy,
    AuthenticationGuard,
    AuthService,
    PlatformAuthService,
    PlatformUsersService,
    SuperAdminBootstrap,
    TenantUsersService,
  ],
  exports: [AuthenticationGuard, PasswordHasher, TokenService, PlatformUsersService, TenantUsersService, SessionRevocations],
})
export class IdentityModule {}
