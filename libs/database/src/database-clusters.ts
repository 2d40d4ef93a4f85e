import { Logger } from '@nestjs/common';
import { DatabaseSettings, MAIN_CLUSTER } from '@stratum/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { pgPool, PoolMonitor } from './pool-stats';

/**
 * The PostgreSQL clusters tenants live on, one DataSource (one bounded pool) each: `main`
 * (DATABASE_URL, which also holds the platform schema) and those of DATABASE_CLUSTERS. Pools are
 * per cluster, never per tenant: the connections of a process are bounded by
 * DATABASE_POOL_SIZE times the number of clusters, whatever the number of tenants.
 */
export class DatabaseClusters {
  private static readonly logger = new Logger('DatabaseClusters');

  private constructor(
    private readonly sources: Map<string, DataSource>,
    /** The clusters this process reaches as a superuser (warned about when opened). */
    readonly superuser: string[] = [],
  ) {
    for (const ds of sources.values()) if (ds.isInitialized) PoolMonitor.of(pgPool(ds));
  }

  /**
   * Opens the clusters of DATABASE_CLUSTERS beside `main` (already initialised), with the same
   * entities and pool settings (`extra` overrides the pool's). Subscribers registered on `main`
   * (transaction hooks) observe every cluster's transactions too.
   */
  static async open(main: DataSource, config: DatabaseSettings, extra: Record<string, unknown> = {}): Promise<DatabaseClusters> {
    const sources = new Map<string, DataSource>([[MAIN_CLUSTER, main]]);
    const entities = main.entityMetadatas
      .map((m) => m.target)
      .filter((t): t is new (...args: never[]) => unknown => typeof t === 'function');
    try {
      for (const [name, url] of Object.entries(config.databaseClusters)) {
        const options = dataSourceOptions(config, url);
        const ds = new DataSource({ ...options, entities, extra: { ...options.extra, ...extra } });
        await ds.initialize();
        Object.assign(ds, { subscribers: main.subscribers });
        sources.set(name, ds);
      }
    } catch (err) {
      await Promise.all([...sources.entries()].filter(([n]) => n !== MAIN_CLUSTER).map(([, ds]) => ds.destroy()));
      throw err;
    }
    if (sources.size > 1) this.logger.log(`database clusters: ${[...sources.keys()].join(', ')}`);
    return new DatabaseClusters(sources, await this.superuserClusters(sources));
  }

  /**
   * A superuser connection passes every privilege check, so PostgreSQL would no longer keep a
   * tenant's transaction in its schema should the app's SQL stray: said loudly at start.
   */
  private static async superuserClusters(sources: Map<string, DataSource>): Promise<string[]> {
    const names: string[] = [];
    for (const [name, ds] of sources) {
      const [row] = await ds.query('SELECT current_user AS role, rolsuper FROM pg_roles WHERE rolname = current_user');
      if (!row?.rolsuper) continue;
      names.push(name);
      this.logger.warn(
        `cluster ${name}: connected as ${row.role}, a superuser, which PostgreSQL lets past every privilege check; connect as the app's own role (README: Database role)`,
      );
    }
    return names;
  }

  /** Just `main` (scripts and tests that work on one cluster). */
  static single(main: DataSource): DatabaseClusters {
    return new DatabaseClusters(new Map([[MAIN_CLUSTER, main]]));
  }

  get main(): DataSource {
    return this.sources.get(MAIN_CLUSTER)!;
  }

  /** Cluster names, `main` first. */
  get names(): string[] {
    return [...this.sources.keys()];
  }

  has(name: string): boolean {
    return this.sources.has(name);
  }

  /** The DataSource of cluster `name`; a name that is not configured is an error (never a silent fallback to main). */
  dataSource(name: string): DataSource {
    const ds = this.sources.get(name);
    if (!ds) throw new Error(`database cluster "${name}" is not configured (DATABASE_CLUSTERS)`);
    return ds;
  }

  entries(): [string, DataSource][] {
    return [...this.sources.entries()];
  }

  /** Opened and closed connections of each cluster's pool. */
  monitor(name: string): PoolMonitor {
    return PoolMonitor.of(pgPool(this.dataSource(name)));
  }

  /** Closes the extra clusters (`main` belongs to whoever opened it). */
  async close(): Promise<void> {
    await Promise.all(
      this.entries()
        .filter(([name, ds]) => name !== MAIN_CLUSTER && ds.isInitialized)
        .map(([, ds]) => ds.destroy()),
    );
  }
}
