export * from './platform.module';
export * from './tenants/tenants.service';
export * from './tenants/tenant-purge.service';
export * from './tenants/dto/tenant.dto';
export * from './catalogue';
export * from './queues/platform-queues.module';
export * from './queues/queues.service';
