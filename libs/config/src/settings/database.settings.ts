import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { parseClusterList } from '../database-clusters';
import { emptyToUndefined, IntRange, Setting, Settings, SettingsGroup, toBool } from './setting';

/** PostgreSQL: where it is and how the one shared pool behaves. */
@SettingsGroup('database', 'Database')
export class DatabaseSettings extends Settings {
  @Setting({
    description:
      "PostgreSQL connection URL, as the app's own login role, not a superuser: it owns the tables and creates schemas and tenant roles (see [Database role](#database-role))",
    default: '— (required; `npm start`/`npm test` provide one)',
    sensitive: true,
    example: 'postgres://postgres@127.0.0.1:5432/stratum',
  })
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL: string;

  @Setting({ description: 'connections in the one shared pool, whatever the number of tenants' })
  @IntRange(2, 500)
  DATABASE_POOL_SIZE = 20;

  @Setting({ description: "`application_name` of the pool's connections (visible in `pg_stat_activity`)" })
  @IsString()
  @MaxLength(63)
  DATABASE_APPLICATION_NAME = 'stratum';

  @Setting({
    description:
      "each pooled connection serves its own share of the tenants first (a hash of the tenant), so PostgreSQL backends keep finding a tenant's catalogue entries warm and each caches a share of the tenants, not all of them (see [Many tenants, several clusters](#many-tenants-several-clusters))",
  })
  @Transform(toBool)
  @IsBoolean()
  DATABASE_POOL_AFFINITY = true;

  @Setting({
    description:
      "how long a tenant's work waits for its own connection, busy with other tenants, before it takes any free one (never when that connection is busy with the same tenant)",
  })
  @IntRange(0, 10_000)
  DATABASE_POOL_AFFINITY_WAIT_MS = 50;

  @Setting({
    description:
      'with `DATABASE_POOL_AFFINITY`, a pooled connection is closed once it has served this many distinct tenants: a backend keeps the catalogue of every schema it touched until it exits, so this bounds its memory; `0` never',
  })
  @IntRange(0, 10_000_000)
  DATABASE_POOL_MAX_TENANTS = 1_000;

  @Setting({
    description:
      'a pooled connection is closed after this many uses and a fresh one opened when needed (with `DATABASE_POOL_AFFINITY` off, this is what bounds the schemas a backend caches); `0` never',
  })
  @IntRange(0, 10_000_000)
  DATABASE_POOL_MAX_USES = 50_000;

  @Setting({ description: 'a pooled connection is closed once this old (when it is next released); `0` never' })
  @IntRange(0, 604_800)
  DATABASE_POOL_MAX_LIFETIME_SECONDS = 1_800;

  @Setting({
    description:
      'further PostgreSQL servers tenants may live on, `name=postgres://…[,name=postgres://…]` (names: lowercase letters, digits, `_`, `-`); `DATABASE_URL` is the cluster `main` and holds the platform schema. One pool of `DATABASE_POOL_SIZE` per cluster',
    sensitive: true,
  })
  @Transform(emptyToUndefined)
  @IsOptional()
  @ValidateBy({
    name: 'isClusterList',
    validator: {
      validate: (value: unknown) => {
        try {
          parseClusterList(value as string);
          return true;
        } catch {
          return false;
        }
      },
      defaultMessage: () =>
        'DATABASE_CLUSTERS must be comma-separated name=postgres://… pairs (names: lowercase letters, digits, "_" and "-"; not "main"; each once)',
    },
  })
  DATABASE_CLUSTERS?: string;

  /** The extra clusters of DATABASE_CLUSTERS, by name. */
  get databaseClusters(): Record<string, string> {
    return parseClusterList(this.DATABASE_CLUSTERS);
  }
}
