import { Controller, Get, Headers, Module, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, quoteIdent } from '@stratum/common';
import { SessionRevocations } from '@stratum/identity';
import { Public } from '@stratum/rbac';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { AppConfig } from '@stratum/config';
import { DataSource } from 'typeorm';

/**
 * The baseline for the tenancy benchmark: the same work as GET /api/v1/projects (verify the
 * token, check session revocation, resolve permissions, list 20 projects) with the same SQL,
 * but schema-qualified on the shared pool: no tenant resolution, no transaction, no SET LOCAL.
 * Mounted only by the benchmark, never by the product.
 */
@ApiExcludeController()
@Controller('bench')
class BaselineController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly revocations: SessionRevocations,
  ) {}

  @Get('projects')
  @Public()
  async list(@Headers('authorization') authorization: string, @Query('schema') schema: string) {
    const claims = await this.jwt
      .verifyAsync<{ sub: string; sid: string }>(authorization.replace(/^Bearer /, ''), { audience: 'stratum:tenant' })
      .catch(() => null);
    if (!claims || (await this.revocations.isRevoked(claims.sid))) throw new DomainError('UNAUTHENTICATED');
    const s = quoteIdent(schema);
    const roles = await this.dataSource.query(
      `SELECT u.status, r.key, r.is_system, r.permissions FROM ${s}.users u
         LEFT JOIN ${s}.user_roles ur ON ur.user_id = u.id AND (ur.expires_at IS NULL OR ur.expires_at > now())
         LEFT JOIN ${s}.roles r ON r.id = ur.role_id WHERE u.id = $1`,
      [claims.sub],
    );
    if (!roles.length) throw new DomainError('FORBIDDEN');
    const rows = await this.dataSource.query(
      `SELECT "p"."id" AS "p_id", "p"."name" AS "p_name", "p"."description" AS "p_description",
              "p"."created_by" AS "p_created_by", "p"."created_at" AS "p_created_at", "p"."updated_at" AS "p_updated_at"
         FROM ${s}."projects" "p" ORDER BY "p"."created_at" DESC, "p"."id" DESC LIMIT 21`,
    );
    const items = rows.slice(0, 20).map((r: Record<string, unknown>) => ({
      id: r.p_id,
      name: r.p_name,
      description: r.p_description,
      createdBy: r.p_created_by,
      createdAt: r.p_created_at,
      updatedAt: r.p_updated_at,
    }));
    return { items, nextCursor: rows.length > 20 ? 'x' : null };
  }
}

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.JWT_SECRET,
        verifyOptions: { algorithms: ['HS256'], issuer: 'stratum' },
      }),
    }),
  ],
  controllers: [BaselineController],
})
export class BenchModule {}
