export * from './affinity-pool';
export * from './database.module';
export * from './data-source-options';
export * from './pool-stats';
export * from './redis.service';
export * from './health-probe.service';
export * from './queues.module';
export * from './database-clusters';
