import { Controller, Get, Headers, Inject, Module, OnModuleDestroy, Query } from '@nestjs/common';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, paginate, parseSort, quoteIdent } from '@stratum/common';
import { AppConfig } from '@stratum/config';
import { dataSourceOptions } from '@stratum/database';
import { SessionRevocations } from '@stratum/identity';
import { ListProjectsQueryDto, Project } from '@stratum/projects';
import { Public } from '@stratum/rbac';
import { DataSource } from 'typeorm';

const BASELINE_DS = Symbol('BASELINE_DS');

/**
 * The baseline for the tenancy benchmark: GET /api/v1/projects without tenancy. It runs the same
 * code as the product route (token verification and revocation check, the permission SQL, the
 * TypeORM query builder and keyset pagination of ProjectsService.list) on a pool of the same size
 * whose connections already sit in one tenant's schema (search_path fixed at connect), so it
 * needs no tenant resolution, no transaction and no SET LOCAL. Mounted by the benchmark only.
 */
@ApiExcludeController()
@Controller('bench')
class BaselineController {
  constructor(
    @Inject(BASELINE_DS) private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly revocations: SessionRevocations,
  ) {}

  @Get('projects')
  @Public()
  async list(@Headers('authorization') authorization: string, @Query() query: ListProjectsQueryDto) {
    const claims = await this.jwt
      .verifyAsync<{ sub: string; sid: string; tid: string; iat: number; exp: number }>(authorization.replace(/^Bearer /, ''), {
        audience: 'stratum:tenant',
      })
      .catch(() => null);
    if (!claims || (await this.revocations.isRevoked({ ...claims, realm: 'tenant' }))) throw new DomainError('UNAUTHENTICATED');
    const rows = await this.dataSource.query(
      `SELECT u.status, r.key, r.is_system, r.permissions
           FROM users u
           LEFT JOIN user_roles ur ON ur.user_id = u.id AND (ur.expires_at IS NULL OR ur.expires_at > now())
           LEFT JOIN roles r ON r.id = ur.role_id
          WHERE u.id = $1`,
      [claims.sub],
    );
    if (!rows.length || rows[0].status !== 'active') throw new DomainError('FORBIDDEN');
    const qb = this.dataSource.getRepository(Project).createQueryBuilder('p');
    return paginate(
      qb,
      parseSort<Project>(query.sort, { createdAt: 'created_at', name: 'name' }, '-createdAt'),
      query.limit ?? 20,
      query.cursor,
    );
  }
}

class BaselinePool implements OnModuleDestroy {
  constructor(@Inject(BASELINE_DS) private readonly dataSource: DataSource) {}
  async onModuleDestroy() {
    await this.dataSource.destroy();
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
  providers: [
    {
      provide: BASELINE_DS,
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        const schema = process.env.BENCH_BASELINE_SCHEMA;
        if (!schema) throw new Error('BENCH_BASELINE_SCHEMA is required');
        const options = dataSourceOptions(config);
        const ds = new DataSource({
          ...options,
          entities: [Project],
          extra: {
            ...options.extra,
            application_name: `${config.DATABASE_APPLICATION_NAME}-baseline`,
            options: `-c search_path=${quoteIdent(schema)}`,
          },
        });
        return ds.initialize();
      },
    },
    BaselinePool,
  ],
})
export class BenchModule {}
