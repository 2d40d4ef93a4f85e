export * from './audit.module';
export * from './catalogue';
export * from './chain';
export * from './audit-writer.service';
export * from './audit-query.service';
export * from './audit-hooks';
export * from './audit-retention.service';
